"""/Admin/Employees: the Employees register (Staff > Employee > Employees)."""

from stampla.service.masterdata import EMPLOYEE

from .admin_register import register_router

router = register_router(EMPLOYEE)
