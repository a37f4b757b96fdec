"""``stampla employee``: the Employees register (Staff > Employee > Employees)."""

from stampla.service.masterdata import EMPLOYEE

from .register import register_app

app = register_app(EMPLOYEE)
