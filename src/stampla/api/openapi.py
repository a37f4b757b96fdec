"""The OpenAPI document: FastAPI's, made to say what the API really does.

* The entry schema the save route parses by hand, and the one error body.
* Security schemes for the three credentials SoftOne clients send in the query string
  (``companyApiKey``, ``connectApiKey``, ``token``), so that Swagger UI's *Authorize* fills
  all three; the /Admin routes keep their bearer admin key.
* The error answers as they are: every 4xx is the error shape (``ErrorResponse``), and no
  route documents FastAPI's 422 ``{"detail": …}``, because ``api.errors`` turns every
  validation problem into a 400 with that shape.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from pydantic import BaseModel

from stampla.wire import ErrorResponse

REF = "#/components/schemas/{model}"
ERROR_REF = {"$ref": REF.format(model="ErrorResponse")}

#: The credentials of SoftOne's routes, each a query parameter (also accepted as headers).
SECURITY_SCHEMES: dict[str, dict[str, str]] = {
    "companyApiKey": {
        "type": "apiKey",
        "in": "query",
        "name": "companyApiKey",
        "description": "The company's API key (also accepted as a header of that name).",
    },
    "connectApiKey": {
        "type": "apiKey",
        "in": "query",
        "name": "connectApiKey",
        "description": "The integration's key (also accepted as a header of that name).",
    },
    "token": {
        "type": "apiKey",
        "in": "query",
        "name": "token",
        "description": "The token from /Login/Token (also as a `token` header or "
        "`Authorization: Bearer`).",
    },
}
KEYS_ONLY = [{"companyApiKey": [], "connectApiKey": []}]
KEYS_AND_TOKEN = [{"companyApiKey": [], "connectApiKey": [], "token": []}]

RATE_LIMITED = {
    "description": "The integration is over its request rate "
    "(STAMPLA_INTEGRATION_RATE_LIMIT); `Retry-After` says in how many seconds to retry",
    "headers": {"Retry-After": {"schema": {"type": "integer"}}},
    "content": {"application/json": {"schema": ERROR_REF}},
}

#: Routes that need no credentials at all.
OPEN_PATHS = frozenset({"/health"})
LOGIN_PATH = "/Login/Token"

#: FastAPI's validation answer and its schemas: never given by this API.
UNUSED_SCHEMAS = ("HTTPValidationError", "ValidationError")


def install_openapi(app: FastAPI, extra_models: list[type[BaseModel]]) -> None:
    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
            )
            components = schema.setdefault("components", {})
            schemas = components.setdefault("schemas", {})
            for model in [*extra_models, ErrorResponse]:
                model_schema = model.model_json_schema(by_alias=True, ref_template=REF)
                schemas.update(model_schema.pop("$defs", {}))
                schemas[model.__name__] = model_schema
            for name in UNUSED_SCHEMAS:
                schemas.pop(name, None)
            components.setdefault("securitySchemes", {}).update(SECURITY_SCHEMES)
            for path, operations in schema.get("paths", {}).items():
                for operation in operations.values():
                    describe_errors(operation)
                    add_security(path, operation)
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = build  # type: ignore[method-assign]


def describe_errors(operation: dict[str, Any]) -> None:
    """No 422; a 413 where a body is read; every 4xx carrying the error shape."""
    responses: dict[str, Any] = operation.setdefault("responses", {})
    responses.pop("422", None)
    if "requestBody" in operation and "413" not in responses:
        responses["413"] = {"description": "Body above the configured limit"}
    for status, response in responses.items():
        if status.startswith("4") and "content" not in response:
            response["content"] = {"application/json": {"schema": ERROR_REF}}


def add_security(path: str, operation: dict[str, Any]) -> None:
    """SoftOne's routes take the keys (and, past login, the token), and past login each
    integration's request rate is limited; /Admin keeps its own key."""
    if "security" in operation or path in OPEN_PATHS:
        return
    if path == LOGIN_PATH:
        operation["security"] = KEYS_ONLY
        return
    operation["security"] = KEYS_AND_TOKEN
    operation["responses"].setdefault("429", RATE_LIMITED)
