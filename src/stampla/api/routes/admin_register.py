"""/Admin/<Register>: the routes of any register, derived from its declaration.

Each register gets the same routes, named the same way: ``GET`` lists, ``POST`` adds,
``PATCH`` changes (where records can change), ``…/Deactivate`` and ``…/Activate`` (where
records have Active), and ``…/Import`` (where the register imports CSV). A record is named in
the query string by its key's API name (``employeeNr``), and its parent, if it has one, by
the parent's refs (``codingLevel`` or ``sieDimension``). The body is a model built from the
register's fields, read like every other admin body (``admin_body``).
"""

import inspect
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import Field as About
from pydantic import create_model

from stampla.service.csv_import import ImportOptions, ImportReport
from stampla.service.masterdata import Records, Register
from stampla.service.masterdata.fields import Field

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


def register_router(register: Register) -> APIRouter:
    """The /Admin routes of ``register``."""
    tag = register.admin.tag or f"Admin: {register.plural}"
    router = APIRouter(prefix="/Admin", tags=[tag], responses=ADMIN_ERRORS)
    routes = _Routes(register, router)
    routes.listing()
    routes.adding()
    if register.changes:
        routes.changing()
    if register.has_active:
        routes.activity(False)
        routes.activity(True)
    if register.csv is not None:
        routes.csv_import()
    return router


def fields_model(register: Register) -> type[AdminInput]:
    """The JSON body of a register's records: each field by its API name, in any letter case,
    and the parent's refs (on create)."""
    parent = register.parent.refs if register.parent else ()
    properties: dict[str, Any] = {
        spec.column: (_accepted(spec), About(None, alias=spec.name, description=spec.help or None))
        for spec in (*parent, *register.fields)
    }
    name = "".join(word.capitalize() for word in register.entity.split("_")) + "Fields"
    return create_model(name, __base__=AdminInput, **properties)


def _accepted(spec: Field) -> Any:
    return list[str] | str | None if spec.many else spec.accepts


def _query(spec: Field, annotation: Any = str | None) -> inspect.Parameter:
    """A query-string parameter named as the API names ``spec``."""
    about = Query(alias=spec.public, description=spec.help or None)
    kind = inspect.Parameter.KEYWORD_ONLY
    return inspect.Parameter(
        spec.column, kind, annotation=Annotated[annotation, about], default=None
    )


def _param(name: str, annotation: Any, default: Any = inspect.Parameter.empty) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, annotation=annotation, default=default
    )


def _endpoint(name: str, params: list[inspect.Parameter], call: Callable[..., Any]) -> Any:
    """A function FastAPI reads as taking ``params``, and which calls ``call`` with them."""

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
        self.key = _query(register.key_field, str)
        self.key = self.key.replace(annotation=self.key.annotation, default=inspect.Parameter.empty)
        self.one = register.entity
        self.many = register.plural.replace(" ", "_")
        self.path = f"/{register.path}"

    def _summary(self, route: str, generic: str) -> dict[str, Any]:
        admin = self.register.admin
        found = {"summary": admin.summaries.get(route, generic)}
        if route in admin.descriptions:
            found["description"] = admin.descriptions[route]
        return found

    def _parent(self, given: dict[str, Any]) -> dict[str, Any]:
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

        self.router.get(
            self.path,
            response_model=list[register.view],
            **self._summary("list", f"List {register.plural}"),
        )(_endpoint(f"list_{self.many}", params, run))

    def adding(self) -> None:
        register = self.register
        body = Annotated[self.body, json_body(self.body)]
        params = [_param(n, a) for n, a in (("admin", Admin), ("store", StoreDep), ("now", Now))]
        params.append(_param("body", body))

        def run(admin: Any, store: Any, now: Any, body: AdminInput) -> Any:
            given = body.given()
            parent = self._parent(given)
            cid, actor = admin.company_id, admin.actor
            return self.records.add(store, cid, given, now, actor=actor, **parent)

        self.router.post(
            self.path,
            response_model=register.view,
            status_code=201,
            openapi_extra=documented(self.body),
            **self._summary("add", f"Add {register.one}"),
        )(_endpoint(f"add_{self.one}", params, run))

    def _named(self) -> list[inspect.Parameter]:
        """Admin, store, now, and the query parameters naming one record."""
        params = [_param(n, a) for n, a in (("admin", Admin), ("store", StoreDep), ("now", Now))]
        return [*params, self.key, *(_query(ref) for ref in self.refs)]

    def changing(self) -> None:
        register = self.register
        body = Annotated[self.body, json_body(self.body)]
        params = [*self._named(), _param("body", body)]
        key = register.key

        def run(admin: Any, store: Any, now: Any, body: AdminInput, **named: Any) -> Any:
            given = body.given()
            self._parent(given)  # the parent is named in the query string
            cid, actor = admin.company_id, admin.actor
            found = named.pop(key)
            return self.records.update(store, cid, found, given, now, actor=actor, **named)

        summary = self._summary("update", f"Change {register.one}'s fields")
        summary.setdefault(
            "description",
            "Only the properties sent change; `null` clears an optional one. The "
            f"{register.key_field.name} cannot change.",
        )
        self.router.patch(
            self.path,
            response_model=register.view,
            openapi_extra=documented(self.body),
            **summary,
        )(_endpoint(f"update_{self.one}", params, run))

    def activity(self, active: bool) -> None:
        register = self.register
        key = register.key
        verb = "activate" if active else "deactivate"

        def run(admin: Any, store: Any, now: Any, **named: Any) -> Any:
            found = named.pop(key)
            cid, actor = admin.company_id, admin.actor
            return self.records.set_active(store, cid, found, active, now, actor=actor, **named)

        if active:
            summary = self._summary(verb, f"Activate {register.one} again")
        else:
            summary = {
                "description": DEACTIVATED,
                **self._summary(verb, f"Deactivate {register.one}"),
            }
        self.router.post(
            f"{self.path}/{verb.capitalize()}", response_model=register.view, **summary
        )(_endpoint(f"{verb}_{self.one}", self._named(), run))

    def csv_import(self) -> None:
        register = self.register
        csv = register.csv
        assert csv is not None
        params = [
            _param("request", Request),
            _param("admin", Admin),
            _param("store", StoreDep),
            _param("settings", SettingsDep),
            _param("now", Now),
        ]
        if csv.fill is not None:
            params.append(_query(csv.fill))
        params += [
            _param("skip_invalid", SkipInvalid, False),
            _param("encoding", Encoding, None),
            _param("delimiter", Delimiter, None),
            _param("file_name", FileName, None),
        ]

        async def run(
            request: Request, admin: Any, store: Any, settings: Any, now: Any, **options: Any
        ) -> Any:
            given = ImportOptions(**options)
            return await run_csv_import(request, admin, store, settings, now, csv.kind, given)

        within = f" within its {register.parent.title}" if register.parent else ""
        generic = (
            f"Import {register.plural} from CSV, upserting by {register.key_field.name}{within}"
        )

        async def endpoint(**given: Any) -> Any:
            return await run(**given)

        endpoint.__name__ = endpoint.__qualname__ = f"import_{self.many}"
        endpoint.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        self.router.post(
            f"{self.path}/Import",
            response_model=ImportReport,
            description=DESCRIPTION + (f"\n\n{csv.note}" if csv.note else ""),
            openapi_extra=IMPORT_BODY,
            **self._summary("import", generic),
        )(endpoint)
