"""The API is documented at /docs with the document's fields and its punch-in example."""

from __future__ import annotations


def test_swagger_ui_is_served(client):
    response = client.get("/docs")
    assert response.status_code == 200
    assert "swagger" in response.text.lower()


def test_both_endpoints_are_described_with_fields_and_example(client):
    spec = client.get("/openapi.json").json()
    punch_paths = {path for path in spec["paths"] if not path.startswith("/Admin/")}
    assert punch_paths == {
        "/Login/Token",
        "/Personell/Time/TimeStampEntry",
        "/Personell/Time/AttestTime",
        "/Personell/Time/Balances",
        "/health",
    }
    save = spec["paths"]["/Personell/Time/TimeStampEntry"]["post"]
    content = save["requestBody"]["content"]["application/json"]
    assert content["example"][0]["TimeScheduleTypes"] == [{"TimeScheduleTypeCode": "DayShift"}]
    params = {p["name"] for p in save["parameters"]}
    assert params >= {"companyApiKey", "connectApiKey", "token", "allOrNone", "replaceDays"}
    entry = spec["components"]["schemas"]["TimeStampEntry"]
    assert set(entry["required"]) == {
        "EmployeeNr",
        "TimeStamp",
        "TimeStampEntryType",
        "TimeTerminalId",
    }
    described = entry["properties"]
    assert "konteringskod" in described["AccountNr"]["description"]
    assert described["TimeStampEntryType"]["enum"] == ["In", "Out"]
    assert "AccountRef" in spec["components"]["schemas"]
    assert "get" in spec["paths"]["/Personell/Time/TimeStampEntry"]
