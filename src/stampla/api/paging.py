"""The paging parameters of the API's reads, and how a page is answered.

``pageSize`` and ``cursor`` are optional: a SoftOne client that sends neither gets the whole
answer, as before, when it holds at most ``STAMPLA_MAX_UNPAGED_ROWS`` rows. A page is the
same JSON array; the cursor of the next page comes as the ``X-Next-Cursor`` header, which
the last page has not. (No ``Link`` header: its URL would repeat the keys and token of the
query string in an answer's headers.)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Annotated

from fastapi import Query
from fastapi.responses import StreamingResponse

from stampla.errors import InvalidInput, Problem

NEXT_CURSOR = "X-Next-Cursor"

PageSize = Annotated[
    int | None,
    Query(
        alias="pageSize",
        description="Answer at most this many rows, and the cursor of the rest as the "
        "X-Next-Cursor header. Without it, the whole answer, if it is not too large.",
    ),
]
Cursor = Annotated[
    str | None,
    Query(description="The X-Next-Cursor of the previous page (with the same parameters)."),
]


def page_size(size: int | None, cursor: str | None, largest: int) -> int | None:
    """``pageSize`` checked: 1..largest, and required with a cursor."""
    if size is None:
        if cursor is not None:
            raise InvalidInput(
                "A cursor needs its pageSize",
                [Problem("required with cursor", "pageSize")],
            )
        return None
    if not 1 <= size <= largest:
        raise InvalidInput(
            f"pageSize must be between 1 and {largest}",
            [Problem(f"must be between 1 and {largest}", "pageSize")],
        )
    return size


def json_pieces(texts: Iterable[str], piece_bytes: int = 1 << 16) -> Iterator[bytes]:
    """The JSON texts as one array, sent in pieces as they are made."""
    pending, size, separator = ["["], 1, ""
    for text in texts:
        pending.append(separator + text)
        size, separator = size + len(text) + 1, ","
        if size >= piece_bytes:
            yield "".join(pending).encode()
            pending, size = [], 0
    pending.append("]")
    yield "".join(pending).encode()


def paged_response(pieces: Iterator[bytes], next_cursor: str | None) -> StreamingResponse:
    """A streamed JSON array with the header that leads to the next page."""
    headers = {NEXT_CURSOR: next_cursor} if next_cursor is not None else {}
    return StreamingResponse(pieces, media_type="application/json", headers=headers)
