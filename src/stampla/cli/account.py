"""``stampla account``: the accounts of each coding level."""

from stampla.service.masterdata import ACCOUNT

from .register import register_app

app = register_app(ACCOUNT)
