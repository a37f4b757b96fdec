"""``stampla device``: ZKTeco ADMS devices on terminals, their PINs and work codes
(docs/devices.md)."""

from __future__ import annotations

import typer

from stampla.service.devices import commands, kiosk, kiosk_access, push, registry
from stampla.settings import get_settings

from .common import CompanyOption, JsonOption, actor, company_store, emit, reporting, table
from .context import company_id_for, now, ready_store

app = typer.Typer(
    help="Devices pushing to /iclock (ZKTeco ADMS): accept a serial, set its direction mode "
    "and path secret, map PINs and work codes.",
    no_args_is_help=True,
)

DirectionOption = typer.Option(
    None, "--direction", help="status (the device's status codes), in, out or alternate."
)
SecretOption = typer.Option(
    None, "--secret", help="Path secret: the device must use /adms/<secret>/iclock; '' removes it."
)


@app.command("list")
def list_devices(company: CompanyOption = None, as_json: JsonOption = False) -> None:
    """List the company's devices, and the serials that knocked with its enrolment secret.

    Example: stampla device list
    """
    with company_store(company, as_json) as (store, company_id):
        devices = registry.list_devices(store, company_id)
        waiting = registry.list_pending(store, company_id)
    if as_json:
        emit(devices)
        return
    table(
        "Devices",
        (
            ("serial", lambda d: d.serial),
            ("terminal id", lambda d: d.time_terminal_id),
            ("name", lambda d: d.name),
            ("direction", lambda d: d.direction_mode),
            ("time zone", lambda d: d.time_zone),
            ("secret", lambda d: d.path_secret),
            ("last seen", lambda d: d.last_seen_at),
            ("clock", lambda d: d.clock_note or "ok"),
        ),
        devices,
    )
    table(
        "Waiting to be accepted (stampla device accept SERIAL --terminal N)",
        (
            ("serial", lambda p: p.serial),
            ("first seen", lambda p: p.first_seen_at),
            ("last seen", lambda p: p.last_seen_at),
            ("address", lambda p: p.client_address),
            ("requests", lambda p: p.requests),
        ),
        waiting,
    )


@app.command("unclaimed")
def unclaimed(as_json: JsonOption = False) -> None:
    """The operator's list: serials that knocked without any company's enrolment secret
    (installation-wide; no admin API shows it).

    Example: stampla device unclaimed
    """
    store = ready_store()
    try:
        with reporting(as_json):
            waiting = registry.list_unclaimed(store)
    finally:
        store.dispose()
    if as_json:
        emit(waiting)
        return
    table(
        "Serials of no company (accept with stampla device accept SERIAL --terminal N --company C)",
        (
            ("serial", lambda p: p.serial),
            ("first seen", lambda p: p.first_seen_at),
            ("last seen", lambda p: p.last_seen_at),
            ("address", lambda p: p.client_address),
            ("requests", lambda p: p.requests),
        ),
        waiting,
    )


@app.command("enrol-secret")
def enrol_secret(company: CompanyOption = None) -> None:
    """Make the company's enrolment secret (the old one stops working); shown this once.
    Devices pointed at /adms/<secret>/iclock are listed for this company to accept.

    Example: stampla device enrol-secret
    """
    with company_store(company) as (store, company_id):
        made = registry.new_enrolment_secret(store, company_id, now(), actor())
    print(f"Enrolment secret: {made}")
    print(f"Point devices at the server path /adms/{made}/iclock (docs/devices.md).")


@app.command("accept")
def accept(
    serial: str = typer.Argument(..., help="The device's serial number (SN)."),
    terminal: int = typer.Option(..., "--terminal", help="Terminal ID number it punches as."),
    name: str = typer.Option(None, "--name", help="Register the terminal with this name."),
    direction: str = DirectionOption,
    secret: str = SecretOption,
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Let a device in: its punches are made on the terminal.

    Example: stampla device accept CJDE201960123 --terminal 7255
    Example: stampla device accept CJDE201960124 --terminal 20 --name "Warehouse door"
    """
    with company_store(company, as_json) as (store, company_id):
        view = registry.accept(
            store,
            company_id,
            serial,
            terminal,
            now(),
            name=name,
            change=registry.DeviceChange(direction_mode=direction, secret=secret),
            actor=actor(),
        )
    if as_json:
        emit(view)
    else:
        print(f"Device {view.serial} accepted on terminal {view.time_terminal_id}.")


@app.command("set")
def set_device(
    serial: str = typer.Argument(..., help="The device's serial number (SN)."),
    direction: str = DirectionOption,
    secret: str = SecretOption,
    time_zone: str = typer.Option(
        None, "--time-zone", help="The terminal's IANA zone for device times; '' for the company's."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Change a device's direction mode, path secret or time zone.

    Example: stampla device set CJDE201960123 --direction alternate
    """
    change = registry.DeviceChange(direction_mode=direction, secret=secret, time_zone=time_zone)
    with company_store(company, as_json) as (store, company_id):
        view = registry.change_device(store, company_id, serial, change, now(), actor())
    if as_json:
        emit(view)
    else:
        print(f"Device {view.serial} changed.")


@app.command("pin")
def pin(
    device_pin: str = typer.Argument(..., metavar="PIN", help="The user ID on the device."),
    employee_nr: str = typer.Argument(..., help="The employee's EmployeeNr."),
    company: CompanyOption = None,
) -> None:
    """Map a device PIN to an employee (without one, the PIN is taken as the EmployeeNr);
    lines kept for that PIN are punched now.

    Example: stampla device pin 17 3002
    """
    with company_store(company) as (store, company_id):
        at = now()
        registry.set_pin(store, company_id, device_pin, employee_nr, at, actor())
        applied = push.apply_held(
            store, company_id, [device_pin.strip()], at, push.limits_of(get_settings())
        )
    print(f"PIN {device_pin} is {employee_nr}; {applied} kept line(s) applied.")


@app.command("pins")
def pins(company: CompanyOption = None) -> None:
    """List the PIN mappings.

    Example: stampla device pins
    """
    with company_store(company) as (store, company_id):
        mapped = registry.pins(store, company_id)
    table("PINs", (("pin", lambda p: p[0]), ("employee", lambda p: p[1])), mapped)


@app.command("work-code")
def work_code(
    code: str = typer.Argument(..., help="The work code keyed on the device."),
    time_code: str = typer.Option(None, "--time-code", help="TimeScheduleTypeCode to tag."),
    account: str = typer.Option(None, "--account", help="AccountNr to punch on."),
    dimension: int = typer.Option(None, "--dimension", help="SieAccountDim of the account."),
    company: CompanyOption = None,
) -> None:
    """Say what a work code means: a time code, an account, or both.

    Example: stampla device work-code 2 --time-code "OB 50%"
    """
    with company_store(company) as (store, company_id):
        registry.set_work_code(
            store,
            company_id,
            code,
            now(),
            time_code=time_code,
            account_nr=account,
            sie_account_dim=dimension,
            actor=actor(),
        )
    print(f"Work code {code} set.")


@app.command("apply-held")
def apply_held(company: CompanyOption = None) -> None:
    """Punch every kept line whose PIN now names an employee (e.g. one added since).

    Example: stampla device apply-held
    """
    store = ready_store()
    try:
        with reporting():
            company_id = company_id_for(store, company)
            applied = push.apply_held(
                store, company_id, None, now(), push.limits_of(get_settings())
            )
    finally:
        store.dispose()
    print(f"{applied} kept line(s) applied.")


@app.command("kiosk-secret")
def kiosk_secret(
    terminal: int = typer.Argument(..., help="Terminal ID number of the kiosk (type application)."),
    company: CompanyOption = None,
) -> None:
    """Make a new kiosk secret (the old one stops working); shown this once.

    Example: stampla device kiosk-secret 1
    """
    with company_store(company) as (store, company_id):
        made = kiosk.new_secret(store, company_id, terminal, now(), actor())
    print(f"Kiosk secret of terminal {terminal}: {made}")
    print("Store it now: it is shown this once, and Stampla keeps only a hash of it.")


@app.command("kiosk-pin")
def kiosk_pin(
    employee_nr: str = typer.Argument(..., help="The employee's EmployeeNr."),
    pin: str = typer.Option(
        None, "--pin", hide_input=True, help="4 to 12 digits (asked if left out)."
    ),
    clear: bool = typer.Option(False, "--clear", help="Remove the employee's kiosk PIN."),
    company: CompanyOption = None,
) -> None:
    """Set (or clear) an employee's kiosk PIN (stored hashed).

    Example: stampla device kiosk-pin 3002
    Example: stampla device kiosk-pin 3002 --clear
    """
    if not clear and pin is None:
        pin = typer.prompt("Pin", hide_input=True)
    with company_store(company) as (store, company_id):
        kiosk_access.set_pin(store, company_id, employee_nr, None if clear else pin, now(), actor())
    print(f"Kiosk PIN of {employee_nr} {'cleared' if clear else 'set'}.")


@app.command("badge")
def badge(
    employee_nr: str = typer.Argument(..., help="The employee's EmployeeNr."),
    badge_nr: str = typer.Argument(None, help="The badge number, as the reader types it."),
    clear: bool = typer.Option(False, "--clear", help="Remove the employee's badge."),
    company: CompanyOption = None,
) -> None:
    """Give an employee a badge number (unique in the company), or clear it.

    Example: stampla device badge 3002 0004711234
    Example: stampla device badge 3002 --clear
    """
    if clear == (badge_nr is not None):
        raise typer.BadParameter("give a BADGE_NR or --clear (one of them)")
    with company_store(company) as (store, company_id):
        kiosk_access.set_badge(store, company_id, employee_nr, badge_nr, now(), actor())
    print(f"Badge of {employee_nr} {'cleared' if clear else 'set'}.")


@app.command("kiosk-set")
def kiosk_set(
    terminal: int = typer.Argument(..., help="Terminal ID number of the kiosk (type application)."),
    accounts: int = typer.Option(
        None, "--accounts", help="Offer the accounts of this coding level (its number)."
    ),
    no_accounts: bool = typer.Option(False, "--no-accounts", help="Offer no account choice."),
    badge_only: bool = typer.Option(
        None, "--badge-only/--pin-always", help="Whether a badge alone identifies an employee."
    ),
    company: CompanyOption = None,
) -> None:
    """Set what a kiosk asks: an account of a coding level, a PIN with every badge.

    Example: stampla device kiosk-set 1 --accounts 2 --badge-only
    """
    level: object = kiosk_access.KEEP
    if accounts is not None or no_accounts:
        level = None if no_accounts else accounts
    with company_store(company) as (store, company_id):
        kiosk_access.configure(
            store,
            company_id,
            terminal,
            now(),
            account_level=level,
            badge_only=badge_only,
            actor=actor(),
        )
    print(f"Kiosk {terminal} set.")


@app.command("command")
def command(
    serial: str = typer.Argument(..., help="The device's serial number (SN)."),
    text: str = typer.Argument(None, metavar="COMMAND", help="An ADMS command, e.g. REBOOT."),
    set_clock: bool = typer.Option(
        False, "--set-clock", help="Set the device's clock to the server's time."
    ),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """Queue a command for a device; it is sent on the device's next poll (getrequest).

    Example: stampla device command CJDE201960123 --set-clock
    Example: stampla device command CJDE201960123 REBOOT
    """
    if set_clock == (text is not None):
        raise typer.BadParameter("give a COMMAND or --set-clock (one of them)")
    with company_store(company, as_json) as (store, company_id):
        view = commands.queue_command(store, company_id, serial, text, now(), actor())
    if as_json:
        emit(view)
    else:
        print(f"Command {view.command_id} queued for {serial}: {view.command}")


@app.command("commands")
def list_commands(
    serial: str = typer.Argument(..., help="The device's serial number (SN)."),
    company: CompanyOption = None,
    as_json: JsonOption = False,
) -> None:
    """List a device's commands: queued, sent, and what the device answered.

    Example: stampla device commands CJDE201960123
    """
    with company_store(company, as_json) as (store, company_id):
        found = commands.list_commands(store, company_id, serial)
    if as_json:
        emit(found)
        return
    table(
        f"Commands of {serial}",
        (
            ("id", lambda c: c.command_id),
            ("command", lambda c: c.command),
            ("state", lambda c: c.state),
            ("return", lambda c: c.return_code),
            ("queued", lambda c: c.queued_at),
            ("by", lambda c: c.queued_by),
            ("reason", lambda c: c.reason),
        ),
        found,
    )
