"""The pages ship inside the package: a non-editable install has its templates and static
files, and the vendored htmx keeps its license."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent.parent
WEB = ROOT / "src" / "stampla" / "web"


@pytest.mark.slow
def test_the_wheel_holds_every_template_and_static_file(tmp_path):
    # Built from a copy: a build in the work tree would leave build/ behind, whose stale
    # files could end up in a later wheel.
    project = tmp_path / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.egg-info")
    shutil.copytree(ROOT / "src", project / "src", ignore=ignore)
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, project / name)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "-w",
            str(tmp_path),
            str(project),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("stampla-*.whl")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    wanted = {
        str(path.relative_to(ROOT / "src"))
        for folder in ("templates", "static")
        for path in (WEB / folder).rglob("*")
        if path.is_file()
    }
    assert wanted and wanted <= shipped, sorted(wanted - shipped)


def test_htmx_is_vendored_with_its_license():
    script = (WEB / "static" / "htmx.min.js").read_text()
    assert script.startswith("/* htmx 2.")
    assert "Zero-Clause BSD" in script.splitlines()[0]
    assert "Zero-Clause BSD" in (WEB / "static" / "htmx-LICENSE.txt").read_text()


def test_pages_load_nothing_from_other_sites():
    for template in (WEB / "templates").glob("*.html"):
        html = template.read_text()
        for attribute in ('src="http', 'href="http', "src='http", "href='http", "@import"):
            assert attribute not in html, (template.name, attribute)
