"""POST and GET /Personell/Time/TimeStampEntry: saving punches and reading them back."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from stampla.errors import InvalidInput
from stampla.http.metrics import rejection_reasons
from stampla.http.params import (
    DateFromQuery,
    DateToQuery,
    EmployeeNrsQuery,
    parse_date,
    parse_employee_nrs,
)
from stampla.http.request_log import record_of
from stampla.service.auth import Principal
from stampla.service.ingest import EntryOutcome, IngestOptions, IngestReport, Origin, ingest
from stampla.service.paging import count_punches, how_to_page, read_punch_page
from stampla.service.punch_query import read_punches
from stampla.store.tables import ingest_batches
from stampla.wire import SaveResponse, StoredEntry, TimeStampEntry
from stampla.wire.entries import PUNCH_IN_EXAMPLE, SUPERSEDED_FIELDS
from stampla.wire.results import ErrorResponse

from ..body import parse_entries, read_json_body
from ..deps import Dates, Now, Presented, SettingsDep, StoreDep
from ..paging import Cursor, PageSize, json_pieces, page_size, paged_response

router = APIRouter(tags=["Time"])

PATH = "/Personell/Time/TimeStampEntry"
ERRORS = {
    400: {"model": ErrorResponse, "description": "Invalid entries; with allOrNone, none saved"},
    401: {"model": ErrorResponse, "description": "Missing, unknown, expired or revoked keys"},
    413: {"model": ErrorResponse, "description": "Body or batch above the configured limit"},
    415: {"model": ErrorResponse, "description": "Body not sent as application/json (UTF-8)"},
}
#: Column lengths of a batch's record: longer values are cut for the record, never refused.
USER_AGENT_LENGTH = ingest_batches.c.user_agent.type.length
CLIENT_ADDRESS_LENGTH = ingest_batches.c.client_address.type.length

SAVE_DESCRIPTION = """Save timestamp records (punches) for employees: real-time punches from
terminals and retrospective entries from attendance applications.

* Every entry is validated: the employee, terminal, accounts and time codes must exist and be
  active. Problems are reported per entry (`index`, `field`, `message`).
* `allOrNone=true` (default): one invalid entry and nothing is saved (400).
  `allOrNone=false`: valid entries are saved, invalid ones reported (200); when every entry
  is invalid, nothing is saved and the answer is a 400.
* A punch equal to one already stored (employee, instant, type, IsBreak, terminal) is
  reported as `Duplicate`: resending is safe. If it differs from the stored punch in other
  fields, it is not applied, and its `note` names those fields.
* `replaceDays=true`: the batch becomes the complete set of punches of each employee and local
  date it touches, field by field. A stored punch the batch repeats with other fields is
  replaced by the new one (`Saved`, with the old id as `supersedes`). Punches it replaces are
  kept, marked superseded (`includeSuperseded=true` on GET reads them).
* `TimeStamp` without an offset is company-local time (the terminal's, if it has a time zone).
* The body is JSON sent as `application/json` (UTF-8); other types answer 415. Text values
  may not hold NUL or lone surrogates and are at most as long as the schema says.
* Unknown properties are ignored, as SoftOne GO ignores them, and named in the entry's
  `note`; `strictProperties=true` refuses them instead. The same property twice (in any
  letter case) is refused.

Also answered at `/Personell/Time/TimeStampEntry/Save`, the route SoftOne GO's own service uses.
Routes and parameter names are matched in any letter case."""


def _save_body_schema() -> dict:
    return {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/TimeStampEntry"},
                },
                "example": [PUNCH_IN_EXAMPLE],
            }
        },
    }


async def save_entries(
    request: Request,
    presented: Presented,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    all_or_none: Annotated[
        bool, Query(alias="allOrNone", description="Reject the whole batch if any entry is bad.")
    ] = True,
    replace_days: Annotated[
        bool,
        Query(
            alias="replaceDays",
            description="Make the batch the complete set of each (employee, local date).",
        ),
    ] = False,
    strict_properties: Annotated[
        bool,
        Query(
            alias="strictProperties",
            description="Refuse properties a TimeStampEntry does not have, instead of "
            "ignoring them (and naming them in the entry's note).",
        ),
    ] = False,
) -> Response:
    body = await read_json_body(request, settings.max_body_bytes)
    origin = _origin(request)
    options = IngestOptions(all_or_none=all_or_none, replace_days=replace_days)
    max_future = settings.max_future
    record = record_of(request)

    def work() -> bytes:
        with store.registers.one_version():
            return save(presented.authenticate(store, now))

    def save(caller: Principal) -> bytes:
        batch = parse_entries(
            body,
            settings.max_batch_entries,
            max_list_items=settings.max_entry_list_items,
            strict_properties=strict_properties,
        )
        if record is not None:
            record.entries = len(batch.entries)
        try:
            report = ingest(
                store,
                caller,
                batch.entries,
                batch.problems,
                options,
                origin,
                now,
                max_future,
                earliest=settings.earliest_date,
            )
        except InvalidInput as refused:
            if record is not None:
                record.reasons = rejection_reasons(refused.problems, len(batch.entries), True)
            raise
        if record is not None:
            record.saved, record.duplicates = report.saved, report.duplicates
            record.rejected = len(batch.entries) - report.saved - report.duplicates
            record.commit_group = report.commit_group
            if report.problems:
                record.reasons = rejection_reasons(report.problems, len(batch.entries), False)
        return _save_response(report, len(batch.entries), batch.notes())

    return Response(await run_in_threadpool(work), media_type="application/json")


def _origin(request: Request) -> Origin:
    """Where the batch came from, cut to what its record keeps: a terminal whose agent
    string is long still has its punches stored."""
    address = request.client.host if request.client else None
    return Origin(
        route=request.url.path,
        client_address=_clipped(address, CLIENT_ADDRESS_LENGTH),
        user_agent=_clipped(request.headers.get("user-agent"), USER_AGENT_LENGTH),
    )


def _clipped(text: str | None, length: int) -> str | None:
    if text is None or len(text) <= length:
        return text
    return text[: length - 1] + "…"


def _save_response(report: IngestReport, entry_count: int, notes: dict[int, str]) -> bytes:
    """The SaveResponse as JSON, written directly: a model per result would cost more than
    storing the punch (a test holds this to the documented SaveResponse schema)."""
    rejected = len({p.index for p in report.problems})
    body: dict = {
        "success": not report.problems,
        "saved": report.saved,
        "duplicates": report.duplicates,
        "superseded": report.superseded,
        "results": [_result(outcome, notes) for outcome in report.outcomes],
        "errors": [problem.as_wire() for problem in report.problems],
    }
    if report.problems:
        body["errorMessage"] = _rejected_message(rejected, entry_count)
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


def _rejected_message(rejected: int, entry_count: int) -> str:
    """ "2 of 3 entries were rejected; the other 1 was processed". At least one entry of
    each kind: a batch with none valid is refused whole (``ingest``)."""
    kept = entry_count - rejected
    return (
        f"{rejected} of {entry_count} entries were rejected; "
        f"the other {kept} {'was' if kept == 1 else 'were'} processed"
    )


def _result(outcome: EntryOutcome, notes: dict[int, str]) -> dict:
    result = {
        "index": outcome.index,
        "status": outcome.status,
        "timeStampEntryId": outcome.punch_id,
    }
    note = "; ".join(filter(None, (outcome.note, notes.get(outcome.index))))
    if note:
        result["note"] = note
    if outcome.supersedes is not None:
        result["supersedes"] = outcome.supersedes
    return result


def list_entries(
    presented: Presented,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    dates: Dates,
    date_from: DateFromQuery,
    date_to: DateToQuery,
    employee_nrs: EmployeeNrsQuery = None,
    include_superseded: Annotated[
        bool,
        Query(
            alias="includeSuperseded",
            description="Also the punches replaceDays corrections superseded, marked so.",
        ),
    ] = False,
    size: PageSize = None,
    cursor: Cursor = None,
) -> Response:
    caller = presented.authenticate(store, now)  # this route runs in a worker thread already
    first, last = parse_date(date_from, "dateFrom", dates), parse_date(date_to, "dateTo", dates)
    nrs = parse_employee_nrs(employee_nrs)
    size = page_size(size, cursor, settings.max_page_size)
    left_out = None if include_superseded else SUPERSEDED_FIELDS
    query = (store, caller.company_id, first, last, nrs, settings.max_read_days)
    if size is None:
        count = count_punches(*query, include_superseded)
        if count > settings.max_unpaged_rows:
            raise how_to_page(count, "punches", settings.max_unpaged_rows, settings.max_page_size)
        found, next_cursor = read_punches(*query, include_superseded), None
    else:
        page = read_punch_page(*query, include_superseded, size, cursor)
        found, next_cursor = page.items, page.next_cursor
    texts = (StoredEntry.of(*punch).model_dump_json(exclude=left_out) for punch in found)
    return paged_response(json_pieces(texts), next_cursor)


for path, visible in ((PATH, True), (f"{PATH}/Save", False)):
    router.add_api_route(
        path,
        save_entries,
        methods=["POST"],
        response_model=SaveResponse,
        summary="Save timestamp entries",
        description=SAVE_DESCRIPTION,
        responses=ERRORS,
        openapi_extra={"requestBody": _save_body_schema()},
        include_in_schema=visible,
        operation_id=None if visible else "save_entries_alias",
    )

for path, visible in ((PATH, True), (f"{PATH}/Get", False)):
    router.add_api_route(
        path,
        list_entries,
        methods=["GET"],
        response_model=list[StoredEntry],
        summary="Read stored timestamp entries",
        description="The company's current (not superseded) punches whose company-local date "
        "lies in dateFrom..dateTo, ordered by employee and time. With includeSuperseded=true, "
        "also the punches that replaceDays corrections superseded, each with `superseded`, "
        "`supersededUtc`, `supersededByBatchId` and `supersededBy` (the punch that took its "
        "place, if the correction re-sent it), next to its successor. Also at "
        f"`{PATH}/Get`.\n\n"
        "**Paging.** Without `pageSize`, every punch at once, up to STAMPLA_MAX_UNPAGED_ROWS "
        "(a larger answer is a 400 that says how to page). With `pageSize`, at most that many, "
        "and the `X-Next-Cursor` header while more follow: send it as `cursor` with the same "
        "parameters for the next page. A punch posted while a client pages is never answered "
        "twice, and no punch that was there is skipped.",
        responses={k: v for k, v in ERRORS.items() if k != 413},
        include_in_schema=visible,
        operation_id=None if visible else "list_entries_alias",
    )

#: Models the OpenAPI document must describe although no route parses them itself.
SCHEMA_MODELS = [TimeStampEntry]
