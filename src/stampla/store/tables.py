"""The schema. Every company table leads its keys and indexes with ``company_id``.

That rule keeps one company's rows together, makes every query company-scoped by construction,
and lets a very large deployment shard by company later (e.g. Citus) without a redesign.
Surrogate ids are unique within a company; the store hands them out (see ``ids.py``).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Numeric,
    PrimaryKeyConstraint,
    Sequence,
    SmallInteger,
    String,
    Table,
    UniqueConstraint,
    false,
    text,
    true,
)

from . import device_tables
from .device_tables import device_columns
from .text_keys import key_column
from .types import Document, Id, UtcDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_N_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)


def _company_id() -> Column:
    return Column("company_id", Id, nullable=False)


def _id(table_name: str) -> Column:
    # The sequence exists on PostgreSQL only; SQLite ids come from the table itself (ids.py).
    return Column("id", Id, Sequence(f"{table_name}_id_seq"), nullable=False)


def _company_fk(table_name: str) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(["company_id"], ["companies.id"], name=f"fk_{table_name}_company")


companies = Table(
    "companies",
    metadata,
    Column("id", Id, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False),
    key_column("name"),
    Column("time_zone", String(64), nullable=False, server_default="Europe/Stockholm"),
    Column("api_key_hash", String(64), nullable=False, unique=True),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", UtcDateTime, nullable=False),
    Column("org_nr", String(12), comment="organisation number, as payroll knows it"),
    # Names that differ only in letter case are one name (stampla.domain.text).
    UniqueConstraint("name_key"),
)

integrations = Table(
    "integrations",
    metadata,
    _company_id(),
    _id("integrations"),
    Column("name", String(200), nullable=False),
    Column("key_hash", String(64), nullable=False),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
    PrimaryKeyConstraint("company_id", "id"),
    UniqueConstraint("company_id", "name"),
    UniqueConstraint("company_id", "key_hash"),
    _company_fk("integrations"),
)

api_users = Table(
    "api_users",
    metadata,
    _company_id(),
    _id("api_users"),
    Column("user_name", String(200), nullable=False),
    Column("password_hash", String(255), nullable=False),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "id"),
    UniqueConstraint("company_id", "user_name"),
    _company_fk("api_users"),
)

tokens = Table(
    "tokens",
    metadata,
    _company_id(),
    Column("token_hash", String(64), nullable=False),
    Column("integration_id", Id, nullable=False),
    Column("user_id", Id, nullable=False),
    Column("issued_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
    PrimaryKeyConstraint("company_id", "token_hash"),
    ForeignKeyConstraint(
        ["company_id", "integration_id"], ["integrations.company_id", "integrations.id"]
    ),
    ForeignKeyConstraint(["company_id", "user_id"], ["api_users.company_id", "api_users.id"]),
    Index(None, "company_id", "expires_at"),
)

staff_users = Table(
    "staff_users",
    metadata,
    _company_id(),
    _id("staff_users"),
    Column("name", String(200), nullable=False),
    key_column("name"),
    Column("password_hash", String(255), nullable=False),
    Column("role", String(20), nullable=False, comment="viewer, attestant, payroll or admin"),
    Column("scope_level", String(200), comment="coding level name; null: every employee"),
    Column("scope_accounts", Document, comment="account numbers of scope_level"),
    Column("language", String(2), nullable=False, server_default="sv", comment="sv or en"),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "id"),
    # Names that differ only in letter case are one name (stampla.domain.text).
    UniqueConstraint("company_id", "name_key"),
    CheckConstraint("role IN ('viewer', 'attestant', 'payroll', 'admin')", name="role"),
    CheckConstraint("language IN ('sv', 'en')", name="language"),
    _company_fk("staff_users"),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    _company_id(),
    Column("session_hash", String(64), nullable=False, comment="SHA-256 of the cookie's secret"),
    Column("staff_user_id", Id, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "session_hash"),
    ForeignKeyConstraint(
        ["company_id", "staff_user_id"], ["staff_users.company_id", "staff_users.id"]
    ),
    Index(None, "company_id", "expires_at"),
)

staff_tokens = Table(
    "staff_tokens",
    metadata,
    _company_id(),
    Column("token_hash", String(64), nullable=False, comment="SHA-256 of the bearer token"),
    Column("staff_user_id", Id, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("expires_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "token_hash"),
    ForeignKeyConstraint(
        ["company_id", "staff_user_id"], ["staff_users.company_id", "staff_users.id"]
    ),
    Index(None, "company_id", "expires_at"),
    # Revoking a user's tokens (new password, role, disabled) finds them by user.
    Index(None, "company_id", "staff_user_id"),
)

employees = Table(
    "employees",
    metadata,
    _company_id(),
    _id("employees"),
    Column("employee_nr", String(50), nullable=False),
    key_column("employee_nr"),
    Column("external_code", String(100)),
    Column("first_name", String(100), nullable=False),
    Column("last_name", String(100), nullable=False),
    Column("time_agreement", String(100)),
    Column("employment_position", String(100)),
    Column("employment_rate", Numeric(6, 2), comment="per cent of full time"),
    Column("weekly_minutes", Integer, comment="weekly working hours, in minutes"),
    Column("hire_date", Date, comment="first day of employment; null: not known"),
    Column("end_date", Date, comment="last day of employment; null: still employed"),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "id"),
    # EMP1 and emp1 are one employee: the key is the folded EmployeeNr (stampla.domain.text).
    UniqueConstraint("company_id", "employee_nr_key"),
    _company_fk("employees"),
)

terminals = Table(
    "terminals",
    metadata,
    _company_id(),
    _id("terminals"),
    Column("terminal_number", Integer, nullable=False, comment="TimeTerminalId"),
    Column("name", String(200), nullable=False),
    Column("kind", String(30), nullable=False),
    Column("time_zone", String(64), comment="own zone for local TimeStamps"),
    Column(
        "auto_stamp_out_at",
        String(5),
        comment="auto stamp-out at this local time (HH:MM) or Off; null: the company's",
    ),
    Column(
        "auto_stamp_out_after_minutes",
        Integer,
        comment="auto stamp-out after this shift length; 0: off; null: the company's",
    ),
    # A device pushing over ADMS, and the kiosk page (stampla.service.devices, docs/devices.md).
    *device_columns(),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "id"),
    UniqueConstraint("company_id", "terminal_number"),
    UniqueConstraint("company_id", "device_serial"),
    CheckConstraint("kind IN ('attendance_terminal', 'application')", name="kind"),
    _company_fk("terminals"),
)

coding_levels = Table(
    "coding_levels",
    metadata,
    _company_id(),
    _id("coding_levels"),
    Column("number", Integer, nullable=False),
    Column("name", String(100), nullable=False),
    Column("sie_dimension", Integer),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "id"),
    UniqueConstraint("company_id", "number"),
    UniqueConstraint("company_id", "sie_dimension"),
    _company_fk("coding_levels"),
)

accounts = Table(
    "accounts",
    metadata,
    _company_id(),
    _id("accounts"),
    Column("level_id", Id, nullable=False),
    Column("account_nr", String(50), nullable=False),
    key_column("account_nr"),
    Column("name", String(200), nullable=False),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "id"),
    # Leads with the AccountNr's key so that one index serves both uniqueness and the lookup
    # of a batch's account numbers; two similar indexes invite a bad plan on fresh statistics.
    UniqueConstraint("company_id", "account_nr_key", "level_id"),
    ForeignKeyConstraint(
        ["company_id", "level_id"], ["coding_levels.company_id", "coding_levels.id"]
    ),
)

time_codes = Table(
    "time_codes",
    metadata,
    _company_id(),
    _id("time_codes"),
    Column("code", String(100), nullable=False),
    key_column("code"),
    Column("name", String(200), nullable=False),
    Column("description", String(500)),
    Column("kind", String(20), nullable=False),
    Column("salary_ids", Document, comment="list of salary type names"),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", UtcDateTime, nullable=False),
    Column("paxml_code", String(10), comment="PAXml 2.0 tidkod (ARB, OB1, SJK …)"),
    PrimaryKeyConstraint("company_id", "id"),
    UniqueConstraint("company_id", "code_key"),
    CheckConstraint("kind IN ('attendance', 'absence')", name="kind"),
    _company_fk("time_codes"),
)

employment_terms = Table(
    "employment_terms",
    metadata,
    _company_id(),
    _id("employment_terms"),
    Column("employee_id", Id, nullable=False),
    Column("valid_from", Date, nullable=False, comment="valid until the next term's date"),
    Column("time_agreement", String(100)),
    Column("employment_position", String(100)),
    Column("employment_rate", Numeric(6, 2), comment="per cent of full time"),
    Column("weekly_minutes", Integer, comment="weekly working hours, in minutes"),
    Column(
        "overtime_compensation",
        String(10),
        nullable=False,
        server_default="Money",
        comment="what overtime becomes: Money or Comp",
    ),
    Column("flex_time", Boolean, nullable=False, server_default=false()),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "id"),
    UniqueConstraint("company_id", "employee_id", "valid_from"),
    CheckConstraint("overtime_compensation IN ('Money', 'Comp')", name="overtime_compensation"),
    ForeignKeyConstraint(["company_id", "employee_id"], ["employees.company_id", "employees.id"]),
)

opening_balances = Table(
    "opening_balances",
    metadata,
    _company_id(),
    Column("employee_id", Id, nullable=False),
    Column("date", Date, nullable=False, comment="the balances at the start of this date"),
    Column("comp_seconds", Integer, nullable=False, comment="comp time (kompsaldo)"),
    Column("flex_seconds", Integer, nullable=False, comment="flex time (flexsaldo)"),
    Column("note", String(500)),
    Column("changed_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "employee_id"),
    ForeignKeyConstraint(["company_id", "employee_id"], ["employees.company_id", "employees.id"]),
)

rule_sets = Table(
    "rule_sets",
    metadata,
    _company_id(),
    _id("rule_sets"),
    Column("agreement", String(100), nullable=False, comment="the time agreement it is for"),
    key_column("agreement"),
    Column("valid_from", Date, nullable=False, comment="until the next version's date"),
    Column("rules", Document, nullable=False, comment="windows and overtime (domain.rules.codec)"),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "id"),
    UniqueConstraint("company_id", "agreement_key", "valid_from"),
    _company_fk("rule_sets"),
)

schedule_templates = Table(
    "schedule_templates",
    metadata,
    _company_id(),
    _id("schedule_templates"),
    Column("name", String(100), nullable=False),
    key_column("name"),
    Column("description", String(500)),
    Column(
        "weeks",
        Document,
        nullable=False,
        comment="the rotation: weeks of 7 days (Monday first) of shifts "
        '{"start": "08:00", "stop": "17:00", "breaks": [{"start", "stop"}], '
        '"accountNr", "timeCode"}',
    ),
    Column("works_on_holidays", Boolean, nullable=False, server_default=false()),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "id"),
    UniqueConstraint("company_id", "name_key"),
    _company_fk("schedule_templates"),
)

schedule_assignments = Table(
    "schedule_assignments",
    metadata,
    _company_id(),
    _id("schedule_assignments"),
    Column("employee_id", Id, nullable=False),
    Column("template_id", Id, nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date, comment="last day, inclusive; null: until further notice"),
    Column("start_week", Integer, nullable=False, comment="rotation week of valid_from, 1-based"),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "id"),
    UniqueConstraint("company_id", "employee_id", "valid_from"),
    ForeignKeyConstraint(["company_id", "employee_id"], ["employees.company_id", "employees.id"]),
    ForeignKeyConstraint(
        ["company_id", "template_id"],
        ["schedule_templates.company_id", "schedule_templates.id"],
        name="fk_schedule_assignments_template",  # the convention's name passes 63 characters
    ),
)

schedule_overrides = Table(
    "schedule_overrides",
    metadata,
    _company_id(),
    _id("schedule_overrides"),
    Column("employee_id", Id, nullable=False),
    Column("date", Date, nullable=False),
    Column("shifts", Document, nullable=False, comment="the date's shifts; [] is a day off"),
    Column("note", String(500)),
    Column("created_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "id"),
    UniqueConstraint("company_id", "employee_id", "date"),
    ForeignKeyConstraint(["company_id", "employee_id"], ["employees.company_id", "employees.id"]),
)

absences = Table(
    "absences",
    metadata,
    _company_id(),
    _id("absences"),
    Column("employee_id", Id, nullable=False),
    Column("time_code_id", Id, nullable=False, comment="an absence time code"),
    Column("first_date", Date, nullable=False),
    Column("last_date", Date, nullable=False),
    Column("extent", String(10), nullable=False, comment="FullDay, Percent or Hours"),
    Column("percent", Numeric(5, 2), comment="Percent: share of the expected time"),
    Column("start_minute", Integer, comment="Hours: from, minutes after midnight"),
    Column("stop_minute", Integer, comment="Hours: to, minutes after midnight"),
    Column("note", String(500)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("cancelled_at", UtcDateTime, comment="cancelled registrations are kept, not deleted"),
    PrimaryKeyConstraint("company_id", "id"),
    CheckConstraint("extent IN ('FullDay', 'Percent', 'Hours')", name="extent"),
    CheckConstraint("first_date <= last_date", name="dates"),
    Index(None, "company_id", "employee_id", "first_date"),
    ForeignKeyConstraint(["company_id", "employee_id"], ["employees.company_id", "employees.id"]),
    ForeignKeyConstraint(
        ["company_id", "time_code_id"], ["time_codes.company_id", "time_codes.id"]
    ),
)

attest_settings = Table(
    "attest_settings",
    metadata,
    _company_id(),
    Column("day_rule", String(20), nullable=False, comment="StartDay, EndDay, MostTime, …"),
    Column("gap_minutes", Integer, nullable=False, comment="sessions closer form one shift"),
    Column("max_shift_minutes", Integer, nullable=False, comment="open longer: MissingOut"),
    Column("bounce_seconds", Integer, nullable=False, comment="repeat within: a double read"),
    Column(
        "holidays",
        String(10),
        nullable=False,
        server_default="None",
        comment="holiday calendar: None, SE",
    ),
    Column(
        "grace_minutes",
        Integer,
        nullable=False,
        server_default=text("0"),
        comment="late In / early Out within this is no deviation",
    ),
    Column("updated_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id"),
    CheckConstraint(
        "day_rule IN ('StartDay', 'EndDay', 'MostTime', 'SplitAtMidnight')", name="day_rule"
    ),
    _company_fk("attest_settings"),
)

auto_stamp_out_settings = Table(
    "auto_stamp_out_settings",
    metadata,
    _company_id(),
    Column("at", String(5), comment="stamp out open sessions at this local time (HH:MM)"),
    Column("after_minutes", Integer, comment="stamp out sessions open this long"),
    Column("updated_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id"),
    _company_fk("auto_stamp_out_settings"),
)

#: Who runs a periodic job now. Not company data (one lease per job, whichever companies it
#: serves), so it is the one table besides ``companies`` whose key is not company_id.
job_leases = Table(
    "job_leases",
    metadata,
    Column("job", String(50), nullable=False),
    Column("holder", String(200), nullable=False, comment="host:pid:random of the runner"),
    Column("expires_at", UtcDateTime, nullable=False, comment="free for others after this"),
    PrimaryKeyConstraint("job"),
)

admin_keys = Table(
    "admin_keys",
    metadata,
    _company_id(),
    _id("admin_keys"),
    Column("name", String(200), nullable=False),
    Column("key_hash", String(64), nullable=False),
    Column("active", Boolean, nullable=False, server_default=true()),
    Column("created_at", UtcDateTime, nullable=False),
    Column("revoked_at", UtcDateTime),
    PrimaryKeyConstraint("company_id", "id"),
    UniqueConstraint("company_id", "name"),
    UniqueConstraint("company_id", "key_hash"),
    _company_fk("admin_keys"),
)

audit_events = Table(
    "audit_events",
    metadata,
    _company_id(),
    _id("audit_events"),
    Column("at", UtcDateTime, nullable=False),
    Column("actor", String(200), nullable=False, comment="cli:<os user>, admin-key:<name>, …"),
    Column("entity", String(30), nullable=False, comment="employee, terminal, integration, …"),
    Column("entity_id", Id),
    Column("entity_key", String(200), nullable=False, comment="EmployeeNr, code, name, …"),
    Column("action", String(30), nullable=False, comment="create, update, deactivate, …"),
    Column("changes", Document, comment="{field: [old, new]}; never secrets or hashes"),
    Column("note", String(500)),
    PrimaryKeyConstraint("company_id", "id"),
    Index(None, "company_id", "at"),
    # The events of one record by its name, e.g. an employee-day's ("3002 2025-06-12").
    Index("ix_audit_events_entity_key", "company_id", "entity_key"),
    # No foreign key to companies: the trail is append-only, companies are never deleted, and
    # on PostgreSQL the per-row check doubled the time an import of 50,000 rows takes.
)

ingest_batches = Table(
    "ingest_batches",
    metadata,
    _company_id(),
    _id("ingest_batches"),
    Column("received_at", UtcDateTime, nullable=False),
    # Null for a batch the server made itself (route ``job:AutoStampOut``).
    Column("integration_id", Id),
    Column("user_id", Id),
    Column("route", String(200), nullable=False),
    Column("client_address", String(100)),
    Column("user_agent", String(300)),
    Column("all_or_none", Boolean, nullable=False),
    Column("replace_days", Boolean, nullable=False),
    Column("entry_count", Integer, nullable=False),
    Column("saved_count", Integer, nullable=False),
    Column("duplicate_count", Integer, nullable=False),
    Column("rejected_count", Integer, nullable=False),
    Column("superseded_count", Integer, nullable=False),
    # A correction (route ``correction:add|change|void``): who, why, and what it corrects.
    Column(
        "correction_actor",
        String(200),
        comment="a correction: the staff user who made it (web:<name>, cli:<user>, …)",
    ),
    Column("correction_reason", String(500), comment="a correction: why, as typed"),
    Column("corrected_punch_id", Id, comment="a change or void: the punch it supersedes"),
    PrimaryKeyConstraint("company_id", "id"),
    ForeignKeyConstraint(
        ["company_id", "integration_id"], ["integrations.company_id", "integrations.id"]
    ),
    ForeignKeyConstraint(["company_id", "user_id"], ["api_users.company_id", "api_users.id"]),
    Index(None, "company_id", "received_at"),
)

punches = Table(
    "punches",
    metadata,
    _company_id(),
    _id("punches"),
    Column("employee_id", Id, nullable=False),
    Column("instant", UtcDateTime, nullable=False, comment="the TimeStamp as a UTC instant"),
    Column("local_date", Date, nullable=False, comment="company-local date"),
    Column("entry_type", SmallInteger, nullable=False, comment="1 = In, 2 = Out"),
    Column("is_break", Boolean, nullable=False, server_default=false()),
    Column("terminal_id", Id, nullable=False),
    Column("account_id", Id),
    # As sent, so that a read gives back exactly what the terminal posted.
    Column("employee_nr", String(50), nullable=False),
    Column("employee_external_code", String(100)),
    Column("timestamp_sent", String(64), nullable=False),
    Column("time_terminal_id", Integer, nullable=False),
    Column("account_nr", String(50)),
    Column("sie_account_dim", Integer),
    Column("accounts", Document, comment="Accounts as sent, with resolved accountId"),
    Column("time_codes", Document, comment="TimeScheduleTypes as sent, with timeCodeId"),
    # Where it came from.
    Column("batch_id", Id, nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column(
        "origin",
        String(20),
        nullable=False,
        server_default="Terminal",
        comment="Terminal: sent to the API; AutoStampOut: made by the auto stamp-out job",
        # Correction: made by a staff user (the batch says who and why).
    ),
    Column("session_in_id", Id, comment="AutoStampOut: the In of the session it closes"),
    Column(
        "offline",
        Boolean,
        nullable=False,
        server_default=false(),
        comment="made on a kiosk while the server did not answer, and sent later",
    ),
    # Corrections supersede; nothing is deleted.
    Column("superseded_at", UtcDateTime),
    Column("superseded_by_batch_id", Id),
    Column(
        "superseded_by_id",
        Id,
        comment="the punch that took its place where the key does not tell (AutoStampOut)",
    ),
    Column(
        "dedup_slot",
        Id,
        nullable=False,
        server_default=text("0"),
        comment="0 while current; the punch's own id once superseded",
    ),
    PrimaryKeyConstraint("company_id", "id"),
    # No foreign keys, deliberately: ingest resolves and checks every reference in the same
    # transaction, and referenced rows are never deleted (only deactivated). Measured on
    # PostgreSQL, the four key checks made a 1,000-row COPY 14 times slower (100 ms vs 7 ms).
    CheckConstraint("entry_type IN (1, 2)", name="entry_type"),
    # The one secondary index: dedup key, and the access path of every read (by company and
    # local date, then employee and time). A second (employee, time) index would double the
    # index writes of every ingest for no read that this one cannot serve.
    Index(
        "ux_punches_dedup",
        "company_id",
        "local_date",
        "employee_id",
        "instant",
        "entry_type",
        "is_break",
        "terminal_id",
        "dedup_slot",
        unique=True,
    ),
    # One synthetic Out per session, ever: a second run of the job, on any worker, cannot
    # add another. Partial, so that terminal punches (session_in_id null) never touch it.
    Index(
        "ux_punches_session_in",
        "company_id",
        "employee_id",
        "session_in_id",
        unique=True,
        sqlite_where=text("session_in_id IS NOT NULL"),
        postgresql_where=text("session_in_id IS NOT NULL"),
    ),
    sqlite_with_rowid=False,
)

# --- Attest states (``store.attest_states``) ----------------------------------------------
# A company without rows here uses the default states and transitions
# (``service.attest.states.DEFAULT_STATES``); a day without a row is in the initial state.

attest_states = Table(
    "attest_states",
    metadata,
    _company_id(),
    Column("code", String(30), nullable=False),
    Column("name", String(100), nullable=False),
    Column("colour", String(7), nullable=False, comment="#rrggbb"),
    Column("locks", Boolean, nullable=False, comment="a day in it is frozen"),
    Column("sort_order", Integer, nullable=False, comment="the lowest is the initial state"),
    Column("exported", Boolean, nullable=False, comment="the state payroll export sets"),
    PrimaryKeyConstraint("company_id", "code"),
    _company_fk("attest_states"),
)

attest_transitions = Table(
    "attest_transitions",
    metadata,
    _company_id(),
    Column("from_code", String(30), nullable=False),
    Column("to_code", String(30), nullable=False),
    Column("role", String(20), nullable=False, comment="viewer, attestant, payroll or admin"),
    PrimaryKeyConstraint("company_id", "from_code", "to_code", "role"),
    _company_fk("attest_transitions"),
)

attest_days = Table(
    "attest_days",
    metadata,
    _company_id(),
    Column("date", Date, nullable=False, comment="company-local date"),
    Column("employee_id", Id, nullable=False),
    Column("state_code", String(30), nullable=False),
    Column("changed_by", String(200), nullable=False, comment="who moved it into its state"),
    Column("changed_at", UtcDateTime, nullable=False),
    Column("reason", String(500)),
    Column("overridden", Boolean, nullable=False, comment="attested despite warnings"),
    Column("frozen", Document, comment="the attested day row (domain.attest.frozen); locked"),
    Column("digest", String(64), comment="SHA-256 of the frozen row"),
    Column("frozen_at", UtcDateTime, comment="when it locked: later punches are late"),
    Column("export_run_id", Id, comment="the payroll export run that exported it"),
    PrimaryKeyConstraint("company_id", "date", "employee_id"),
    _company_fk("attest_days"),
)

late_punch_dismissals = Table(
    "late_punch_dismissals",
    metadata,
    _company_id(),
    Column("punch_id", Id, nullable=False),
    Column("reason", String(500), nullable=False),
    Column("dismissed_by", String(200), nullable=False),
    Column("dismissed_at", UtcDateTime, nullable=False),
    PrimaryKeyConstraint("company_id", "punch_id"),
    _company_fk("late_punch_dismissals"),
)

#: A payroll export that was written (a preview is not): the file kept byte for byte, so that
#: payroll can download the very file it imported again (``service.export``).
export_runs = Table(
    "export_runs",
    metadata,
    _company_id(),
    _id("export_runs"),
    Column("format", String(20), nullable=False, comment="paxml, csv or csv-utf8"),
    Column("date_from", Date, nullable=False),
    Column("date_to", Date, nullable=False),
    Column("employee_nrs", Document, comment="the employees asked for; null: all"),
    Column("actor", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("file_name", String(200), nullable=False),
    Column("digest", String(64), nullable=False, comment="SHA-256 of content, hex"),
    Column("content", LargeBinary, nullable=False, comment="the file as written"),
    Column("totals", Document, nullable=False, comment="seconds per employee and code"),
    Column("days", Integer, comment="employee-days exported; null: a run before 0015"),
    Column("correction_days", Integer, comment="of them, days an earlier run exported"),
    PrimaryKeyConstraint("company_id", "id"),
    _company_fk("export_runs"),
)

#: The employee-days each run exported, and whether the run corrected an earlier export of
#: the day: a day remembers every run it went out in (``service.export``).
export_days = Table(
    "export_days",
    metadata,
    _company_id(),
    Column("run_id", Id, nullable=False),
    Column("employee_id", Id, nullable=False),
    Column("date", Date, nullable=False, comment="company-local date"),
    Column("correction", Boolean, nullable=False, comment="an earlier run exported the day"),
    PrimaryKeyConstraint("company_id", "run_id", "employee_id", "date"),
    Index(None, "company_id", "employee_id", "date"),
    _company_fk("export_days"),
)

#: What each run exported per employee, date, code and account combination, as written in
#: its file (a correction run: the differences), so a later run can compute differences.
export_lines = Table(
    "export_lines",
    metadata,
    _company_id(),
    Column("run_id", Id, nullable=False),
    Column("employee_id", Id, nullable=False),
    Column("date", Date, nullable=False, comment="company-local date"),
    Column("line_no", Integer, nullable=False, comment="order within the run's day"),
    Column("code", String(100), nullable=False, comment="the Stampla time code; empty: worked"),
    Column("name", String(200), nullable=False),
    Column("tidkod", String(10), comment="the PAXml tidkod"),
    Column("lonart", String(200), comment="the salary ID, without a tidkod"),
    Column("accounts", Document, nullable=False, comment="[[level, sie_dimension, nr], …]"),
    Column("absence", Boolean, nullable=False),
    Column("seconds", Integer, nullable=False, comment="negative: taken away by a correction"),
    Column("hundredths", Integer, nullable=False, comment="hours x 100 as the file wrote them"),
    PrimaryKeyConstraint("company_id", "run_id", "employee_id", "date", "line_no"),
    Index(None, "company_id", "employee_id", "date"),
    _company_fk("export_lines"),
)
# Devices and the kiosk (store/device_tables.py).
_devices = device_tables.define(metadata)
device_pending = _devices["device_pending"]
device_pins = _devices["device_pins"]
device_work_codes = _devices["device_work_codes"]
device_uploads = _devices["device_uploads"]
device_lines = _devices["device_lines"]
employee_pins = _devices["employee_pins"]
employee_badges = _devices["employee_badges"]
device_commands = _devices["device_commands"]
device_enrolment = _devices["device_enrolment"]
device_pending_claims = _devices["device_pending_claims"]

#: One number that triggers move on every change to a register or a credential, so that the
#: caches of every server process know when they are out of date (``store/register_version.py``;
#: the triggers are in migration 0018). Not company data: one row for the installation.
register_version = Table(
    "register_version",
    metadata,
    Column("id", Integer, nullable=False),
    Column("version", BigInteger, nullable=False),
    PrimaryKeyConstraint("id"),
    CheckConstraint("id = 1", name="one_row"),
    comment="moved by triggers on every change to a register or credential",
)
