"""Schedule templates, by name.

A template is a rotation of one or more weeks, each day with its shifts; employees follow it
through assignments (``service.schedules``). Its name matches in any letter case, as every
text that names a record does. Changing a template's weeks changes every date it plans, past
ones too (day rows are computed on read): to change a schedule from a date on, make a new
template and assign it from that date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pydantic import Field as About
from sqlalchemy import Connection, Row

from stampla.store.tables import schedule_templates
from stampla.wire.base import OutputModel

from .. import shifts
from .. import values as v
from ..fields import ACTIVE, FLAG, Field
from ..register import AdminRoutes, Commands, Register


class BreakOut(OutputModel):
    start: str
    stop: str


class ShiftOut(OutputModel):
    """A shift as stored: clock times of the company's zone; a stop at or before the start
    is on the next day."""

    start: str = About(examples=["08:00"])
    stop: str = About(examples=["17:00"])
    breaks: list[BreakOut] = About(default_factory=list)
    account_nr: str | None = None
    time_code: str | None = None


class ScheduleTemplateView(OutputModel):
    id: int
    name: str
    description: str | None = None
    weeks: list[list[list[ShiftOut]]] = About(
        description="The rotation: its weeks, each seven days from Monday, each the day's "
        "shifts (none: a day off)."
    )
    weekly_hours: list[str] = About(
        description='The scheduled work of each week, e.g. ["38:15"] (breaks excluded).'
    )
    works_on_holidays: bool = About(
        description="Whether its shifts apply on the holidays of the company's calendar too."
    )
    active: bool
    created_at: datetime

    @classmethod
    def of(cls, row: Row) -> ScheduleTemplateView:
        return cls(
            id=row.id,
            name=row.name,
            description=row.description,
            weeks=row.weeks,
            weekly_hours=[v.format_hours(shifts.week_minutes(week)) for week in row.weeks],
            works_on_holidays=row.works_on_holidays,
            active=row.active,
            created_at=row.created_at,
        )


@dataclass(frozen=True)
class ScheduleTemplateSpec:
    name: str
    weeks: list[list[list[dict[str, Any]]]]  # as stored
    description: str | None = None
    works_on_holidays: bool = False
    active: bool = True


def _references(conn: Connection, company_id: int, values: dict[str, Any]) -> dict[str, Any]:
    """Every shift's account and time code must exist (and be active)."""
    if values.get("weeks"):
        located = shifts.located_shifts("Weeks", values["weeks"])
        shifts.check_references(conn, company_id, "Schedule template", located)
    return values


WEEKS_HELP = (
    "The rotation, a week at a time: seven day texts from Monday, separated by ';', e.g. "
    "'08:00-17:00 /12:00-13:00;…;-;-' (shifts of a day separated by ',', breaks after '/', "
    "'-' a day off), or the week's JSON; --week again for each further week."
)

SCHEDULE_TEMPLATE = Register(
    entity="schedule_template",
    title="Schedule template",
    table=schedule_templates,
    key="name",
    fields=(
        Field(
            "name",
            "Name",
            "Name",
            v.text(100),
            ("Namn",),
            required=True,
            help="The template's name (in any letter case), e.g. Kontor 38:15.",
        ),
        Field("description", "Description", "Description", v.text(500), ("Beskrivning",)),
        Field(
            "weeks",
            "Weeks",
            "Weeks",
            v.described(shifts.weeks, "weeks of seven day texts"),
            ("Veckor",),
            required=True,
            show=shifts.shown_weeks,
            help=WEEKS_HELP,
            accepts=Any,  # any JSON: ``shifts.weeks`` names the part that is wrong
            option="--week",
            many=True,
        ),
        Field(
            "works_on_holidays",
            "WorksOnHolidays",
            "Works on holidays",
            v.flag,
            ("Arbetar helgdagar",),
            help="Whether its shifts apply on the holidays of the company's calendar too "
            "(yes/no); if not, those days are off.",
            accepts=FLAG,
        ),
        ACTIVE,
    ),
    defaults={"works_on_holidays": False},
    view=ScheduleTemplateView,
    spec=ScheduleTemplateSpec,
    resolve=_references,
    fixed_key="it is how people name the template; make one with the new name instead",
    admin=AdminRoutes(
        tag="Admin: schedules",
        summaries={
            "list": "List schedule templates with their weeks",
            "add": "Add a schedule template",
            "update": "Change a schedule template (Weeks replaces the whole rotation)",
            "deactivate": "Deactivate a schedule template: no new assignments",
        },
        descriptions={
            "add": "`Weeks` is the rotation: a list of weeks, each seven days from Monday, "
            'each a list of shifts (`{"start": "08:00", "stop": "17:00", "breaks": '
            '[{"start": "12:00", "stop": "13:00"}], "accountNr": "100", "timeCode": '
            '"OB 50%"}`) or a day text (`"08:00-17:00 /12:00-13:00"`, `"-"` for a day '
            "off). A week may also be one text of seven day texts separated by `;`. A "
            "problem names its place: `Weeks[1].Tuesday`, counted from 1.",
            "deactivate": "Employees already assigned to it keep following it; new "
            "assignments to it are refused.",
        },
    ),
    commands=Commands(
        name="template",
        help="Schedule templates: rotations of weeks of shifts, found by name.\n\n"
        "Example: stampla schedule template add Kontor --week "
        "'08:00-17:00 /12:00-13:00;08:00-17:00 /12:00-13:00;08:00-17:00 /12:00-13:00;"
        "08:00-17:00 /12:00-13:00;08:00-16:00 /12:00-12:30;-;-'",
        named="Schedule template {name!r}",
        docs={
            "add": "Add a schedule template: --week once per week of its rotation.",
            "update": "Change a schedule template; --week replaces the whole rotation.",
            "list": "List schedule templates by name, with each week's hours.",
        },
        examples={
            "add": "stampla schedule template add 'Deltid 20' --week "
            "'10:00-15:30 /12:30-13:00;10:00-15:30 /12:30-13:00;10:00-15:30 /12:30-13:00;"
            "10:00-15:30 /12:30-13:00;-;-;-'",
            "update": "stampla schedule template update 'Deltid 20' --works-on-holidays yes",
            "deactivate": "stampla schedule template deactivate 'Deltid 20'",
            "activate": "stampla schedule template activate 'Deltid 20'",
            "list": "stampla schedule template list --active",
        },
        columns=(
            ("active", lambda t: t.active),
            ("name", lambda t: t.name),
            ("weeks", lambda t: len(t.weeks)),
            ("hours a week", lambda t: " / ".join(t.weekly_hours)),
            ("on holidays", lambda t: t.works_on_holidays),
            ("description", lambda t: t.description),
        ),
    ),
)

__all__ = [
    "SCHEDULE_TEMPLATE",
    "BreakOut",
    "ScheduleTemplateSpec",
    "ScheduleTemplateView",
    "ShiftOut",
]
