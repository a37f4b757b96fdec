"""Moving employee-days between attest states: one day, a week or a range, for one or many
employees in one call.

Each day of the range is decided on its own and the answer says, per day, what happened:
*moved*, or *skipped* and why (already there, the role may not, open warnings). A day with
warnings of its punches or schedule (missing Out, open break, no-show, an ongoing session …)
is not moved forward unless the actor overrides with a reason. Every move is audited
(entity ``attest_day``). Moves into a locking state freeze the day's row (``locks``);
moves out of one drop the frozen row, so the day is recomputed from then on.

Moving a day out of the exported state (reopening it after export, for a correction) needs
a reason; a day keeps the id of the run that last exported it, so the next export sends
only its differences. A day exported by a run from before runs recorded their lines cannot
be reopened (there is nothing to take the difference against): it is skipped, saying so.

All the moves of one call commit in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from stampla.domain.attest import DayRow, StampingStatus
from stampla.domain.attest.frozen import digest, row_document
from stampla.domain.attest.rest import DAILY_REST
from stampla.domain.rules.atl import ATL_WARNINGS
from stampla.errors import Forbidden, InvalidInput, Problem
from stampla.store import attest as attest_store
from stampla.store import attest_states as states_store
from stampla.store import export_runs as export_store
from stampla.store.engine import Store

from .. import audit
from ..roles import StaffActor
from ..staff_scope import employee_nrs_in_scope, ensure_in_scope
from .day_rows import AttestQuery, attest_time
from .locks import LOCK_WARNINGS
from .states import AttestState, day_event, stored_config

#: Warnings that never stop a day: the lock's own, and the Working Hours Act's.
NOT_BLOCKING = LOCK_WARNINGS | ATL_WARNINGS

#: The longest reason a day's move keeps (its column's width).
MAX_REASON = 500

#: Statuses that need a person's attention before the day is attested.
BLOCKING_STATUSES = frozenset(
    {
        StampingStatus.ONGOING,
        StampingStatus.FIRST_STAMP_IS_NOT_IN,
        StampingStatus.ODD_NUMBER_OF_STAMPS,
        StampingStatus.INVALID_SEQUENCE_OF_STAMPS,
        StampingStatus.INVALID_DOUBLE_STAMP,
    }
)


@dataclass(frozen=True, slots=True)
class TransitionRequest:
    date_from: date
    date_to: date
    to_state: str
    #: None: every employee of the company.
    employee_nrs: Sequence[str] | None = None
    reason: str | None = None
    #: Attest days with warnings too (needs a reason).
    override: bool = False


@dataclass(frozen=True, slots=True)
class DayOutcome:
    employee_nr: str
    date: date
    from_state: str
    to_state: str
    outcome: Literal["Moved", "Skipped"]
    reason: str | None = None
    #: The day's open warnings (codes), where they blocked it or were overridden.
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class TransitionReport:
    to_state: str
    days: list[DayOutcome] = field(default_factory=list)

    @property
    def moved(self) -> int:
        return sum(d.outcome == "Moved" for d in self.days)

    @property
    def skipped(self) -> int:
        return sum(d.outcome == "Skipped" for d in self.days)


def open_warnings(row: DayRow) -> tuple[str, ...]:
    """What stops a day from being attested: its punches' and schedule's warnings and a
    broken or ongoing stamping status (not the lock's own warnings, nor the Working Hours
    Act's, which inform)."""
    codes = [w.code.value for w in row.warnings if w.code not in NOT_BLOCKING]
    if row.status in BLOCKING_STATUSES and not codes:
        codes.append(row.status.value)
    return tuple(dict.fromkeys(codes))


def transition_days(
    store: Store,
    company_id: int,
    actor: StaffActor,
    request: TransitionRequest,
    now: datetime,
    *,
    max_days: int,
    max_future: timedelta = timedelta(minutes=5),
    daily_rest: timedelta = DAILY_REST,
    dry_run: bool = False,
) -> TransitionReport:
    """Move the days of the range to ``request.to_state``; see the module. With
    ``dry_run`` nothing is written: the report says what a real call would do (the pages'
    confirmation).

    InvalidInput for an unknown state or employee, a bad range, or an override without a
    reason; Forbidden when the actor's role may move no day at all to that state.
    """
    reason = (request.reason or "").strip() or None
    if reason is not None and len(reason) > MAX_REASON:
        raise InvalidInput(
            f"The reason is longer than {MAX_REASON} characters",
            [Problem(f"at most {MAX_REASON} characters", "reason")],
        )
    if request.override and reason is None:
        raise InvalidInput(
            "An override needs a reason", [Problem("is required with override", "reason")]
        )
    with store.read() as conn:
        config = stored_config(conn, company_id)
    target = config.state(request.to_state)
    if target.exported:
        raise InvalidInput(
            f"Days are moved to {target.code} by the payroll export only",
            [Problem("is set by the payroll export", "toState")],
        )
    if not any(config.allowed(source, target, actor) for source in config.states):
        raise Forbidden(f"Your role ({actor.role.value}) may not move days to {target.name}.")
    employee_nrs = request.employee_nrs
    if not actor.scope.everyone:
        if employee_nrs is None:  # "everyone" of a scoped attestant: everyone in scope
            allowed = employee_nrs_in_scope(store, company_id, actor.scope, request.date_to)
            employee_nrs = sorted(allowed or ())
            if not employee_nrs:
                return TransitionReport(target.code)
        else:
            ensure_in_scope(store, company_id, actor, employee_nrs, request.date_to)
    # Without the Working Hours Act warnings: they inform, never block, and are not frozen.
    query = AttestQuery(request.date_from, request.date_to, employee_nrs, True, False)
    rows = list(
        attest_time(
            store,
            company_id,
            query,
            now,
            max_days=max_days,
            max_future=max_future,
            daily_rest=daily_rest,
        )
    )
    report = TransitionReport(target.code)
    with store.write() as conn:
        nrs = {day.employee_nr for day in rows}
        ids = {e.employee_nr: e.id for e in attest_store.attest_employees(conn, company_id, nrs)}
        # The states as they are now, in the writing transaction: a day another call moved
        # since the read is decided on what it is now.
        stored = states_store.read_days(
            conn, company_id, request.date_from, request.date_to, set(ids.values())
        )
        unrecorded = _runs_without_lines(conn, company_id, config, stored.values())
        writes, events = [], []
        reopened_without_reason = 0
        for day in rows:
            employee_id = ids[day.employee_nr]
            current = stored.get((employee_id, day.row.date))
            source = (config.find(current.state_code) if current else None) or config.initial
            outcome, write = _decide(day.row, source, target, actor, config, request, reason)
            if write is not None and source.exported and current is not None:
                if current.export_run_id in unrecorded:
                    why = (
                        f"exported by run {current.export_run_id}, which did not record its "
                        "lines; correct the day in the payroll program"
                    )
                    outcome, write = ("Skipped", why), None
                elif reason is None:
                    reopened_without_reason += 1
            report.days.append(
                DayOutcome(day.employee_nr, day.row.date, source.code, target.code, *outcome)
            )
            if write is None:
                continue
            frozen, frozen_digest, frozen_at = None, None, None
            if target.locks and current is not None and current.frozen is not None:
                frozen, frozen_digest, frozen_at = current.frozen, current.digest, current.frozen_at
            elif target.locks:
                frozen = row_document(day.row)
                frozen_digest, frozen_at = digest(frozen), now
            writes.append(
                {
                    "employee_id": employee_id,
                    "date": day.row.date,
                    "state_code": target.code,
                    "changed_by": actor.name,
                    "changed_at": now,
                    "reason": reason,
                    "overridden": write,
                    "frozen": frozen,
                    "digest": frozen_digest,
                    "frozen_at": frozen_at,
                    "export_run_id": current.export_run_id if current else None,
                }
            )
            note = reason if not write else f"override: {reason}"
            events.append(
                day_event(
                    employee_id, day.employee_nr, day.row.date, source.code, target.code, note
                )
            )
        if reopened_without_reason:
            raise InvalidInput(
                f"Reopening an exported day needs a reason ({reopened_without_reason} days): "
                "payroll receives the correction in the next run",
                [Problem("is required to reopen an exported day", "reason")],
            )
        if not dry_run:
            states_store.write_days(conn, company_id, writes)
            audit.record(conn, company_id, actor.name, now, events)
    return report


def _runs_without_lines(conn, company_id: int, config, days) -> set[int]:  # noqa: ANN001
    """The runs of exported days that did not record their lines (from before migration 0019)."""
    exported = config.exported_state
    if exported is None:
        return set()
    runs = {d.export_run_id for d in days if d.state_code == exported.code and d.export_run_id}
    return export_store.runs_without_lines(conn, company_id, runs)


def _decide(
    row: DayRow,
    source: AttestState,
    target: AttestState,
    actor: StaffActor,
    config,
    request: TransitionRequest,
    reason: str | None,
) -> tuple[tuple, bool | None]:
    """((outcome, why, warnings), overridden or None when nothing is written)."""
    if source.code == target.code:
        return ("Skipped", f"already {target.name}"), None
    if not config.allowed(source, target, actor):
        why = f"a {actor.role.value} may not move a day from {source.name} to {target.name}"
        return ("Skipped", why), None
    warnings = open_warnings(row) if target.sort_order > source.sort_order else ()
    if warnings and not request.override:
        why = "open warnings: " + ", ".join(warnings) + " (override with a reason to attest)"
        return ("Skipped", why, warnings), None
    return ("Moved", None, warnings), bool(warnings)
