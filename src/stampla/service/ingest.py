"""Saving a posted batch of punches: validate all, then store all (or the valid ones).

The rules, in the order they apply:

1. Every entry is checked (wire types, then references); all problems are collected.
2. ``all_or_none`` (the default): any problem and nothing is stored (InvalidInput, 400).
   Otherwise the valid entries go on and the problems are returned with them.
   With ``all_or_none`` off, a batch of which every entry is invalid is refused the same
   way: nothing was saved, and a 200 would hide that.
3. A punch equal to one already stored (same employee, instant, type, IsBreak, terminal) is
   a *Duplicate*, reported with the stored punch's id, so terminals can resend safely. That
   includes punches a retrospective batch has superseded: a resend never brings one back.
   A Duplicate whose payload (EmployeeExternalCode, AccountNr, SieAccountDim, Accounts,
   TimeScheduleTypes) differs from the stored punch's is not applied, and its note says
   which fields differ.
4. ``replace_days``: the batch becomes the complete set of punches of every (employee, local
   date) it touches, field by field. Current punches of those days that the batch does not
   repeat are marked superseded by it (never deleted); a punch the batch repeats with another
   payload is superseded by the new one (``supersedes`` in its result); a punch equal to a
   superseded one is stored again. Stored rows are never changed but for that mark.
   A day in a locking attest state is not replaced: its entries are refused (per entry,
   as invalid ones are), see ``attest.locks``.
4a. A real work Out that closes a session auto stamp-out closed supersedes the synthetic
   Out (``supersedes`` in its result names it), in any batch: what the terminal sent wins
   (``stampla.domain.auto_stamp_out.closes``). An Out equal to the synthetic one (same
   time and terminal) is not a Duplicate of it but its replacement.
5. Everything of one batch commits in one transaction, together with its ``ingest_batches``
   record (who sent it, when, from where, and what became of it). Batches posted at the same
   moment may share that transaction (group commit, ``store/group_commit.py``); each is still
   stored whole or not at all, and one batch's failure never undoes another's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Literal

from sqlalchemy import Connection

from stampla.domain.auto_stamp_out import closes
from stampla.domain.punch import EntryType
from stampla.errors import InvalidInput, Problem
from stampla.limits import EARLIEST_DATE
from stampla.store import auto_stamp_out as synthetic_store
from stampla.store import punches as punch_store
from stampla.store.bulk import ConcurrentInsert
from stampla.store.engine import Store
from stampla.store.ids import allocate_batch
from stampla.store.tables import ingest_batches, punches
from stampla.wire import TimeStampEntry

from .attest.locks import locked_days_in
from .attest.settings import stored_settings
from .auth import Principal
from .entry_check import EntryChecker, NewPunch, load_references
from .resend import describe, joined, not_applied


@dataclass(frozen=True, slots=True)
class IngestOptions:
    all_or_none: bool = True
    replace_days: bool = False


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a batch came from, kept with it for support and audit."""

    route: str
    client_address: str | None = None
    user_agent: str | None = None
    #: The punches were made on a kiosk while the server did not answer, and sent later:
    #: each punch the batch saves is marked ``offline`` (a Duplicate keeps its own mark).
    offline: bool = False


@dataclass(slots=True)
class EntryOutcome:
    index: int
    status: Literal["Saved", "Duplicate"]
    punch_id: int
    note: str | None = None
    #: The id of the punch this one replaced (replace_days with another payload).
    supersedes: int | None = None


@dataclass(slots=True)
class IngestReport:
    batch_id: int | None
    outcomes: list[EntryOutcome] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    superseded: int = 0
    #: Batches committed in the same transaction as this one (group commit; 1: alone).
    commit_group: int = 1

    @property
    def saved(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "Saved")

    @property
    def duplicates(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "Duplicate")


def ingest(
    store: Store,
    principal: Principal,
    entries: Sequence[TimeStampEntry | None],
    wire_problems: Sequence[Problem],
    options: IngestOptions,
    origin: Origin,
    now: datetime,
    max_future: timedelta,
    *,
    earliest: date = EARLIEST_DATE,
) -> IngestReport:
    """Validate and store a batch; ``entries[i]`` is None where the wire check failed.

    A TimeStamp must lie between ``earliest`` and ``max_future`` after ``now``."""
    parsed = [(i, entry) for i, entry in enumerate(entries) if entry is not None]
    with store.lookup_when_needed() as conn:
        snapshot = store.registers.snapshot(conn)
        references = load_references(conn, principal.company_id, [e for _, e in parsed], snapshot)
    checker = EntryChecker(references, principal.time_zone, now, max_future, earliest)
    valid: list[NewPunch] = []
    problems = list(wire_problems)
    for index, entry in parsed:
        checked = checker.check(index, entry)
        if isinstance(checked, NewPunch):
            valid.append(checked)
        else:
            problems.extend(checked)
    if options.replace_days and valid:
        valid = _without_locked_days(store, principal.company_id, valid, problems)
    problems.sort(key=lambda p: p.index if p.index is not None else -1)
    if problems and (options.all_or_none or not valid):
        bad = len({p.index for p in problems})
        raise InvalidInput(
            f"{bad} of {len(entries)} entries are invalid; nothing was saved", problems
        )
    report = _store_with_retry(store, principal, valid, len(entries), options, origin, now)
    report.problems = problems
    return report


def _without_locked_days(
    store: Store, company_id: int, valid: list[NewPunch], problems: list[Problem]
) -> list[NewPunch]:
    """With ``replace_days``, the entries for a locked day (an attest state that locks,
    ``attest.locks``) become problems: replacing its punches would change what payroll
    approved. The rest of the batch goes on as any batch with invalid entries does."""
    days = {(p.employee_id, p.local_date) for p in valid}
    with store.lookup() as conn:
        locked = locked_days_in(conn, company_id, days)
    if not locked:
        return valid
    kept = []
    for punch in valid:
        state = locked.get((punch.employee_id, punch.local_date))
        if state is None:
            kept.append(punch)
            continue
        problems.append(
            Problem(
                f"{punch.local_date.isoformat()} of employee {punch.employee_nr} is {state} "
                "(locked): replaceDays cannot change a locked day; payroll reopens it first, "
                "or send the punch without replaceDays (stored as a late punch)",
                "TimeStamp",
                punch.index,
            )
        )
    return kept


#: Attempts at storing a batch that keeps meeting concurrent writers of the same punches.
ATTEMPTS = 3


def _store_with_retry(
    store: Store,
    principal: Principal,
    batch: list[NewPunch],
    entry_count: int,
    options: IngestOptions,
    origin: Origin,
    now: datetime,
) -> IngestReport:
    """Store in one transaction; if a concurrent writer won a punch, start over.

    The next attempt finds that punch stored and answers it as a Duplicate, so two workers
    posting the same punch at once store it exactly once, and both callers learn its id.
    """

    def work(conn: Connection) -> IngestReport:
        return _store_batch(conn, principal, batch, entry_count, options, origin, now)

    for attempt in range(1, ATTEMPTS + 1):
        try:
            # Batches that arrive together share one durable commit (store/group_commit.py).
            committed = store.write_grouped(work)
            committed.result.commit_group = committed.writes
            return committed.result
        except ConcurrentInsert:
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


def _store_batch(
    conn: Connection,
    principal: Principal,
    batch: list[NewPunch],
    entry_count: int,
    options: IngestOptions,
    origin: Origin,
    now: datetime,
) -> IngestReport:
    company_id = principal.company_id
    plan = _plan(conn, company_id, batch, options.replace_days)
    batch_id, ids = allocate_batch(conn, ingest_batches, punches, company_id, len(plan.new))
    report = _report(batch_id, plan, ids)
    punch_store.insert_batch(
        conn,
        company_id=company_id,
        id=batch_id,
        received_at=now,
        integration_id=principal.integration_id,
        user_id=principal.user_id,
        route=origin.route,
        client_address=origin.client_address,
        user_agent=origin.user_agent,
        all_or_none=options.all_or_none,
        replace_days=options.replace_days,
        entry_count=entry_count,
        saved_count=report.saved,
        duplicate_count=report.duplicates,
        rejected_count=entry_count - len(batch),
        superseded_count=report.superseded,
    )
    if plan.to_supersede:
        punch_store.supersede(conn, company_id, plan.to_supersede, batch_id, now)
    if plan.closes:
        new_ids = {punch.index: i for punch, i in zip(plan.new, ids, strict=True)}
        successors = [(out, new_ids[index], batch_id) for index, out in plan.closes.items()]
        synthetic_store.supersede_outs(conn, company_id, successors, now)
    punch_store.insert_punches(
        conn, [p.row(company_id, i, batch_id, now) for p, i in zip(plan.new, ids, strict=True)]
    )
    if origin.offline and ids:
        punch_store.mark_offline(conn, company_id, ids)
    return report


def _report(batch_id: int, plan: _Plan, ids: list[int]) -> IngestReport:
    """What becomes of each entry once the plan's new punches get ``ids``."""
    outcomes = dict(plan.outcomes)
    replaces = {**plan.replaces, **plan.closes}
    for punch, punch_id in zip(plan.new, ids, strict=True):
        outcomes[punch.index] = EntryOutcome(
            punch.index, "Saved", punch_id, punch.note, replaces.get(punch.index)
        )
    for punch, first in plan.repeats:
        outcomes[punch.index] = EntryOutcome(
            punch.index,
            "Duplicate",
            outcomes[first.index].punch_id,
            joined(punch.note, _repeat_note(punch, first)),
        )
    report = IngestReport(batch_id, [outcomes[i] for i in sorted(outcomes)])
    report.superseded = len(plan.to_supersede) + len(plan.closes)
    return report


def _repeat_note(punch: NewPunch, first: NewPunch) -> str:
    note = f"same punch as entry {first.index} of this batch"
    mine, theirs = punch_store.payload_of(punch), punch_store.payload_of(first)
    if mine == theirs:
        return note
    differences = describe(theirs, mine, f"in entry {first.index}", "here")
    return f"{note}, which differs in {differences}; this entry was not applied"


@dataclass(slots=True)
class _Plan:
    new: list[NewPunch] = field(default_factory=list)
    outcomes: dict[int, EntryOutcome] = field(default_factory=dict)
    repeats: list[tuple[NewPunch, NewPunch]] = field(default_factory=list)
    to_supersede: list[int] = field(default_factory=list)
    #: Entry index -> id of the current punch it replaces (same key, another payload).
    replaces: dict[int, int] = field(default_factory=dict)
    #: Entry index of a real Out -> id of the synthetic Out (auto stamp-out) it replaces.
    closes: dict[int, int] = field(default_factory=dict)


def _plan(conn: Connection, company_id: int, batch: list[NewPunch], replace_days: bool) -> _Plan:
    """Decide, per entry, whether it is new, a duplicate, a correction of a stored punch
    (replace_days), or a repeat within the batch."""
    plan = _Plan()
    firsts: dict[object, NewPunch] = {}
    for punch in batch:
        if punch.key in firsts:
            plan.repeats.append((punch, firsts[punch.key]))
        else:
            firsts[punch.key] = punch
    stored = punch_store.find_equal(
        conn, company_id, {(p.local_date, p.employee_id, p.instant) for p in firsts.values()}
    )
    current = {s.key: s for s in stored if s.current}
    superseded = {s.key: s.id for s in stored if not s.current}
    for key, punch in firsts.items():
        found = current.get(key)
        if found is not None:
            sent = punch_store.payload_of(punch)
            if sent == found.payload:
                plan.outcomes[punch.index] = EntryOutcome(
                    punch.index, "Duplicate", found.id, punch.note
                )
            elif replace_days:
                plan.new.append(punch)
                plan.replaces[punch.index] = found.id
            else:
                assert found.payload is not None  # find_equal reads it
                plan.outcomes[punch.index] = EntryOutcome(
                    punch.index,
                    "Duplicate",
                    found.id,
                    joined(punch.note, not_applied(found.id, found.payload, sent)),
                )
        elif key in superseded and not replace_days:
            plan.outcomes[punch.index] = EntryOutcome(
                punch.index,
                "Duplicate",
                superseded[key],
                joined(
                    punch.note,
                    "equal to a punch that a later correction superseded; it stays superseded",
                ),
            )
        else:
            plan.new.append(punch)
    if replace_days:
        days = {(p.local_date, p.employee_id) for p in firsts.values()}
        left_out = {
            s.id
            for s in punch_store.find_current_of_days(conn, company_id, days)
            if s.key not in firsts
        }
        plan.to_supersede = sorted(left_out.union(plan.replaces.values()))
    _close_synthetic(conn, company_id, plan, firsts)
    return plan


def _close_synthetic(
    conn: Connection, company_id: int, plan: _Plan, firsts: dict[object, NewPunch]
) -> None:
    """Let the batch's real work Outs replace the synthetic Outs of the sessions they close.

    One statement finds the synthetic Outs of the employees with work Outs in the batch (a
    seek in a partial index that holds only them); only when there are any, and an Out lies
    within reach of their In, is the employee's day checked for a work In in between.
    """
    outs = [p for p in firsts.values() if p.entry_type == EntryType.OUT and not p.is_break]
    if not outs:
        return
    candidates = synthetic_store.current_outs(conn, company_id, {p.employee_id for p in outs})
    if not candidates:
        return
    max_shift = stored_settings(conn, company_id).max_shift
    synthetic_ids = {c.id for c in candidates}
    # An Out exactly equal to a synthetic one was taken for its Duplicate: it replaces it.
    taken = {
        outcome.index: outcome.punch_id
        for outcome in plan.outcomes.values()
        if outcome.status == "Duplicate" and outcome.punch_id in synthetic_ids
    }
    new = {p.index for p in plan.new}
    batch_ins: dict[int, list[datetime]] = {}
    for punch in firsts.values():
        if punch.entry_type == EntryType.IN and not punch.is_break:
            batch_ins.setdefault(punch.employee_id, []).append(punch.instant)
    used: set[int] = set()
    for candidate in sorted(candidates, key=lambda c: c.opened):
        mine = sorted(
            (
                p
                for p in outs
                if p.employee_id == candidate.employee_id
                and p.index not in used
                and (p.index in new or taken.get(p.index) == candidate.id)
                and candidate.opened < p.instant <= candidate.opened + max_shift
            ),
            key=lambda p: p.instant,
        )
        if not mine:
            continue
        # The earliest Out decides: a work In before it lies before every later one too.
        out = mine[0]
        ins = batch_ins.get(candidate.employee_id, [])
        if not closes(candidate.opened, out.instant, ins, max_shift):
            continue
        dates = (candidate.opened_date, out.local_date)
        if synthetic_store.work_in_between(
            conn, company_id, candidate.employee_id, dates, candidate.opened, out.instant
        ):
            continue
        used.add(out.index)
        plan.closes[out.index] = candidate.id
        if out.index in taken:  # stored after the synthetic Out leaves the dedup key
            del plan.outcomes[out.index]
            plan.new.append(out)
    if plan.closes and plan.to_supersede:
        closing = set(plan.closes.values())
        plan.to_supersede = [i for i in plan.to_supersede if i not in closing]
