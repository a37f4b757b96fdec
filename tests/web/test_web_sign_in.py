"""Signing in and out, sessions that end, and forms that must come from the session's pages."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from stampla.app import create_app
from stampla.errors import Conflict
from stampla.service import masterdata as md
from stampla.service import staff
from stampla.service.roles import Role
from stampla.service.secrets import digest
from stampla.settings import Settings
from stampla.store.tables import web_sessions
from tests.factories import build_company, with_staff
from tests.web.conftest import alert, csrf_of, sign_in, status_with_cookie, text


def test_signing_in_sets_a_protected_cookie_and_opens_attest_time(client, company):
    response = sign_in(client, company)
    assert response.status_code == 303
    assert response.headers["location"] == "/web/attest"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"stampla_session={company.id}.")
    for attribute in ("HttpOnly", "SameSite=lax", "Path=/web"):
        assert attribute in cookie
    assert "Secure" not in cookie
    page = client.get("/web/attest")
    assert page.status_code == 200
    assert f"{company.staff_name} · {company.name}" in text(page.text)


def test_over_https_the_cookie_is_secure(app, company):
    with TestClient(app, base_url="https://testserver") as client:
        assert "Secure" in sign_in(client, company).headers["set-cookie"]


def test_only_a_digest_of_the_secret_is_stored(client, company, store):
    cookie = sign_in(client, company).cookies["stampla_session"]
    secret = cookie.split(".", 1)[1]
    with store.read() as conn:
        stored = conn.execute(
            select(web_sessions.c.session_hash).where(web_sessions.c.company_id == company.id)
        ).scalars()
        assert list(stored) == [digest(secret)]


def test_a_failed_sign_in_says_only_that_it_failed(client, company):
    answers = [
        sign_in(client, company, password="wrong password"),
        sign_in(client, company, user_name="nobody"),
        sign_in(client, company, company="No Such Company AB"),
        sign_in(client, company, password=""),
    ]
    messages = set()
    for response in answers:
        assert response.status_code == 401
        assert "set-cookie" not in response.headers
        messages.add(alert(response.text))
    assert messages == {"Sign-in failed: the company, user name or password is not valid."}
    assert client.get("/web/attest", follow_redirects=False).status_code == 303


def test_a_failed_sign_in_waits_the_configured_delay(database_url, clock, company, monkeypatch):
    from stampla.app import create_app

    waited: list[float] = []

    async def recorded(seconds: float) -> None:
        waited.append(seconds)

    monkeypatch.setattr("stampla.web.routes.session.asyncio.sleep", recorded)
    settings = Settings(database_url=database_url, login_failure_delay_seconds=1.5)
    with TestClient(create_app(settings, clock=clock)) as client:
        assert sign_in(client, company).status_code == 303
        assert waited == []
        assert sign_in(client, company, password="wrong password").status_code == 401
    assert waited == [1.5]


def test_the_form_keeps_company_and_user_but_never_the_password(client, company):
    page = sign_in(client, company, password="wrong password").text
    assert f'value="{company.name}"' in page
    assert "wrong password" not in page


def test_a_page_without_a_session_leads_to_sign_in_and_back(client, company):
    response = client.get("/web/punches?dateFrom=2025-06-12", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == (
        "/web/sign-in?next=%2Fweb%2Fpunches%3FdateFrom%3D2025-06-12"
    )
    page = client.get(response.headers["location"])
    assert 'name="next" value="/web/punches?dateFrom=2025-06-12"' in page.text
    back = sign_in(client, company, next="/web/punches?dateFrom=2025-06-12")
    assert back.headers["location"] == "/web/punches?dateFrom=2025-06-12"


def test_next_never_leads_off_the_site(client, company):
    for target in ("https://evil.example/", "//evil.example/web/", "/Admin/Company", "/web\\@x"):
        assert sign_in(client, company, next=target).headers["location"] == "/web/attest"


def test_an_htmx_request_without_a_session_is_sent_to_sign_in(client):
    response = client.get(
        "/web/attest/day?employeeNr=3002&date=2025-06-12",
        headers={"HX-Request": "true"},
        follow_redirects=False,
    )
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/web/sign-in"


def test_root_leads_to_the_pages(client):
    response = client.get("/", follow_redirects=False)
    assert response.status_code == 307 and response.headers["location"] == "/web/"
    assert client.get("/web/", follow_redirects=False).headers["location"] == "/web/attest"


def test_the_sign_in_page_of_a_signed_in_browser_goes_on(web):
    response = web.get("/web/sign-in", follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/web/attest"


def test_a_session_ends_after_its_lifetime(web, clock, settings):
    assert web.get("/web/attest", follow_redirects=False).status_code == 200
    clock.advance(timedelta(minutes=settings.web_session_minutes) - timedelta(seconds=1))
    assert web.get("/web/attest", follow_redirects=False).status_code == 200
    clock.advance(timedelta(seconds=1))
    response = web.get("/web/attest", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"].startswith("/web/sign-in")


def test_disabling_the_user_ends_its_sessions_at_the_next_request(web, store, company, clock):
    assert web.get("/web/employees", follow_redirects=False).status_code == 200
    staff.set_active(store, company.id, company.staff_name, False, clock())
    assert web.get("/web/employees", follow_redirects=False).status_code == 303
    staff.set_active(store, company.id, company.staff_name, True, clock())
    assert web.get("/web/employees", follow_redirects=False).status_code == 303


def test_a_disabled_user_is_refused_even_while_its_session_row_exists(web, store, company):
    """The lookup itself checks the user: a session row alone proves nothing."""
    from sqlalchemy import update

    from stampla.store.tables import staff_users

    with store.write() as conn:
        conn.execute(
            update(staff_users).where(staff_users.c.company_id == company.id).values(active=False)
        )
    assert web.get("/web/terminals", follow_redirects=False).status_code == 303


def test_a_new_password_ends_the_users_sessions(web, store, company, clock):
    staff.set_password(store, company.id, company.staff_name, "a-brand-new-password", clock())
    assert web.get("/web/attest", follow_redirects=False).status_code == 303


def test_signing_out_ends_the_session(app, web):
    csrf = csrf_of(web.get("/web/attest").text)
    cookie = web.cookies["stampla_session"]
    assert status_with_cookie(app, cookie) == 200
    response = web.post("/web/sign-out", data={"csrf": csrf}, follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/web/sign-in?signed_out=1"
    assert "stampla_session=" in response.headers["set-cookie"]
    assert "You have signed out." in text(web.get(response.headers["location"]).text)
    # The old cookie is dead even if a browser kept it.
    assert status_with_cookie(app, cookie) == 303


def test_a_post_without_the_sessions_csrf_token_is_refused(web, app, company):
    for data in ({}, {"csrf": ""}, {"csrf": "0" * 64}):
        response = web.post("/web/sign-out", data=data, follow_redirects=False)
        assert response.status_code == 403
        assert "not sent from a page of your current session" in text(response.text)
    with TestClient(app) as other:
        sign_in(other, company)
        foreign = csrf_of(other.get("/web/attest").text)
    assert web.post("/web/sign-out", data={"csrf": foreign}).status_code == 403
    assert web.get("/web/attest", follow_redirects=False).status_code == 200


def test_a_sign_in_posted_from_another_site_is_refused(client, company):
    response = client.post(
        "/web/sign-in",
        data={"company": company.name, "user_name": company.staff_name, "password": "x"},
        headers={"Origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    assert "set-cookie" not in response.headers
    same = client.post(
        "/web/sign-in",
        data={
            "company": company.name,
            "user_name": company.staff_name,
            "password": company.staff_password,
        },
        headers={"Origin": "http://testserver"},
        follow_redirects=False,
    )
    assert same.status_code == 303


def test_the_company_name_may_be_typed_in_any_letter_case(client, company):
    response = sign_in(client, company, company=f"  {company.name.upper()} ")
    assert response.status_code == 303
    assert response.headers["location"] == "/web/attest"


@pytest.mark.parametrize("typed", ["exact", "ÅRE BYGG ÖST", "åre bygg öst"])
def test_a_company_name_beyond_ascii_signs_in_typed_in_any_case(
    client, store, company, clock, typed
):
    name = f"Åre Bygg Öst {uuid.uuid4().hex[:6]}"
    md.update_company(store, company.id, clock(), name=name)
    suffix = name.rsplit(" ", 1)[1]
    spelled = name if typed == "exact" else f"{typed} {suffix}"
    response = sign_in(client, company, company=spelled)
    assert response.status_code == 303, typed


def test_two_companies_cannot_differ_only_in_case_so_any_case_signs_in(client, store, clock):
    name = f"Case Test {uuid.uuid4().hex[:6]} Straße AB"
    first, second = (
        with_staff(store, build_company(store, clock()), clock()),
        build_company(store, clock()),
    )
    md.update_company(store, first.id, clock(), name=name)
    with pytest.raises(Conflict, match="names match in any letter case"):
        md.update_company(store, second.id, clock(), name=name.upper())
    md.update_company(store, first.id, clock(), name=name.upper())  # its own name, respelled
    typed = sign_in(client, first, company=name.lower().replace("ß", "ss"))
    assert typed.status_code == 303
    assert typed.headers["set-cookie"].startswith(f"stampla_session={first.id}.")


def test_an_origin_named_in_the_settings_may_post_the_sign_in(database_url, clock, company):
    settings = Settings(
        database_url=database_url,
        login_failure_delay_seconds=0,
        web_origins="https://time.example.com, https://other.example",
    )
    with TestClient(create_app(settings, clock=clock)) as client:
        form = {"company": company.name, "user_name": company.staff_name}
        allowed = client.post(
            "/web/sign-in",
            data={**form, "password": company.staff_password},
            headers={"Origin": "https://time.example.com"},
            follow_redirects=False,
        )
        refused = client.post(
            "/web/sign-in",
            data={**form, "password": company.staff_password},
            headers={"Origin": "https://evil.example"},
            follow_redirects=False,
        )
    assert allowed.status_code == 303
    assert refused.status_code == 403


@pytest.mark.parametrize("cookie", ["", "abc", "1.", ".secret", "x.secret", "1.not-the-secret"])
def test_a_made_up_cookie_is_no_session(app, web, cookie):
    assert status_with_cookie(app, cookie) == 303


def test_an_api_user_does_not_sign_in_to_the_pages(client, company):
    """API users serve integrations only; the failure says nothing more than any other."""
    response = sign_in(client, company, user_name=company.user_name, password=company.password)
    assert response.status_code == 401
    assert "set-cookie" not in response.headers
    assert "company, user name or password is not valid" in alert(response.text)


@pytest.mark.parametrize("typed", ["ÅSA ÖBERG", "åsa öberg"])
def test_a_staff_name_is_typed_in_any_letter_case(client, company, typed):
    assert sign_in(client, company, user_name=typed).status_code == 303


def test_a_session_carries_the_staff_users_current_role(web, store, company, clock):
    csrf = csrf_of(web.get("/web/attest").text)
    staff.set_role(store, company.id, company.staff_name, Role.VIEWER, clock())
    # The viewer may look, but not post a form that changes a register.
    assert web.get("/web/employees", follow_redirects=False).status_code == 200
    staff.set_role(store, company.id, company.staff_name, Role.ADMIN, clock())
    assert csrf_of(web.get("/web/attest").text) == csrf
