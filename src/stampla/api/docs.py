"""``/docs``: Swagger UI served by this server, so the documentation works without internet.

FastAPI's own page loads Swagger UI from a CDN, which leaves a blank page on a machine with
no way out (the usual place for a time-and-attendance server). The assets here come from the
``fastapi-offline`` package, which ships Swagger UI's bundle and stylesheet as files, and
are served under ``/docs/assets``. The page starts Swagger UI from a script of its own
(``/docs/init.js``) rather than an inline one, so that its Content-Security-Policy can allow
scripts from this server only.
"""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

DOCS = "/docs"
ASSETS = Path(str(files("fastapi_offline") / "static"))

#: Swagger UI styles some elements inline; everything else comes from this server only.
POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)

PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} API</title>
<link rel="stylesheet" href="{root}/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="{root}/docs/assets/favicon.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="{root}/docs/assets/swagger-ui-bundle.js"></script>
<script src="{root}/docs/init.js"></script>
</body>
</html>
"""

INIT = """window.ui = SwaggerUIBundle({{
  url: {openapi},
  dom_id: "#swagger-ui",
  layout: "BaseLayout",
  deepLinking: true,
  showExtensions: true,
  showCommonExtensions: true,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIBundle.SwaggerUIStandalonePreset],
}});
"""


def install_docs(app: FastAPI) -> None:
    """The page, its start script and Swagger UI's assets; build ``app`` with
    ``docs_url=None`` and ``redoc_url=None`` so FastAPI's CDN pages are not there too."""
    title = app.title
    openapi_url = app.openapi_url or "/openapi.json"

    async def page(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "")
        return HTMLResponse(
            PAGE.format(title=title, root=root),
            headers={"Content-Security-Policy": POLICY, "Cache-Control": "no-cache"},
        )

    async def init_script(request: Request) -> Response:
        root = request.scope.get("root_path", "")
        body = INIT.format(openapi=json.dumps(root + openapi_url))
        return Response(body, media_type="text/javascript")

    app.add_api_route(DOCS, page, methods=["GET"], include_in_schema=False)
    app.add_api_route(f"{DOCS}/init.js", init_script, methods=["GET"], include_in_schema=False)
    app.mount(f"{DOCS}/assets", StaticFiles(directory=ASSETS), name="docs-assets")
