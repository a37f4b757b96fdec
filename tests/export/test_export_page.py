"""The Payroll export page: preview the totals, export, download the run again."""

from __future__ import annotations

import hashlib

from fastapi.testclient import TestClient

from stampla.app import create_app
from stampla.service import demo
from stampla.service.export.paxml import validation_problems
from tests.web.conftest import csrf_of, rows, text

from .test_export_demo import FIRST, LAST, month  # noqa: F401 - the fixture


def test_payroll_previews_exports_and_downloads(month, clock):  # noqa: F811
    store, company_id, settings = month
    with TestClient(create_app(settings, clock=clock)) as client:
        signed = client.post(
            "/web/sign-in",
            data={"company": demo.COMPANY_NAME, "user_name": "payroll",
                  "password": demo.STAFF_PASSWORD},
            follow_redirects=False,
        )  # fmt: skip
        assert signed.status_code == 303, signed.text
        page = client.get("/web/payroll-export")
        assert page.status_code == 200 and "Inga exporter än." in text(page.text)  # Swedish staff
        form = {"csrf": csrf_of(page.text), "date_from": str(FIRST), "date_to": str(LAST),
                "employees": "", "format": "paxml"}  # fmt: skip
        looked = client.post("/web/payroll-export", data={**form, "action": "preview"})
        assert looked.status_code == 200, looked.text
        totals = rows(looked.text, "total")
        assert any(line.startswith("OB1 OB 50%") for line in totals), totals
        assert "Ingenting har sparats än." in text(looked.text)
        assert "Inga exporter än." in text(looked.text)
        made = client.post("/web/payroll-export", data={**form, "action": "export"},
                           follow_redirects=False)  # fmt: skip
        assert made.status_code == 303
        got = client.get(made.headers["location"])
        assert got.status_code == 200
        assert validation_problems(got.content) == []
        listed = client.get("/web/payroll-export")
        (run,) = rows(listed.text, "run")
        assert hashlib.sha256(got.content).hexdigest()[:12] in run
        assert "web:payroll" in run
        bad = client.post("/web/payroll-export", data={**form, "date_to": "", "action": "preview"})
        assert bad.status_code == 400 and "To is not a date" in text(bad.text)
