"""What each importable register's CSV looks like: its key, its columns and their headers.

A header matches a field by the field's API name (``EmploymentRate``), by the label SoftOne
GO's register shows (``Employ. rate``) or by a listed alias (``Sysselsättningsgrad``),
ignoring case, spaces and punctuation. Columns that match nothing are reported and ignored,
so a full export with extra columns (a social security number, say) can be imported as it is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from stampla.errors import InvalidInput, Problem

from ..masterdata.fields import Field, fold_header
from ..masterdata.register import Register
from ..masterdata.registers import REGISTERS
from ..masterdata.values import written


@dataclass(frozen=True)
class ImportFormat:
    """One importable register: upserted by its key (within its parent, for accounts)."""

    register: Register

    @property
    def kind(self) -> str:
        assert self.register.csv is not None
        return self.register.csv.kind

    @property
    def key(self) -> str:
        return self.register.key

    @property
    def by_level(self) -> bool:
        """Rows name their parent (an account's coding level) by one of its refs."""
        return self.register.parent is not None

    def refs(self) -> tuple[Field, ...]:
        return self.register.parent.refs if self.register.parent else ()

    def headers(self) -> dict[str, set[str]]:
        """Folded header spellings by column."""
        found = {spec.column: spec.headers() for spec in self.register.fields}
        for ref in self.refs():
            found[ref.column] = ref.headers()
        return found

    def key_name(self) -> str:
        return self.register.key_field.name


FORMATS = {r.csv.kind: ImportFormat(r) for r in REGISTERS if r.csv is not None}


@dataclass(frozen=True, slots=True)
class Columns:
    """Which cell holds which column, as the file wrote the header, and what was ignored."""

    index: dict[str, int]
    written: dict[str, str]
    ignored: list[str]


def map_columns(header: list[str], form: ImportFormat) -> Columns:
    """The file's columns; InvalidInput if the key is missing or a column appears twice."""
    wanted = form.headers()
    owner = {name: column for column, names in wanted.items() for name in names}
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    ignored: list[str] = []
    seen: dict[str, list[str]] = defaultdict(list)
    for position, text in enumerate(header):
        column = owner.get(fold_header(text))
        if column is None:
            ignored.append(text)
            continue
        seen[column].append(text)
        index.setdefault(column, position)
        written.setdefault(column, text)
    problems = [
        Problem(f"columns {' and '.join(map(repr, texts))} both mean {column}", texts[1], 1)
        for column, texts in seen.items()
        if len(texts) > 1
    ]
    if form.key not in index:
        name = form.key_name()
        problems.append(Problem(f"the header has no {name} column", name, 1))
    if problems:
        raise InvalidInput(
            f"The header line cannot be used: {problems[0].message}. {expected(form)}", problems
        )
    return Columns(index, written, ignored)


def expected(form: ImportFormat) -> str:
    """One sentence naming the columns a file of this kind may have."""
    names = [spec.name for spec in form.register.fields]
    if form.by_level:
        first, *others = (ref.name for ref in form.refs())
        names.insert(0, f"{first} (or {', '.join(others)})")
    return f"Columns for {form.kind}: {', '.join(names)}."


def columns_table(form: ImportFormat) -> str:
    """The columns of a file of this kind as a Markdown table (docs/masterdata.md shows it)."""
    lines = [
        "| column | also accepted | written as | a new record needs it |",
        "|---|---|---|---|",
    ]
    fill = form.register.csv.fill if form.register.csv else None
    for ref in form.refs():
        needed = "one of these" + (f", or `{fill.flag}`" if fill else "")
        lines.append(
            f"| `{ref.name}` | {_names((ref.label, *ref.aliases))} | {ref.help} | {needed} |"
        )
    for spec in form.register.fields:
        default = form.register.defaults.get(spec.column)
        needed = "yes" if spec.required else "no"
        if default is not None:
            needed = f"no (default `{_shown(default)}`)"
        also = _names((spec.label, *spec.aliases) if spec.label != spec.name else spec.aliases)
        lines.append(f"| `{spec.name}` | {also} | {written(spec.parse)} | {needed} |")
    return "\n".join(lines)


def _shown(value: object) -> str:
    return (
        {True: "ja", False: "nej"}.get(value, str(value)) if isinstance(value, bool) else str(value)
    )


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(f"`{name}`" for name in names)
