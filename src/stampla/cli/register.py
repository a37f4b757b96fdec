"""``stampla <register> …``: the commands of any register, derived from its declaration.

``add``, ``update`` (where records can change), ``deactivate`` and ``activate`` (where they
have Active), ``list`` and ``import`` (where the register imports CSV). A record is named by
its key as the first argument and, if it belongs to a parent, by the parent's options
(``--level``); each field is an option named as the API names it (``--weekly-hours``), unless
the register says otherwise. Every command's help ends with the register's example.
"""

import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer

from stampla.service.csv_import import ImportOptions
from stampla.service.masterdata import Records, Register
from stampla.service.masterdata.fields import Field

from .common import ActiveOption, CompanyOption, JsonOption, actor, changed, company_store, emit
from .common import table as print_table
from .context import console, now
from .importing import Delimiter, Encoding, FileArgument, SkipInvalid, run_import

KEYWORD = inspect.Parameter.KEYWORD_ONLY


def register_app(register: Register) -> typer.Typer:
    """The command group of ``register``."""
    app = typer.Typer(help=register.commands.help, no_args_is_help=True)
    commands = _Commands(register, app)
    build = {
        "add": commands.adding,
        "update": commands.changing,
        "deactivate": lambda: commands.activity(False),
        "activate": lambda: commands.activity(True),
        "list": commands.listing,
        "import": commands.importing,
    }
    for operation in register.operations:
        build[operation]()
    return app


def _param(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(name, KEYWORD, annotation=annotation, default=default)


def _option(spec: Field, default: Any = None, help: str | None = None) -> inspect.Parameter:
    about = typer.Option(default, spec.flag, help=help if help is not None else spec.help)
    annotation = list[str] if spec.many else (str if default is ... else str | None)
    return _param(spec.column, annotation, about)


def _clears(spec: Field) -> str:
    """An update option's help: a blank value clears an optional field."""
    return spec.help if spec.required else f"{spec.help} '' clears it.".strip()


class _Commands:
    """The commands of one register, added to ``app`` one at a time."""

    def __init__(self, register: Register, app: typer.Typer) -> None:
        self.register = register
        self.words = register.commands
        self.records = Records(register)
        self.app = app
        self.refs = register.parent.refs if register.parent else ()

    # Parts -----------------------------------------------------------------------------------

    def _command(
        self, name: str, first: str, params: list[inspect.Parameter], call: Callable[..., None]
    ) -> None:
        """Add command ``name``: its help is ``first``, then the register's example."""
        doc = self.words.docs.get(name, first)
        example = self.words.examples[name]

        def command(**given: Any) -> None:
            call(**given)

        command.__name__ = name
        command.__doc__ = f"{doc}\n\nExample: {example}"
        command.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        self.app.command(name)(command)

    def _key(self) -> inspect.Parameter:
        spec = self.register.key_field
        return _param(spec.column, str, typer.Argument(help=spec.help))

    def _named(self) -> list[inspect.Parameter]:
        """The key argument and the parent's options: what names one record."""
        return [self._key(), *(_option(ref) for ref in self.refs)]

    def _tail(self) -> list[inspect.Parameter]:
        return [_param("company", CompanyOption, None), _param("as_json", JsonOption, False)]

    def _message(self, template: str, record: Any) -> str:
        return template.format(**record.model_dump(by_alias=False))

    def _parent(self, given: dict[str, Any]) -> dict[str, Any]:
        return {ref.column: given.pop(ref.column) for ref in self.refs}

    # Commands --------------------------------------------------------------------------------

    def adding(self) -> None:
        register, words = self.register, self.words
        params = [self._key()]
        for spec in register.editable():
            if spec.column in words.arguments:
                params.append(_param(spec.column, str, typer.Argument(help=spec.help)))
        for spec in register.editable():
            if spec.column in words.arguments:
                continue
            if spec.column in words.fallbacks:
                other = register.by_column(words.fallbacks[spec.column]).label.lower()
                params.append(
                    _option(spec, help=f"{spec.help.rstrip('.')} (default: the {other}).")
                )
            elif spec.many:
                params.append(_option(spec, []))
            elif spec.column in register.defaults:
                params.append(_option(spec, register.defaults[spec.column]))
            else:
                params.append(_option(spec, ... if spec.required else None))
        params += [*(_option(ref) for ref in self.refs), *self._tail()]

        def run(company: str | None, as_json: bool, **given: Any) -> None:
            parent = self._parent(given)
            for column, other in words.fallbacks.items():
                if given.get(column) is None:
                    given[column] = given[other]
            values = {column: value for column, value in given.items() if value is not None}
            with company_store(company, as_json) as (store, company_id):
                found = self.records.add(store, company_id, values, now(), actor=actor(), **parent)
            template = words.added or f"{words.named} added."
            changed(found, self._message(template, found), as_json)

        self._command("add", f"Add {register.one}.", params, run)

    def changing(self) -> None:
        register, words = self.register, self.words
        fields = [
            _option(spec, [] if spec.many else None, _clears(spec)) for spec in register.editable()
        ]
        params = [*self._named(), *fields, *self._tail()]
        key = register.key

        def run(company: str | None, as_json: bool, **given: Any) -> None:
            parent, found = self._parent(given), given.pop(key)
            values = {column: value for column, value in given.items() if value not in (None, [])}
            with company_store(company, as_json) as (store, company_id):
                record = self.records.update(
                    store, company_id, found, values, now(), actor=actor(), **parent
                )
            changed(record, self._message(f"{words.named} updated.", record), as_json)

        first = f"Change fields of {register.one}; its {register.key_field.name} stays."
        self._command("update", first, params, run)

    def activity(self, active: bool) -> None:
        register, words = self.register, self.words
        key = register.key
        state = "active" if active else "inactive"

        def run(company: str | None, as_json: bool, **given: Any) -> None:
            parent, found = self._parent(given), given.pop(key)
            with company_store(company, as_json) as (store, company_id):
                record = self.records.set_active(
                    store, company_id, found, active, now(), actor=actor(), **parent
                )
            changed(record, self._message(f"{words.named} is {state}.", record), as_json)

        if active:
            name, first = "activate", f"Make an inactive {register.title.lower()} active again."
        else:
            name = "deactivate"
            first = f"Deactivate {register.one}: stored punches stay valid, new ones are refused."
            if self.refs:
                first += (
                    f"\n\n{self.refs[0].flag} is needed only when the {register.key_field.name} "
                    f"exists in several {register.parent.title}s."  # type: ignore[union-attr]
                )
        self._command(name, first, [*self._named(), *self._tail()], run)

    def listing(self) -> None:
        register, words = self.register, self.words
        params = [_option(register.by_column(column)) for column in register.filters]
        params += [_option(ref) for ref in self.refs]
        params.append(_param("company", CompanyOption, None))
        if register.has_active:
            params.append(_param("active", ActiveOption, None))
        if register.paged:
            params.append(
                _param("search", str | None, typer.Option(None, help=register.search_help))
            )
        rows = words.table_rows
        if rows:
            more = f"At most this many (default: all with --json, {rows} in a table)."
            params.append(_param("limit", int | None, typer.Option(None, min=1, help=more)))
        params.append(_param("as_json", JsonOption, False))
        title = register.plural.capitalize()

        def run(company: str | None, as_json: bool, limit: int | None = None, **query: Any) -> None:
            shown = limit or (None if as_json or not rows else rows)
            wanted = shown + 1 if shown else None  # one more, to know whether there are more
            with company_store(company, as_json) as (store, company_id):
                found = self.records.list(store, company_id, limit=wanted, **query)
            if as_json:
                emit(found[:shown])
                return
            print_table(title, words.columns, found[:shown])
            if shown and len(found) > shown:
                console.print(
                    f"Showing the first {shown}; use --limit, --search or --json for more."
                )

        first = f"List {register.plural} by {register.key_field.name}."
        self._command("list", first, params, run)

    def importing(self) -> None:
        register = self.register
        csv = register.csv
        assert csv is not None
        params = [_param("file", Path, FileArgument)]
        if csv.fill is not None:
            params.append(_option(csv.fill))
        params += [
            _param("company", CompanyOption, None),
            _param("skip_invalid", bool, SkipInvalid),
            _param("encoding", str | None, Encoding),
            _param("delimiter", str | None, Delimiter),
            _param("as_json", JsonOption, False),
        ]

        def run(file: Path, company: str | None, as_json: bool, **options: Any) -> None:
            run_import(csv.kind, file, company, ImportOptions(**options), as_json)

        within = f" within its {register.parent.title}" if register.parent else ""
        first = (
            f"Import {register.plural} from CSV, upserting by {register.key_field.name}{within} "
            "(see docs/masterdata.md).\n\nEvery row is checked first; if any is bad, all bad "
            "rows are listed and nothing is written."
        )
        self._command("import", first, params, run)
