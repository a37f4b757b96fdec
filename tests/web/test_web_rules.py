"""The time rules page: versions by agreement, and saving a version through the service."""

from __future__ import annotations

import json
from datetime import date, timedelta

from stampla.domain.rules.codec import rule_set_document
from stampla.domain.rules.handels import HOURLY
from stampla.service import masterdata as md
from stampla.service import rule_sets
from stampla.service.audit import list_events
from stampla.service.date_range import DateWindow
from stampla.store.masterdata import insert_company_row
from stampla.store.tables import employment_terms
from tests.factories import entry
from tests.web.conftest import alert, csrf_of, text

PAGE = "/web/rules"
EVENING = rule_set_document(HOURLY)["windows"][3]  # OB 50%, the test company has that code


def seeded(store, company, clock) -> None:
    given = {
        "agreement": "Timavlönad",
        "valid_from": "2025-01-01",
        "rules": {"windows": [EVENING]},
        "allow_past": True,
    }
    rule_sets.save_rule_set(store, company.id, given, clock(), window=DateWindow.around(clock()))


def test_the_page_lists_versions_and_prefills_the_latest(web, store, company, clock):
    assert "No rule sets yet" in text(web.get(PAGE).text)
    seeded(store, company, clock)
    html = web.get(PAGE).text
    shown = text(html)
    assert "Timavlönad" in shown and "2025-01-01 until further notice" in shown
    assert "OB 50% Mon, Tue, Wed, Thu, Fri 18:15–20:00 (OB weekday evening)" in shown
    assert 'href="/web/rules"' in html  # in the navigation
    prefilled = html.split('<textarea id="rules" name="rules" rows="24" spellcheck="false">')[1]
    assert json.loads(text(prefilled.split("</textarea>")[0])) == {"windows": [EVENING]}


def test_a_new_version_from_next_month_is_saved_and_audited(web, store, company, clock):
    seeded(store, company, clock)
    later = (clock().date() + timedelta(days=31)).replace(day=1).isoformat()
    form = {
        "csrf": csrf_of(web.get(PAGE).text),
        "agreement": "timavlönad",
        "valid_from": later,
        "rules": json.dumps({"windows": []}),
    }
    response = web.post(PAGE, data=form, follow_redirects=False)
    assert response.status_code == 303, response.text
    assert f"Saved the version from {later}" in text(web.get(response.headers["location"]).text)
    versions = rule_sets.list_rule_sets(store, company.id)
    assert [(v.valid_from.isoformat(), v.rules) for v in versions][-1] == (later, {"windows": []})
    (event,) = list_events(store, company.id, clock(), entity="rule_set").events[-1:]
    assert event.actor == f"web:{company.staff_name}" and event.action == "create"


def test_refusals_are_shown_with_the_form_as_sent(web, store, company, clock):
    seeded(store, company, clock)
    csrf = csrf_of(web.get(PAGE).text)
    sent = {"csrf": csrf, "agreement": "Timavlönad", "valid_from": "2025-03-01"}
    response = web.post(PAGE, data={**sent, "rules": "{windows: []}"})
    assert response.status_code == 400 and "Rules is not JSON" in alert(response.text)
    assert "{windows: []}" in response.text  # kept for correcting
    response = web.post(PAGE, data={**sent, "rules": json.dumps({"windows": []})})
    assert response.status_code == 409 and "AllowPast" in alert(response.text)
    unknown = {"windows": [{**EVENING, "code": "Ö-tid"}]}
    response = web.post(PAGE, data={**sent, "rules": json.dumps(unknown), "allow_past": "true"})
    assert response.status_code == 400 and "Ö-tid" in alert(response.text)
    assert len(rule_sets.list_rule_sets(store, company.id)) == 1


def test_saving_without_the_csrf_token_is_refused(web, store, company, clock):
    form = {"csrf": "forged", "agreement": "X", "valid_from": "2030-01-01", "rules": "{}"}
    assert web.post(PAGE, data=form).status_code == 403
    assert rule_sets.list_rule_sets(store, company.id) == []


def test_the_attest_page_shows_the_comp_balance_the_rules_bank(web, api, store, company, clock):
    now = clock()
    with store.write() as conn:
        for code, kind in (("Mertid", "attendance"), ("Övertid komp 1,5", "attendance")):
            md.put_time_code(conn, company.id, md.TimeCodeSpec(code, code, kind=kind), now)
        for code in ("OB 70%", "OB 100%", "Övertid Pengar 50%", "Övertid Pengar 100%"):
            md.put_time_code(conn, company.id, md.TimeCodeSpec(code, code), now)
        md.put_time_code(conn, company.id, md.TimeCodeSpec("Övertid komp 2,0", "x"), now)
        md.put_time_code(conn, company.id, md.TimeCodeSpec("Kompledig", "x", kind="absence"), now)
        insert_company_row(
            conn,
            employment_terms,
            company.id,
            employee_id=company.ids["employee:3002"],
            valid_from=date(2025, 6, 1),
            time_agreement="Timavlönad",
            weekly_minutes=20 * 60,
            overtime_compensation="Comp",
            created_at=now,
        )
    given = {
        "agreement": "Timavlönad",
        "valid_from": "2025-01-01",
        "rules": rule_set_document(HOURLY),
        "allow_past": True,
    }
    rule_sets.save_rule_set(store, company.id, given, now, window=DateWindow.around(now))
    stamps = [
        entry(time_stamp="2025-06-10T08:00:00"),
        entry(time_stamp="2025-06-10T18:00:00", kind="Out"),
    ]
    assert api.post(stamps).status_code == 200
    page = text(web.get("/web/attest?dateFrom=2025-06-10&dateTo=2025-06-10").text)
    assert "Balances on 2025-06-10: comp time +3:31" in page  # 2:21 of comp overtime × 1.5
    assert "Övertid komp 1,5 2:21" in page and "Mertid 3:39" in page
