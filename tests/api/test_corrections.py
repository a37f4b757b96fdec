"""Correcting a punch's fields: replaceDays supersedes, a plain resend says what it left alone.

A punch is its key (employee, instant, type, IsBreak, terminal); its payload is the rest as
sent: EmployeeExternalCode, AccountNr, SieAccountDim, Accounts and TimeScheduleTypes. A stored
row is never changed: a correction supersedes it and stores the new punch.
"""

from __future__ import annotations

from sqlalchemy import select

from stampla.store.tables import punches
from stampla.wire import SaveResponse, StoredEntry
from tests.attest.conftest import AttestReader, saved
from tests.factories import entry

DAY = "2025-06-12"
#: The seed document's full entry, in this company's registers: every optional field set.
PAYLOAD = {
    "EmployeeExternalCode": "673330",
    "AccountNr": "100",
    "SieAccountDim": 50,
    "Accounts": [{"AccountNr": "1000", "SieAccountDim": 30}],
    "TimeScheduleTypes": [{"TimeScheduleTypeCode": "OB 50%"}],
}


def punch_in(**payload) -> dict:
    return entry("3014", f"{DAY}T08:00:00", "In", terminal=1, **payload)


def punch_out(**payload) -> dict:
    return entry("3014", f"{DAY}T16:30:00", "Out", terminal=1, **payload)


def result(response) -> dict:
    assert response.status_code == 200, response.text
    body = response.json()
    assert SaveResponse.model_validate(body).model_dump(mode="json", exclude_none=True) == body
    return body


def test_replace_days_with_other_fields_supersedes_the_stored_punch(api, store, company):
    """The issue's reproduction: the corrected In replaces the bare one, field by field."""
    old_in, out = saved(api.post([punch_in(), punch_out()]))
    body = result(api.post([punch_in(**PAYLOAD), punch_out()], replaceDays=True))
    corrected, repeated = body["results"]
    assert corrected["status"] == "Saved" and corrected["supersedes"] == old_in
    assert "note" not in corrected
    new_in = corrected["timeStampEntryId"]
    assert new_in != old_in
    assert repeated == {"index": 1, "status": "Duplicate", "timeStampEntryId": out}
    assert (body["saved"], body["duplicates"], body["superseded"]) == (1, 1, 1)

    current = api.stored(DAY)
    assert [p["timeStampEntryId"] for p in current] == [new_in, out]
    assert "superseded" not in current[0]  # a read of current punches is as it always was
    assert (current[0]["employeeExternalCode"], current[0]["accountNr"]) == ("673330", "100")
    assert current[0]["sieAccountDim"] == 50
    assert current[0]["accounts"] == [{"accountNr": "1000", "sieAccountDim": 30}]
    assert current[0]["timeScheduleTypes"] == [{"timeScheduleTypeCode": "OB 50%"}]

    everything = api.stored(DAY, includeSuperseded="true")
    for stored in everything:
        StoredEntry.model_validate(stored)
    assert [(p["timeStampEntryId"], p["superseded"]) for p in everything] == [
        (old_in, True),  # next to its successor
        (new_in, False),
        (out, False),
    ]
    old = everything[0]
    assert old["supersededBy"] == new_in
    assert old["accountNr"] is None and old["timeScheduleTypes"] == []  # kept as it was sent
    with store.read() as conn:
        row = conn.execute(
            select(punches.c.superseded_at, punches.c.superseded_by_batch_id).where(
                punches.c.company_id == company.id, punches.c.id == old_in
            )
        ).one()
    assert old["supersededByBatchId"] == row.superseded_by_batch_id
    assert old["supersededUtc"].replace("Z", "+00:00") == row.superseded_at.isoformat()
    assert everything[1]["supersededUtc"] is None and everything[1]["supersededBy"] is None

    day = AttestReader(api).day(DAY, "3014")
    work = 8 * 3600 + 30 * 60
    assert day["timeScheduleTypes"] == [
        {"code": "OB 50%", "seconds": work, "source": "Punched", "rule": None, "accounts": None}
    ]
    assert day["accounts"] == [
        {"codingLevel": 2, "sieDimension": 50, "accountNr": "100", "seconds": work},
        {"codingLevel": 3, "sieDimension": 30, "accountNr": "1000", "seconds": work},
    ]


def test_replace_days_with_the_same_fields_is_a_duplicate(api):
    (first,) = saved(api.post([punch_in(**PAYLOAD)]))
    body = result(api.post([punch_in(**PAYLOAD)], replaceDays=True))
    assert body["results"] == [{"index": 0, "status": "Duplicate", "timeStampEntryId": first}]
    assert body["superseded"] == 0
    assert [p["superseded"] for p in api.stored(DAY, includeSuperseded=True)] == [False]


def test_the_timestamp_text_is_not_part_of_the_payload(api):
    """08:00 local and 06:00Z are one instant: the same punch, however it is written."""
    (first,) = saved(api.post([punch_in(**PAYLOAD)]))
    same = entry("3014", f"{DAY}T06:00:00Z", "In", terminal=1, **PAYLOAD)
    for params in ({}, {"replaceDays": True}):
        body = result(api.post([same], **params))
        assert body["results"] == [{"index": 0, "status": "Duplicate", "timeStampEntryId": first}]
    (stored,) = api.stored(DAY, includeSuperseded=True)
    assert stored["timeStampAsSent"] == f"{DAY}T08:00:00"  # as first sent, never rewritten


def test_a_plain_resend_with_other_fields_is_a_duplicate_that_names_them(api):
    (first,) = saved(api.post([punch_in()]))
    body = result(api.post([punch_in(**PAYLOAD)]))
    (answer,) = body["results"]
    assert answer["status"] == "Duplicate" and answer["timeStampEntryId"] == first
    assert answer["note"] == (
        f"the stored punch {first} differs in EmployeeExternalCode (none stored, '673330' "
        "sent), AccountNr (none stored, '100' sent), SieAccountDim (none stored, 50 sent), "
        "Accounts (none stored, ['1000' (SIE 30)] sent) and TimeScheduleTypes (none stored, "
        "['OB 50%'] sent); the resend was not applied (send replaceDays=true to correct it)"
    )
    assert body["superseded"] == 0
    (stored,) = api.stored(DAY, includeSuperseded=True)
    assert stored["accountNr"] is None and not stored["superseded"]  # not applied


def test_the_note_names_only_the_fields_that_differ(api):
    (first,) = saved(api.post([punch_in(**PAYLOAD)]))
    changed = {
        **PAYLOAD,
        "AccountNr": "4001",
        "Accounts": [{"AccountNr": "1000", "SieAccountDim": 30}, {"AccountNr": "1"}],
    }
    (answer,) = result(api.post([punch_in(**changed)]))["results"]
    assert answer["note"] == (
        f"the stored punch {first} differs in AccountNr ('100' stored, '4001' sent) and "
        "Accounts (['1000' (SIE 30)] stored, ['1000' (SIE 30), '1'] sent); the resend was not "
        "applied (send replaceDays=true to correct it)"
    )


def test_a_plain_resend_with_the_same_fields_has_no_note(api):
    (first,) = saved(api.post([punch_in(**PAYLOAD)]))
    body = result(api.post([punch_in(**PAYLOAD)]))
    assert body["results"] == [{"index": 0, "status": "Duplicate", "timeStampEntryId": first}]


def test_the_note_of_a_dst_time_and_of_other_fields_are_joined(api):
    late = entry("3014", "2025-03-30T02:30:00", "In", terminal=1)
    (first,) = saved(api.post([late]))
    (answer,) = result(api.post([{**late, "AccountNr": "100", "SieAccountDim": 50}]))["results"]
    dst, fields = answer["note"].split("; the stored punch ")
    assert dst.startswith("2025-03-30T02:30:00 does not exist")
    assert fields.startswith(f"{first} differs in AccountNr (none stored, '100' sent)")


def test_a_repeat_in_one_batch_with_other_fields_says_it_was_not_applied(api):
    body = result(api.post([punch_in(**PAYLOAD), punch_in(AccountNr="4001", SieAccountDim=50)]))
    first, repeat = body["results"]
    assert repeat["timeStampEntryId"] == first["timeStampEntryId"]
    assert repeat["note"] == (
        "same punch as entry 0 of this batch, which differs in EmployeeExternalCode ('673330' "
        "in entry 0, none here), AccountNr ('100' in entry 0, '4001' here), Accounts (['1000' "
        "(SIE 30)] in entry 0, none here) and TimeScheduleTypes (['OB 50%'] in entry 0, none "
        "here); this entry was not applied"
    )


def test_each_correction_supersedes_the_one_before(api):
    (first,) = saved(api.post([punch_in()]))
    (second,) = saved(api.post([punch_in(AccountNr="100", SieAccountDim=50)], replaceDays=True))
    (third,) = saved(api.post([punch_in(AccountNr="4001", SieAccountDim=50)], replaceDays=True))
    chain = api.stored(DAY, includeSuperseded=True)
    assert [(p["timeStampEntryId"], p["accountNr"], p["supersededBy"]) for p in chain] == [
        (first, None, second),
        (second, "100", third),
        (third, "4001", None),
    ]
    assert [p["timeStampEntryId"] for p in api.stored(DAY)] == [third]


def test_a_punch_a_correction_left_out_is_superseded_by_its_batch_not_a_punch(api):
    kept, dropped = saved(api.post([punch_in(), punch_out()]))
    body = result(api.post([punch_in()], replaceDays=True))
    assert body["superseded"] == 1 and "supersedes" not in body["results"][0]
    everything = api.stored(DAY, includeSuperseded=True)
    assert [(p["timeStampEntryId"], p["superseded"]) for p in everything] == [
        (kept, False),
        (dropped, True),
    ]
    assert everything[1]["supersededBy"] is None
    assert isinstance(everything[1]["supersededByBatchId"], int)


def test_include_superseded_keeps_the_employee_filter_and_the_range(api):
    saved(api.post([punch_in(), entry("3002", f"{DAY}T08:00:00", terminal=1)]))
    saved(api.post([punch_in(**PAYLOAD)], replaceDays=True))
    saved(api.post([entry("3014", "2025-06-13T08:00:00", terminal=1)]))
    read = api.stored(DAY, includeSuperseded=True, employeeNrsString="3014")
    assert [(p["employeeNr"], p["localDate"], p["superseded"]) for p in read] == [
        ("3014", DAY, True),
        ("3014", DAY, False),
    ]
