"""CSV imports through /Admin/…/Import: the body is the file itself."""

from __future__ import annotations

from tests.admin.session import ok, refused

STAFF = (
    "Employee ID;First name;Last name;Employ. rate;Weekly working hours;Social Security Number\n"
    "3002;Jacob;Ahmedsdotter;26,14;10:00;20040321-5825\n"
    "3023;Sara;Jennyngrén;52,29;20:00;19900101-1234\n"
)


def test_an_employee_file_from_a_swedish_spreadsheet(admin):
    report = ok(admin.upload("/Admin/Employees/Import", STAFF.encode("cp1252"), fileName="a.csv"))
    assert report["encoding"] == "cp1252" and report["delimiter"] == ";"
    assert (report["created"], report["updated"], report["unchanged"]) == (1, 1, 0)
    assert report["ignoredColumns"] == ["Social Security Number"]
    (sara,) = ok(admin.get("/Admin/Employees", search="3023"))
    assert sara["lastName"] == "Jennyngrén"
    assert sara["employmentRate"] == 52.29 and sara["weeklyHours"] == "20:00"
    again = ok(admin.upload("/Admin/Employees/Import", STAFF.encode("cp1252")))
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)


def test_a_bad_file_is_a_400_listing_every_bad_line_and_writes_nothing(admin):
    bad = STAFF + "3024;Beatrice;;abc;20:00;x\n3023;Sara;J;1;1:00;y\n"
    body = refused(admin.upload("/Admin/Employees/Import", bad.encode()), 400)
    assert body["errorMessage"] == "3 of 4 rows are invalid; nothing was imported"
    lines = sorted({e["index"] for e in body["errors"]})
    assert lines == [3, 4, 5]
    assert ok(admin.get("/Admin/Employees", search="3024")) == []
    assert ok(admin.get("/Admin/Employees", search="3002"))[0]["weeklyHours"] == "20:00"


def test_skip_invalid_imports_the_good_rows_and_reports_the_rest(admin):
    bad = STAFF + "3024;Beatrice;;abc;20:00;x\n"
    report = ok(admin.upload("/Admin/Employees/Import", bad.encode(), skipInvalid="true"))
    assert (report["created"], report["skipped"]) == (1, 1)
    assert {e["field"] for e in report["errors"]} == {"Last name", "Employ. rate"}
    assert {e["index"] for e in report["errors"]} == {4}


def test_accounts_of_one_level_and_time_codes_of_one_kind(admin):
    region = "Number;Name;Active\n1000;Stockholm;ja\n2000;Göteborg;ja\n3000;Malmö;nej\n"
    report = ok(admin.upload("/Admin/Accounts/Import", region.encode(), codingLevel=3))
    assert (report["created"], report["unchanged"]) == (2, 1)
    inactive = ok(admin.get("/Admin/Accounts", codingLevel=3, active="false"))
    assert [a["accountNr"] for a in inactive] == ["3000"]
    codes = "Code,Name,Salary IDs\nSjuk,Sjukdom,Sjuklön|Karens\n"
    report = ok(admin.upload("/Admin/TimeCodes/Import", codes.encode(), kind="absence"))
    assert report["delimiter"] == "," and report["created"] == 1
    (sick,) = ok(admin.get("/Admin/TimeCodes", kind="absence"))
    assert sick["salaryIds"] == ["Sjuklön", "Karens"]


def test_import_needs_a_key_column_and_a_known_level(admin):
    body = refused(admin.upload("/Admin/Employees/Import", b"Name;Rate\nx;1\n"), 400)
    assert "no EmployeeNr column" in body["errorMessage"]
    body = refused(
        admin.upload("/Admin/Accounts/Import", b"Number;Name\n1;x\n", codingLevel=9), 404
    )
    assert "Coding level 9 does not exist" in body["errorMessage"]
    refused(admin.upload("/Admin/Employees/Import", b""), 400)


def test_a_nul_in_a_csv_cell_is_a_400_naming_the_cell_and_writes_nothing(admin):
    bad = STAFF + "3030;Nu\x00ll;Person;52,29;20:00;x\n"
    body = refused(admin.upload("/Admin/Employees/Import", bad.encode()), 400)
    (problem,) = body["errors"]
    assert problem["field"] == "First name" and "NUL" in problem["message"]
    assert ok(admin.get("/Admin/Employees", search="3030")) == []
