"""/Admin/CodingLevels and /Admin/Accounts (Finance > Accounting > Coding levels).

An account is named by its AccountNr and, where that number exists in several levels, by its
coding level's number (``codingLevel``) or SIE dimension (``sieDimension``).
"""

from fastapi import APIRouter

from stampla.service.masterdata import ACCOUNT, CODING_LEVEL

from .admin_register import register_router

router = APIRouter()
router.include_router(register_router(CODING_LEVEL))
router.include_router(register_router(ACCOUNT))
