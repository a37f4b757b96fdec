"""CSV imports through the service, on every database: checks, upserts, and what is written."""

from __future__ import annotations

import pytest

from stampla.errors import Conflict, InvalidInput
from stampla.service import masterdata as md
from stampla.service.audit import list_events
from stampla.service.csv_import import ImportOptions, import_csv
from stampla.service.masterdata.tx import writing
from stampla.store import masterdata as rows
from stampla.store.tables import employees as employees_table

HEADER = "EmployeeNr;FirstName;LastName;ExternalCode;EmploymentRate;WeeklyHours;Active\n"


def run(store, company, clock, register, text, encoding="utf-8", **options):
    return import_csv(
        store,
        company.id,
        register,
        text.encode(encoding),
        clock(),
        options=ImportOptions(**options),
        actor="cli:tester",
    )


def rejected(store, company, clock, register, text, **options) -> list[tuple[int, str, str]]:
    with pytest.raises(InvalidInput) as caught:
        run(store, company, clock, register, text, **options)
    return [(p.index, p.field, p.message) for p in caught.value.problems]


def employees(store, company) -> dict[str, md.EmployeeView]:
    return {e.employee_nr: e for e in md.list_employees(store, company.id)}


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "utf-8-sig"])
def test_both_encodings_give_the_same_employees(store, company, clock, encoding):
    text = HEADER + "5001;Åsa;Öberg;;52,29;38:15;ja\n"
    report = run(store, company, clock, "employees", text, encoding)
    assert report.encoding == ("cp1252" if encoding == "cp1252" else "utf-8")
    asa = employees(store, company)["5001"]
    assert (asa.first_name, asa.last_name) == ("Åsa", "Öberg")
    assert (asa.employment_rate, asa.weekly_minutes) == (52.29, 2295)


def test_every_bad_row_is_reported_with_its_line_and_nothing_is_written(store, company, clock):
    text = (
        HEADER
        + "5001;Ada;A;;52,29;20:00;ja\n"  # line 2: good
        + "5002;;B;;abc;20:00;ja\n"  # line 3: no first name, bad rate
        + "5003;Cy;C;;10;25:61;kanske\n"  # line 4: bad hours, bad flag
        + "5004;Di;D;;10;10:00;ja;extra\n"  # line 5: a cell too many
    )
    problems = rejected(store, company, clock, "employees", text)
    assert [(line, field) for line, field, _ in problems] == [
        (3, "EmploymentRate"),
        (3, "FirstName"),
        (4, "Active"),
        (4, "WeeklyHours"),
        (5, None),
    ]
    assert "has 8 cells but the header has 7" in problems[-1][2]
    assert "5001" not in employees(store, company)


def test_a_key_twice_in_the_file_makes_both_rows_bad(store, company, clock):
    text = HEADER + "5001;Ada;A;;;;\n5002;Bo;B;;;;\n5001;Ada;A;;;;\n"
    problems = rejected(store, company, clock, "employees", text)
    assert problems == [
        (2, "EmployeeNr", "EmployeeNr '5001' appears more than once (also on line 4)"),
        (4, "EmployeeNr", "EmployeeNr '5001' appears more than once (also on line 2)"),
    ]
    assert "5002" not in employees(store, company)


def test_skip_invalid_writes_the_good_rows_and_reports_the_bad(store, company, clock):
    text = HEADER + "5001;Ada;A;;;;\n5002;;B;;;;\n"
    report = run(store, company, clock, "employees", text, skip_invalid=True)
    assert (report.created, report.skipped) == (1, 1)
    assert [(e.index, e.field) for e in report.errors] == [(3, "FirstName")]
    assert "5001" in employees(store, company) and "5002" not in employees(store, company)


def test_reimporting_is_an_upsert_that_changes_only_what_differs(store, company, clock):
    text = HEADER + "3002;Jacob;Ahmedsdotter;;52,29;20:00;ja\n5001;Ada;A;X;10;4:00;ja\n"
    first = run(store, company, clock, "employees", text)
    assert (first.created, first.updated, first.unchanged) == (1, 0, 1)
    again = run(store, company, clock, "employees", text)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = text.replace("5001;Ada;A;X;10;4:00", "5001;Ada;Andersson;X;10;4:30")
    third = run(store, company, clock, "employees", changed)
    assert (third.created, third.updated, third.unchanged) == (0, 1, 1)
    ada = employees(store, company)["5001"]
    assert (ada.last_name, ada.weekly_hours) == ("Andersson", "4:30")


def test_absent_columns_stay_and_empty_cells_clear(store, company, clock):
    before = employees(store, company)["3014"]
    assert before.external_code == "673330" and before.time_agreement == "Timavlönad"
    run(store, company, clock, "employees", "EmployeeNr;ExternalCode;Active\n3014;;\n")
    after = employees(store, company)["3014"]
    assert after.external_code is None  # an empty cell clears an optional field
    assert after.time_agreement == "Timavlönad"  # a column the file lacks is left alone
    assert after.active is True


def test_an_empty_active_cell_leaves_a_deactivated_employee_inactive(store, company, clock):
    md.set_employee_active(store, company.id, "3015", False, clock())
    run(store, company, clock, "employees", "EmployeeNr;LastName;Active\n3015;Elviraur;\n")
    assert employees(store, company)["3015"].active is False
    run(store, company, clock, "employees", "EmployeeNr;Active\n3015;ja\n")
    assert employees(store, company)["3015"].active is True


def test_a_new_employee_needs_the_required_columns(store, company, clock):
    problems = rejected(store, company, clock, "employees", "EmployeeNr;FirstName\n9001;Nils\n")
    assert problems == [
        (
            2,
            "LastName",
            "LastName is required for a new employee, and the file has no LastName column",
        )
    ]
    report = run(store, company, clock, "employees", "EmployeeNr;FirstName\n3002;Jakob\n")
    assert report.updated == 1  # an existing employee needs no LastName column


def test_the_header_is_checked_first(store, company, clock):
    with pytest.raises(InvalidInput, match="no EmployeeNr column"):
        run(store, company, clock, "employees", "FirstName;LastName\nA;B\n")
    with pytest.raises(InvalidInput, match="both mean employee_nr"):
        run(store, company, clock, "employees", "EmployeeNr;Employee ID\n1;1\n")
    report = run(store, company, clock, "employees", "Employee ID;Shoe size\n3002;44\n")
    assert report.ignored_columns == ["Shoe size"] and report.unchanged == 1


def test_accounts_by_level_number_or_sie_dimension(store, company, clock):
    text = (
        "CodingLevel;SieDimension;AccountNr;Name\n"
        "3;;6000;Sverige Väst\n"
        ";50;4001;Butiksdrift\n"  # exists in level 2 (SIE 50) already
        "3;;4001;Inventering ny\n"  # the same number in another level is not a duplicate
        "9;;1;x\n"  # no such level
    )
    problems = rejected(store, company, clock, "accounts", text)
    assert problems == [(5, "CodingLevel", "CodingLevel: there is no coding level 9")]
    report = run(store, company, clock, "accounts", text.rsplit("9;;1;x\n")[0])
    assert (report.created, report.updated, report.unchanged) == (1, 1, 1)
    region = {a.account_nr: a.name for a in md.list_accounts(store, company.id, level=3)}
    assert region["6000"] == "Sverige Väst" and region["4001"] == "Inventering ny"


def test_accounts_of_a_level_given_for_the_whole_file(store, company, clock):
    text = "Number;Name;Active\n1000;Stockholm;nej\n1000;Stockholm;ja\n"
    assert [p[:2] for p in rejected(store, company, clock, "accounts", text, level=3)] == [
        (2, "AccountNr"),
        (3, "AccountNr"),
    ]
    problems = rejected(store, company, clock, "accounts", "Number;Name\n7;x\n")
    assert "no coding level" in problems[0][2]
    run(store, company, clock, "accounts", "Number;Name;Active\n1000;Stockholm;nej\n", level=3)
    (stockholm,) = [
        a for a in md.list_accounts(store, company.id, level=3) if a.account_nr == "1000"
    ]
    assert stockholm.active is False


def test_time_codes_with_kinds_and_salary_ids(store, company, clock):
    text = (
        "Code;Name;Description;Salary IDs;Kind\n"
        "Sjuk;Sjukdom;;Sjuklön|Karensavdrag;\n"
        "Semester;Semester;Betald;Semesterlön;Frånvaro\n"
        "DayShift;Dagskift;Dag;;närvaro\n"
    )
    report = run(store, company, clock, "timecodes", text, "cp1252", kind="absence")
    assert (report.created, report.updated) == (2, 1)
    codes = {t.code: t for t in md.list_time_codes(store, company.id)}
    assert codes["Sjuk"].kind == "absence" and codes["Sjuk"].salary_ids == [
        "Sjuklön",
        "Karensavdrag",
    ]
    assert codes["DayShift"].kind == "attendance" and codes["DayShift"].description == "Dag"


def test_progress_is_reported_per_stage(store, company, clock):
    rows = "".join(f"{6000 + i};F{i};L{i};;;;\n" for i in range(2500))
    seen: list[tuple[str, int, int]] = []
    import_csv(
        store,
        company.id,
        "employees",
        (HEADER + rows).encode(),
        clock(),
        progress=lambda stage, done, total: seen.append((stage, done, total)),
    )
    checking = [done for stage, done, total in seen if stage == "Checking" and total == 2500]
    assert checking == [1000, 2000, 2500]
    assert ("Writing", 2500, 2500) in seen


def test_an_import_is_audited_row_by_row_and_as_a_whole(store, company, clock):
    run(
        store,
        company,
        clock,
        "employees",
        "EmployeeNr;FirstName;LastName\n5001;Ada;A\n3002;Jakob;Ahmedsdotter\n",
        file_name="staff.csv",
    )
    events = list_events(store, company.id, clock(), entity="employee", limit=3).events
    summary = events[-1]
    assert (summary.action, summary.entity_key) == ("import", "staff.csv")
    assert summary.note == "staff.csv: 1 created, 1 updated, 0 unchanged"
    by_key = {e.entity_key: e for e in events[:-1]}
    assert by_key["5001"].action == "create" and by_key["5001"].changes["lastName"] == [None, "A"]
    assert by_key["3002"].changes == {"firstName": ["Jacob", "Jakob"]}
    assert {e.actor for e in events} == {"cli:tester"}


def test_unknown_kind_of_import(store, company, clock):
    with pytest.raises(InvalidInput, match="choose one of employees, accounts, timecodes"):
        run(store, company, clock, "payslips", "A\n1\n")


def test_a_clash_with_a_concurrent_change_is_a_conflict_not_a_500(store, company, clock):
    """Two imports creating the same employee at once: the database's unique key decides."""
    row = {"employee_nr": "3002", "first_name": "A", "last_name": "B", "created_at": clock()}
    with pytest.raises(Conflict, match="saved at the same moment"):
        with writing(store) as conn:
            rows.insert_rows(conn, employees_table, company.id, [row])
    assert [e.first_name for e in md.list_employees(store, company.id, search="3002")] == ["Jacob"]
