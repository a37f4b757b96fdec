"""The demo company, modelled on the screenshots of SoftOne GO's API document.

Seeding is idempotent: the first run creates everything in one transaction, later runs find the
company by its key and change nothing. The demo credentials are fixed so that the README's
commands can be pasted as they are; they are for trying Stampla out, never for real data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from stampla.domain.attest import DEFAULTS, HolidayCalendar
from stampla.store import attest as attest_rows
from stampla.store import masterdata as masterdata_store
from stampla.store.engine import Store

from . import absence, rule_sets, schedules, staff
from . import masterdata as md
from .date_range import DateWindow
from .masterdata import shifts, terms
from .masterdata.records import update_record
from .roles import EVERYONE, Role, StaffScope
from .secrets import digest

COMPANY_NAME = "Stampla Demo AB"
COMPANY_API_KEY = "demo-company-api-key"
CONNECT_API_KEY = "demo-connect-api-key"
USER_NAME = "demo"
PASSWORD = "demo-password"
#: The people who sign in to the demo's pages, one of each role (API users never sign in).
STAFF_PASSWORD = "demo-staff-password"
STAFF = (
    ("admin", Role.ADMIN, EVERYONE),
    ("payroll", Role.PAYROLL, EVERYONE),
    ("attestant", Role.ATTESTANT, StaffScope("Avdelning", frozenset({"100"}))),
    ("viewer", Role.VIEWER, EVERYONE),
)


@dataclass(frozen=True)
class DemoCredentials:
    company_api_key: str
    connect_api_key: str
    user_name: str
    password: str
    created: bool


def _hours(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


# Employee ID, first, last, time agreement, employment position, rate %, weekly hours, ext code
EMPLOYEES = [
    ("3002", "Jacob", "Ahmedsdotter", "Timavlönad", "Permanent Position", "26.14", "10:00", None),
    ("3003", "Tilde", "Lindström", "Timavlönad", "Permanent Position", "78.43", "30:00", None),
    ("3004", "Erika", "Alicegren", "Timavlönad", "Permanent Position", "10.46", "4:00", None),
    ("3005", "Sabina", "Emmagren", "Timavlönad", "Permanent Position", "52.29", "20:00", None),
    (
        "3006",
        "Fabian",
        "Gustavsson",
        "Månadsavlönad",
        "Permanent Position",
        "100.00",
        "38:15",
        None,
    ),
    ("3014", "Douglas", "Jensberg", "Timavlönad", "Permanent Position", "52.29", "20:00", "673330"),
    ("3015", "Emil", "Elviraur", "Timavlönad", "Permanent Position", "65.36", "25:00", None),
    ("3018", "Molly", "Lukassdotter", "Timavlönad", "Permanent Position", "15.69", "6:00", None),
    ("3022", "Lovisa", "Emiliasdotter", "Timavlönad", "Permanent Position", "52.29", "20:00", None),
    (
        "3023",
        "Sara",
        "Jennyngren",
        "Timavlönad",
        "Special fixed time employment",
        "52.29",
        "20:00",
        None,
    ),
    ("3024", "Beatrice", "Sandberg", "Timavlönad", "Permanent Position", "52.29", "20:00", None),
    # The employee of the document's punch-in example.
    (
        "EMP1001",
        "Exempel",
        "Anställd",
        "Månadsavlönad",
        "Permanent Position",
        "100.00",
        "40:00",
        "EXT-EMP1001",
    ),
]

TERMINALS = [
    md.TerminalSpec(1, "Demo attendance app", "application"),
    md.TerminalSpec(7255, "14", "attendance_terminal"),
]

CODING_LEVELS = [
    md.CodingLevelSpec(2, "Avdelning", 50),
    md.CodingLevelSpec(3, "Region", 30),
    md.CodingLevelSpec(4, "Butik", 40),
    md.CodingLevelSpec(5, "Koncern", None),
    # SIE dimensions 2 and 3, which the document's punch-in example reports account 4001 in.
    md.CodingLevelSpec(6, "Kostnadsbärare", 2),
    md.CodingLevelSpec(7, "Aktivitet", 3),
]

ACCOUNTS = [
    (2, "100", "Kassa"),
    (2, "200", "Lager"),
    (2, "300", "Administration"),
    (3, "1000", "Stockholm"),
    (3, "2000", "Göteborg"),
    (3, "3000", "Malmö"),
    (3, "4000", "Sverige Norr"),
    (3, "4500", "Sverige Mellan"),
    (3, "5000", "Sverige Söder"),
    (4, "14", "Butik 14"),
    (4, "22", "Butik 22"),
    (5, "1", "Stampla Koncern"),
    (6, "4001", "Butiksdrift"),
    (7, "4001", "Inventering"),
]

# Name, description, salary IDs: the attendance time codes listed in the document.
TIME_CODES = [
    ("Arbete inom schema", "Arbete inom schema", "Timlön"),
    ("Arbete utanför sch", "Arbete utanför sch", "Timlön"),
    ("ArbTidMånad", "Arbetad tid vid månadslön", "Arbetad tid vid månadslön"),
    ("Kontroll Övertid", "Kontroll Övertid", None),
    ("Mertid", "Mertid", "Mertid"),
    ("OB 100%", "OB 100%", "OB 100%"),
    ("OB 50%", "OB 50%", "OB 50%"),
    ("OB 70%", "OB 70%", "OB 70%"),
    ("Tillägg inventering", "Tillägg inventering", None),
    ("Övertid div 72", "Övertid div 72", "Övertid kvalificerad, betald"),
    ("Övertid div 94", "Övertid div 94", "Övertid enkel, betald"),
    ("Övertid komp 1,5", "Övertid komp 1,5", "Övertid kompsaldo, faktor 1,5"),
    ("Övertid Komp 100%", "Övertid Komp 100%", "Övertid kompsaldo, faktor 2,0"),
    ("Övertid komp 2,0", "Övertid komp 2,0", "Övertid kompsaldo, faktor 2,0"),
    ("Övertid Komp 50%", "Övertid Komp 50%", "Övertid kompsaldo, faktor 1,5"),
    ("Övertid Komp 70%", "Övertid Komp 70%", "Övertid kompsaldo, faktor 1,75"),
    ("Övertid Pengar 100%", "Övertid Pengar 100%", "Övertid 100%, betald"),
    ("Övertid Pengar 50%", "Övertid Pengar 50%", "Övertid 50%, betald"),
    ("Övertid Pengar 70%", "Övertid Pengar 70%", "Övertid 70%, betald"),
    # The code of the document's punch-in example.
    ("DayShift", "Dagskift", None),
]

# Code, name, salary ID: the absence time codes HR registers absence with.
ABSENCE_CODES = [
    ("Sjuk", "Sjukfrånvaro", "Sjukavdrag"),
    ("VAB", "Vård av barn", "Tillfällig föräldrapenning"),
    ("Semester", "Semester", "Semesterlön"),
    ("Tjänstledig", "Tjänstledighet", "Tjänstledighetsavdrag"),
    ("Kompledig", "Kompledighet", "Kompledighet"),
]


#: The PAXml 2.0 tidkod of each demo code (docs/payroll-export.md): worked time, OB by step,
#: overtime paid (ÖT) or as comp time (ÖK) by step, absence by its kind.
PAXML_CODES = {
    "Arbete inom schema": "TID",
    "Arbete utanför sch": "ARB",
    "ArbTidMånad": "TID",
    "Kontroll Övertid": "NV1",
    "Mertid": "MER",
    "OB 50%": "OB1",
    "OB 70%": "OB2",
    "OB 100%": "OB3",
    "Tillägg inventering": "LT1",
    "Övertid div 94": "ÖT1",
    "Övertid div 72": "ÖT2",
    "Övertid Pengar 50%": "ÖT1",
    "Övertid Pengar 100%": "ÖT2",
    "Övertid Pengar 70%": "ÖT3",
    "Övertid komp 1,5": "ÖK1",
    "Övertid Komp 50%": "ÖK1",
    "Övertid komp 2,0": "ÖK2",
    "Övertid Komp 100%": "ÖK2",
    "Övertid Komp 70%": "ÖK3",
    "DayShift": "NV2",
    "Sjuk": "SJK",
    "VAB": "VAB",
    "Semester": "SEM",
    "Tjänstledig": "TJL",
    "Kompledig": "KOM",
}
#: The demo company's organisation number (a made-up one), for the PAXml header.
ORG_NR = "556000-0000"


def seed_demo(store: Store, now: datetime) -> DemoCredentials:
    """Create the demo company unless it exists; return its credentials either way."""
    with store.write() as conn:
        created = masterdata_store.find_company_id(conn, key_hash=digest(COMPANY_API_KEY)) is None
        if created:
            company_id = masterdata_store.insert_company(
                conn,
                name=COMPANY_NAME,
                time_zone="Europe/Stockholm",
                api_key_hash=digest(COMPANY_API_KEY),
                created_at=now,
            )
            _seed_registers(conn, company_id, now)
    return DemoCredentials(COMPANY_API_KEY, CONNECT_API_KEY, USER_NAME, PASSWORD, created)


def _seed_registers(conn, company_id: int, now: datetime) -> None:  # noqa: ANN001
    masterdata_store.update_company(conn, company_id, {"org_nr": ORG_NR})
    md.put_integration(conn, company_id, "Demo integration", now, CONNECT_API_KEY)
    md.put_api_user(conn, company_id, USER_NAME, PASSWORD, now)
    for staff_name, role, scope in STAFF:
        staff.put_staff_user(conn, company_id, staff_name, STAFF_PASSWORD, role, now, scope=scope)
    for nr, first, last, agreement, position, rate, hours, code in EMPLOYEES:
        spec = md.EmployeeSpec(
            employee_nr=nr,
            first_name=first,
            last_name=last,
            external_code=code,
            time_agreement=agreement,
            employment_position=position,
            employment_rate=Decimal(rate),
            weekly_minutes=_hours(hours),
        )
        md.put_employee(conn, company_id, spec, now)
    for terminal in TERMINALS:
        md.put_terminal(conn, company_id, terminal, now)
    for level in CODING_LEVELS:
        md.put_coding_level(conn, company_id, level, now)
    for level_number, account_nr, name in ACCOUNTS:
        md.put_account(conn, company_id, md.AccountSpec(level_number, account_nr, name), now)
    for name, description, salary in TIME_CODES:
        spec = md.TimeCodeSpec(
            code=name,
            name=name if name != "DayShift" else description,
            description=description,
            salary_ids=(salary,) if salary else (),
            paxml_code=PAXML_CODES.get(name),
        )
        md.put_time_code(conn, company_id, spec, now)
    for code, name, salary in ABSENCE_CODES:
        spec = md.TimeCodeSpec(
            code=code,
            name=name,
            kind="absence",
            salary_ids=(salary,),
            paxml_code=PAXML_CODES.get(code),
        )
        md.put_time_code(conn, company_id, spec, now)
    _swedish_holidays(conn, company_id, now)
    _schedules(conn, company_id, now)
    _terms(conn, company_id, now)
    _absences(conn, company_id, now)
    _rule_sets(conn, company_id, now)


def _swedish_holidays(conn, company_id: int, now: datetime) -> None:  # noqa: ANN001
    """The demo company is Swedish: its expected time skips Sweden's holidays."""
    defaults = DEFAULTS
    attest_rows.write_settings(
        conn,
        company_id,
        day_rule=defaults.day_rule.value,
        gap_minutes=int(defaults.gap.total_seconds() // 60),
        max_shift_minutes=int(defaults.max_shift.total_seconds() // 60),
        bounce_seconds=int(defaults.bounce.total_seconds()),
        holidays=HolidayCalendar.SWEDEN.value,
        updated_at=now,
    )


# Schedules -----------------------------------------------------------------------------------

OFF = "-"
#: Mon–Thu 8:00 and a short Friday of 6:15: 38:15 a week.
OFFICE_DAY, OFFICE_FRIDAY = "07:30-16:15 /11:30-12:15", "07:30-14:30 /11:30-12:15"
PART_TIME_DAY = "10:00-15:30 /12:30-13:00"  # 5:00
NIGHT = "22:00-06:00 /02:00-02:30"  # 7:30, belonging to the date it begins on (StartDay)
WEEKEND_DAY = {"start": "10:00", "stop": "18:00", "breaks": [{"start": "13:00", "stop": "13:30"}]}


def _week(*days: object) -> list[object]:
    return list(days)


# Name, description, weeks (each seven days from Monday), works on holidays.
TEMPLATES = [
    (
        "Kontor 38:15",
        "Kontorstid, kort fredag",
        [_week(*[OFFICE_DAY] * 4, OFFICE_FRIDAY, OFF, OFF)],
        False,
    ),
    (
        "Heltid 40:00",
        "Dagtid måndag till fredag",
        [_week(*["08:00-17:00 /12:00-13:00"] * 5, OFF, OFF)],
        False,
    ),
    ("Deltid 30:00", None, [_week(*["08:00-16:00 /12:00-12:30"] * 4, OFF, OFF, OFF)], False),
    ("Deltid 20:00", None, [_week(*[PART_TIME_DAY] * 4, OFF, OFF, OFF)], False),
    (
        "Deltid 20:00 två veckor",
        "Vecka 1 måndag–torsdag, vecka 2 tisdag–fredag",
        [
            _week(*[PART_TIME_DAY] * 4, OFF, OFF, OFF),
            _week(OFF, *[PART_TIME_DAY] * 4, OFF, OFF),
        ],
        False,
    ),
    (
        "Tis/tor 10:00",
        None,
        [_week(OFF, "09:00-14:30 /12:00-12:30", OFF, "09:00-14:30 /12:00-12:30", OFF, OFF, OFF)],
        False,
    ),  # fmt: skip
    (
        "Mån/ons kväll 4:00",
        None,
        [_week("16:00-18:00", OFF, "16:00-18:00", OFF, OFF, OFF, OFF)],
        False,
    ),  # fmt: skip
    (
        "Mån/fre 6:00",
        None,
        [_week("10:00-13:00", OFF, OFF, OFF, "10:00-13:00", OFF, OFF)],
        False,
    ),  # fmt: skip
    (
        "Kväll och helg",
        "Butik 14: fredagskväll och helger, även helgdagar",
        [
            _week(
                OFF,
                OFF,
                OFF,
                OFF,
                [{"start": "17:00", "stop": "22:00", "accountNr": "14", "timeCode": "OB 50%"}],
                [{**WEEKEND_DAY, "accountNr": "14"}],
                [{**WEEKEND_DAY, "accountNr": "14"}],
            )
        ],
        True,
    ),
    (
        "Natt",
        "Nätter söndag–tisdag och en kort natt onsdag, även helgdagar",
        [_week(NIGHT, NIGHT, "22:00-00:30", OFF, OFF, OFF, NIGHT)],
        True,
    ),
]

# Employee ID, template, first week (weeks after the seeding week's Monday, negative: before),
# last week (None: until further notice), start week of the rotation.
ASSIGNMENTS = [
    ("3002", "Tis/tor 10:00", -8, None, 1),
    ("3003", "Deltid 30:00", -8, None, 1),
    ("3004", "Mån/ons kväll 4:00", -8, None, 1),
    ("3005", "Deltid 20:00 två veckor", -8, None, 2),
    ("3006", "Kontor 38:15", -8, None, 1),
    ("3014", "Kväll och helg", -8, None, 1),
    ("3015", "Natt", -8, None, 1),
    ("3018", "Mån/fre 6:00", -8, None, 1),
    ("3022", "Deltid 20:00", -8, None, 1),
    ("3023", "Deltid 20:00", -4, 12, 1),  # a fixed-term employment: the schedule ends
    ("3024", "Deltid 20:00", -8, None, 1),
    ("EMP1001", "Heltid 40:00", -8, None, 1),
]

# Employee ID, weeks after the seeding week's Monday, weekday (0 Monday), shifts, note.
OVERRIDES = [
    ("3003", 0, 2, "12:00-20:00 /16:00-16:30", "Byter pass med Lovisa"),
    ("3006", 1, 4, OFF, "Kompledig"),
    (
        "3002",
        0,
        5,
        [{"start": "10:00", "stop": "14:00", "timeCode": "Tillägg inventering"}],
        "Extra pass: inventering",
    ),
]


def _schedules(conn, company_id: int, now: datetime) -> None:  # noqa: ANN001
    """Templates for the demo staff (part-timers on two to four weekday shifts, an evening
    and weekend worker, a night worker, Fabian Gustavsson's 38:15 a week), assigned from
    eight weeks before the seeding week, and a few single dates planned otherwise."""
    window = DateWindow.around(now)
    monday = _monday(now)
    for name, description, weeks, holidays in TEMPLATES:
        spec = md.ScheduleTemplateSpec(
            name, shifts.weeks(weeks), description, works_on_holidays=holidays
        )
        md.put_schedule_template(conn, company_id, spec, now)
    for nr, template, first, last, start_week in ASSIGNMENTS:
        given = {
            "employee_nr": nr,
            "template": template,
            "valid_from": monday + timedelta(weeks=first),
            "valid_to": None if last is None else monday + timedelta(weeks=last, days=-1),
            "start_week": start_week,
        }
        schedules.put_assignment(conn, company_id, given, now, window=window)
    for nr, week, weekday, planned, note in OVERRIDES:
        day = monday + timedelta(weeks=week, days=weekday)
        given = {"employee_nr": nr, "date": day, "shifts": planned, "note": note}
        schedules.put_override(conn, company_id, given, now, window=window)


# Terms and absence ---------------------------------------------------------------------------

#: Sara Jennyngren's fixed-term employment: hired with her schedule, ending with it.
FIXED_TERM = ("3023", -4, 12)
#: Lovisa Emiliasdotter works more from two weeks before the seeding week: a dated term, so
#: that the days before keep their 20:00 a week.
TERM_CHANGES = [
    ("3022", -2, {"weekly_minutes": "25:00", "employment_rate": "65,36"}),
]
# Employee ID, code, first day and last day (weeks after the seeding week's Monday, weekday),
# extent values, note.
ABSENCES = [
    ("3024", "Sjuk", (-1, 1), (-1, 2), {}, "Feber"),
    ("3022", "VAB", (-1, 2), (-1, 2), {"percent": "50"}, "Hämtade på förskolan"),
    ("3003", "Sjuk", (-1, 3), (-1, 3), {"start": "08:00", "stop": "12:00"}, "Tandläkare"),
    ("3006", "Semester", (1, 0), (1, 4), {}, "Sommarlov"),
    ("3018", "Tjänstledig", (0, 0), (0, 4), {}, None),
]


def _terms(conn, company_id: int, now: datetime) -> None:  # noqa: ANN001
    monday = _monday(now)
    nr, first, last = FIXED_TERM
    hired = monday + timedelta(weeks=first)
    ended = monday + timedelta(weeks=last, days=-1)
    changes = {"hire_date": hired.isoformat(), "end_date": ended.isoformat()}
    employee = masterdata_store.find_row(conn, md.EMPLOYEE.table, company_id, employee_nr=nr)
    update_record(conn, md.EMPLOYEE, company_id, employee, changes, now, "system", nr)
    for nr, week, values in TERM_CHANGES:
        given = {"valid_from": monday + timedelta(weeks=week), **values}
        terms.put_term(conn, company_id, nr, given, now)


def _absences(conn, company_id: int, now: datetime) -> None:  # noqa: ANN001
    """A few absences of the last weeks and the next: sick days, VAB, vacation, leave."""
    window = DateWindow.around(now)
    monday = _monday(now)
    for nr, code, (first_week, first_day), (last_week, last_day), extent, note in ABSENCES:
        given = {
            "employee_nr": nr,
            "time_code": code,
            "first_date": monday + timedelta(weeks=first_week, days=first_day),
            "last_date": monday + timedelta(weeks=last_week, days=last_day),
            "note": note,
            **extent,
        }
        absence.put_absence(conn, company_id, given, now, window=window)


def _rule_sets(conn, company_id: int, now: datetime) -> None:  # noqa: ANN001
    """Handels retail for the hourly paid and the salaried overtime model, since always
    (docs/time-rules.md): the demo's Sundays and evenings earn OB, its long days overtime,
    and its Kompledig (``ABSENCE_CODES``) withdraws comp time."""
    rule_sets.install_shipped(
        conn, company_id, date(2000, 1, 1), now, window=DateWindow.around(now)
    )


def _monday(now: datetime) -> date:
    today = now.astimezone(ZoneInfo("Europe/Stockholm")).date()
    return today - timedelta(days=today.weekday())
