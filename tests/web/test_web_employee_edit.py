"""Changing an employee on the pages: the masterdata service checks and audits it."""

from __future__ import annotations

import re

from stampla.service import masterdata as md
from stampla.service.audit import list_events
from tests.web.conftest import alert, csrf_of, rows, text

EDIT = "/web/employees/3014/edit"


def form_of(html: str) -> dict[str, str]:
    """The edit form's text fields as the page fills them in, and its CSRF token."""
    fields = dict(re.findall(r'<input id="(\w+)" name="\w+" value="([^"]*)"', html))
    return {**fields, "csrf": csrf_of(html)}


def test_the_form_shows_what_is_stored(web):
    html = web.get(EDIT).text
    assert form_of(html) | {"csrf": ""} == {
        "FirstName": "Douglas",
        "LastName": "Jensberg",
        "ExternalCode": "673330",
        "HireDate": "",
        "EndDate": "",
        "TimeAgreement": "Timavlönad",
        "EmploymentPosition": "Permanent Position",
        "EmploymentRate": "52.29",
        "WeeklyHours": "20:00",
        "ValidFrom": "",
        "csrf": "",
    }
    assert 'id="Active" name="Active" checked' in html
    assert 'href="/web/employees/3014/edit"' in web.get("/web/employees").text


def test_a_change_is_saved_and_audited_as_the_signed_in_user(web, store, company, clock):
    form = form_of(web.get(EDIT).text)
    form.update(WeeklyHours="38:15", EmploymentRate="100,00", ExternalCode="", Active="on")
    response = web.post(EDIT, data=form, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/web/employees/3014/edit?saved=1"
    assert "Saved." in text(web.get(response.headers["location"]).text)
    stored = md.get_employee(store, company.id, "3014")
    assert (stored.weekly_hours, stored.employment_rate, stored.external_code) == (
        "38:15",
        100.0,
        None,
    )
    (event,) = [e for e in list_events(store, company.id, clock()).events if e.action == "update"]
    assert event.actor == f"web:{company.staff_name}"
    assert event.entity_key == "3014"
    assert event.changes == {
        "externalCode": ["673330", None],
        "employmentRate": ["52.29", "100.00"],
        "weeklyHours": ["20:00", "38:15"],
    }


def test_unticking_active_deactivates(web, store, company, clock):
    form = form_of(web.get(EDIT).text)  # no "Active": the box is unticked
    assert web.post(EDIT, data=form, follow_redirects=False).status_code == 303
    assert md.get_employee(store, company.id, "3014").active is False
    events = list_events(store, company.id, clock()).events
    assert [e.action for e in events if e.entity_key == "3014"][-1] == "deactivate"
    assert "Inactive" in text(web.get("/web/employees?search=3014").text)


def test_refused_values_are_shown_at_their_fields_and_nothing_is_saved(web, store, company):
    form = form_of(web.get(EDIT).text)
    form.update(FirstName="", WeeklyHours="forty", Active="on")
    response = web.post(EDIT, data=form)
    assert response.status_code == 400
    assert "Nothing was saved: 2 fields to correct." in alert(response.text)
    html = response.text
    assert 'id="WeeklyHours" name="WeeklyHours" value="forty" aria-invalid="true"' in html
    assert 'id="WeeklyHours-problem">WeeklyHours: ' in html
    assert '<small class="problem" id="FirstName-problem">FirstName is required</small>' in html
    assert md.get_employee(store, company.id, "3014").weekly_hours == "20:00"


def test_a_change_without_the_csrf_token_is_refused(web, store, company):
    form = form_of(web.get(EDIT).text)
    form.update(csrf="forged", FirstName="Mallory", Active="on")
    assert web.post(EDIT, data=form).status_code == 403
    assert md.get_employee(store, company.id, "3014").first_name == "Douglas"


def test_another_companys_employee_cannot_be_changed(web, store, other_company, clock):
    md.add_employee(
        store,
        other_company.id,
        {"employee_nr": "B-1", "first_name": "B", "last_name": "B"},
        clock(),
    )
    assert web.get("/web/employees/B-1/edit").status_code == 404
    csrf = csrf_of(web.get(EDIT).text)
    response = web.post("/web/employees/B-1/edit", data={"csrf": csrf, "FirstName": "X"})
    assert response.status_code == 404
    assert md.get_employee(store, other_company.id, "B-1").first_name == "B"


def test_a_change_valid_from_a_date_is_a_term_the_page_lists(web, store, company):
    form = form_of(web.get(EDIT).text)
    form.update(WeeklyHours="30:00", ValidFrom="2025-09-01", HireDate="2024-03-01", Active="on")
    assert web.post(EDIT, data=form, follow_redirects=False).status_code == 303
    page = web.get(EDIT).text
    terms = rows(page, "term")
    assert terms[0].startswith("2024-03-01 2025-08-31 20:00 52.29")
    assert terms[1].startswith("2025-09-01 (today)") and "30:00" in terms[1]
    assert form_of(page)["HireDate"] == "2024-03-01" and form_of(page)["ValidFrom"] == ""


def test_a_term_before_the_hire_date_is_refused_at_its_field(web):
    form = form_of(web.get(EDIT).text)
    form.update(HireDate="2025-01-01", WeeklyHours="30:00", ValidFrom="2024-12-01", Active="on")
    response = web.post(EDIT, data=form)
    assert response.status_code == 400
    assert 'id="ValidFrom-problem">must not be before the hire date 2025-01-01' in response.text
