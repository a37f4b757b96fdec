"""``stampla serve``: run the API server."""

from __future__ import annotations

import typer

from stampla import serving

from .context import console, fail, ready_store


def serve(
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    workers: int = typer.Option(
        1,
        min=1,
        help="Server processes, each accepting its own connections. On SQLite, writes "
        "still go one at a time; more workers help parsing and reads.",
    ),
    access_log: bool = typer.Option(True, help="Log every request."),
) -> None:
    """Serve the API (migrating an empty database first).

    Example: stampla serve --host 0.0.0.0 --port 8000
    """
    ready_store().dispose()
    base = f"http://{host}:{port}"
    console.print(f"Stampla on {base}  (pages: {base}/web/, API docs: {base}/docs)")
    try:
        serving.serve(host, port, workers, access_log=access_log)
    except serving.PortInUse as error:
        raise fail(str(error)) from None
