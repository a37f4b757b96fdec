"""The pages in Swedish and English (docs/web.md, "Languages").

Every text the templates mark has a Swedish translation; a Swedish user gets Swedish words
and Swedish weekday names, switches to English from the menu, and a browser that asks for
Swedish gets it before signing in. The API stays English.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from stampla.service import staff
from stampla.service.roles import Role
from stampla.web.i18n import LOCALE_DIR, from_accept_language
from tests.factories import ENTRY_PATH, entry
from tests.web.conftest import csrf_of, sign_in, text

ROOT = Path(__file__).parents[2]


def test_every_marked_text_has_a_swedish_translation():
    web = ROOT / "src" / "stampla" / "web"
    marked = {
        message if isinstance(message, str) else message[0]
        for _, _, message, *_ in extract_from_dir(
            str(web),
            method_map=[("templates/**.html", "jinja2"), ("labels.py", "python")],
            options_map={"templates/**.html": {"extensions": "jinja2.ext.i18n"}},
        )
    }
    assert "Attest time" in marked and "Missing Out" in marked  # a template's, a label's
    with (LOCALE_DIR / "sv" / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po)
    translated = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in catalog
        if m.id and (m.string if isinstance(m.string, str) else all(m.string))
    }
    assert marked - translated == set(), "run `make messages` and translate the new texts"


@pytest.mark.parametrize(
    ("header", "language"),
    [("sv-SE,sv;q=0.9,en;q=0.8", "sv"), ("en-GB,en;q=0.9", "en"), ("de-DE", "en"), (None, "en")],
)
def test_before_sign_in_the_browser_chooses(header, language):
    assert from_accept_language(header) == language


@pytest.fixture
def swedish(app, store, company, clock, api):
    api.post([entry("3002", "2025-06-12T08:00:00"), entry("3002", "2025-06-12T16:00:00", "Out")])
    staff.add_staff_user(
        store, company.id, "Signe Sörensen", "svenska-lösen-1", Role.PAYROLL, clock()
    )
    with TestClient(app) as browser:
        signed = sign_in(browser, company, user_name="signe sörensen", password="svenska-lösen-1")
        assert signed.status_code == 303
        yield browser


def test_a_swedish_user_reads_swedish_and_switches_to_english(swedish):
    page = swedish.get("/web/attest", params={"dateFrom": "2025-06-12", "dateTo": "2025-06-12"})
    assert page.status_code == 200
    assert '<html lang="sv">' in page.text
    words = text(page.text)
    assert "Attestera tid" in words and "Stämplingsstatus" in words and "Logga ut" in words
    assert "tors 2025-06-12" in words  # Swedish weekday names (CLDR)
    switched = swedish.post(
        "/web/language",
        data={"csrf": csrf_of(page.text), "language": "en"},
        headers={"referer": "http://testserver/web/attest?dateFrom=2025-06-12&dateTo=2025-06-12"},
        follow_redirects=False,
    )
    assert switched.status_code == 303
    assert switched.headers["location"] == "/web/attest?dateFrom=2025-06-12&dateTo=2025-06-12"
    again = swedish.get(switched.headers["location"])
    assert '<html lang="en">' in again.text and "Thu 2025-06-12" in text(again.text)
    refused = swedish.post("/web/language", data={"csrf": csrf_of(again.text), "language": "fi"})
    assert refused.status_code == 400 and "sv or en" in text(refused.text)


def test_the_api_stays_english_for_a_swedish_user(swedish, api):
    body = api.client.post(ENTRY_PATH, params=api.params(), json=[{"EmployeeNr": "3002"}]).json()
    assert body["success"] is False
    assert "TimeStamp" in {problem["field"] for problem in body["errors"]}
    assert "required" in " ".join(problem["message"] for problem in body["errors"]).lower()


@pytest.fixture
def swedish_admin(app, store, company, clock, api):
    api.post([entry("3002", "2025-06-12T08:00:00"), entry("3002", "2025-06-12T09:00:00")])
    staff.add_staff_user(store, company.id, "Sune", "svenska-lösen-2", Role.ADMIN, clock())
    with TestClient(app) as browser:
        signed = sign_in(browser, company, user_name="sune", password="svenska-lösen-2")
        assert signed.status_code == 303
        yield browser


@pytest.mark.parametrize(
    ("path", "words"),
    [
        (
            "/web/attest?month=2025-06",
            ["Endast oattesterade", "Saknar utstämpling", "Allt som visas"],
        ),
        ("/web/attest/problems?month=2025-06", ["Dagar att kontrollera", "tors 12 juni"]),
        ("/web/attest/late-punches", ["Inga sena stämplingar."]),
        (
            "/web/attest/day?employeeNr=3002&date=2025-06-12",
            ["Lägg till saknad stämpling", "Stämplingar:"],
        ),
        ("/web/punches?dateFrom=2025-06-09&dateTo=2025-06-15", ["2 stämplingar från 2025-06-09"]),
        ("/web/employees", ["Anställningsnummer", "Ja"]),
        ("/web/employees/3002/edit", ["Förnamn", "Anställningsvillkor"]),
        ("/web/employees/3002/schedule?week=2025-06-12", ["Föregående vecka", "Inget schema"]),
        ("/web/coding-levels", ["Konteringsnivåer"]),
        ("/web/coding-levels/2", ["Konteringsnivå 2", "Endast läsning här"]),
        ("/web/terminals", ["Närvaroterminal", "företagets"]),
        ("/web/time-codes", ["Beskrivning"]),
        ("/web/rules", ["Lägg till eller ersätt en version"]),
    ],
)
def test_every_page_reads_in_swedish(swedish_admin, path, words):
    page = swedish_admin.get(path)
    assert page.status_code == 200, page.text[:500]
    assert '<html lang="sv">' in page.text or "<html" not in page.text
    shown = text(page.text)
    for word in words:
        assert word in shown, word


def test_a_missing_page_says_so_in_swedish(swedish_admin):
    # An unknown address has no route to read the session by: the browser's language decides.
    page = swedish_admin.get("/web/no-such-page", headers={"accept-language": "sv-SE"})
    assert page.status_code == 404 and "Hittades inte" in text(page.text)


def test_every_warning_and_status_has_a_label():
    """A new warning code shows in words on the pages, not as its code."""
    from stampla.domain.attest import StampingStatus, WarningCode
    from stampla.web.labels import STATUS_LABELS, WARNING_LABELS

    assert set(WarningCode) - set(WARNING_LABELS) == set()
    assert set(StampingStatus) - set(STATUS_LABELS) == set()
