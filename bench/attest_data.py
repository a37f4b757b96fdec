"""A company with realistic punch history for the attest benchmark, written straight to the DB.

Going through the API would take minutes for a million punches and measure ingest, not
attest; so the punch rows are built here and inserted with the store's own bulk path
(``store.bulk.insert_rows``: executemany on SQLite, binary COPY on PostgreSQL), exactly as
the ingest would have stored them, ids allocated the same way.

Every employee punches four times a day, every day: In, break Out, break In, Out. Most work
days (start between 06:30 and 09:30), some work nights (22:00 to about 06:00, across
midnight). Some punches carry accounts (a department and a region) or a time code, and about
one day in a hundred has a mistake (a second In instead of the Out) so that warnings are
produced too. The dates include the autumn DST change.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select, text, update

from stampla.domain.rules.codec import rule_set_document
from stampla.domain.rules.handels import HOURLY
from stampla.service import masterdata as md
from stampla.store import bulk, migrate
from stampla.store import masterdata as store_md
from stampla.store.engine import Store
from stampla.store.ids import allocate_ids
from stampla.store.tables import (
    absences,
    companies,
    employees,
    ingest_batches,
    punches,
    rule_sets,
    schedule_assignments,
    schedule_overrides,
    schedule_templates,
    time_codes,
)

ZONE = ZoneInfo("Europe/Stockholm")
FIRST_DAY = date(2025, 9, 15)  # 50 days from here include 2025-10-26 (DST ends)
COMPANY_NAME = "Bench Attest AB"
COMPANY_KEY = "bench-attest-company-key"
CONNECT_KEY = "bench-attest-connect-key"
USER, PASSWORD = "bench", "bench-password"
TERMINAL = 7255
DEPARTMENTS = [f"{100 + n}" for n in range(20)]
REGIONS = ["1000", "2000", "3000"]


@dataclass(frozen=True)
class AttestCompany:
    id: int
    employee_nrs: list[str]
    first_day: date
    days: int
    punches: int
    employee_ids: dict[str, int]
    night_workers: frozenset[str]

    @property
    def last_day(self) -> date:
        return self.first_day + timedelta(days=self.days - 1)

    def keys(self) -> dict[str, str]:
        return {"companyApiKey": COMPANY_KEY, "connectApiKey": CONNECT_KEY}


def build(url: str, employees: int, days: int, seed: int = 2025) -> AttestCompany:
    """Migrate, create the company and its registers, and insert every punch."""
    store = Store(url)
    migrate.upgrade(store.engine)
    company_id, employee_ids, account_ids, batch_id = _registers(store, employees)
    rng = random.Random(seed)
    count = 0
    nrs = sorted(employee_ids)
    night: set[str] = set()
    for start in range(0, len(nrs), 250):
        rows = []
        for nr in nrs[start : start + 250]:
            if rng.random() < 0.15:
                night.add(nr)
            rows.extend(_employee_rows(
                rng, company_id, employee_ids[nr], nr, batch_id, days, account_ids, nr in night
            ))  # fmt: skip
        with store.write() as conn:
            ids = allocate_ids(conn, punches, company_id, len(rows))
            bulk.insert_rows(conn, [(r[0], i, *r[2:]) for r, i in zip(rows, ids, strict=True)])
        count += len(rows)
    _analyze(store)
    store.dispose()
    return AttestCompany(company_id, nrs, FIRST_DAY, days, count, employee_ids, frozenset(night))


def company_id(store: Store) -> int:
    """The id of the company ``build`` made."""
    with store.read() as conn:
        query = select(companies.c.id).where(companies.c.name == COMPANY_NAME)
        return conn.execute(query).scalar_one()


def _registers(store: Store, employees: int) -> tuple[int, dict, dict, int]:
    now = datetime.now(UTC)
    company = md.create_company(store, COMPANY_NAME, now, api_key=COMPANY_KEY)
    ids: dict[str, int] = {}
    accounts: dict[str, int] = {}
    with store.write() as conn:
        integration = md.put_integration(conn, company.id, "bench", now, key=CONNECT_KEY)
        user_id = md.put_api_user(conn, company.id, USER, PASSWORD, now)
        md.put_terminal(conn, company.id, md.TerminalSpec(TERMINAL, "Entrance"), now)
        md.put_coding_level(conn, company.id, md.CodingLevelSpec(2, "Avdelning", 50), now)
        md.put_coding_level(conn, company.id, md.CodingLevelSpec(3, "Region", 30), now)
        for nr in DEPARTMENTS:
            spec = md.AccountSpec(2, nr, f"Avdelning {nr}")
            accounts[nr] = md.put_account(conn, company.id, spec, now)
        for nr in REGIONS:
            accounts[nr] = md.put_account(conn, company.id, md.AccountSpec(3, nr, nr), now)
        md.put_time_code(conn, company.id, md.TimeCodeSpec("OB 50%", "OB 50%"), now)
        for n in range(employees):
            spec = md.EmployeeSpec(f"{200000 + n}", "Bench", f"{n}", weekly_minutes=40 * 60)
            ids[spec.employee_nr] = md.put_employee(conn, company.id, spec, now)
        batch_id = _batch(conn, company.id, integration.id, user_id, now)
    return company.id, ids, accounts, batch_id


def _batch(conn, company_id: int, integration_id: int, user_id: int, now: datetime) -> int:  # noqa: ANN001
    (batch_id,) = allocate_ids(conn, ingest_batches, company_id, 1)
    conn.execute(ingest_batches.insert().values(
        company_id=company_id, id=batch_id, received_at=now, integration_id=integration_id,
        user_id=user_id, route="bench", all_or_none=True, replace_days=False, entry_count=0,
        saved_count=0, duplicate_count=0, rejected_count=0, superseded_count=0))  # fmt: skip
    return batch_id


def _employee_rows(rng: random.Random, company_id: int, employee_id: int, nr: str,
                   batch_id: int, days: int, account_ids: dict[str, int],
                   night: bool) -> list[tuple]:  # fmt: skip
    """Four punches a day for ``days`` days, as rows in ``bulk.INSERT_COLUMNS`` order."""
    account = _accounts(rng, account_ids) if rng.random() < 0.3 else None
    rows = []
    for offset in range(days):
        day = FIRST_DAY + timedelta(days=offset)
        for clock, entry_type, is_break, extra in _day(rng, night, account):
            instant = datetime.combine(day, datetime.min.time(), ZONE) + clock
            instant = instant.astimezone(UTC)
            rows.append(_row(company_id, employee_id, nr, instant, entry_type, is_break,
                             batch_id, extra))  # fmt: skip
    return rows


def _day(rng: random.Random, night: bool, account: dict | None) -> list[tuple]:
    start = timedelta(minutes=rng.randint(21 * 60 + 30, 22 * 60 + 30) if night
                      else rng.randint(6 * 60 + 30, 9 * 60 + 30))  # fmt: skip
    lunch = start + timedelta(minutes=rng.randint(210, 270))
    back = lunch + timedelta(minutes=rng.randint(30, 45))
    end = start + timedelta(minutes=rng.randint(450, 510))
    code = {"time_codes": [{"timeScheduleTypeCode": "OB 50%", "timeCodeId": None}]}
    last = (2, False) if rng.random() > 0.01 else (1, False)  # a second In: a mistake
    return [
        (start, 1, False, account or {}),
        (lunch, 2, True, {}),
        (back, 1, True, code if rng.random() < 0.1 else {}),
        (end, *last, {}),
    ]


def _accounts(rng: random.Random, ids: dict[str, int]) -> dict:
    department, region = rng.choice(DEPARTMENTS), rng.choice(REGIONS)
    return {
        "account_nr": department,
        "sie_account_dim": 50,
        "account_id": ids[department],
        "accounts": [{"accountNr": region, "sieAccountDim": 30, "accountId": ids[region]}],
    }


def _row(company_id: int, employee_id: int, nr: str, instant: datetime, entry_type: int,
         is_break: bool, batch_id: int, extra: dict) -> tuple:  # fmt: skip
    local = instant.astimezone(ZONE)
    return (company_id, 0, employee_id, instant, local.date(), entry_type, is_break, 1,
            extra.get("account_id"), nr, None, local.isoformat(), TERMINAL,
            extra.get("account_nr"), extra.get("sie_account_dim"), extra.get("accounts"),
            extra.get("time_codes"), batch_id, instant)  # fmt: skip


def add_schedules(url: str, company: AttestCompany, seed: int = 2026) -> None:
    """Every employee on a schedule from a week before the range: a day template (07:00-16:00
    with a 45-minute lunch, every day) or, for the night workers, a night one (22:00-06:00),
    with a two-day sick leave for one employee in fifty and a day off swapped in for one in a
    hundred, so that every part of planning is exercised."""
    now, since = datetime.now(UTC), company.first_day - timedelta(days=7)
    day = [{"start": "07:00", "stop": "16:00", "breaks": [{"start": "12:00", "stop": "12:45"}]}]
    night = [{"start": "22:00", "stop": "06:00", "breaks": [{"start": "02:00", "stop": "02:30"}]}]
    rng = random.Random(seed)
    store = Store(url)
    with store.write() as conn:
        templates = {
            kind: store_md.insert_company_row(
                conn,
                schedule_templates,
                company.id,
                name=name,
                weeks=[[shifts] * 7],
                works_on_holidays=True,
                active=True,
                created_at=now,
            )  # fmt: skip
            for kind, name, shifts in (("day", "Dag", day), ("night", "Natt", night))
        }
        sick = store_md.insert_company_row(
            conn, time_codes, company.id, code="Sjuk", name="Sjuk", kind="absence",
            active=True, created_at=now,
        )  # fmt: skip
        assignments, absence, overrides = [], [], []
        for nr, employee_id in company.employee_ids.items():
            kind = "night" if nr in company.night_workers else "day"
            assignments.append(
                {
                    "employee_id": employee_id,
                    "template_id": templates[kind],
                    "valid_from": since,
                    "start_week": 1,
                    "created_at": now,
                }
            )
            first = company.first_day + timedelta(days=rng.randrange(company.days))
            if rng.random() < 0.02:
                absence.append(
                    {
                        "employee_id": employee_id,
                        "time_code_id": sick,
                        "first_date": first,
                        "last_date": first + timedelta(days=1),
                        "extent": "FullDay",
                        "created_at": now,
                    }
                )
            if rng.random() < 0.01:
                overrides.append({"employee_id": employee_id, "date": first, "shifts": [],
                                  "created_at": now})  # fmt: skip
        store_md.insert_rows(conn, schedule_assignments, company.id, assignments)
        if absence:
            store_md.insert_rows(conn, absences, company.id, absence)
        if overrides:
            store_md.insert_rows(conn, schedule_overrides, company.id, overrides)
    _analyze(store)
    store.dispose()


def add_rule_sets(url: str, company: AttestCompany) -> None:
    """Handels retail's rules (four OB windows and the overtime rule) for every employee:
    the worst case, since every day with work is rated by all of them."""
    now = datetime.now(UTC)
    store = Store(url)
    with store.write() as conn:
        store_md.insert_company_row(
            conn,
            rule_sets,
            company.id,
            agreement=HOURLY.agreement,
            valid_from=HOURLY.valid_from,
            rules=rule_set_document(HOURLY),
            created_at=now,
        )
        conn.execute(
            update(employees)
            .where(employees.c.company_id == company.id)
            .values(time_agreement=HOURLY.agreement)
        )
    store.dispose()


def _analyze(store: Store) -> None:
    """Fresh statistics, as a live database has them."""
    with store.engine.connect() as conn:
        conn.execute(text("ANALYZE"))
        conn.commit()
