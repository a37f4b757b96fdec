"""Attendance and absence time codes (Staff > Settings > Time), by code.

Codes are what punches send as TimeScheduleTypeCode, matched in any letter case
(``stampla.domain.text``): "ÖVERTID" names the code "Övertid", and the two cannot both exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from pydantic import Field as About
from sqlalchemy import Row

from stampla.domain.export.codes import tidkod
from stampla.store.tables import time_codes
from stampla.wire.base import OutputModel

from .. import values as v
from ..fields import ACTIVE, Field
from ..register import AdminRoutes, Commands, CsvForm, Register


class TimeCodeView(OutputModel):
    id: int
    code: str
    name: str
    description: str | None = None
    kind: str = About(description="attendance or absence.")
    salary_ids: list[str] = About(default_factory=list)
    paxml_code: str | None = About(None, description="The PAXml 2.0 tidkod payroll gets.")
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, row: Row) -> TimeCodeView:
        values = dict(row._mapping)
        values["salary_ids"] = values["salary_ids"] or []
        return cls(**{k: values[k] for k in cls.model_fields})


@dataclass(frozen=True)
class TimeCodeSpec:
    code: str
    name: str
    description: str | None = None
    kind: str = "attendance"
    salary_ids: Sequence[str] = field(default_factory=tuple)
    active: bool = True
    paxml_code: str | None = None


KIND = Field(
    "kind", "Kind", "Kind", v.time_code_kind, ("Type", "Typ"), True, help="attendance or absence."
)

TIME_CODE = Register(
    entity="time_code",
    title="Time code",
    table=time_codes,
    key="code",
    fields=(
        Field(
            "code",
            "Code",
            "Code",
            v.text(100),
            ("Kod", "TimeScheduleTypeCode"),
            True,
            help="The code as punches send it (in any letter case).",
        ),
        Field("name", "Name", "Name", v.text(200), ("Namn",), True),
        Field(
            "description",
            "Description",
            "Description",
            v.text(500),
            ("Beskrivning",),
        ),
        KIND,
        Field(
            "salary_ids",
            "SalaryIds",
            "Salary IDs",
            v.salary_ids,
            ("SalaryId", "Löneart", "Lönearter"),
            help="A salary ID the time is paid as; --salary-id may be repeated.",
            many=True,
            option="--salary-id",
        ),
        Field(
            "paxml_code",
            "PaxmlCode",
            "PAXml code",
            tidkod,
            ("PAXml", "Tidkod"),
            help="The PAXml 2.0 tidkod payroll receives the time as (ARB, TID, MER, ÖT1, OB1, "
            "SJK, VAB, SEM …); blank: exported by its first salary ID.",
        ),
        ACTIVE,
    ),
    defaults={"kind": "attendance"},
    filters=("kind",),
    view=TimeCodeView,
    spec=TimeCodeSpec,
    csv=CsvForm(
        "timecodes",
        fill=Field(
            "kind",
            "Kind",
            "Kind",
            v.time_code_kind,
            help="attendance or absence, for rows whose file says neither.",
        ),
        note="`kind` is the kind of rows whose file says neither.",
    ),
    admin=AdminRoutes(
        summaries={
            "update": "Change a time code",
            "import": "Import time codes from CSV, upserting by code",
        }
    ),
    commands=Commands(
        name="timecode",
        help="Time codes, found by code (what punches send as TimeScheduleTypeCode).\n\n"
        "Example: stampla timecode add 'OB 50%' --salary-id 'OB 50%'",
        named="Time code {code!r}",
        fallbacks={"name": "code"},
        docs={
            "add": "Add an attendance or absence time code.",
            "list": "List time codes by code.",
            "import": "Import time codes from CSV, upserting by code.",
        },
        examples={
            "add": "stampla timecode add 'Övertid komp 1,5' "
            "--salary-id 'Övertid kompsaldo, faktor 1,5'",
            "update": "stampla timecode update 'OB 50%' --description 'Obekväm arbetstid'",
            "deactivate": "stampla timecode deactivate 'OB 50%'",
            "activate": "stampla timecode activate 'OB 50%'",
            "list": "stampla timecode list --kind absence",
            "import": "stampla timecode import franvaro.csv --kind absence",
        },
        columns=(
            ("active", lambda t: t.active),
            ("code", lambda t: t.code),
            ("name", lambda t: t.name),
            ("description", lambda t: t.description),
            ("kind", lambda t: t.kind),
            ("salary IDs", lambda t: t.salary_ids),
            ("PAXml", lambda t: t.paxml_code),
        ),
    ),
)
