"""JSON bodies of the /Admin API, read the way the rest of the API reads them.

The body is read and parsed by ``api.body``, like /Login/Token's: sent as JSON (or without
a Content-Type; anything else is a 415), malformed JSON is a 400 saying where, and each bad
property is named by the name the caller sent. FastAPI's own body handling would answer
"JSON decode error" with a field called "1".
"""

from __future__ import annotations

from typing import Any

from fastapi import Depends, Request

from ..body import parse_model, read_json_body
from .admin_models import AdminInput

#: Master data bodies are small; CSV imports have their own (configured) limit.
MAX_BODY_BYTES = 64 * 1024


def json_body(model: type[AdminInput], *, empty_means_default: bool = False) -> Any:
    """A dependency giving the request's body as ``model``.

    With ``empty_means_default``, no body at all is the model with every property left out
    (for bodies whose properties are all optional, such as a new password to generate).
    """

    async def read(request: Request) -> AdminInput:
        body = await read_json_body(request, MAX_BODY_BYTES)
        if empty_means_default and not body.strip():
            return model()
        return parse_model(body, model)

    return Depends(read)


def documented(model: type[AdminInput], *, required: bool = True) -> dict[str, Any]:
    """The OpenAPI request body of a route that reads ``model`` through ``json_body``."""
    return {
        "requestBody": {
            "required": required,
            "content": {"application/json": {"schema": model.model_json_schema(by_alias=True)}},
        }
    }
