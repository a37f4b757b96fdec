"""Every register gets the routes and commands its declaration offers, from one factory."""

from __future__ import annotations

import pytest
import typer

from stampla.cli.main import app as cli_app
from stampla.errors import InvalidInput
from stampla.service import masterdata as md
from stampla.service.audit import list_events


def offered(register: md.Register) -> set[str]:
    """What the declaration says the register offers."""
    found = {"add", "list"}
    if register.changes:
        found.add("update")
    if register.has_active:
        found |= {"deactivate", "activate"}
    if register.csv is not None:
        found.add("import")
    assert found == set(register.operations)
    return found


def test_every_register_has_the_routes_its_declaration_offers(client):
    paths = client.get("/openapi.json").json()["paths"]
    for register in md.REGISTERS:
        base = f"/Admin/{register.path}"
        wanted = offered(register)
        methods = set(paths[base])
        assert methods == {"get", "post"} | ({"patch"} if "update" in wanted else set())
        for route in ("Deactivate", "Activate", "Import"):
            assert (f"{base}/{route}" in paths) == (route.lower() in wanted), (base, route)


def test_every_register_has_the_commands_its_declaration_offers():
    tree = typer.main.get_command(cli_app)
    for register in md.REGISTERS:
        group = tree.commands[register.commands.name]
        # stampla employee terms …, stampla employee opening-balance …
        more = {"terms", "opening-balance"} if register is md.EMPLOYEE else set()
        assert set(group.commands) == offered(register) | more, register.entity


@pytest.mark.parametrize("entity", ["time_code", "account"])
def test_time_codes_and_accounts_change_from_the_command_line_too(cli, entity):
    """Their ``update`` commands come from the same factory as the employees' and audit the
    same way."""
    cli("company", "create", "Butik AB")
    cli("level", "add", "3", "Region")
    if entity == "time_code":
        cli("timecode", "add", "OB 50%", "--salary-id", "OB 50%")
        changed = cli.json("timecode", "update", "ob 50%", "--description", "Obekväm tid")
        assert (changed["code"], changed["description"]) == ("OB 50%", "Obekväm tid")
        assert changed["salaryIds"] == ["OB 50%"]  # not given, so unchanged
        cleared = cli.json("timecode", "update", "OB 50%", "--salary-id", "")
        assert cleared["salaryIds"] == []
    else:
        cli("account", "add", "1000", "Stockholm", "--level", "3")
        changed = cli.json("account", "update", "1000", "--level", "3", "--name", "Sthlm")
        assert (changed["accountNr"], changed["name"], changed["codingLevel"]) == (
            "1000",
            "Sthlm",
            3,
        )
    refused = cli("timecode" if entity == "time_code" else "account", "update", "nope", code=1)
    assert "does not exist" in refused.stderr


def test_a_record_named_without_its_parent_must_be_unambiguous(store, company, clock):
    """Account 4001 is in levels 2 and 3 of the test company (tests/factories.py)."""
    with pytest.raises(InvalidInput) as raised:
        md.set_account_active(store, company.id, "4001", False, clock())
    assert "exists in coding levels 2 and 3; say which level" in str(raised.value)
    found = md.set_account_active(store, company.id, "4001", False, clock(), sie_dimension=50)
    assert (found.coding_level, found.active) == (2, False)
    (event,) = [
        e for e in list_events(store, company.id, clock()).events if e.action == "deactivate"
    ]
    assert (event.entity, event.entity_key) == ("account", "4001 in level 2")


def test_a_parent_is_named_only_by_its_refs(store, company):
    with pytest.raises(TypeError, match="unknown parent reference"):
        md.list_accounts(store, company.id, levle=2)
    with pytest.raises(TypeError, match="have no parent"):
        md.list_employees(store, company.id, level=2)


def test_the_schedule_templates_register_offers_its_routes_and_commands(client):
    register = md.SCHEDULE_TEMPLATE
    assert register not in md.REGISTERS  # punches do not refer to it
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths["/Admin/ScheduleTemplates"]) == {"get", "post", "patch"}
    for route in ("Deactivate", "Activate"):
        assert f"/Admin/ScheduleTemplates/{route}" in paths
    group = typer.main.get_command(cli_app).commands["schedule"].commands["template"]
    assert set(group.commands) == offered(register) | {"show"}
