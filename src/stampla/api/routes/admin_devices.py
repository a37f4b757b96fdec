"""/Admin/Devices: ADMS devices on the company's terminals, serials waiting to be accepted,
and device PINs (the same use cases as ``stampla device``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter
from pydantic import Field
from starlette.concurrency import run_in_threadpool

from stampla.errors import InvalidInput, Problem
from stampla.service.devices import commands, kiosk_access, push, registry
from stampla.service.devices.kiosk_access import KEEP
from stampla.wire.base import OutputModel

from ..deps import Now, SettingsDep, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_models import AdminInput

router = APIRouter(prefix="/Admin", tags=["Admin: devices"], responses=ADMIN_ERRORS)


class DeviceAccept(AdminInput):
    time_terminal_id: int = Field(
        alias="TimeTerminalId", ge=1, le=2**31 - 1, description="The terminal it punches as."
    )
    name: str | None = Field(
        None, alias="Name", max_length=200, description="Register the terminal with this name."
    )
    direction_mode: str | None = Field(
        None, alias="DirectionMode", description="status, in, out or alternate."
    )
    path_secret: str | None = Field(
        None,
        alias="PathSecret",
        max_length=200,
        description="The device must use /adms/<it>/iclock.",
    )


class DeviceChangeBody(AdminInput):
    direction_mode: str | None = Field(None, alias="DirectionMode")
    path_secret: str | None = Field(None, alias="PathSecret", max_length=200)
    time_zone: str | None = Field(None, alias="TimeZone", max_length=64)


class PinBody(AdminInput):
    employee_nr: str = Field(alias="EmployeeNr", min_length=1, max_length=50)


class PinResult(OutputModel):
    applied: int = Field(description="Kept lines of the PIN punched now.")


class CommandBody(AdminInput):
    command: str | None = Field(
        None,
        alias="Command",
        max_length=500,
        description="An ADMS command (e.g. REBOOT); leave out with SetClock.",
    )
    set_clock: bool = Field(
        False, alias="SetClock", description="Set the device's clock to the server's time."
    )


class KioskBody(AdminInput):
    account_level: int | None = Field(
        None,
        alias="AccountLevel",
        ge=1,
        le=2**31 - 1,
        description="Offer the accounts of this coding level (its number); null: no choice.",
    )
    badge_only: bool | None = Field(
        None, alias="BadgeOnly", description="Whether a badge alone identifies an employee."
    )


class KioskView(OutputModel):
    time_terminal_id: int
    account_level: int | None = None
    badge_only: bool


AcceptBody = Annotated[DeviceAccept, json_body(DeviceAccept)]
KioskInput = Annotated[KioskBody, json_body(KioskBody)]
CommandInput = Annotated[CommandBody, json_body(CommandBody)]
ChangeBody = Annotated[DeviceChangeBody, json_body(DeviceChangeBody)]
PinInput = Annotated[PinBody, json_body(PinBody)]


@router.get("/Devices", response_model=list[registry.DeviceView], summary="The company's devices")
def list_devices(admin: Admin, store: StoreDep) -> list[registry.DeviceView]:
    return registry.list_devices(store, admin.company_id)


@router.get(
    "/PendingDevices",
    response_model=list[registry.PendingView],
    summary="Serials that asked to push with this company's enrolment secret",
)
def list_pending(admin: Admin, store: StoreDep) -> list[registry.PendingView]:
    """Only this company's: a serial that knocked without its enrolment secret in the path
    names no company, and is listed for the operator only (``stampla device unclaimed``)."""
    return registry.list_pending(store, admin.company_id)


class EnrolmentSecret(OutputModel):
    secret: str = Field(description="Shown once: devices call /adms/<secret>/iclock.")
    path: str = Field(description="The server path to give the devices.")


@router.post(
    "/DeviceEnrolmentSecret",
    response_model=EnrolmentSecret,
    summary="A new enrolment secret: devices using its path are listed for this company",
)
def enrolment_secret(admin: Admin, store: StoreDep, now: Now) -> EnrolmentSecret:
    secret = registry.new_enrolment_secret(store, admin.company_id, now, admin.actor)
    return EnrolmentSecret.model_validate({"secret": secret, "path": f"/adms/{secret}/iclock"})


@router.post(
    "/Devices/{serial}/Accept",
    response_model=registry.DeviceView,
    summary="Let a device in, on a terminal (registered now if Name is given)",
    openapi_extra=documented(DeviceAccept),
)
def accept(
    serial: str, admin: Admin, store: StoreDep, now: Now, body: AcceptBody
) -> registry.DeviceView:
    change = registry.DeviceChange(direction_mode=body.direction_mode, secret=body.path_secret)
    return registry.accept(
        store,
        admin.company_id,
        serial,
        body.time_terminal_id,
        now,
        name=body.name,
        change=change,
        actor=admin.actor,
    )


@router.patch(
    "/Devices/{serial}",
    response_model=registry.DeviceView,
    summary="Change a device's direction mode, path secret or time zone",
    openapi_extra=documented(DeviceChangeBody),
)
def change(
    serial: str, admin: Admin, store: StoreDep, now: Now, body: ChangeBody
) -> registry.DeviceView:
    values = registry.DeviceChange(body.direction_mode, body.path_secret, body.time_zone)
    return registry.change_device(store, admin.company_id, serial, values, now, admin.actor)


@router.put(
    "/DevicePins/{pin}",
    response_model=PinResult,
    summary="Map a device PIN to an employee; its kept lines are punched now",
    openapi_extra=documented(PinBody),
)
async def put_pin(
    pin: str, admin: Admin, store: StoreDep, settings: SettingsDep, now: Now, body: PinInput
) -> PinResult:
    def work() -> int:
        registry.set_pin(store, admin.company_id, pin, body.employee_nr, now, admin.actor)
        return push.apply_held(
            store, admin.company_id, [pin.strip()], now, push.limits_of(settings)
        )

    return PinResult.model_validate({"applied": await run_in_threadpool(work)})


@router.post(
    "/Devices/{serial}/Commands",
    response_model=commands.CommandView,
    summary="Queue a command for a device (sent on its next getrequest)",
    openapi_extra=documented(CommandBody),
)
def queue_command(
    serial: str, admin: Admin, store: StoreDep, now: Now, body: CommandInput
) -> commands.CommandView:
    if body.set_clock == (body.command is not None):
        raise InvalidInput(
            "Give a Command or SetClock (one of them)",
            [Problem("a Command or SetClock: true", "Command")],
        )
    return commands.queue_command(store, admin.company_id, serial, body.command, now, admin.actor)


@router.get(
    "/Devices/{serial}/Commands",
    response_model=list[commands.CommandView],
    summary="A device's commands: queued, sent, and what it answered",
)
def list_commands(serial: str, admin: Admin, store: StoreDep) -> list[commands.CommandView]:
    return commands.list_commands(store, admin.company_id, serial)


@router.patch(
    "/Kiosks/{terminal}",
    response_model=KioskView,
    summary="What a kiosk asks: an account of a coding level, a PIN with every badge",
    openapi_extra=documented(KioskBody),
)
def configure_kiosk(
    terminal: int, admin: Admin, store: StoreDep, now: Now, body: KioskInput
) -> KioskView:
    level: object = body.account_level if "account_level" in body.model_fields_set else KEEP
    view = kiosk_access.configure(
        store,
        admin.company_id,
        terminal,
        now,
        account_level=level,
        badge_only=body.badge_only,
        actor=admin.actor,
    )
    return KioskView.model_validate(
        {
            "time_terminal_id": terminal,
            "account_level": view.account_level,
            "badge_only": view.badge_only,
        }
    )
