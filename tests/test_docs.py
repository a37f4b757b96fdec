"""The docs keep up with the code."""

from __future__ import annotations

from pathlib import Path

from stampla.settings import settings_table

ROOT = Path(__file__).parent.parent


def test_settings_doc_lists_every_setting_as_the_code_defines_it():
    assert settings_table() in (ROOT / "docs" / "settings.md").read_text()


def test_readme_starts_with_the_two_commands():
    head = (ROOT / "README.md").read_text().splitlines()[:6]
    commands = [line.split("#")[0].strip() for line in head if line.startswith("make ")]
    assert commands == ["make demo", "make test"]


def test_ci_runs_make_test():
    assert "make test" in (ROOT / ".ci" / "run").read_text()


def test_ci_requires_the_browser_test():
    assert "STAMPLA_TEST_BROWSER=required" in (ROOT / ".ci" / "run").read_text()
