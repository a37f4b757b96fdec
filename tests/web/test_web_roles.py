"""Roles on the pages: a viewer reads, but posts no form that changes something."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from stampla.service import staff
from stampla.service.roles import Role
from tests.web.conftest import csrf_of, sign_in, text

CHANGING_FORMS = [
    ("/web/attest/day/absence", "correct punches"),
    ("/web/attest/day/absence/cancel", "correct punches"),
    ("/web/rules", "change registers or settings"),
    ("/web/employees/3002/edit", "change registers or settings"),
]


@pytest.fixture
def viewer(app, store, company, clock):
    staff.add_staff_user(
        store, company.id, "Vera Väktare", "viewer-password-123", Role.VIEWER, clock()
    )
    with TestClient(app) as client:
        response = sign_in(
            client, company, user_name="vera väktare", password="viewer-password-123"
        )
        assert response.status_code == 303
        yield client


@pytest.mark.parametrize(("path", "refusal"), CHANGING_FORMS)
def test_a_viewer_cannot_post_a_form_that_changes(viewer, path, refusal):
    page = viewer.get("/web/attest")
    assert page.status_code == 200  # a viewer reads
    response = viewer.post(path, data={"csrf": csrf_of(page.text)}, follow_redirects=False)
    assert response.status_code == 403
    assert f"Your role (viewer) may not {refusal}" in text(response.text)


def test_an_admin_may_post_the_same_form(web):
    csrf = csrf_of(web.get("/web/rules").text)
    response = web.post("/web/rules", data={"csrf": csrf}, follow_redirects=False)
    assert response.status_code != 403


def test_a_new_role_applies_to_an_open_session_at_its_next_request(web, store, company, clock):
    csrf = csrf_of(web.get("/web/rules").text)
    staff.set_role(store, company.id, company.staff_name, Role.VIEWER, clock())
    response = web.post("/web/rules", data={"csrf": csrf}, follow_redirects=False)
    assert response.status_code == 403
    assert "Your role (viewer) may not change registers or settings" in text(response.text)
