"""All configuration in one place, read from ``STAMPLA_*`` environment variables.

Every default is chosen so that ``make demo`` needs no configuration; every field carries a
description because ``docs/settings.md`` and ``stampla settings`` show them to operators.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from stampla.domain.rules.atl import Limits
from stampla.limits import EARLIEST_DATE, MAX_FUTURE_DAYS, MAX_LIST_ITEMS


class Settings(BaseSettings):
    """Server settings; override any of them with ``STAMPLA_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="STAMPLA_", extra="ignore")

    database_url: str = Field(
        "sqlite:///./stampla.db",
        description="SQLAlchemy URL of the store: SQLite file (default) or "
        "postgresql+psycopg://user@host/db.",
    )
    token_lifetime_minutes: int = Field(
        60, ge=1, description="How long a token from /Login/Token stays valid."
    )
    login_failure_delay_seconds: float = Field(
        1.0,
        ge=0,
        description="Delay before a failed login is answered, to slow down guessing.",
    )
    login_failure_limit: int = Field(
        5,
        ge=1,
        description="Failed logins (/Login/Token and the pages' sign-in) allowed per company, "
        "per user name and per client address within STAMPLA_LOGIN_FAILURE_WINDOW_SECONDS; "
        "past it a login is refused with 429 and Retry-After, before its password is checked.",
    )
    login_failure_window_seconds: int = Field(
        60, ge=1, description="The window in which STAMPLA_LOGIN_FAILURE_LIMIT is counted."
    )
    login_hash_concurrency: int = Field(
        1,
        ge=1,
        description="Password checks (Argon2) one server process runs at a time; further "
        "logins wait their turn without holding a thread, so guessing cannot starve ingest.",
    )
    integration_rate_limit: int = Field(
        30_000,
        ge=0,
        description="Requests one integration may make within "
        "STAMPLA_INTEGRATION_RATE_WINDOW_SECONDS (429 and Retry-After above); 0 turns it off.",
    )
    integration_rate_window_seconds: int = Field(
        60, ge=1, description="The window in which STAMPLA_INTEGRATION_RATE_LIMIT is counted."
    )
    redis_url: str = Field(
        "",
        description="Redis (redis://host:6379/0) for the rate-limit counters, shared by every "
        "worker and machine. Empty: the counters live in the database (for SQLite, in a file "
        "beside it named <database>-limits).",
    )
    max_future_minutes: int = Field(
        5,
        ge=0,
        description="How far in the future a TimeStamp may lie (terminal clock drift).",
    )
    earliest_date: date = Field(
        EARLIEST_DATE,
        description="The earliest date a TimeStamp, dateFrom or dateTo may name (400 before).",
    )
    max_future_days: int = Field(
        MAX_FUTURE_DAYS,
        ge=0,
        description="How many days after today a read's dateFrom or dateTo may name (400 "
        "after). A TimeStamp is bounded by STAMPLA_MAX_FUTURE_MINUTES instead.",
    )
    device_clock_tolerance_minutes: int = Field(
        1440,
        ge=1,
        description="How far an ADMS device's records may lie ahead of the server's time, or "
        "behind its earlier records, before the device is flagged as having a wrong clock.",
    )
    kiosk_bounce_seconds: int = Field(
        30,
        ge=0,
        description="Taps of one employee on a kiosk this close to their last stamp there are "
        "one punch (a double tap).",
    )
    max_batch_entries: int = Field(
        10_000, ge=1, description="Most entries accepted in one TimeStampEntry post (413 above)."
    )
    max_entry_list_items: int = Field(
        MAX_LIST_ITEMS,
        ge=1,
        description="Most items in one entry's Accounts or in its TimeScheduleTypes (400 above).",
    )
    max_body_bytes: int = Field(
        16 * 1024 * 1024, ge=1024, description="Largest request body accepted (413 above)."
    )
    body_timeout_seconds: float = Field(
        30.0,
        gt=0,
        description="Longest time a request body may take to arrive, from its first byte "
        "(408 and the connection closed after that), so a slow sender cannot hold a worker.",
    )
    shutdown_grace_seconds: float = Field(
        20.0,
        ge=0,
        description="On SIGTERM, how long requests in flight may take to finish; new "
        "requests are refused with 503 meanwhile, and what is still open after it is cut.",
    )
    export_min_state: str = Field(
        "Approved",
        description="The attest state (a locking one) a day must have reached for a payroll "
        "export to take it; each day is exported once and then moves to Exported (reopened "
        "and approved again, it goes out as its differences).",
    )
    export_monthly_agreements: str = Field(
        "Månadsavlönad",
        description="Time agreements (comma-separated, any letter case) whose employees are "
        "monthly-paid: their untagged worked time exports as PAXml TID; everyone else's as "
        "ARB (hourly wage).",
    )
    max_read_days: int = Field(
        366, ge=1, description="Longest dateFrom..dateTo range one read may ask for."
    )
    max_unpaged_rows: int = Field(
        50_000,
        ge=1,
        description="Most punches (TimeStampEntry) or day rows (AttestTime) one read answers "
        "without pageSize; above, the read is refused with a 400 that says how to page.",
    )
    max_page_size: int = Field(
        10_000, ge=1, description="Largest pageSize a paged read may ask for (400 above)."
    )
    web_session_minutes: int = Field(
        480,
        ge=1,
        description="How long a sign-in to the web pages (/web/) lasts before the user must "
        "sign in again.",
    )
    staff_token_minutes: int = Field(
        60,
        ge=1,
        description="How long a staff user's API token from POST /Admin/StaffToken stays valid.",
    )
    web_origins: str = Field(
        "",
        description="Extra origins the web pages' sign-in form may be posted from, "
        "comma-separated (e.g. https://time.example.com), for a reverse proxy that changes "
        "the Host header. The server's own Host is always allowed.",
    )
    log_level: Literal["debug", "info", "warning", "error"] = Field(
        "info",
        description="Least severe server log lines written: debug, info, warning or error. "
        "Secrets (API keys, tokens, passwords) are masked in every line.",
    )
    log_format: Literal["json", "text"] = Field(
        "json",
        description="How server log lines are written: json (one JSON object per line, for "
        "a log shipper) or text (for a person at a terminal). Each request is one line with "
        "its X-Request-Id, route, status, duration, company, integration and entries saved.",
    )
    metrics: Literal["off", "open", "token"] = Field(
        "open",
        description="/metrics in Prometheus's format: off (no such route), open (anyone who "
        "reaches the server, as Prometheus endpoints usually are) or token (only with "
        "Authorization: Bearer STAMPLA_METRICS_TOKEN).",
    )
    metrics_token: SecretStr = Field(
        "", description="The bearer token /metrics asks for when STAMPLA_METRICS=token."
    )
    sqlite_busy_timeout_ms: int = Field(
        30_000,
        ge=0,
        description="How long a SQLite writer waits for another process's write lock.",
    )
    jobs_interval_seconds: int = Field(
        60,
        ge=0,
        description="How often `stampla serve` runs its periodic jobs (auto stamp-out); 0: "
        "never (run `stampla jobs run-once` from cron instead). With several workers or "
        "servers, one at a time runs them.",
    )
    auto_stamp_out_lookback_days: int = Field(
        3,
        ge=1,
        le=31,
        description="How many days back auto stamp-out looks for sessions left open (a "
        "server that was down longer leaves older ones to HR).",
    )

    # The Working Hours Act's limits (arbetstidslagen, SFS 1982:673), which an agreement
    # may replace: ``stampla atl-report`` flags the days that pass them.
    atl_overtime_four_weeks_hours: int = Field(
        48, ge=0, description="General overtime allowed in four weeks (ATL § 8)."
    )
    atl_overtime_month_hours: int = Field(
        50, ge=0, description="General overtime allowed in a calendar month (ATL § 8)."
    )
    atl_overtime_year_hours: int = Field(
        200, ge=0, description="General overtime allowed in a calendar year (ATL § 8)."
    )
    atl_mertid_year_hours: int = Field(
        150, ge=0, description="Extra mertid allowed in a calendar year (ATL § 8 a)."
    )
    atl_daily_rest_hours: int = Field(
        11, ge=0, le=24, description="Consecutive daily rest required (ATL § 13)."
    )
    atl_weekly_rest_hours: int = Field(
        36, ge=0, le=168, description="Consecutive rest required in every week (ATL § 14)."
    )

    @model_validator(mode="after")
    def _metrics_token_given(self) -> Settings:
        if self.metrics == "token" and not self.metrics_token.get_secret_value():
            raise ValueError("STAMPLA_METRICS=token needs STAMPLA_METRICS_TOKEN")
        return self

    @property
    def max_future(self) -> timedelta:
        """``max_future_minutes`` as the interval every check of "now + drift" uses.

        Properties, not cached: tests derive settings with ``model_copy(update=…)``, which
        would carry a cached value over from the original."""
        return timedelta(minutes=self.max_future_minutes)

    @property
    def daily_rest(self) -> timedelta:
        """``atl_daily_rest_hours``, as the least rest between shifts day rows accept."""
        return timedelta(hours=self.atl_daily_rest_hours)

    @property
    def atl_limits(self) -> Limits:
        """The Working Hours Act limits (``STAMPLA_ATL_*``), for the day rows' warnings and
        the report alike."""
        return Limits(*(getattr(self, f"atl_{name}") for name in Limits._fields))

    @property
    def extra_origins(self) -> frozenset[str]:
        """``web_origins`` read once: each origin without a trailing slash."""
        return frozenset(o.strip().rstrip("/") for o in self.web_origins.split(",") if o.strip())


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, read once from the environment."""
    return Settings()


def settings_table() -> str:
    """Every setting as a Markdown table: variable, default, meaning."""
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for name, field in Settings.model_fields.items():
        lines.append(f"| `STAMPLA_{name.upper()}` | `{field.default}` | {field.description} |")
    return "\n".join(lines)
