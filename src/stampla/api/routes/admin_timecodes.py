"""/Admin/TimeCodes: attendance and absence time codes (Staff > Settings > Time)."""

from stampla.service.masterdata import TIME_CODE

from .admin_register import register_router

router = register_router(TIME_CODE)
