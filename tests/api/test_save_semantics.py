"""What a save does: all or nothing, duplicates, resends, and replacing whole days."""

from __future__ import annotations

from sqlalchemy import select

from stampla.store.tables import ingest_batches, punches
from tests.factories import entry

DAY = "2025-06-12"


def day_of_work(employee: str = "3002") -> list[dict]:
    return [
        entry(employee, f"{DAY}T06:28:00Z", "In"),
        entry(employee, f"{DAY}T10:11:00Z", "Out", IsBreak=True),
        entry(employee, f"{DAY}T10:56:00Z", "In", IsBreak=True),
        entry(employee, f"{DAY}T13:01:00Z", "Out"),
    ]


def stored_times(api, day: str = DAY) -> list[tuple[str, str, str]]:
    return [(p["employeeNr"], p["timeStamp"], p["timeStampEntryType"]) for p in api.stored(day)]


def test_one_bad_entry_and_nothing_is_saved(api):
    response = api.post([*day_of_work(), entry(employee="9999")])
    assert response.status_code == 400
    assert response.json()["errors"][0]["index"] == 4
    assert api.stored(DAY) == []


def test_all_or_none_false_saves_the_good_and_reports_the_bad(api):
    response = api.post(
        [entry(), entry(employee="9999"), entry(time_stamp=f"{DAY}T09:00:00Z")], allOrNone="false"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["success"] is False
    assert body["saved"] == 2
    assert [r["index"] for r in body["results"]] == [0, 2]
    assert [(e["index"], e["field"]) for e in body["errors"]] == [(1, "EmployeeNr")]
    assert body["errorMessage"] == "1 of 3 entries were rejected; the other 2 were processed"
    assert len(api.stored(DAY)) == 2


def test_all_or_none_false_with_only_bad_entries_is_a_400_and_writes_nothing(api, store, company):
    response = api.post(
        [entry(employee="9999"), entry(terminal=4711), "not an entry"], allOrNone=False
    )
    assert response.status_code == 400
    body = response.json()
    assert body["success"] is False
    assert body["errorMessage"] == "3 of 3 entries are invalid; nothing was saved"
    assert [(e["index"], e["field"]) for e in body["errors"]] == [
        (0, "EmployeeNr"),
        (1, "TimeTerminalId"),
        (2, None),
    ]
    assert api.stored(DAY) == []
    with store.read() as conn:
        batches = conn.execute(
            select(ingest_batches.c.id).where(ingest_batches.c.company_id == company.id)
        ).all()
    assert batches == []  # not even a batch record: nothing was written


def test_all_or_none_false_with_one_good_entry_is_still_a_200(api):
    response = api.post([entry(employee="9999"), entry()], allOrNone=False)
    assert response.status_code == 200
    assert response.json()["saved"] == 1


def test_a_resent_punch_is_a_duplicate_with_the_stored_id(api):
    first = api.post(day_of_work()).json()
    again = api.post(day_of_work()).json()
    assert again["saved"] == 0 and again["duplicates"] == 4
    assert [r["status"] for r in again["results"]] == ["Duplicate"] * 4
    assert [r["timeStampEntryId"] for r in again["results"]] == [
        r["timeStampEntryId"] for r in first["results"]
    ]
    assert len(api.stored(DAY)) == 4


def test_the_same_instant_written_differently_is_the_same_punch(api):
    api.post([entry(time_stamp=f"{DAY}T08:00:00Z")])
    body = api.post(
        [entry(time_stamp=f"{DAY}T10:00:00+02:00"), entry(time_stamp=f"{DAY}T10:00:00")]
    ).json()
    assert body["duplicates"] == 2


def test_punches_differing_in_type_break_or_terminal_are_not_duplicates(api):
    body = api.post(
        [
            entry(),
            entry(kind="Out"),
            entry(IsBreak=True),
            entry(terminal=1),
            entry(employee="3015"),
        ]
    ).json()
    assert body["saved"] == 5


def test_repeats_within_one_batch_are_duplicates_of_the_first(api):
    body = api.post([entry(), entry(kind="Out", time_stamp=f"{DAY}T16:00:00Z"), entry()]).json()
    assert body["saved"] == 2 and body["duplicates"] == 1
    first, _, third = body["results"]
    assert third["status"] == "Duplicate"
    assert third["timeStampEntryId"] == first["timeStampEntryId"]
    assert third["note"] == "same punch as entry 0 of this batch"


def test_every_batch_is_recorded_with_its_origin_and_outcome(api, store, company):
    api.post([entry(), entry()], allOrNone=False)
    with store.read() as conn:
        batch = conn.execute(
            select(ingest_batches).where(ingest_batches.c.company_id == company.id)
        ).one()
    assert (batch.entry_count, batch.saved_count, batch.duplicate_count) == (2, 1, 1)
    assert batch.integration_id == company.integration_id
    assert batch.user_id == company.user_id
    assert batch.route == "/Personell/Time/TimeStampEntry"
    assert batch.user_agent  # the test client's


def test_replace_days_makes_the_batch_the_whole_day(api, store, company):
    api.post(day_of_work("3002") + day_of_work("3015"))
    corrected = [
        entry("3002", f"{DAY}T06:30:00Z", "In"),
        entry("3002", f"{DAY}T13:01:00Z", "Out"),  # equal to a stored punch: kept
    ]
    body = api.post(corrected, replaceDays=True).json()
    assert (body["saved"], body["duplicates"], body["superseded"]) == (1, 1, 3)
    assert stored_times(api) == [
        ("3002", f"{DAY}T06:30:00Z", "In"),
        ("3002", f"{DAY}T13:01:00Z", "Out"),
        *[("3015", p["TimeStamp"], p["TimeStampEntryType"]) for p in day_of_work("3015")],
    ]
    with store.read() as conn:
        kept = conn.execute(
            select(punches.c.superseded_at, punches.c.superseded_by_batch_id).where(
                punches.c.company_id == company.id, punches.c.superseded_at.is_not(None)
            )
        ).all()
    assert len(kept) == 3  # superseded, never deleted
    assert all(row.superseded_by_batch_id for row in kept)


def test_replace_days_leaves_other_days_alone(api):
    api.post(day_of_work())
    api.post([entry(time_stamp="2025-06-13T07:00:00Z")], replaceDays=True)
    assert len(api.stored(DAY)) == 4
    assert len(api.stored("2025-06-13")) == 1


def test_a_resend_never_brings_back_a_superseded_punch(api):
    api.post(day_of_work())
    api.post([entry(time_stamp=f"{DAY}T07:00:00Z")], replaceDays=True)
    body = api.post(day_of_work()).json()  # a terminal resending its old punches
    assert body["saved"] == 0 and body["duplicates"] == 4
    assert "superseded" in body["results"][0]["note"]
    assert stored_times(api) == [("3002", f"{DAY}T07:00:00Z", "In")]


def test_replace_days_can_restore_a_superseded_punch(api):
    api.post(day_of_work())
    api.post([entry(time_stamp=f"{DAY}T07:00:00Z")], replaceDays=True)
    body = api.post(day_of_work(), replaceDays=True).json()
    assert (body["saved"], body["superseded"]) == (4, 1)
    assert len(api.stored(DAY)) == 4


def test_an_invalid_replace_days_batch_replaces_nothing(api):
    api.post(day_of_work())
    response = api.post(
        [entry(time_stamp=f"{DAY}T07:00:00Z"), entry(employee="9999")], replaceDays=True
    )
    assert response.status_code == 400
    assert len(api.stored(DAY)) == 4


def test_companies_never_see_each_others_punches(api, client, store, clock):
    from tests.factories import ApiSession, build_company

    other = ApiSession.login(client, build_company(store, clock()))
    api.post(day_of_work())
    assert other.stored(DAY) == []
    assert other.post(day_of_work()).json()["saved"] == 4  # not duplicates of another company's


def test_the_answer_matches_the_documented_save_response(api):
    from stampla.wire import SaveResponse

    api.post([entry()])
    body = api.post(
        [entry(), entry(employee="9999"), entry(time_stamp="2025-03-30T02:30:00")],
        allOrNone=False,
    ).json()
    documented = SaveResponse.model_validate(body).model_dump(mode="json", exclude_none=True)
    assert documented == body
    assert body["results"][1]["note"].startswith("2025-03-30T02:30:00 does not exist")
