"""``stampla level``: coding levels (Finance > Accounting > Coding levels)."""

from stampla.service.masterdata import CODING_LEVEL

from .register import register_app

app = register_app(CODING_LEVEL)
