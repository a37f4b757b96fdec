"""``stampla serve``: run the API server."""

from __future__ import annotations

import typer
import uvicorn

from .context import console, ready_store


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(1, min=1, help="Number of server processes."),
) -> None:
    """Serve the API (migrating an empty database first).

    Example: stampla serve --host 0.0.0.0 --port 8000
    """
    ready_store().dispose()
    console.print(f"Stampla on http://{host}:{port}  (API docs: http://{host}:{port}/docs)")
    uvicorn.run(
        "stampla.api.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )
