"""The client for SoftOne GO's TimeStampEntry API, as Stampla and SoftOne GO serve it."""

from __future__ import annotations

import logging
import random as _random
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import httpx2
from pydantic import TypeAdapter, ValidationError

from stampla import __version__
from stampla.wire import LoginRequest, LoginResponse, StoredEntry, TimeStampEntry

from . import _batches as batches
from ._exceptions import (
    AuthenticationError,
    ClientError,
    LoginRefused,
    ServerUnavailable,
    UnexpectedResponse,
)
from ._report import EntryOutcome, PostReport, batch_outcomes, error_message, superseded_count
from ._retry import RETRY_AFTER_STATUSES, RETRY_STATUSES, Retry
from ._token import Token

LOGIN_PATH = "/Login/Token"
ENTRY_PATH = "/Personell/Time/TimeStampEntry"
DEFAULT_BATCH_SIZE = 500
MAX_BATCH_SIZE = 10_000

#: Failures after which the request may not have reached the server, or its answer was lost.
RETRYABLE_ERRORS = (httpx2.TimeoutException, httpx2.NetworkError, httpx2.RemoteProtocolError)

Clock = Callable[[], datetime]
Sleep = Callable[[float], None]

log = logging.getLogger("stampla.client")
_entry_list = TypeAdapter(list[TimeStampEntry])
_stored_list = TypeAdapter(list[StoredEntry])


def utc_now() -> datetime:
    return datetime.now(UTC)


class Client:
    """Posts punches to a TimeStampEntry API: Stampla, or SoftOne GO itself.

    It logs in at ``/Login/Token`` when it first needs a token, keeps the token, and renews it
    shortly before it expires and once more if the server refuses it. ``post_entries`` splits
    the entries into batches, retries what can be retried, and reports every entry's fate.

    Example::

        from stampla.client import Client
        from stampla.wire import TimeStampEntry

        with Client("https://apiexternal.softone.se", COMPANY_KEY, CONNECT_KEY, "api", PW) as c:
            report = c.post_entries([TimeStampEntry(EmployeeNr="3002",
                TimeStamp="2025-06-12T08:00:00+02:00", TimeStampEntryType="In",
                TimeTerminalId=7255)])
            assert report.ok, report.errors

    ``transport`` is any httpx2 transport, which is how the tests run the client against the
    real application in-process; ``clock``, ``sleep`` and ``random`` let them do so without
    waiting.
    """

    def __init__(
        self,
        base_url: str,
        company_api_key: str,
        connect_api_key: str,
        user_name: str,
        password: str,
        *,
        batch_size: int = DEFAULT_BATCH_SIZE,
        retry: Retry | None = None,
        timeout: float = 60.0,
        transport: httpx2.BaseTransport | None = None,
        clock: Clock = utc_now,
        sleep: Sleep = time.sleep,
        random: Callable[[], float] = _random.random,
    ) -> None:
        if not 1 <= batch_size <= MAX_BATCH_SIZE:
            raise ValueError(f"batch_size must be within 1..{MAX_BATCH_SIZE}")
        self.batch_size = batch_size
        self.retry = retry or Retry()
        self._keys = {"companyApiKey": company_api_key, "connectApiKey": connect_api_key}
        self._credentials = LoginRequest(UserName=user_name, Password=password).model_dump(
            mode="json", exclude_none=True
        )
        self._http = httpx2.Client(
            base_url=base_url,
            transport=transport,
            timeout=timeout,
            headers={"User-Agent": f"stampla-client/{__version__}"},
        )
        self._clock = clock
        self._sleep = sleep
        self._random = random
        self._token: Token | None = None

    @property
    def base_url(self) -> str:
        return str(self._http.base_url)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def login(self) -> str:
        """Get a new token now (the client does this by itself when it needs one)."""
        now = self._clock()
        response = self._send("POST", LOGIN_PATH, params=self._keys, json=self._credentials)
        if response.status_code == 401:
            raise LoginRefused(_message(response), status_code=401)
        if not response.is_success:
            raise _unexpected(response)
        try:
            answer = LoginResponse.model_validate(response.json())
        except (ValueError, ValidationError):
            raise _unexpected(response, "the answer is not a LoginDTO") from None
        if not answer.token:
            raise LoginRefused(answer.error_message or answer.message, status_code=200)
        self._token = Token.issued(answer.token, now, answer.expires_utc)
        return answer.token

    def post_entries(
        self,
        entries: Iterable[TimeStampEntry],
        *,
        replace_days: bool = False,
        on_batch: Callable[[PostReport], None] | None = None,
    ) -> PostReport:
        """Post ``entries`` in batches of ``batch_size``; one outcome per entry, in order.

        Connection errors, timeouts, 429 and 5xx are retried (resending is safe: the server
        answers a punch it has as a Duplicate). A 400 is not retried: the entries it names come
        back REJECTED with the server's problems, and the rest of that batch NOT_SAVED, since
        the server stores all of a batch or none of it. Other batches are still sent.
        ``on_batch`` sees each batch's report as soon as it is known, e.g. to show progress.

        ``replace_days`` (retrospective reporting): the entries become the complete set of
        punches of each (employee, local date) they touch; punches of those days they do not
        repeat are superseded on the server. Each employee's entries then travel in one batch,
        so no day is ever cut across two.

        Raises ServerUnavailable when a batch could not be delivered within the retry policy;
        the batches before it were delivered, and sending everything again is safe.
        """
        entries = list(entries)
        plan = (
            batches.whole_employees(entries, self.batch_size)
            if replace_days
            else batches.in_order(len(entries), self.batch_size)
        )
        outcomes: dict[int, EntryOutcome] = {}
        superseded = 0
        for indexes in plan:
            batch = self._post_batch(entries, indexes, replace_days)
            outcomes.update((outcome.index, outcome) for outcome in batch.outcomes)
            superseded += batch.superseded
            if on_batch is not None:
                on_batch(batch)
        return PostReport(tuple(outcomes[index] for index in range(len(entries))), superseded)

    def get_entries(
        self, date_from: date, date_to: date | None = None, employee_nrs: Iterable[str] = ()
    ) -> list[StoredEntry]:
        """The stored punches of company-local dates ``date_from``..``date_to``."""
        params = {"dateFrom": date_from.isoformat(), "dateTo": (date_to or date_from).isoformat()}
        if nrs := ",".join(employee_nrs):
            params["employeeNrsString"] = nrs
        response = self._authorized("GET", ENTRY_PATH, params=params)
        if not response.is_success:
            raise _unexpected(response)
        try:
            return _stored_list.validate_json(response.content)
        except ValidationError:
            raise _unexpected(response, "the answer is not a list of entries") from None

    def _post_batch(
        self, entries: list[TimeStampEntry], indexes: Sequence[int], replace_days: bool = False
    ) -> PostReport:
        body = _entry_list.dump_json([entries[i] for i in indexes], exclude_none=True)
        response = self._authorized(
            "POST",
            ENTRY_PATH,
            params={"replaceDays": "true"} if replace_days else None,
            content=body,
            headers={"Content-Type": "application/json"},
        )
        if response.status_code == 413 and len(indexes) > 1:
            halves = (
                batches.halves_by_employee(entries, indexes)
                if replace_days
                else (list(indexes[: len(indexes) // 2]), list(indexes[len(indexes) // 2 :]))
            )
            if halves is None:
                raise _unexpected(
                    response,
                    f"the {len(indexes)} entries of employee {entries[indexes[0]].employee_nr} "
                    "are more than the server takes in one batch, and replacing days cannot "
                    "split them: send fewer days at a time",
                )
            log.info("batch of %d entries too large; sending it in halves", len(indexes))
            first, second = halves
            one = self._post_batch(entries, first, replace_days)
            two = self._post_batch(entries, second, replace_days)
            return PostReport(one.outcomes + two.outcomes, one.superseded + two.superseded)
        if response.status_code != 400 and not response.is_success:
            raise _unexpected(response)
        body_json = _json(response)
        if response.is_success and not isinstance(body_json, Mapping):
            raise _unexpected(response, "the answer is not a JSON object")
        failed = response.status_code == 400 or (
            isinstance(body_json, Mapping) and body_json.get("success") is False
        )
        try:
            outcomes = batch_outcomes(body_json, response.text, indexes, failed=failed)
            return PostReport(tuple(outcomes), superseded_count(body_json))
        except UnexpectedResponse as error:
            raise _unexpected(response, error.message) from None

    def _authorized(
        self, method: str, path: str, *, params: Mapping[str, str] | None = None, **kwargs: Any
    ) -> httpx2.Response:
        """Send with the token; on a 401 for a token not just issued, renew it and resend once."""
        fresh = self._token is None or not self._token.usable(self._clock())
        if fresh:
            self.login()
        response = self._send(method, path, params=self._params(params), **kwargs)
        if response.status_code != 401:
            return response
        if not fresh:
            log.info("token refused (%s); logging in again", _message(response))
            self.login()
            response = self._send(method, path, params=self._params(params), **kwargs)
        if response.status_code == 401:
            raise AuthenticationError(_message(response), status_code=401)
        return response

    def _params(self, more: Mapping[str, str] | None) -> dict[str, str]:
        assert self._token is not None
        return {**self._keys, "token": self._token.value, **(more or {})}

    def _send(self, method: str, path: str, **kwargs: Any) -> httpx2.Response:
        """One request, tried again per the retry policy until it gets a final answer."""
        failures = 0
        while True:
            attempt = self._attempt(method, path, kwargs)
            if attempt.response is not None:
                return attempt.response
            failures += 1
            if failures >= self.retry.attempts:
                tries = f"{failures} {'try' if failures == 1 else 'tries'}"
                raise ServerUnavailable(
                    f"{method} {path} failed ({tries}): {attempt.problem}",
                    status_code=attempt.status,
                ) from attempt.cause
            wait = attempt.wait
            if wait is None:
                wait = self.retry.backoff_delay(failures, self._random)
            log.warning("%s %s: %s; trying again in %.1f s", method, path, attempt.problem, wait)
            self._sleep(wait)

    def _attempt(self, method: str, path: str, kwargs: dict[str, Any]) -> _Attempt:
        """One try: a final answer, or why it failed. The one place httpx2 errors are caught."""
        try:
            response = self._http.request(method, path, **kwargs)
        except RETRYABLE_ERRORS as error:
            return _Attempt(problem=f"{type(error).__name__}: {error}", cause=error)
        except httpx2.HTTPError as error:
            raise ClientError(f"cannot send {method} {path}: {error}") from error
        status = response.status_code
        if status not in RETRY_STATUSES:
            return _Attempt(response=response)
        wait = None
        if status in RETRY_AFTER_STATUSES:
            wait = self.retry.server_delay(response.headers.get("Retry-After"), self._clock())
        return _Attempt(problem=f"HTTP {status}: {_message(response)}", status=status, wait=wait)


@dataclass(frozen=True, slots=True)
class _Attempt:
    response: httpx2.Response | None = None
    problem: str = ""
    status: int | None = None
    cause: Exception | None = None
    wait: float | None = None


def _json(response: httpx2.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return None


def _message(response: httpx2.Response) -> str:
    return error_message(_json(response), response.text)


def _unexpected(response: httpx2.Response, detail: str | None = None) -> UnexpectedResponse:
    """An error naming the route (never the query string, which carries the token)."""
    request = response.request
    return UnexpectedResponse(
        f"{request.method} {request.url.path} answered {response.status_code}: "
        f"{detail or _message(response)}",
        status_code=response.status_code,
    )
