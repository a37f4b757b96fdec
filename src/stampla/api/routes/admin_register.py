"""/Admin/<Register>: the routes of any register, derived from its declaration.

Each register gets the same routes, named the same way: ``GET`` lists, ``POST`` adds,
``PATCH`` changes (where records can change), ``…/Deactivate`` and ``…/Activate`` (where
records have Active), and ``…/Import`` (where the register imports CSV). A record is named in
the query string by its key's API name (``employeeNr``), and its parent, if it has one, by
the parent's refs (``codingLevel`` or ``sieDimension``). The body is a model built from the
register's fields, read like every other admin body (``admin_body``).

FastAPI reads a route's parameters from its function's signature; here each route is one
generic function given the signature its register calls for (``_endpoint``).
"""

import inspect
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import Field as About
from pydantic import create_model

from stampla.service.csv_import import ImportOptions, ImportReport
from stampla.service.masterdata import Records, Register
from stampla.service.masterdata.fields import TEXT, Field

from ..deps import Now, SettingsDep, StoreDep
from .admin_body import documented, json_body
from .admin_deps import ADMIN_ERRORS, Admin
from .admin_import import (
    DESCRIPTION,
    IMPORT_BODY,
    Delimiter,
    Encoding,
    FileName,
    SkipInvalid,
    run_csv_import,
)
from .admin_models import AdminInput

#: Beyond any register's size, and within every database's integers (a larger OFFSET would
#: reach the database and fail there).
MAX_OFFSET = 2**31 - 1

DEACTIVATED = "Stored punches stay valid and visible; new punches are refused as inactive."

Active = Annotated[bool | None, Query(description="Only active (true) or inactive (false).")]
EMPTY = inspect.Parameter.empty


def register_router(register: Register) -> APIRouter:
    """The /Admin routes of ``register``."""
    tag = register.admin.tag or f"Admin: {register.plural}"
    router = APIRouter(prefix="/Admin", tags=[tag], responses=ADMIN_ERRORS)
    routes = _Routes(register, router)
    build = {
        "list": routes.listing,
        "add": routes.adding,
        "update": routes.changing,
        "deactivate": lambda: routes.activity(False),
        "activate": lambda: routes.activity(True),
        "import": routes.importing,
    }
    for operation in sorted(register.operations, key=list(build).index):  # list first
        build[operation]()
    return router


def fields_model(register: Register) -> type[AdminInput]:
    """The JSON body of a register's records: each field by its API name, in any letter case,
    and the parent's refs (on create)."""
    parent = register.parent.refs if register.parent else ()
    properties: dict[str, Any] = {
        spec.column: (
            list[str] | str | None if spec.many and spec.accepts is TEXT else spec.accepts,
            About(None, alias=spec.name, description=spec.help),
        )
        for spec in (*parent, *register.fields)
    }
    name = "".join(word.capitalize() for word in register.entity.split("_")) + "Fields"
    return create_model(name, __base__=AdminInput, **properties)


def _param(name: str, annotation: Any, default: Any = EMPTY) -> inspect.Parameter:
    kind = inspect.Parameter.KEYWORD_ONLY
    return inspect.Parameter(name, kind, annotation=annotation, default=default)


def _query(spec: Field, *, required: bool = False) -> inspect.Parameter:
    """A query-string parameter named as the API names ``spec``."""
    about = Query(alias=spec.public, description=spec.help)
    if required:
        return _param(spec.column, Annotated[str, about])
    return _param(spec.column, Annotated[str | None, about], None)


def _endpoint(name: str, params: list[inspect.Parameter], call: Callable[..., Any]) -> Any:
    """A function FastAPI reads as taking ``params``, calling ``call`` with them (and
    awaiting it, if ``call`` is a coroutine function)."""
    if inspect.iscoroutinefunction(call):

        async def endpoint(**given: Any) -> Any:
            return await call(**given)

    else:

        def endpoint(**given: Any) -> Any:
            return call(**given)

    endpoint.__name__ = endpoint.__qualname__ = name
    endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    return endpoint


class _Routes:
    """The routes of one register, added to ``router`` one kind at a time."""

    def __init__(self, register: Register, router: APIRouter) -> None:
        self.register = register
        self.records = Records(register)
        self.router = router
        self.body = fields_model(register)
        self.refs = register.parent.refs if register.parent else ()
        self.path = f"/{register.path}"

    def _words(self, route: str, summary: str, description: str | None = None) -> dict[str, Any]:
        """The route's summary and description: the register's own, or the generic ones."""
        admin = self.register.admin
        words = {"summary": admin.summaries.get(route, summary)}
        description = admin.descriptions.get(route, description)
        return {**words, "description": description} if description else words

    def _writer(self) -> list[inspect.Parameter]:
        return [_param("admin", Admin), _param("store", StoreDep), _param("now", Now)]

    def _named(self) -> list[inspect.Parameter]:
        """The writer's parameters and the query string naming one record."""
        key = _query(self.register.key_field, required=True)
        return [*self._writer(), key, *(_query(ref) for ref in self.refs)]

    def _body(self) -> inspect.Parameter:
        return _param("body", Annotated[self.body, json_body(self.body)])

    def _without_refs(self, given: dict[str, Any]) -> dict[str, Any]:
        """The parent's refs taken out of a body (a change names the parent in the query)."""
        return {ref.column: given.pop(ref.column, None) for ref in self.refs}

    def listing(self) -> None:
        register = self.register
        params = [_param("admin", Admin), _param("store", StoreDep)]
        params += [_query(register.by_column(column)) for column in register.filters]
        params += [_query(ref) for ref in self.refs]
        if register.has_active:
            params.append(_param("active", Active, None))
        if register.paged:
            search = Query(description=register.search_help or None)
            params += [
                _param("search", Annotated[str | None, search], None),
                _param("limit", Annotated[int, Query(ge=1, le=10_000)], 1_000),
                _param("offset", Annotated[int, Query(ge=0, le=MAX_OFFSET)], 0),
            ]

        def run(admin: Any, store: Any, **query: Any) -> Any:
            return self.records.list(store, admin.company_id, **query)

        name = "list_" + register.plural.replace(" ", "_")
        self.router.get(
            self.path,
            response_model=list[register.view],
            **self._words("list", f"List {register.plural}"),
        )(_endpoint(name, params, run))

    def adding(self) -> None:
        register = self.register

        def run(admin: Any, store: Any, now: Any, body: AdminInput) -> Any:
            given = body.given()
            parent = self._without_refs(given)
            cid, actor = admin.company_id, admin.actor
            return self.records.add(store, cid, given, now, actor=actor, **parent)

        self.router.post(
            self.path,
            response_model=register.view,
            status_code=201,
            openapi_extra=documented(self.body),
            **self._words("add", f"Add {register.one}"),
        )(_endpoint(f"add_{register.entity}", [*self._writer(), self._body()], run))

    def changing(self) -> None:
        register = self.register

        def run(admin: Any, store: Any, now: Any, body: AdminInput, **named: Any) -> Any:
            given = body.given()
            self._without_refs(given)
            key, cid, actor = named.pop(register.key), admin.company_id, admin.actor
            return self.records.update(store, cid, key, given, now, actor=actor, **named)

        words = self._words(
            "update",
            f"Change {register.one}'s fields",
            "Only the properties sent change; `null` clears an optional one. The "
            f"{register.key_field.name} cannot change.",
        )
        self.router.patch(
            self.path,
            response_model=register.view,
            openapi_extra=documented(self.body),
            **words,
        )(_endpoint(f"update_{register.entity}", [*self._named(), self._body()], run))

    def activity(self, active: bool) -> None:
        register = self.register
        verb = "activate" if active else "deactivate"

        def run(admin: Any, store: Any, now: Any, **named: Any) -> Any:
            key, cid, actor = named.pop(register.key), admin.company_id, admin.actor
            return self.records.set_active(store, cid, key, active, now, actor=actor, **named)

        if active:
            words = self._words(verb, f"Activate {register.one} again")
        else:
            words = self._words(verb, f"Deactivate {register.one}", DEACTIVATED)
        self.router.post(f"{self.path}/{verb.capitalize()}", response_model=register.view, **words)(
            _endpoint(f"{verb}_{register.entity}", self._named(), run)
        )

    def importing(self) -> None:
        register, csv = self.register, self.register.csv
        assert csv is not None
        params = [_param("request", Request), *self._writer(), _param("settings", SettingsDep)]
        if csv.fill is not None:
            params.append(_query(csv.fill))
        params += [
            _param("skip_invalid", SkipInvalid, False),
            _param("encoding", Encoding, None),
            _param("delimiter", Delimiter, None),
            _param("file_name", FileName, None),
        ]

        async def run(
            request: Request, admin: Any, store: Any, now: Any, settings: Any, **options: Any
        ) -> Any:
            given = ImportOptions(**options)
            return await run_csv_import(request, admin, store, settings, now, csv.kind, given)

        within = f" within its {register.parent.title}" if register.parent else ""
        key = register.key_field.name
        words = self._words(
            "import",
            f"Import {register.plural} from CSV, upserting by {key}{within}",
            DESCRIPTION + (f"\n\n{csv.note}" if csv.note else ""),
        )
        name = "import_" + register.plural.replace(" ", "_")
        self.router.post(
            f"{self.path}/Import", response_model=ImportReport, openapi_extra=IMPORT_BODY, **words
        )(_endpoint(name, params, run))
