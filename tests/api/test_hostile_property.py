"""Generated hostile JSON never gets a 5xx, and a refused batch stores nothing.

Bodies are written as text by the test itself, so that they can hold what a JSON library
would not write: the same name twice, lone surrogates, NUL, numbers of thousands of digits,
deep nesting. Entries mix the document's names (in any case) with values valid and not.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from stampla.store.tables import punches
from tests.factories import ENTRY_PATH

NAMES = [
    "EmployeeNr",
    "EmployeeExternalCode",
    "TimeStamp",
    "TimeStampEntryType",
    "IsBreak",
    "AccountNr",
    "SieAccountDim",
    "TimeTerminalId",
    "Accounts",
    "TimeScheduleTypes",
]
HOSTILE_TEXT = st.sampled_from(
    ["\x00", "\ud800", "\udfff", "a\x00b", " " * 80, "x" * 70, "9999-12-31T23:59:59-05:00"]
)
TEXT = st.one_of(st.text(max_size=12), HOSTILE_TEXT)
NUMBERS = st.one_of(
    st.integers(-(2**70), 2**70),
    st.sampled_from([2**31, 2**63, 2**64, -(2**63) - 1, 0, 1, 7255]),
)
VALID = {
    "EmployeeNr": st.sampled_from(["3002", "3014", "3015"]),
    "TimeStamp": st.sampled_from(
        [
            "2025-06-12T08:00:00Z",
            "2025-06-12T10:00:00",
            "0001-01-01T00:30:00+02:00",
            "9999-12-31T23:59:59",
            "2025-06-18",
        ]
    ),
    "TimeStampEntryType": st.sampled_from(["In", "Out", "in", 1, 2, 3]),
    "TimeTerminalId": st.sampled_from([7255, 1, 9]),
    "AccountNr": st.sampled_from(["4001", "100", "1000"]),
    "SieAccountDim": st.sampled_from([50, 30, None]),
}


class Raw(str):
    """JSON text written as is (a number too long for json.dumps, say)."""


def write(value: object) -> str:
    """JSON text of ``value``; a list of pairs is an object, so names may repeat."""
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, tuple):  # an object: its (name, value) pairs
        return "{" + ",".join(f"{json.dumps(k)}:{write(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(write(item) for item in value) + "]"
    return json.dumps(value)  # ensure_ascii: a lone surrogate becomes \\ud800


def spelling(name: str) -> st.SearchStrategy[str]:
    return st.sampled_from([name, name.lower(), name.upper(), name[0].lower() + name[1:]])


LEAVES = st.one_of(
    st.none(),
    st.booleans(),
    NUMBERS,
    st.floats(allow_nan=False, allow_infinity=False),
    TEXT,
    st.just(Raw("7" * 5000)),
    st.just(Raw("[" * 3000 + "]" * 3000)),
)
ANY = st.recursive(
    LEAVES,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3),
        st.lists(st.tuples(st.one_of(TEXT, st.sampled_from(NAMES)), inner), max_size=3).map(tuple),
    ),
    max_leaves=8,
)


@st.composite
def entries(draw: st.DrawFn) -> tuple:
    pairs = []
    for name in draw(st.lists(st.sampled_from(NAMES), min_size=3, max_size=8)):
        valid = VALID.get(name)
        value = draw(valid if valid is not None and draw(st.booleans()) else ANY)
        pairs.append((draw(spelling(name)), value))
    if draw(st.booleans()):
        pairs.append((draw(TEXT), draw(ANY)))  # an unknown property
    return tuple(pairs)


BODIES = st.one_of(st.lists(entries(), min_size=1, max_size=4), ANY)


def stored_count(store, company_id: int) -> int:
    with store.read() as conn:
        query = select(func.count()).select_from(punches).where(punches.c.company_id == company_id)
        return conn.execute(query).scalar_one()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=BODIES, all_or_none=st.booleans(), strict=st.booleans())
def test_generated_bodies_get_no_5xx_and_a_refused_batch_stores_nothing(
    api, store, body, all_or_none, strict
):
    before = stored_count(store, api.company.id)
    params = api.params(allOrNone=str(all_or_none).lower(), strictProperties=str(strict).lower())
    response = api.client.post(
        ENTRY_PATH,
        params=params,
        content=write(body).encode(),
        headers={"Content-Type": "application/json"},
    )
    assert response.status_code < 500, response.text
    answer = response.json()
    after = stored_count(store, api.company.id)
    if response.status_code != 200:
        assert answer["success"] is False and answer["errorMessage"]
        assert after == before
    else:
        assert after - before == answer["saved"]


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    path=st.sampled_from([ENTRY_PATH, "/Personell/Time/AttestTime"]),
    date_from=st.one_of(st.text(max_size=12), st.sampled_from(["0001-01-01", "2025-06-12"])),
    date_to=st.one_of(st.text(max_size=12), st.sampled_from(["9999-12-31", "2025-06-13"])),
    employees=st.one_of(st.none(), st.text(max_size=20)),
)
def test_generated_read_parameters_get_no_5xx(api, path, date_from, date_to, employees):
    params = api.params(dateFrom=date_from, dateTo=date_to)
    if employees is not None:
        params["employeeNrsString"] = employees
    response = api.client.get(path, params=params)
    assert response.status_code < 500, response.text
    if response.status_code == 200:
        assert isinstance(response.json(), list)
