"""A time code's PAXml code through the register's API, CLI and CSV import."""

from __future__ import annotations

from tests.admin.conftest import admin  # noqa: F401 - the fixture
from tests.admin.session import ok, refused
from tests.attest.conftest import cli  # noqa: F401 - the fixture


def test_the_api_reads_a_paxml_code_in_any_case_and_refuses_others(admin):  # noqa: F811
    sent = {"Code": "Övertid ÄNDRAD", "Name": "Övertid", "PaxmlCode": "öt1"}
    assert ok(admin.post("/Admin/TimeCodes", sent), 201)["paxmlCode"] == "ÖT1"
    changed = admin.patch("/Admin/TimeCodes", {"PaxmlCode": "ök2"}, code="övertid ändrad")
    assert ok(changed)["paxmlCode"] == "ÖK2"
    problem = refused(
        admin.post("/Admin/TimeCodes", {**sent, "Code": "x", "PaxmlCode": "SCH"}), 400
    )
    assert problem["errors"][0]["field"] == "PaxmlCode"
    assert "not a PAXml 2.0 tidkod" in problem["errors"][0]["message"]


def test_the_cli_and_a_csv_import_carry_it(cli, tmp_path):  # noqa: F811
    cli("timecode", "add", "OB kväll", "--paxml-code", "ob1")
    source = tmp_path / "koder.csv"
    source.write_text("Kod;Namn;Tidkod\nSjuk;Sjukfrånvaro;sjk\n", encoding="utf-8")
    cli("timecode", "import", str(source), "--kind", "absence")
    listed = {row["code"]: row["paxmlCode"] for row in cli.json("timecode", "list")}
    assert (listed["OB kväll"], listed["Sjuk"]) == ("OB1", "SJK")
