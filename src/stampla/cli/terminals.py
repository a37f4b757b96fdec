"""``stampla terminal``: terminals and attendance apps (Staff > Settings > Terminals)."""

from stampla.service.masterdata import TERMINAL

from .register import register_app

app = register_app(TERMINAL)
