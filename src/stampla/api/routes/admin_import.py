"""What the three /Admin/…/Import routes share: the CSV body, its options, and the call."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Request
from starlette.concurrency import run_in_threadpool

from stampla.service.csv_import import ImportOptions, ImportReport, import_csv

from ..body import read_body
from ..deps import Now, SettingsDep, StoreDep
from .admin_deps import AdminCaller

SkipInvalid = Annotated[
    bool,
    Query(
        alias="skipInvalid",
        description="Import the good rows even if some are bad (they are reported).",
    ),
]
Encoding = Annotated[
    str | None, Query(description="utf-8 or windows-1252; found out when left out.")
]
Delimiter = Annotated[str | None, Query(description="';', ',' or 'tab'; found out when left out.")]
FileName = Annotated[
    str | None, Query(alias="fileName", description="Shown in the report and the audit trail.")
]

IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "text/csv": {
                "schema": {"type": "string"},
                "example": "EmployeeNr;FirstName;LastName;EmploymentRate;WeeklyHours\n"
                "3002;Jacob;Ahmedsdotter;26,14;10:00\n",
            }
        },
    }
}

DESCRIPTION = """The body is the CSV file itself (UTF-8 or Windows-1252; `;`, `,` or tab).
Every row is checked first. If any is bad, the answer is a 400 listing every bad row (`index`
is the line in the file) and nothing is written, unless `skipInvalid=true`. Rows are upserted,
so sending the same file again changes nothing. See docs/masterdata.md for the columns."""


async def run_csv_import(
    request: Request,
    admin: AdminCaller,
    store: StoreDep,
    settings: SettingsDep,
    now: Now,
    kind: str,
    options: ImportOptions,
) -> ImportReport:
    body = await read_body(request, settings.max_body_bytes)
    return await run_in_threadpool(
        lambda: import_csv(
            store, admin.company_id, kind, body, now, options=options, actor=admin.actor
        )
    )
