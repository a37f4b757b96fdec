"""The API is documented at /docs with the document's fields and its punch-in example."""

from __future__ import annotations

import re


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


def test_the_docs_page_loads_nothing_from_elsewhere(client):
    page = client.get("/docs")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page.text)
    assert sources and all(source.startswith("/docs/") for source in sources), sources
    assert "script-src 'self'" in page.headers["Content-Security-Policy"]
    for source in sources:
        asset = client.get(source)
        assert asset.status_code == 200, source
    bundle = client.get("/docs/assets/swagger-ui-bundle.js")
    assert "SwaggerUIBundle" in bundle.text
    assert '"/openapi.json"' in client.get("/docs/init.js").text


def test_authorize_offers_the_three_softone_credentials(client):
    spec = client.get("/openapi.json").json()
    schemes = spec["components"]["securitySchemes"]
    for name in ("companyApiKey", "connectApiKey", "token"):
        assert schemes[name] == {**schemes[name], "type": "apiKey", "in": "query", "name": name}
    paths = spec["paths"]
    assert paths["/Login/Token"]["post"]["security"] == [{"companyApiKey": [], "connectApiKey": []}]
    every = {"companyApiKey": [], "connectApiKey": [], "token": []}
    assert paths["/Personell/Time/TimeStampEntry"]["post"]["security"] == [every]
    assert paths["/Personell/Time/AttestTime"]["get"]["security"] == [every]
    # /Admin takes an admin key or a staff user's token; signing in for one needs neither.
    either = [{"AdminKey": []}, {"StaffToken": []}]
    assert paths["/Admin/Employees"]["get"]["security"] == either
    assert paths["/Admin/AttestTime/Transition"]["post"]["security"] == either
    assert paths["/Admin/StaffToken"]["post"]["security"] == []
    assert paths["/Admin/StaffToken"]["delete"]["security"] == either
    assert schemes["StaffToken"] == {**schemes["StaffToken"], "type": "http", "scheme": "bearer"}
    assert "security" not in paths["/health"]["get"]
    # Over its limit, a login or an integration's call is a 429 with Retry-After.
    assert "429" in paths["/Login/Token"]["post"]["responses"]
    limited = paths["/Personell/Time/TimeStampEntry"]["post"]["responses"]["429"]
    assert "Retry-After" in limited["headers"]


def test_the_documented_errors_are_the_real_shape(client):
    spec = client.get("/openapi.json").json()
    assert not {"HTTPValidationError", "ValidationError"} & set(spec["components"]["schemas"])
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert "422" not in responses, (method, path)
            if "requestBody" in operation:
                assert "413" in responses, (method, path)
            for status, response in responses.items():
                if status.startswith("4") and not (path == "/Login/Token" and status == "401"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorResponse"}, (path, status)


def test_a_bad_parameter_is_the_documented_400_not_a_422(api):
    response = api.client.get(
        "/Personell/Time/TimeStampEntry", params=api.params(dateFrom="soon", dateTo="later")
    )
    assert response.status_code == 400
    assert set(response.json()) == {"success", "errorMessage", "errors"}
