"""/Admin/Terminals: terminals and attendance apps (Staff > Settings > Terminals)."""

from stampla.service.masterdata import TERMINAL

from .admin_register import register_router

router = register_router(TERMINAL)
