"""Reading CSV exports: encodings, delimiters, quoting and line numbers."""

from __future__ import annotations

import pytest

from stampla.errors import InvalidInput
from stampla.service.csv_import.reader import read_table, sniff_delimiter

SWEDISH = "Anställningsnummer;Förnamn;Sysselsättningsgrad\n3003;Tilde;78,43\n"


def test_windows_1252_with_semicolons():
    table = read_table(SWEDISH.encode("cp1252"))
    assert (table.encoding, table.delimiter) == ("cp1252", ";")
    assert table.header == ["Anställningsnummer", "Förnamn", "Sysselsättningsgrad"]
    assert table.records == [(2, ["3003", "Tilde", "78,43"])]


def test_utf8_with_a_byte_order_mark_and_windows_line_ends():
    data = ("\ufeff" + SWEDISH).replace("\n", "\r\n").encode()
    table = read_table(data)
    assert table.encoding == "utf-8" and table.header[0] == "Anställningsnummer"
    assert table.records == [(2, ["3003", "Tilde", "78,43"])]


def test_commas_with_quoted_decimal_commas_and_tabs():
    table = read_table(b'EmployeeNr,EmploymentRate\n3003,"78,43"\n')
    assert table.delimiter == "," and table.records[0][1] == ["3003", "78,43"]
    assert read_table(b"A\tB\n1\t2\n").delimiter == "\t"


def test_the_delimiter_is_counted_outside_quotes():
    assert sniff_delimiter('"Name; with semicolon",Rate,Hours') == ","
    assert sniff_delimiter("Only") == ";"


def test_line_numbers_count_blank_lines_and_quoted_line_breaks():
    data = b'A;B\n\n1;"two\nlines"\n3;x\n'
    assert [line for line, _ in read_table(data).records] == [4, 5]


def test_a_named_encoding_or_delimiter_is_used_as_given():
    table = read_table(SWEDISH.encode("cp1252"), encoding="windows-1252", delimiter="semicolon")
    assert table.records[0][1][1] == "Tilde"
    with pytest.raises(InvalidInput, match="not utf-8 text"):
        read_table(SWEDISH.encode("cp1252"), encoding="utf-8")
    with pytest.raises(InvalidInput, match="Unknown encoding"):
        read_table(b"A\n", encoding="ebcdic")
    with pytest.raises(InvalidInput, match="Unknown delimiter"):
        read_table(b"A\n", delimiter="|")


def test_empty_and_binary_files_are_refused():
    with pytest.raises(InvalidInput, match="empty"):
        read_table(b"\n  \n")
    with pytest.raises(InvalidInput, match="neither UTF-8 nor Windows-1252"):
        read_table(b"\x81\x8d\x8f\x90\x9d")
