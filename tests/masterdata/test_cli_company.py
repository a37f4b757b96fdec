"""``stampla company``, ``integration``, ``user`` and ``admin-key`` against a SQLite file."""

from __future__ import annotations

from fastapi.testclient import TestClient

from stampla.app import create_app
from stampla.settings import Settings


def test_create_prints_the_key_once_and_list_never_again(cli):
    created = cli("company", "create", "Butik AB")
    assert "companyApiKey" in created.stdout and "shown this once" in created.stdout
    key = next(line.split()[-2] for line in created.stdout.splitlines() if "companyApiKey" in line)
    listed = cli("company", "list")
    assert "Butik AB" in listed.stdout and key not in listed.stdout
    (company,) = cli.json("company", "list")
    assert company["name"] == "Butik AB" and company["timeZone"] == "Europe/Stockholm"
    assert key not in str(company)


def test_the_company_is_chosen_by_name_or_id_or_as_the_only_one(cli):
    first = cli.json("company", "create", "Ett AB")
    assert cli.json("company", "show")["id"] == first["id"]
    second = cli.json("company", "create", "Två AB", "--time-zone", "Europe/Helsinki")
    refused = cli("company", "show", code=1)
    assert "--company" in refused.stderr and "Ett AB" in refused.stderr
    assert cli.json("company", "show", "--company", "Två AB")["timeZone"] == "Europe/Helsinki"
    assert cli.json("company", "show", "-c", str(second["id"]))["name"] == "Två AB"
    assert "No company named" in cli("company", "show", "-c", "Tre AB", code=1).stderr


def test_company_errors_name_the_field(cli):
    result = cli("company", "create", "Fel AB", "--time-zone", "Sweden", code=1)
    assert "Unknown time zone 'Sweden'" in result.stderr
    cli("company", "create", "Fel AB")
    assert "already exists" in cli("company", "create", "Fel AB", code=1).stderr
    as_json = cli("company", "create", "Fel AB", "--json", code=1)
    assert '"success": false' in as_json.stdout


def test_integrations_and_users_as_an_operator_sets_them_up(cli):
    cli("company", "create", "Butik AB")
    company_key = cli.json("company", "list")  # keys are not listed
    assert "companyApiKey" not in str(company_key)
    created = cli.json("integration", "create", "Vendor")
    rotated = cli.json("integration", "rotate", "Vendor")
    assert rotated["connectApiKey"] != created["connectApiKey"]
    user = cli.json("user", "add", "terminal-api")
    assert len(user["password"]) >= 12
    chosen = cli("user", "passwd", "terminal-api", "--password-stdin", stdin="a-chosen-password\n")
    assert "is set" in chosen.stdout and "a-chosen-password" not in chosen.stdout
    short = cli("user", "passwd", "terminal-api", "--password-stdin", stdin="short\n", code=1)
    assert "at least 12 characters" in short.stderr
    cli("user", "disable", "terminal-api")
    (listed,) = cli.json("user", "list")
    assert listed == {**listed, "userName": "terminal-api", "active": False}
    cli("integration", "revoke", "Vendor")
    (integration,) = cli.json("integration", "list")
    assert integration["active"] is False and integration["revokedAt"]
    assert "revoked" in cli("integration", "rotate", "Vendor", code=1).stderr


def test_an_admin_key_from_the_cli_opens_the_admin_api(cli):
    cli("company", "create", "Butik AB")
    created = cli.json("admin-key", "create", "payroll")
    assert created["adminKey"].startswith("sa1.")
    with TestClient(create_app(Settings(database_url=cli.url))) as client:
        headers = {"Authorization": f"Bearer {created['adminKey']}"}
        assert client.get("/Admin/Company", headers=headers).json()["name"] == "Butik AB"
        cli("admin-key", "revoke", "payroll")
        assert client.get("/Admin/Company", headers=headers).status_code == 401
    (listed,) = cli.json("admin-key", "list")
    assert listed["name"] == "payroll" and listed["active"] is False
    assert created["adminKey"] not in cli("admin-key", "list").stdout


def test_rotating_the_company_key_stops_the_old_key_and_its_tokens_at_once(cli):
    company_key = cli.json("company", "create", "Butik AB")["companyApiKey"]
    connect_key = cli.json("integration", "create", "Vendor")["connectApiKey"]
    password = cli.json("user", "add", "terminal-api")["password"]
    login = {"UserName": "terminal-api", "Password": password}
    settings = Settings(database_url=cli.url, login_failure_delay_seconds=0)
    with TestClient(create_app(settings)) as client:

        def token_for(key: str):
            keys = {"companyApiKey": key, "connectApiKey": connect_key}
            return client.post("/Login/Token", params=keys, json=login)

        def read_with(key: str, token: str) -> int:
            params = {"companyApiKey": key, "connectApiKey": connect_key, "token": token}
            params |= {"dateFrom": "2025-06-01", "dateTo": "2025-06-01"}
            return client.get("/Personell/Time/TimeStampEntry", params=params).status_code

        old_token = token_for(company_key).json()["token"]
        assert read_with(company_key, old_token) == 200
        rotated = cli("company", "rotate-key", "--company", "Butik AB")
        assert "shown this once" in rotated.stdout
        new_key = next(
            line.split()[-2] for line in rotated.stdout.splitlines() if "companyApiKey" in line
        )
        assert new_key != company_key
        assert read_with(company_key, old_token) == 401
        assert read_with(new_key, old_token) == 401  # tokens issued under the old key stop too
        assert token_for(company_key).status_code == 401
        fresh = token_for(new_key)
        assert fresh.status_code == 200
        assert read_with(new_key, fresh.json()["token"]) == 200
    events = cli.json("audit")["events"]
    assert any(e["entity"] == "company" and e["action"] == "rotate" for e in events)
    assert new_key not in cli("audit").stdout
