"""The kiosk PIN and badge form: an admin sets and clears them; the PIN is never shown; a
badge is unique in the company; other roles and other companies do not reach it."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from fastapi.testclient import TestClient

from stampla.service import staff
from stampla.service.devices import kiosk, kiosk_access
from stampla.service.roles import Role
from tests.web.conftest import alert, csrf_of, sign_in, text

PAGE = "/web/employees/3002/kiosk"


def _post(web, **form):
    csrf = csrf_of(web.get(PAGE).text)
    return web.post(PAGE, data={"csrf": csrf, **form}, follow_redirects=False)


def test_an_admin_sets_and_clears_the_pin_and_the_badge(web, store, company, clock):
    page = web.get(PAGE)
    assert page.status_code == 200
    assert "No PIN is set." in text(page.text) and "No badge." in text(page.text)
    assert PAGE in web.get("/web/employees/3002/edit").text  # linked from the employee

    assert _post(web, action="set_pin", pin="12").status_code == 400
    saved = _post(web, action="set_pin", pin="4711")
    assert saved.status_code == 303
    page = text(web.get(saved.headers["location"]).text)
    assert "A PIN is set." in page and "4711" not in page
    secret = kiosk.new_secret(store, company.id, 1, clock())
    opened = kiosk.open_kiosk(store, 1, secret)
    found = kiosk.identify(store, opened, kiosk.Credentials("3002", None, "4711"))
    assert found.employee_nr == "3002"

    assert _post(web, action="set_badge", badge="0004711234").status_code == 303
    assert "Badge number: 0004711234" in text(web.get(PAGE).text)
    kiosk_access.set_badge(store, company.id, "3014", "5550001", clock())
    taken = _post(web, action="set_badge", badge="5550001")
    assert taken.status_code == 409
    assert "another employee's" in alert(taken.text)

    assert _post(web, action="clear_badge").status_code == 303
    assert _post(web, action="clear_pin").status_code == 303
    page = text(web.get(PAGE).text)
    assert "No PIN is set." in page and "No badge." in page
    assert not kiosk_access.access_of(store, company.id, "3002").has_pin


def test_only_an_admin_reaches_the_form(app, web, store, company, clock, other_company):
    staff.add_staff_user(store, company.id, "Vera", "viewer-password-123", Role.PAYROLL, clock())
    with TestClient(app) as client:
        assert sign_in(client, company, user_name="vera", password="viewer-password-123")
        assert client.get(PAGE).status_code == 403
        csrf = csrf_of(client.get("/web/attest").text)
        refused = client.post(PAGE, data={"csrf": csrf, "action": "clear_pin"})
        assert refused.status_code == 403
    kiosk_access.set_badge(store, other_company.id, "3002", "777", clock())
    assert "777" not in web.get(PAGE).text  # the same number in another company is not ours
    assert web.post(PAGE, data={"action": "clear_pin"}).status_code == 403  # no CSRF token
    assert web.get("/web/employees/nobody/kiosk").status_code == 404


def test_the_punches_page_marks_a_punch_made_offline(web, store, company, clock):
    secret = kiosk.new_secret(store, company.id, 1, clock())
    opened = kiosk.open_kiosk(store, 1, secret)
    kiosk_access.set_pin(store, company.id, "3002", "4711", clock())
    who = kiosk.Credentials("3002", None, "4711")
    first = clock().astimezone(ZoneInfo("Europe/Stockholm")).date().isoformat()
    kiosk.punch(store, opened, who, clock(), timedelta(minutes=5))
    made = clock() + timedelta(hours=1)
    clock.advance(timedelta(hours=2))
    kiosk.punch(store, opened, who, clock(), timedelta(minutes=5), made_at=made)
    day = made.astimezone(ZoneInfo("Europe/Stockholm")).date().isoformat()
    page = web.get("/web/punches", params={"dateFrom": first, "dateTo": day}).text
    listed = [text(row) for row in re.findall(r"<tr>(.*?)</tr>", page, flags=re.S)][1:]
    assert [("offline" in row) for row in listed] == [False, True]


def test_the_day_panel_marks_a_punch_made_offline(web, store, company, clock):
    if clock().astimezone(ZoneInfo("Europe/Stockholm")).hour >= 22:
        clock.advance(timedelta(hours=3))  # both punches on one local day
    secret = kiosk.new_secret(store, company.id, 1, clock())
    opened = kiosk.open_kiosk(store, 1, secret)
    kiosk_access.set_pin(store, company.id, "3002", "4711", clock())
    who = kiosk.Credentials("3002", None, "4711")
    kiosk.punch(store, opened, who, clock(), timedelta(minutes=5))
    made = clock() + timedelta(minutes=30)
    clock.advance(timedelta(hours=1))
    kiosk.punch(store, opened, who, clock(), timedelta(minutes=5), made_at=made)
    day = made.astimezone(ZoneInfo("Europe/Stockholm")).date().isoformat()
    panel = web.get("/web/attest/day", params={"employeeNr": "3002", "date": day}).text
    (body,) = re.findall(r'<table class="punches">.*?<tbody>(.*?)</tbody>', panel, flags=re.S)
    punch_rows = re.findall(r'<tr id="punch-\d+">(.*?)</tr>', body, flags=re.S)
    assert [("offline" in text(row)) for row in punch_rows] == [False, True]
