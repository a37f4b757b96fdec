"""The one rule for when two texts name the same record (``stampla.domain.text``)."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stampla.domain.text import match_key, same_text


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("ÖVERTID", "övertid"),
        ("Övertid Pengar 50%", "ÖVERTID PENGAR 50%"),
        ("Ärende", "ärende"),
        ("ÅTGÄRD", "åtgärd"),
        ("STRASSE", "straße"),
        ("Ö-tid", "ö-TID"),
        ("EMP1001", "emp1001"),
        ("Åre Bygg", unicodedata.normalize("NFD", "åre bygg")),  # decomposed Å
        ("ΣΊΣΥΦΟΣ", "σίσυφος"),  # final sigma
        ("ﬁle", "FILE"),
    ],
)
def test_texts_that_name_the_same_record(one, other):
    assert match_key(one) == match_key(other)
    assert same_text(one, other)


@pytest.mark.parametrize(
    ("one", "other"),
    [("Övertid", "Overtid"), ("Ö-tid", "Ötid"), ("EMP 1", "EMP1"), ("Åtgärd", "Atgard")],
)
def test_texts_that_do_not(one, other):
    assert match_key(one) != match_key(other)
    assert not same_text(one, other)


def test_none_matches_only_none():
    assert same_text(None, None)
    assert not same_text("", None) and not same_text(None, "x")


def test_the_key_is_composed():
    assert match_key(unicodedata.normalize("NFD", "Ö")) == "ö"


@given(st.text())
def test_the_key_is_stable_and_ignores_case_and_form(text):
    key = match_key(text)
    assert match_key(key) == key
    if text.isascii():
        assert match_key(text.upper()) == key == text.lower()
    assert match_key(unicodedata.normalize("NFD", text)) == key
    assert match_key(unicodedata.normalize("NFC", text)) == key
