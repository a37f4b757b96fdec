"""Reading punch files: encodings, separators, header names, and row-by-row problems."""

from __future__ import annotations

import pytest

from stampla.client import InvalidPunchFile, read_punch_file


def write(tmp_path, text: str, name: str = "punches.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "separator"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("cp1252", ";"), ("cp1252", "\t")],
)
def test_excel_files_of_either_encoding_and_any_separator(tmp_path, encoding, separator):
    header = separator.join(["Datum", "Tid", "Typ", "Anställningsnummer", "Kommentar"])
    row = separator.join(["2025-03-03", "08:28", "In", "3002", "Glömde stämpla"])
    path = write(tmp_path, f"{header}\r\n{row}\r\n", encoding=encoding)
    (punch,) = read_punch_file(path, terminal=7255).punches
    assert punch.entry.employee_nr == "3002"
    assert punch.entry.time_stamp.text == "2025-03-03T08:28:00"
    assert punch.comment == "Glömde stämpla"
    assert punch.source == "punches.csv:2"


def test_header_names_in_english_match_in_any_case(tmp_path):
    path = write(
        tmp_path,
        "DATE,Time,type,EmployeeNr,TimeTerminalId,IsBreak,AccountNr,SieAccountDim,Code\n"
        "2025-03-03,12:11:30,Out,3002,1,yes,100,50,OB 50%\n",
    )
    (punch,) = read_punch_file(path).punches
    entry = punch.entry
    assert (entry.time_stamp.text, entry.time_terminal_id, entry.is_break) == (
        "2025-03-03T12:11:30",
        1,
        True,
    )
    assert (entry.account_nr, entry.sie_account_dim) == ("100", 50)
    assert [t.time_schedule_type_code for t in entry.time_schedule_types or []] == ["OB 50%"]


def test_a_timestamp_column_keeps_its_offset(tmp_path):
    path = write(tmp_path, "timestamp,type,employee\n2025-03-03T08:00:00+02:00,Ut,3002\n")
    (punch,) = read_punch_file(path, terminal=1).punches
    assert punch.entry.time_stamp.text == "2025-03-03T08:00:00+02:00"
    assert punch.entry.time_stamp_entry_type.wire_name == "Out"


def test_bad_rows_are_reported_by_line_and_the_rest_read(tmp_path):
    path = write(
        tmp_path,
        "date,time,type,employee,break\n"
        "2025-03-03,08:00,In,3002,no\n"
        "\n"
        "2025-03-03,25:00,In,3002,no\n"
        "2025-03-03,08:00,Sideways,3002,no\n"
        "2025-03-03,08:00,In,3002,maybe\n"
        "2025-03-03,09:00,Out,,no\n",
    )
    read = read_punch_file(path, terminal=1)
    assert [p.source for p in read.punches] == ["punches.csv:2"]
    assert [(p.source, p.message) for p in read.problems] == [
        ("punches.csv:4", "time '25:00' is not HH:MM or HH:MM:SS"),
        ("punches.csv:5", 'TimeStampEntryType: must be "In" or "Out" (or 1 / 2), not \'Sideways\''),
        ("punches.csv:6", "break 'maybe' is not yes/no (or 1/0, true/false)"),
        ("punches.csv:7", "EmployeeNr is required"),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("date,time,type,employe\n", "unknown column(s) 'employe'"),
        ("date,type,employee\n", "the header lacks date and time"),
        ("date,time,type,employee\n", "the header lacks terminal (or --terminal)"),
    ],
)
def test_a_file_whose_header_cannot_be_understood_is_refused(tmp_path, text, message):
    with pytest.raises(InvalidPunchFile, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_punch_file(write(tmp_path, text))


def test_json_items_are_checked_one_by_one(tmp_path):
    path = write(
        tmp_path,
        '[{"EmployeeNr": "3002", "TimeStamp": "2025-03-03T08:00:00Z", "TimeStampEntryType": "In",'
        ' "Comment": "ok"}, 7, {"EmployeeNr": "3002", "TimeStampEntryType": "In"}]',
        name="punches.json",
    )
    read = read_punch_file(path, terminal=1)
    assert [(p.source, p.comment) for p in read.punches] == [("punches.json[0]", "ok")]
    assert [(p.source, p.message) for p in read.problems] == [
        ("punches.json[1]", "must be a JSON object"),
        ("punches.json[2]", "TimeStamp is required"),
    ]


def test_a_json_file_must_hold_an_array(tmp_path):
    with pytest.raises(InvalidPunchFile, match="JSON array"):
        read_punch_file(write(tmp_path, '{"EmployeeNr": "3002"}', name="punches.json"))
