"""/iclock: ZKTeco devices pushing over ADMS (``stampla.domain.adms`` describes the protocol).

Devices read plain text, so every answer here is ``text/plain``, errors included
(``ERROR: …`` with a 4xx status; a device retries after its ErrorDelay). The same routes
answer with the ``.aspx`` suffix some firmware uses, and under ``/adms/{secret}`` for a
device that has a path secret.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from stampla.errors import Forbidden, InvalidInput, NotFound, StamplaError
from stampla.service.devices import commands, push

from ..body import read_body
from ..deps import Now, SettingsDep, StoreDep

router = APIRouter(tags=["Devices (ADMS)"], include_in_schema=False)

PREFIXES = ("/iclock", "/adms/{secret}/iclock")


def _param(request: Request, name: str) -> str | None:
    """A query parameter in any letter case (firmware writes SN, sn, Table, table)."""
    wanted = name.casefold()
    for key, value in request.query_params.multi_items():
        if key.casefold() == wanted:
            return value
    return None


def _caller(request: Request) -> push.Caller:
    address = request.client.host if request.client else None
    return push.Caller(address, request.headers.get("user-agent"))


def _text(body: str, status: int = 200) -> PlainTextResponse:
    return PlainTextResponse(body, status_code=status)


def _refusal(error: StamplaError) -> PlainTextResponse:
    status = 403 if isinstance(error, Forbidden) else 404 if isinstance(error, NotFound) else 400
    return _text(f"ERROR: {error.message}", status)


async def cdata_get(request: Request, store: StoreDep, now: Now) -> PlainTextResponse:
    """The handshake: the options of a registered device."""
    secret = request.path_params.get("secret")
    caller = _caller(request)

    def work() -> str:
        device = push.recognise(store, _param(request, "SN"), secret, now, caller)
        return push.handshake(store, device, now)

    try:
        return _text(await run_in_threadpool(work))
    except (Forbidden, InvalidInput, NotFound) as error:
        return _refusal(error)


async def cdata_post(
    request: Request, store: StoreDep, settings: SettingsDep, now: Now
) -> PlainTextResponse:
    """An upload: ATTLOG lines become punches; other tables are kept as sent."""
    secret = request.path_params.get("secret")
    caller = _caller(request)
    raw = await read_body(request, settings.max_body_bytes)
    body = raw.decode("utf-8", errors="replace").replace("\x00", "")
    limits = push.limits_of(settings)

    def work() -> str:
        device = push.recognise(store, _param(request, "SN"), secret, now, caller)
        return push.receive(
            store,
            device,
            _param(request, "table"),
            request.url.query,
            body,
            _param(request, "Stamp"),
            now,
            limits,
            caller,
        )

    try:
        return _text(await run_in_threadpool(work))
    except (Forbidden, InvalidInput, NotFound) as error:
        return _refusal(error)


async def getrequest(request: Request, store: StoreDep, now: Now) -> PlainTextResponse:
    """The device polls for commands: ``C:<id>:<command>`` lines, or ``OK``."""
    secret = request.path_params.get("secret")
    caller = _caller(request)

    def work() -> str:
        device = push.recognise(store, _param(request, "SN"), secret, now, caller)
        return push.poll(store, device, now)

    try:
        return _text(await run_in_threadpool(work))
    except (Forbidden, InvalidInput, NotFound) as error:
        return _refusal(error)


async def devicecmd(
    request: Request, store: StoreDep, settings: SettingsDep, now: Now
) -> PlainTextResponse:
    """Results of the commands a device ran: recorded with their command, acknowledged."""
    secret = request.path_params.get("secret")
    caller = _caller(request)
    raw = await read_body(request, settings.max_body_bytes)
    body = raw.decode("utf-8", errors="replace").replace("\x00", "")

    def work() -> str:
        device = push.recognise(store, _param(request, "SN"), secret, now, caller)
        commands.record_results(store, device, body, now)
        return "OK"

    try:
        return _text(await run_in_threadpool(work))
    except (Forbidden, InvalidInput, NotFound) as error:
        return _refusal(error)


for prefix in PREFIXES:
    for suffix in ("", ".aspx"):
        router.add_api_route(f"{prefix}/cdata{suffix}", cdata_get, methods=["GET"])
        router.add_api_route(f"{prefix}/cdata{suffix}", cdata_post, methods=["POST"])
        router.add_api_route(f"{prefix}/getrequest{suffix}", getrequest, methods=["GET"])
        router.add_api_route(f"{prefix}/devicecmd{suffix}", devicecmd, methods=["POST"])
