"""A simulated ZKTeco device speaking ADMS to a real ``stampla serve`` over HTTP.

The device does what firmware does: the handshake, ATTLOG batches of tab-separated lines in
its local time, resends of what it was not told OK for. What it sends must end up as the same
punches and day rows an integration posting to the API would get.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx2 as httpx
import pytest
from sqlalchemy import select

from stampla.domain.adms_commands import packed_time
from stampla.service.devices import commands, push, registry
from stampla.store.engine import Store
from stampla.store.tables import device_lines, device_uploads
from tests.factories import ENTRY_PATH, TestCompany, build_company
from tests.serverproc import Watched, free_port

pytestmark = pytest.mark.slow

ATTEST_PATH = "/Personell/Time/AttestTime"


@dataclass
class Server:
    base: str
    store: Store
    company: TestCompany

    def login(self, http: httpx.Client) -> dict[str, str]:
        answer = http.post(
            "/Login/Token",
            params=self.company.keys(),
            json={"UserName": self.company.user_name, "Password": self.company.password},
        )
        assert answer.status_code == 200, answer.text
        return {**self.company.keys(), "token": answer.json()["token"]}


@pytest.fixture
def server(database_url: str) -> Iterator[Server]:
    store = Store(database_url)
    company = build_company(store, datetime.now(UTC))
    port = free_port()
    process = Watched(
        ["serve", "--host", "127.0.0.1", "--port", str(port)],
        {"STAMPLA_DATABASE_URL": database_url, "STAMPLA_LOGIN_FAILURE_DELAY_SECONDS": "0"},
    )
    try:
        process.wait_for("Listening on")
        yield Server(f"http://127.0.0.1:{port}", store, company)
    finally:
        process.terminate()
        store.dispose()


class Device:
    """What a ZKTeco terminal sends, as its firmware sends it."""

    def __init__(self, http: httpx.Client, serial: str, prefix: str = "/iclock") -> None:
        self.http, self.serial, self.prefix = http, serial, prefix

    def handshake(self) -> httpx.Response:
        return self.http.get(
            f"{self.prefix}/cdata", params={"SN": self.serial, "options": "all", "pushver": "2.4.1"}
        )

    def attlog(self, lines: list[tuple[str, str, int]], stamp: int = 1) -> httpx.Response:
        body = "".join(f"{pin}\t{time}\t{status}\t1\t0\t0\t0\n" for pin, time, status in lines)
        return self.http.post(
            f"{self.prefix}/cdata",
            params={"SN": self.serial, "table": "ATTLOG", "Stamp": str(stamp)},
            content=body.encode(),
            headers={"Content-Type": "text/plain"},
        )

    def poll(self) -> httpx.Response:
        return self.http.get(f"{self.prefix}/getrequest.aspx", params={"SN": self.serial})


def _limits() -> push.Limits:
    return push.Limits(timedelta(minutes=5), datetime(2000, 1, 1).date(), timedelta(days=1))


def _states(store: Store, company_id: int) -> list[tuple[str, str, str]]:
    with store.read() as conn:
        rows = conn.execute(
            select(device_lines.c.pin, device_lines.c.device_time, device_lines.c.state)
            .where(device_lines.c.company_id == company_id)
            .order_by(device_lines.c.id)
        )
        return [tuple(r) for r in rows]


def _punches(
    http: httpx.Client, keys: dict, day: str, employee: str
) -> list[tuple[str, str, bool]]:
    answer = http.get(
        ENTRY_PATH, params={**keys, "dateFrom": day, "dateTo": day, "employeeNrsString": employee}
    )
    assert answer.status_code == 200, answer.text
    return [
        (e["timeStamp"], e["timeStampEntryType"], e["isBreak"])
        for e in sorted(answer.json(), key=lambda e: e["timeStamp"])
    ]


def _day(http: httpx.Client, keys: dict, day: str, employee: str) -> dict:
    answer = http.get(
        ATTEST_PATH, params={**keys, "dateFrom": day, "dateTo": day, "employeeNrsString": employee}
    )
    assert answer.status_code == 200, answer.text
    (row,) = answer.json()
    return row


def test_a_device_pushes_punches_that_become_day_rows(server: Server) -> None:
    company = server.company
    serial = f"CJDE{company.id:06d}"
    now = datetime.now(UTC)
    with httpx.Client(base_url=server.base) as http:
        device = Device(http, serial)
        # Unknown: refused, and listed for an admin.
        refused = device.handshake()
        assert refused.status_code == 403
        assert refused.headers["content-type"].startswith("text/plain")
        assert serial in refused.text
        assert serial in [p.serial for p in registry.list_unclaimed(server.store)]
        assert device.attlog([("3002", "2026-06-10 08:00:00", 0)]).status_code == 403

        registry.accept(server.store, company.id, serial, 7255, now)
        assert serial not in [p.serial for p in registry.list_unclaimed(server.store)]
        options = device.handshake()
        assert options.status_code == 200, options.text
        assert options.headers["content-type"].startswith("text/plain")
        lines = options.text.splitlines()
        assert lines[0] == f"GET OPTION FROM: {serial}"
        for option in (
            "Stamp=None",
            "OpStamp=None",
            "ErrorDelay=30",
            "Delay=10",
            "TransInterval=1",
            "Realtime=1",
            "Encrypt=0",
        ):
            assert option in lines
        assert any(line.startswith("TransTimes=") for line in lines)
        assert any(line.startswith("TransFlag=") for line in lines)
        assert "TimeZone=1" in lines or "TimeZone=2" in lines  # Europe/Stockholm
        assert device.poll().text == "OK"

        batch = [
            ("3002", "2026-06-10 08:00:00", 0),
            ("3002", "2026-06-10 12:00:00", 2),
            ("3002", "2026-06-10 12:30:00", 3),
            ("3002", "2026-06-10 17:00:00", 1),
            ("99", "2026-06-10 07:00:00", 0),
            ("99", "2026-06-10 15:00:00", 1),
        ]
        answer = device.attlog(batch, stamp=6)
        assert (answer.status_code, answer.text) == (200, "OK:6")
        assert answer.headers["content-type"].startswith("text/plain")
        keys = server.login(http)
        assert _punches(http, keys, "2026-06-10", "3002") == [
            ("2026-06-10T06:00:00Z", "In", False),
            ("2026-06-10T10:00:00Z", "Out", True),
            ("2026-06-10T10:30:00Z", "In", True),
            ("2026-06-10T15:00:00Z", "Out", False),
        ]
        row = _day(http, keys, "2026-06-10", "3002")
        assert row["workSeconds"] == 8 * 3600 + 30 * 60
        assert [s for _, _, s in _states(server.store, company.id)] == [
            "saved",
            "saved",
            "saved",
            "saved",
            "held",
            "held",
        ]

        # The device did not hear OK and sends it all again: duplicates, nothing new.
        again = device.attlog(batch, stamp=6)
        assert again.text == "OK:6"
        assert len(_punches(http, keys, "2026-06-10", "3002")) == 4
        states = [s for _, _, s in _states(server.store, company.id)][6:]
        assert states == ["duplicate"] * 4 + ["held"] * 2
        # The handshake now tells the device the stamp it reached.
        assert "Stamp=6" in device.handshake().text.splitlines()

        # PIN 99 is Douglas (3014): his held lines are applied, once.
        registry.set_pin(server.store, company.id, "99", "3014", now)
        assert push.apply_held(server.store, company.id, ["99"], now, _limits()) == 4
        assert _punches(http, keys, "2026-06-10", "3014") == [
            ("2026-06-10T05:00:00Z", "In", False),
            ("2026-06-10T13:00:00Z", "Out", False),
        ]
        assert _day(http, keys, "2026-06-10", "3014")["workSeconds"] == 8 * 3600
        assert "held" not in {s for _, _, s in _states(server.store, company.id)}

    with server.store.read() as conn:
        bodies = conn.execute(
            select(device_uploads.c.table_name, device_uploads.c.body).where(
                device_uploads.c.company_id == company.id
            )
        ).all()
    assert [t for t, _ in bodies] == ["ATTLOG", "ATTLOG"]
    assert bodies[0][1].startswith("3002\t2026-06-10 08:00:00\t0\t1\t0")


def test_device_local_times_on_the_dst_nights_and_alternating_directions(server: Server) -> None:
    company = server.company
    serial = f"DST{company.id:06d}"
    registry.accept(
        server.store,
        company.id,
        serial,
        7255,
        datetime.now(UTC),
        change=registry.DeviceChange(direction_mode="alternate"),
    )
    with httpx.Client(base_url=server.base) as http:
        device = Device(http, serial)
        assert device.handshake().status_code == 200
        spring = [("3015", "2026-03-28 22:00:00", 255), ("3015", "2026-03-29 02:30:00", 255)]
        autumn = [("3015", "2026-10-24 22:00:00", 255), ("3015", "2026-10-25 02:30:00", 255)]
        assert device.attlog(spring).text == "OK:2"
        assert device.attlog(autumn).text == "OK:2"
        assert device.attlog(spring).text == "OK:2"  # a resend alternates the same way
        keys = server.login(http)
        answer = http.get(
            ENTRY_PATH,
            params={
                **keys,
                "dateFrom": "2026-03-28",
                "dateTo": "2026-10-25",
                "employeeNrsString": "3015",
            },
        )
        stored = sorted(answer.json(), key=lambda e: e["timeStamp"])
        kinds = [(e["timeStamp"], e["timeStampEntryType"]) for e in stored]
        assert kinds == [
            ("2026-03-28T21:00:00Z", "In"),
            ("2026-03-29T01:30:00Z", "Out"),
            ("2026-10-24T20:00:00Z", "In"),
            ("2026-10-25T00:30:00Z", "Out"),
        ]
        # 02:30 does not exist on 29 March: read as 03:30 summer time, so 22:00–03:30 is
        # 4.5 h; it occurs twice on 25 October: the first one (+02:00), 22:00–02:30 is 4.5 h.
        assert _day(http, keys, "2026-03-28", "3015")["workSeconds"] == 4 * 3600 + 30 * 60
        assert _day(http, keys, "2026-10-24", "3015")["workSeconds"] == 4 * 3600 + 30 * 60


def test_a_far_off_clock_is_flagged_and_a_path_secret_is_required(server: Server) -> None:
    company = server.company
    serial = f"CLK{company.id:06d}"
    registry.accept(
        server.store,
        company.id,
        serial,
        9,
        datetime.now(UTC),
        change=registry.DeviceChange(secret="door-7f3a"),
    )
    with httpx.Client(base_url=server.base) as http:
        assert Device(http, serial).handshake().status_code == 403
        assert Device(http, serial, "/adms/wrong/iclock").handshake().status_code == 403
        device = Device(http, serial, "/adms/door-7f3a/iclock")
        assert device.handshake().status_code == 200
        ahead = (datetime.now(UTC) + timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S")
        assert device.attlog([("3002", ahead, 0)]).text == "OK:1"
        (view,) = [d for d in registry.list_devices(server.store, company.id) if d.serial == serial]
        assert view.clock_note and "ahead of the server" in view.clock_note
        assert _states(server.store, company.id)[-1][2] == "rejected"
        # The flagged clock gets one SET OPTIONS DateTime on the next poll, in the time of
        # the terminal's zone (Helsinki).
        before = packed_time(datetime.now(ZoneInfo("Europe/Helsinki")))
        polled = device.poll()
        after = packed_time(datetime.now(ZoneInfo("Europe/Helsinki")))
        command_id, text = re.fullmatch(r"C:(\d+):(.*)\n", polled.text).groups()
        assert text.startswith("SET OPTIONS DateTime=")
        assert before <= int(text.split("=")[1]) <= after
        assert device.poll().text == "OK"  # sent once
        assert device.attlog([("3002", ahead, 0)]).text == "OK:1"  # still off: not queued again
        assert device.poll().text == "OK"
        result = http.post(
            "/adms/door-7f3a/iclock/devicecmd",
            params={"SN": serial},
            content=f"ID={command_id}&Return=0&CMD=SET OPTIONS\n".encode(),
        )
        assert (result.status_code, result.text) == (200, "OK")
        (done,) = commands.list_commands(server.store, company.id, serial)
        assert (done.state, done.return_code, done.queued_by) == ("done", 0, "system")
        assert done.command == text and "ahead of the server" in (done.reason or "")
        # OPERLOG and other tables are kept as sent.
        oper = http.post(
            "/adms/door-7f3a/iclock/cdata.aspx",
            params={"SN": serial, "table": "OPERLOG", "OpStamp": "3"},
            content=b"OPLOG 4\t0\t2026-06-10 08:00:00\t0\t0\t0\t0\n",
        )
        assert (oper.status_code, oper.text) == (200, "OK:1")
