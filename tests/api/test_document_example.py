"""The punch-in example of SoftOne GO's document posts as-is against the demo company."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient

from stampla.app import create_app
from stampla.service.demo import seed_demo
from stampla.settings import Settings
from stampla.store import migrate
from stampla.store.engine import Store

# Copied verbatim from section 3.1 of the document.
DOCUMENT_EXAMPLE = """
[
  {
    "EmployeeNr": "EMP1001",
    "EmployeeExternalCode": "EXT-EMP1001",
    "TimeStamp": "2025-06-12T08:00:00Z",
    "TimeStampEntryType": "In",
    "IsBreak": false,
    "AccountNr": "4001",
    "SieAccountDim": 2,
    "TimeTerminalId": 1,
    "Accounts": [
      {
        "AccountNr": "4001",
        "SieAccountDim": 3
      }
    ],
    "TimeScheduleTypes": [
      {
        "TimeScheduleTypeCode": "DayShift"
      }
    ]
  }
]
"""


def test_the_document_example_posts_and_reads_back(fresh_database_url, clock):
    store = Store(fresh_database_url)
    migrate.upgrade(store.engine)
    demo = seed_demo(store, clock())
    store.dispose()
    keys = {"companyApiKey": demo.company_api_key, "connectApiKey": demo.connect_api_key}
    settings = Settings(database_url=fresh_database_url, login_failure_delay_seconds=0)
    with TestClient(create_app(settings, clock=clock)) as client:
        login = client.post(
            "/Login/Token",
            params=keys,
            json={"UserName": demo.user_name, "Password": demo.password},
        )
        token = login.json()["token"]
        saved = client.post(
            "/Personell/Time/TimeStampEntry",
            params={**keys, "Token": token},
            content=DOCUMENT_EXAMPLE,
            headers={"Content-Type": "application/json"},
        )
        read = client.get(
            "/Personell/Time/TimeStampEntry",
            params={**keys, "token": token, "dateFrom": "2025-06-12", "dateTo": "2025-06-12"},
        )
    assert saved.status_code == 200, saved.text
    assert saved.json()["saved"] == 1
    (stored,) = read.json()
    sent = json.loads(DOCUMENT_EXAMPLE)[0]
    assert stored["employeeNr"] == sent["EmployeeNr"]
    assert stored["employeeExternalCode"] == sent["EmployeeExternalCode"]
    assert stored["timeStamp"] == sent["TimeStamp"]
    assert stored["timeStampEntryType"] == sent["TimeStampEntryType"]
    assert stored["isBreak"] == sent["IsBreak"]
    assert stored["accountNr"] == sent["AccountNr"]
    assert stored["sieAccountDim"] == sent["SieAccountDim"]
    assert stored["timeTerminalId"] == sent["TimeTerminalId"]
    assert stored["accounts"] == [{"accountNr": "4001", "sieAccountDim": 3}]
    assert stored["timeScheduleTypes"] == [{"timeScheduleTypeCode": "DayShift"}]
