"""The kiosk's page: the sign-in form until an admin opens it, then the punch clock, in the
tablet browser's language, with the pages' security headers."""

from __future__ import annotations

import json
from html import unescape

from stampla.service.devices import kiosk, kiosk_access
from tests.web.conftest import text

SWEDISH = {"Accept-Language": "sv-SE,sv;q=0.9"}


def test_the_kiosk_page_signs_in_and_speaks_the_tablets_language(client, store, company, clock):
    closed = client.get("/kiosk/1", headers=SWEDISH)
    assert closed.status_code == 200
    assert "Öppna kiosk 1" in text(closed.text)
    assert "default-src 'self'" in closed.headers["content-security-policy"]
    wrong = client.post("/kiosk/1/sign-in", data={"secret": "no"}, follow_redirects=False)
    assert wrong.status_code == 401
    assert "That is not the secret of this kiosk." in text(wrong.text)

    secret = kiosk.new_secret(store, company.id, 1, clock())
    kiosk_access.configure(store, company.id, 1, clock(), account_level=2, badge_only=True)
    opened = client.post("/kiosk/1/sign-in", data={"secret": secret}, follow_redirects=False)
    assert (opened.status_code, opened.headers["location"]) == (303, "/kiosk/1")
    assert "HttpOnly" in opened.headers["set-cookie"]
    assert "Path=/kiosk/1" in opened.headers["set-cookie"]

    page = client.get("/kiosk/1", headers=SWEDISH)
    assert 'lang="sv"' in page.text
    assert "Anställningsnummer eller bricka" in text(page.text)
    assert 'data-badge-only="true"' in page.text
    assert 'data-text-refused-badge="Den brickan godtas inte här."' in page.text
    accounts = page.text.split('data-accounts="')[1].split('"')[0]
    assert [a["accountNr"] for a in json.loads(unescape(accounts))] == ["100", "4001"]
    actions = page.text.split('data-actions="')[1].split('"')[0]
    assert json.loads(unescape(actions))["Out"] == "Ut"
    assert "Employee number or badge" in text(client.get("/kiosk/1").text)  # English otherwise
    nope = client.get("/kiosk/nope")  # a page, not JSON, for a wrong address
    assert (nope.status_code, nope.headers["content-type"][:9]) == (400, "text/html")
