"""The Client against the real application in-process: batching, tokens, retries, errors."""

from __future__ import annotations

from datetime import timedelta
from email.utils import format_datetime

import httpx2
import pytest

from stampla.client import (
    AuthenticationError,
    Client,
    LoginRefused,
    Retry,
    ServerUnavailable,
    Status,
    UnexpectedResponse,
)
from stampla.wire import TimeStampEntry
from tests.serverproc import free_port

from .conftest import assert_stored_exactly_once, punches
from .gate import LOGIN, POST_ENTRIES


def test_entries_are_sent_in_batches_after_one_login(make_client, gate):
    client = make_client(batch_size=500)
    entries = punches(1_050)
    batches = []
    report = client.post_entries(
        entries, on_batch=lambda batch: batches.append(len(batch.outcomes))
    )
    assert batches == [500, 500, 50]
    assert report.saved == 1_050 and report.ok
    assert [o.index for o in report.outcomes] == list(range(1_050))
    assert gate.count(LOGIN) == 1 and gate.count(POST_ENTRIES) == 3
    assert_stored_exactly_once(client, entries)


def test_a_resend_is_answered_as_duplicates_of_the_same_entries(make_client):
    client = make_client(batch_size=4)
    entries = punches(10)
    first = client.post_entries(entries)
    again = client.post_entries(entries)
    assert again.duplicates == 10 and again.saved == 0 and again.ok
    assert [o.time_stamp_entry_id for o in again.outcomes] == [
        o.time_stamp_entry_id for o in first.outcomes
    ]
    assert_stored_exactly_once(client, entries)


def test_one_invalid_entry_among_1000_is_reported_at_its_own_index(make_client, gate, sleeps):
    client = make_client(batch_size=300)
    entries = punches(1_000)
    entries[737] = entries[737].model_copy(update={"employee_nr": "9999"})
    report = client.post_entries(entries)
    (rejected,) = report.rejected
    assert rejected.index == 737
    assert [(e.index, e.field) for e in rejected.errors] == [(737, "EmployeeNr")]
    assert "9999" in rejected.errors[0].message
    # The server stores a batch all or nothing: the rest of batch 600..899 was not saved.
    assert [o.index for o in report.not_saved] == [i for i in range(600, 900) if i != 737]
    assert "nothing was saved" in (report.not_saved[0].note or "")
    assert report.saved == 700
    assert gate.count(POST_ENTRIES) == 4 and sleeps == []  # a 400 is never retried
    assert_stored_exactly_once(client, entries[:600] + entries[900:])


def test_a_token_that_expires_during_a_long_push_is_renewed_once(make_client, gate, clock, outbox):
    client = make_client(batch_size=100)
    entries = punches(500)
    outbox.enqueue_many(entries)
    # The server's clock passes the token's 60 minutes after the second batch; the client's
    # clock does not, so only the server's 401 can tell it.
    gate.before_post = lambda nth: clock.advance(timedelta(minutes=61)) if nth == 3 else None
    result = outbox.drain(client)
    assert (result.saved, result.pending) == (500, 0)
    assert gate.count(LOGIN) == 2
    assert gate.count(POST_ENTRIES) == 6  # five batches, one of them sent twice
    assert_stored_exactly_once(client, entries)


def test_a_token_is_renewed_before_it_expires(make_client, gate, clock):
    client_clock = type(clock)(clock.now)
    client = make_client(batch_size=100, clock=client_clock)
    entries = punches(300)

    def time_passes(_batch):
        client_clock.advance(timedelta(minutes=59))
        clock.advance(timedelta(minutes=59))

    client.post_entries(entries, on_batch=time_passes)
    assert gate.count(LOGIN) == 3  # before batches 1, 2 and 3: each time 59 minutes had passed
    assert gate.count(POST_ENTRIES) == 3  # and not one 401
    assert_stored_exactly_once(client, entries)


def test_a_fresh_token_refused_is_an_authentication_error(make_client, gate):
    client = make_client()
    gate.answer(1, 401)
    with pytest.raises(AuthenticationError, match="HTTP 401 from the gate"):
        client.post_entries(punches(3))
    assert gate.count(LOGIN) == 1  # a token just issued is not renewed again


def test_a_cached_token_refused_twice_is_an_authentication_error(make_client, gate):
    client = make_client()
    client.post_entries(punches(1))
    gate.answer(2, 401)
    gate.answer(3, 401)
    with pytest.raises(AuthenticationError) as raised:
        client.post_entries(punches(3))
    assert raised.value.status_code == 401
    assert gate.count(LOGIN) == 2


def test_wrong_credentials_are_refused_at_login(http, company):
    keys = (company.company_api_key, company.connect_api_key, company.user_name)
    with Client("http://testserver", *keys, "wrong", transport=http._transport) as client:
        with pytest.raises(LoginRefused, match="not valid") as raised:
            client.login()
    assert raised.value.status_code == 401


def test_429_and_503_with_retry_after_are_waited_out(make_client, gate, sleeps, clock, outbox):
    client = make_client(batch_size=100, clock=clock)
    gate.answer(2, 429, {"Retry-After": "7"})
    later = format_datetime(clock.now + timedelta(seconds=30), usegmt=True)
    gate.answer(3, 503, {"Retry-After": later})
    entries = punches(300)
    outbox.enqueue_many(entries)
    result = outbox.drain(client)
    assert sleeps == [7.0, 30.0]
    assert (result.saved, result.pending) == (300, 0) and gate.count(POST_ENTRIES) == 5
    assert_stored_exactly_once(client, entries)


def test_5xx_is_retried_with_exponential_backoff(make_client, gate, sleeps):
    client = make_client(random=lambda: 1.0)
    for nth, status in enumerate((500, 502, 504, 503), start=1):
        gate.answer(nth, status)
    entries = punches(5)
    assert client.post_entries(entries).saved == 5
    assert sleeps == [0.5, 1.0, 2.0, 4.0]
    assert_stored_exactly_once(client, entries)


def test_retries_end_in_server_unavailable(make_client, gate, sleeps):
    client = make_client(retry=Retry(attempts=3), random=lambda: 0.0)
    for nth in (1, 2, 3):
        gate.answer(nth, 503)
    with pytest.raises(ServerUnavailable, match=r"failed \(3 tries\)") as raised:
        client.post_entries(punches(2))
    assert raised.value.status_code == 503
    assert sleeps == [0.25, 0.5]


def test_a_refused_connection_is_retried_then_reported():
    sleeps: list[float] = []
    closed = f"http://127.0.0.1:{free_port()}"
    with Client(closed, "c", "k", "u", "p", retry=Retry(attempts=4), sleep=sleeps.append) as c:
        with pytest.raises(ServerUnavailable, match="ConnectError") as raised:
            c.login()
    assert isinstance(raised.value.__cause__, httpx2.ConnectError)
    assert len(sleeps) == 3 and sleeps == sorted(sleeps)


def test_a_batch_too_large_for_the_server_is_sent_in_halves(make_client, gate):
    client = make_client(batch_size=10)
    gate.answer(1, 413)
    entries = punches(10)
    report = client.post_entries(entries)
    assert report.saved == 10 and gate.count(POST_ENTRIES) == 3
    assert_stored_exactly_once(client, entries)


def test_replacing_days_keeps_each_employee_in_one_batch_even_when_halved(make_client, gate):
    client = make_client(batch_size=100)
    gate.answer(1, 413)
    entries = punches(9)  # three employees, three punches each, interleaved
    report = client.post_entries(entries, replace_days=True)
    assert report.saved == 9 and [o.index for o in report.outcomes] == list(range(9))
    assert gate.count(POST_ENTRIES) == 3  # refused whole, then one and two employees
    assert_stored_exactly_once(client, entries)


def test_replacing_days_reports_what_the_server_superseded_across_batches(make_client):
    client = make_client(batch_size=3)
    entries = punches(6)  # three employees, two punches each: 0 and 3 are the first's
    first = client.post_entries(entries)
    corrected = [entries[0].model_copy(update={"account_nr": "100", "sie_account_dim": 50})]
    corrected += [entries[1], entries[2], entries[4], entries[5]]  # entries[3] left out
    seen: list[int] = []
    report = client.post_entries(
        corrected, replace_days=True, on_batch=lambda batch: seen.append(batch.superseded)
    )
    assert report.superseded == 2 == sum(seen) and len(seen) > 1
    assert report.outcomes[0].status is Status.SAVED
    assert report.outcomes[0].supersedes == first.outcomes[0].time_stamp_entry_id
    assert [o.supersedes for o in report.outcomes[1:]] == [None] * 4
    assert first.superseded == 0


def test_one_employee_too_large_for_the_server_cannot_replace_days(make_client, gate):
    client = make_client(batch_size=100)
    gate.answer(1, 413)
    entries = [e for e in punches(9) if e.employee_nr == punches(1)[0].employee_nr]
    with pytest.raises(UnexpectedResponse, match="send fewer days at a time"):
        client.post_entries(entries, replace_days=True)


def test_a_server_without_per_entry_results_has_accepted_the_batch(make_client, gate):
    client = make_client()
    gate.answer(1, 200, body={"success": True})
    report = client.post_entries(punches(3))
    assert [o.status for o in report.outcomes] == [Status.ACCEPTED] * 3 and report.ok


def test_an_action_result_with_success_false_saved_nothing(make_client, gate):
    client = make_client()
    gate.answer(1, 200, body={"success": False, "errorMessage": "Felaktig data"})
    report = client.post_entries(punches(3))
    assert [o.status for o in report.outcomes] == [Status.NOT_SAVED] * 3
    assert report.outcomes[0].note == "Felaktig data"


def test_a_wrong_base_url_is_an_unexpected_response(http, company):
    client = Client(
        "http://testserver/wrong",
        company.company_api_key,
        company.connect_api_key,
        company.user_name,
        company.password,
        transport=http._transport,
    )
    with pytest.raises(UnexpectedResponse, match="404") as raised:
        client.post_entries(punches(1))
    assert raised.value.status_code == 404


def test_an_unexpected_answer_names_the_route_but_never_the_token(make_client, gate):
    client = make_client()
    gate.answer(1, 404)
    with pytest.raises(UnexpectedResponse) as raised:
        client.post_entries(punches(1))
    message = raised.value.message
    assert message.startswith("POST /Personell/Time/TimeStampEntry answered 404")
    secrets = [client._token.value, *client._keys.values()]
    assert not [secret for secret in secrets if secret in message]


def test_entries_built_with_python_names_post_the_documents_names(make_client):
    client = make_client()
    entry = TimeStampEntry(
        employee_nr="3014",
        employee_external_code="673330",
        time_stamp="2025-06-12T08:00:00+02:00",
        time_stamp_entry_type="In",
        account_nr="1000",
        sie_account_dim=30,
        time_terminal_id=1,
        time_schedule_types=[{"TimeScheduleTypeCode": "DayShift"}],
    )
    assert client.post_entries([entry]).saved == 1
    (stored,) = client.get_entries(entry.time_stamp.value.date())
    assert stored.time_stamp_as_sent == "2025-06-12T08:00:00+02:00"
    assert (stored.account_nr, stored.sie_account_dim) == ("1000", 30)
    assert [t.time_schedule_type_code for t in stored.time_schedule_types] == ["DayShift"]
