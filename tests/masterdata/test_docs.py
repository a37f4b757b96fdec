"""docs/masterdata.md keeps up with the code: its tables, its examples and its commands."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer

from stampla.cli.main import app
from stampla.service.csv_import import ImportOptions, import_csv
from stampla.service.csv_import.formats import FORMATS, columns_table

DOC = (Path(__file__).parents[2] / "docs" / "masterdata.md").read_text()
EXAMPLES = re.findall(r"<!-- import: (\w+)([^>]*)-->\n```csv\n(.*?)```", DOC, re.S)


@pytest.mark.parametrize("kind", FORMATS)
def test_the_doc_lists_every_column_as_the_code_reads_it(kind):
    assert columns_table(FORMATS[kind]) in DOC


def test_every_csv_example_imports(store, company, clock):
    assert len(EXAMPLES) == 7
    for kind, options, text in EXAMPLES:
        given = dict(option.split("=") for option in options.split())
        report = import_csv(
            store,
            company.id,
            kind,
            text.encode("cp1252"),
            clock(),
            options=ImportOptions(**given),
        )
        assert report.skipped == 0 and report.rows == text.count("\n") - 1, (kind, report)
        assert report.ignored_columns == [], kind


def test_every_command_in_the_doc_exists():
    tree = typer.main.get_command(app)
    named = re.findall(r"`stampla ([\w-]+) ([\w\\|-]+)", DOC)
    assert len(named) >= 9
    for group, commands in named:
        for command in commands.split("\\|"):
            assert command in tree.commands[group].commands, (group, command)


README = (Path(__file__).parents[2] / "README.md").read_text()
FILES = {
    "region.csv": "Number;Name\n1000;Stockholm\n",
    "tidkoder.csv": "Code;Name;Salary IDs\nOB 50%;OB 50%;OB 50%\n",
    "anstallda.csv": "Employee ID;First name;Last name\n3002;Jacob;Ahmedsdotter\n",
}


def test_the_readme_setup_commands_run(cli, tmp_path, monkeypatch):
    section = README.split("## Setting up a company", 1)[1].split("```sh\n", 1)[1]
    lines = [line.split("#")[0].strip() for line in section.split("```", 1)[0].splitlines()]
    commands = [shlex.split(line)[1:] for line in lines if line.startswith("stampla ")]
    assert len(commands) == 11
    monkeypatch.chdir(tmp_path)
    for name, text in FILES.items():
        (tmp_path / name).write_bytes(text.encode("cp1252"))
    for command in commands:
        # The staff user's password is typed at the prompt, twice.
        typed = "pages-password-1\npages-password-1\n" if command[:2] == ["staff", "add"] else None
        cli(*command, stdin=typed)
    assert cli.json("employee", "list", "-c", "Butik AB")[0]["employeeNr"] == "3002"


SCHEDULES = (Path(__file__).parents[2] / "docs" / "schedules.md").read_text()


def test_the_schedule_commands_of_the_doc_run_in_order(cli):
    """Every ``stampla schedule`` line of docs/schedules.md's examples, as written."""
    blocks = re.findall(r"```sh\n(.*?)```", SCHEDULES, re.S)
    lines = "\n".join(blocks).replace("\\\n", " ").splitlines()
    wanted = [line for line in lines if line.startswith("stampla schedule ")]
    commands = [shlex.split(line, comments=True)[1:] for line in wanted]
    assert len(commands) == 18
    cli("company", "create", "Butik AB")
    for nr in ("3002", "3003", "3005", "3006", "3023"):
        cli("employee", "add", nr, "--first-name", "Anna", "--last-name", "Svensson")
    cli("level", "add", "4", "Butik")
    cli("account", "add", "14", "Butik 14", "--level", "4")
    cli("timecode", "add", "OB 50%")
    for command in commands:
        cli(*command)
    weeks = {t["name"]: t["weeklyHours"] for t in cli.json("schedule", "template", "list")}
    assert weeks == {
        "Deltid 20 två veckor": ["20:00", "20:00"],
        "Kontor 38:15": ["38:15"],
        "Kväll och helg": ["20:00"],
        "Natt": ["22:30"],
    }
    assignments = cli.json("schedule", "assignments")
    assert [(a["employeeNr"], a["validTo"]) for a in assignments] == [
        ("3005", None),
        ("3006", None),
    ]
