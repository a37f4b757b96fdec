"""``stampla device``: accepting a serial, its settings, PINs and work codes, as an operator
types them; the device's lines go through the same service the /iclock routes call."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime

import pytest
from typer.testing import CliRunner

from stampla.cli.main import app
from stampla.errors import Forbidden
from stampla.service.devices import kiosk, kiosk_access, push
from stampla.service.punch_query import read_punches
from stampla.settings import get_settings

runner = CliRunner()
CALLER = push.Caller("127.0.0.1", "ZKTeco test")


@pytest.fixture
def cli(database_url, monkeypatch, company):
    monkeypatch.setenv("STAMPLA_DATABASE_URL", database_url)
    monkeypatch.setenv("COLUMNS", "200")
    get_settings.cache_clear()

    def run(*args: str, code: int = 0) -> str:
        result = runner.invoke(app, [*args, "--company", company.name])
        assert result.exit_code == code, result.output
        return " ".join(re.sub("[\u2500-\u257f]", " ", result.output).split())

    yield run
    get_settings.cache_clear()


def _upload(store, serial: str, body: str) -> str:
    at = datetime.now(UTC)
    device = push.recognise(store, serial, None, at, CALLER)
    limits = push.limits_of(get_settings())
    return push.receive(store, device, "ATTLOG", "", body, None, at, limits, CALLER)


def test_accept_set_pin_and_work_code(cli, store, company) -> None:
    serial = f"CLI{company.id:07d}"
    with pytest.raises(Forbidden):
        push.recognise(store, serial, None, datetime.now(UTC), CALLER)
    unclaimed = runner.invoke(app, ["device", "unclaimed", "--json"])
    assert serial in [p["serial"] for p in json.loads(unclaimed.output)]  # the operator's list
    assert serial not in cli("device", "list")
    assert f"Device {serial} accepted on terminal 20" in cli(
        "device", "accept", serial, "--terminal", "20", "--name", "Lager dörr"
    )
    cli("device", "accept", serial, "--terminal", "7255", code=1)  # registered already
    cli("device", "set", serial, "--direction", "sideways", code=1)
    cli("device", "set", serial, "--direction", "Alternate")
    (view,) = [d for d in json.loads(cli("device", "list", "--json")) if d["serial"] == serial]
    assert (view["timeTerminalId"], view["directionMode"]) == (20, "alternate")

    cli("device", "work-code", "2", "--time-code", "OB 50%")
    body = "55\t2026-06-11 08:00:00\t255\t1\t2\n3002\t2026-06-11 09:00:00\t255\t1\t0\n"
    assert _upload(store, serial, body) == "OK:2"
    assert "1 kept line(s) applied" in cli("device", "pin", "55", "3015")
    assert "55 3015" in cli("device", "pins")
    punches = read_punches(store, company.id, date(2026, 6, 11), date(2026, 6, 11), None, 31)
    got = {(p.row.employee_nr, p.row.entry_type) for p in punches}
    assert got == {("3015", 1), ("3002", 1)}
    (tagged,) = [p for p in punches if p.row.employee_nr == "3015"]
    assert [t["timeScheduleTypeCode"] for t in tagged.row.time_codes] == ["OB 50%"]
    assert "accept_device" in cli("audit", "--entity", "terminal")


def test_kiosk_secret_and_pin(cli, store, company) -> None:
    shown = cli("device", "kiosk-secret", "1")
    secret = shown.split("terminal 1: ")[1].split()[0]
    assert kiosk.open_kiosk(store, 1, secret).company_id == company.id
    cli("device", "kiosk-secret", "7255", code=1)  # an attendance terminal is no kiosk
    cli("device", "kiosk-pin", "3002", "--pin", "12", code=1)
    assert "Kiosk PIN of 3002 set" in cli("device", "kiosk-pin", "3002", "--pin", "2468")


def test_kiosk_badge_pin_clear_and_kiosk_settings(cli, store, company) -> None:
    assert "Badge of 3002 set" in cli("device", "badge", "3002", "0004711234")
    cli("device", "badge", "3014", "0004711234", code=1)  # 3002's already
    cli("device", "badge", "3014", code=2)  # neither a badge nor --clear
    assert kiosk_access.access_of(store, company.id, "3002").badge_nr == "0004711234"
    assert "Badge of 3002 cleared" in cli("device", "badge", "3002", "--clear")
    assert kiosk_access.access_of(store, company.id, "3002").badge_nr is None
    cli("device", "kiosk-pin", "3002", "--pin", "2468")
    assert "Kiosk PIN of 3002 cleared" in cli("device", "kiosk-pin", "3002", "--clear")
    assert not kiosk_access.access_of(store, company.id, "3002").has_pin

    assert "Kiosk 1 set" in cli("device", "kiosk-set", "1", "--accounts", "2", "--badge-only")
    cli("device", "kiosk-set", "1", "--accounts", "9", code=1)  # no such coding level
    cli("device", "kiosk-set", "7255", "--badge-only", code=1)  # not a kiosk
    opened = kiosk.open_kiosk(store, 1, kiosk.new_secret(store, company.id, 1, datetime.now(UTC)))
    assert (opened.account_level, opened.badge_only) == (2, True)
    cli("device", "kiosk-set", "1", "--no-accounts", "--pin-always")
    opened = kiosk.open_kiosk(store, 1, kiosk.new_secret(store, company.id, 1, datetime.now(UTC)))
    assert (opened.account_level, opened.badge_only) == (None, False)
    assert "configure_kiosk" in cli("audit", "--entity", "terminal")


def test_enrolment_secret_and_device_commands(cli, store, company) -> None:
    shown = cli("device", "enrol-secret")
    secret = shown.split("Enrolment secret: ")[1].split()[0]
    serial = f"ENR{company.id:07d}"
    with pytest.raises(Forbidden):
        push.recognise(store, serial, secret, datetime.now(UTC), CALLER)
    assert serial in cli("device", "list")  # this company's, by its enrolment secret
    cli("device", "accept", serial, "--terminal", "7255")
    cli("device", "command", serial, code=2)  # neither a command nor --set-clock
    assert "queued" in cli("device", "command", serial, "--set-clock")
    cli("device", "command", serial, "INFO")
    device = push.recognise(store, serial, secret, datetime.now(UTC), CALLER)
    lines = push.poll(store, device, datetime.now(UTC)).splitlines()
    assert [line.split(":", 2)[2].split("=")[0] for line in lines] == [
        "SET OPTIONS DateTime",
        "INFO",
    ]
    listed = json.loads(cli("device", "commands", serial, "--json"))
    assert [c["state"] for c in listed] == ["sent", "sent"]
    assert "INFO" in cli("device", "commands", serial)
