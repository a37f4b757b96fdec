"""Registering devices on terminals, their settings, and the PIN and work code mappings.

A device is a terminal of the register with a serial number: accepting a pending serial puts
it on an existing terminal or registers a new one (type attendance_terminal). Every change is
audited (entity ``terminal`` / ``device_pin`` / ``device_work_code``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from pydantic import Field as About

from stampla.domain.adms import DirectionMode
from stampla.errors import Conflict, InvalidInput, NotFound, Problem
from stampla.store import devices as device_store
from stampla.store import references as refs
from stampla.store.devices import Device
from stampla.store.engine import Store
from stampla.wire.base import OutputModel

from .. import audit
from ..masterdata import TerminalSpec, put_terminal
from ..secrets import digest
from ..secrets import new_secret as random_secret


class DeviceView(OutputModel):
    serial: str
    time_terminal_id: int = About(description="The terminal the device punches as.")
    name: str
    direction_mode: str = About(description="status, in, out or alternate.")
    time_zone: str
    path_secret: bool = About(description="Whether the device must use its secret path.")
    active: bool
    last_seen_at: datetime | None = None
    clock_note: str | None = About(None, description="Why its clock looks wrong; null: ok.")

    @classmethod
    def of(cls, device: Device) -> DeviceView:
        return cls(
            serial=device.serial,
            time_terminal_id=device.terminal_number,
            name=device.name,
            direction_mode=device.direction_mode or DirectionMode.STATUS.value,
            time_zone=device.time_zone,
            path_secret=device.secret_hash is not None,
            active=device.active,
            last_seen_at=device.last_seen_at,
            clock_note=device.clock_note,
        )


class PendingView(OutputModel):
    serial: str
    first_seen_at: datetime
    last_seen_at: datetime
    client_address: str | None = None
    requests: int


def list_devices(store: Store, company_id: int) -> list[DeviceView]:
    with store.read() as conn:
        return [DeviceView.of(d) for d in device_store.devices_of(conn, company_id)]


def list_pending(store: Store, company_id: int) -> list[PendingView]:
    """Serials that knocked with this company's enrolment secret and are registered nowhere.
    A company sees only its own: serials without a secret are the operator's
    (``list_unclaimed``)."""
    with store.read() as conn:
        return [_pending(r) for r in device_store.claims_of(conn, company_id)]


def list_unclaimed(store: Store) -> list[PendingView]:
    """The operator's list: serials that knocked without any company's enrolment secret.
    Installation-wide, so only for the operator (the CLI on the server), never an API."""
    with store.read() as conn:
        return [_pending(r) for r in device_store.pending(conn)]


def _pending(row) -> PendingView:
    return PendingView(
        serial=row.serial,
        first_seen_at=row.first_seen_at,
        last_seen_at=row.last_seen_at,
        client_address=row.client_address,
        requests=row.requests,
    )


def new_enrolment_secret(
    store: Store, company_id: int, now: datetime, actor: audit.Actor = audit.SYSTEM
) -> str:
    """A new enrolment secret: devices pointed at ``/adms/<it>/iclock`` are listed for this
    company to accept (and keep that path once accepted). The old one stops naming it."""
    secret = random_secret()
    with store.write() as conn:
        device_store.put_enrolment(conn, company_id, digest(secret), now)
        event = audit.Event("device_enrolment", "secret", "rotate", None)
        audit.record(conn, company_id, actor, now, [event])
    return secret


@dataclass(frozen=True, slots=True)
class DeviceChange:
    direction_mode: str | None = None
    secret: str | None = None  # "" removes it
    time_zone: str | None = None
    secret_hash: str | None = None  # the enrolment secret's digest, kept on accept


def accept(
    store: Store,
    company_id: int,
    serial: str,
    terminal_number: int,
    now: datetime,
    *,
    name: str | None = None,
    change: DeviceChange = DeviceChange(),
    actor: audit.Actor = audit.SYSTEM,
) -> DeviceView:
    """Put ``serial`` on terminal ``terminal_number`` (registered now if ``name`` is given and
    it does not exist); Conflict if the serial is registered anywhere already."""
    serial = serial.strip()
    if not serial or len(serial) > 50:
        raise InvalidInput(
            "A serial number of 1 to 50 characters is required", [Problem("required", "SN")]
        )
    with store.write() as conn:
        if device_store.device_by_serial(conn, serial) is not None:
            raise Conflict(f"Device {serial} is registered already")
        claimants = device_store.claimants(conn, serial)
        if claimants and company_id not in claimants:
            # It asked to join another company (with that one's enrolment secret): taking it
            # here would send that company's punches to this one.
            raise Conflict(f"Device {serial} cannot be accepted here; check the serial number")
        if company_id in claimants and change.secret is None:
            # It knocked with this company's enrolment path: it keeps that path.
            change = replace(change, secret_hash=device_store.enrolment_hash(conn, company_id))
        row = device_store.terminal_row(conn, company_id, terminal_number)
        if row is None:
            if not name:
                raise NotFound(
                    f"Terminal {terminal_number} does not exist; give a name to register it"
                )
            put_terminal(conn, company_id, TerminalSpec(terminal_number, name), now)
            row = device_store.terminal_row(conn, company_id, terminal_number)
            assert row is not None
        elif row.device_serial:
            raise Conflict(f"Terminal {terminal_number} is device {row.device_serial} already")
        values = {"device_serial": serial, **_values(change)}
        device_store.update_terminal(conn, company_id, row.id, **values)
        device_store.forget_pending(conn, serial)
        event = audit.Event(
            "terminal",
            str(terminal_number),
            "accept_device",
            row.id,
            {"DeviceSerial": [None, serial], **_shown(change)},
        )
        audit.record(conn, company_id, actor, now, [event])
        device = device_store.device_by_serial(conn, serial)
    assert device is not None
    return DeviceView.of(device)


def change_device(
    store: Store,
    company_id: int,
    serial: str,
    change: DeviceChange,
    now: datetime,
    actor: audit.Actor = audit.SYSTEM,
) -> DeviceView:
    with store.write() as conn:
        device = device_store.device_by_serial(conn, serial)
        if device is None or device.company_id != company_id:
            raise NotFound(f"No device {serial} in this company")
        device_store.update_terminal(conn, company_id, device.terminal_id, **_values(change))
        event = audit.Event(
            "terminal",
            str(device.terminal_number),
            "change_device",
            device.terminal_id,
            _shown(change),
        )
        audit.record(conn, company_id, actor, now, [event])
        device = device_store.device_by_serial(conn, serial)
    assert device is not None
    return DeviceView.of(device)


def _values(change: DeviceChange) -> dict:
    values: dict = {}
    if change.direction_mode is not None:
        try:
            values["direction_mode"] = DirectionMode.parse(change.direction_mode).value
        except ValueError as error:
            raise InvalidInput(str(error), [Problem(str(error), "DirectionMode")]) from None
    if change.secret is not None:
        values["device_secret_hash"] = digest(change.secret) if change.secret else None
    elif change.secret_hash is not None:
        values["device_secret_hash"] = change.secret_hash
    if change.time_zone is not None:
        from ..masterdata import values as v

        try:
            values["time_zone"] = v.time_zone(change.time_zone) if change.time_zone else None
        except ValueError as error:
            raise InvalidInput(str(error), [Problem(str(error), "TimeZone")]) from None
    return values


def _shown(change: DeviceChange) -> dict:
    shown: dict = {}
    if change.direction_mode is not None:
        shown["DirectionMode"] = [None, change.direction_mode]
    if change.secret is not None:
        shown["PathSecret"] = [None, "set" if change.secret else "removed"]
    elif change.secret_hash is not None:
        shown["PathSecret"] = [None, "enrolment secret"]
    if change.time_zone is not None:
        shown["TimeZone"] = [None, change.time_zone or None]
    return shown


def set_pin(
    store: Store,
    company_id: int,
    pin: str,
    employee_nr: str,
    now: datetime,
    actor: audit.Actor = audit.SYSTEM,
) -> None:
    """Map a device PIN to an employee (by EmployeeNr, in any letter case)."""
    pin = pin.strip()
    if not pin or len(pin) > 50:
        raise InvalidInput("A PIN of 1 to 50 characters is required", [Problem("required", "Pin")])
    with store.write() as conn:
        known = refs.employees_by_nr(conn, company_id, {employee_nr})
        employee = known.get(employee_nr)
        if employee is None:
            raise NotFound(f"No employee {employee_nr} in this company")
        device_store.put_pin(conn, company_id, pin, employee.id, now)
        event = audit.Event(
            "device_pin", pin, "map", employee.id, {"EmployeeNr": [None, employee.employee_nr]}
        )
        audit.record(conn, company_id, actor, now, [event])


def pins(store: Store, company_id: int) -> list[tuple[str, str]]:
    with store.read() as conn:
        return device_store.all_pins(conn, company_id)


def set_work_code(
    store: Store,
    company_id: int,
    work_code: str,
    now: datetime,
    *,
    time_code: str | None = None,
    account_nr: str | None = None,
    sie_account_dim: int | None = None,
    actor: audit.Actor = audit.SYSTEM,
) -> None:
    """What a work code keyed on the device means: a time code tagged on the punch, an
    account the punch is made on, or both (checked when a punch uses them)."""
    work_code = work_code.strip()
    if not work_code or len(work_code) > 20 or work_code == "0":
        raise InvalidInput(
            "A work code of 1 to 20 characters (not 0) is required",
            [Problem("required", "WorkCode")],
        )
    if not (time_code or account_nr):
        raise InvalidInput(
            "Give a time code, an account, or both",
            [Problem("a time code or an account is required", "TimeScheduleTypeCode")],
        )
    with store.write() as conn:
        device_store.put_work_code(
            conn,
            company_id,
            work_code,
            time_code=time_code,
            account_nr=account_nr,
            sie_account_dim=sie_account_dim,
            created_at=now,
        )
        event = audit.Event(
            "device_work_code",
            work_code,
            "map",
            None,
            {"TimeScheduleTypeCode": [None, time_code], "AccountNr": [None, account_nr]},
        )
        audit.record(conn, company_id, actor, now, [event])
