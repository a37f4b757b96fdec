"""``stampla employee|terminal|level|account|timecode|audit`` against a SQLite file."""

from __future__ import annotations

from pathlib import Path

import pytest

STAFF = (
    "Employee ID;First name;Last name;Time agreement;Employment position;Employ. rate;"
    "Weekly working hours\n"
    "3002;Jacob;Ahmedsdotter;Timavlönad;Permanent Position;26,14;10:00\n"
    "3003;Tilde;Lindström;Timavlönad;Permanent Position;78,43;30:00\n"
    "3006;Fabian;Gustavsson;Månadsavlönad;Permanent Position;100,00;38:15\n"
)


@pytest.fixture
def company(cli):
    cli("company", "create", "Butik AB")


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return str(path)


def test_employee_add_update_deactivate_list(cli, company):
    cli(
        "employee",
        "add",
        "3002",
        "--first-name",
        "Jacob",
        "--last-name",
        "Ahmedsdotter",
        "--rate",
        "26,14",
        "--weekly-hours",
        "10:00",
    )
    updated = cli.json("employee", "update", "3002", "--rate", "52,29", "--external-code", "X1")
    assert updated["employmentRate"] == 52.29 and updated["externalCode"] == "X1"
    cleared = cli.json("employee", "update", "3002", "--external-code", "")
    assert cleared["externalCode"] is None
    cli("employee", "deactivate", "3002")
    table = cli("employee", "list").stdout
    assert "Jacob Ahmedsdotter" in table and "52,29" in table and "10:00" in table
    assert cli.json("employee", "list", "--active") == []
    assert [e["employeeNr"] for e in cli.json("employee", "list", "--inactive")] == ["3002"]
    cli("employee", "activate", "3002")
    assert cli.json("employee", "list", "--search", "ahmed")[0]["active"] is True


def test_employee_errors_exit_1_and_name_each_field(cli, company):
    result = cli(
        "employee",
        "add",
        "1",
        "--first-name",
        "A",
        "--last-name",
        "B",
        "--rate",
        "abc",
        "--weekly-hours",
        "99:99",
        code=1,
    )
    assert "EmploymentRate: 'abc' is not a number such as 52,29" in result.stderr
    assert "WeeklyHours: '99:99' is not hours" in result.stderr
    assert "does not exist" in cli("employee", "deactivate", "404", code=1).stderr
    assert cli.json("employee", "list") == []


def test_employee_import_from_a_windows_1252_file(cli, company, tmp_path):
    path = write(tmp_path, "anstallda.csv", STAFF, "cp1252")
    result = cli("employee", "import", path)
    assert "3 rows (Windows-1252, ';'): 3 created, 0 updated, 0 unchanged" in result.stdout
    staff = {e["employeeNr"]: e for e in cli.json("employee", "list")}
    assert staff["3003"]["lastName"] == "Lindström" and staff["3006"]["weeklyHours"] == "38:15"
    again = cli.json("employee", "import", path)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 3)
    first = cli("employee", "list", "--limit", "2").stdout
    assert "3003" in first and "3006" not in first and "Showing the first 2" in first
    assert len(cli.json("employee", "list", "--limit", "2")) == 2


def test_a_bad_import_lists_every_bad_line_and_writes_nothing(cli, company, tmp_path):
    bad = STAFF + "3014;Douglas;;Timavlönad;x;abc;20:00\n3002;Jacob;A;;;1;1:00\n"
    result = cli("employee", "import", write(tmp_path, "bad.csv", bad), code=1)
    assert "3 of 5 rows are invalid; nothing was imported" in result.stderr
    for expected in (
        "line 2: EmployeeNr '3002' appears more than once (also on line 6)",
        "line 5: Employ. rate: 'abc' is not a number such as 52,29",
        "line 5: Last name is required",
        "line 6: EmployeeNr '3002' appears more than once (also on line 2)",
    ):
        assert expected in result.stderr
    assert cli.json("employee", "list") == []
    skipped = cli("employee", "import", write(tmp_path, "bad.csv", bad), "--skip-invalid")
    assert "2 created" in skipped.stdout and "3 skipped" in skipped.stdout
    assert "skipped line 5: Last name is required" in skipped.stderr


def test_terminals_and_levels_and_accounts(cli, company, tmp_path):
    cli("terminal", "add", "7255", "--name", "14")
    cli("terminal", "add", "1", "--name", "App", "--type", "application")
    cli("terminal", "update", "1", "--time-zone", "Europe/Helsinki")
    cli("terminal", "deactivate", "7255")
    terminals = {t["timeTerminalId"]: t for t in cli.json("terminal", "list")}
    assert terminals[1]["timeZone"] == "Europe/Helsinki" and terminals[7255]["active"] is False
    assert (
        "Terminal 7255 already exists"
        in cli("terminal", "add", "7255", "--name", "x", code=1).stderr
    )
    cli("level", "add", "3", "Region", "--sie-dimension", "30")
    cli("level", "add", "2", "Avdelning", "--sie-dimension", "50")
    cli("account", "add", "4001", "Inventering", "--level", "3")
    cli("account", "add", "4001", "Butiksdrift", "--sie-dimension", "50")
    region = write(
        tmp_path, "region.csv", "Number;Name;Active\n1000;Stockholm;ja\n2000;Göteborg;nej\n"
    )
    assert "2 created" in cli("account", "import", region, "--level", "3").stdout
    ambiguous = cli("account", "deactivate", "4001", code=1)
    assert "exists in coding levels 2 and 3" in ambiguous.stderr
    cli("account", "deactivate", "4001", "--level", "2")
    region_accounts = cli.json("account", "list", "--level", "3")
    assert [(a["accountNr"], a["active"]) for a in region_accounts] == [
        ("1000", True),
        ("2000", False),
        ("4001", True),
    ]
    levels = {lv["number"]: lv["accounts"] for lv in cli.json("level", "list")}
    assert levels == {2: 1, 3: 3}


def test_time_codes(cli, company, tmp_path):
    cli("timecode", "add", "Övertid komp 1,5", "--salary-id", "Övertid kompsaldo, faktor 1,5")
    absence = write(
        tmp_path, "franvaro.csv", "Code;Name\nSjuk;Sjukdom\nVAB;Vård av barn\n", "cp1252"
    )
    cli("timecode", "import", absence, "--kind", "absence")
    cli("timecode", "deactivate", "VAB")
    codes = {t["code"]: t for t in cli.json("timecode", "list")}
    assert codes["Övertid komp 1,5"]["salaryIds"] == ["Övertid kompsaldo, faktor 1,5"]
    assert codes["Övertid komp 1,5"]["name"] == "Övertid komp 1,5"
    assert [t["code"] for t in cli.json("timecode", "list", "--kind", "absence")] == ["Sjuk", "VAB"]
    assert codes["VAB"]["active"] is False and codes["VAB"]["name"] == "Vård av barn"


def test_audit_shows_who_changed_what(cli, company, tmp_path):
    cli("employee", "import", write(tmp_path, "staff.csv", STAFF))
    cli("employee", "update", "3002", "--rate", "52,29")
    cli("terminal", "add", "7255", "--name", "14")
    page = cli.json("audit", "--entity", "employee")
    assert page["total"] == 5  # three creates, the import itself, one update
    update = page["events"][-1]
    assert update["action"] == "update" and update["entityKey"] == "3002"
    assert update["changes"] == {"employmentRate": ["26.14", "52.29"]}
    assert update["actor"].startswith("cli")
    shown = cli("audit", "--since", "1h").stdout
    assert 'employmentRate: "26.14" → "52.29"' in shown
    assert "staff.csv: 3 created, 0 updated, 0 unchanged" in shown
    assert "Showing the newest 2 of" in cli("audit", "--limit", "2").stdout
    assert "since must be" in cli("audit", "--since", "soon", code=1).stderr
