"""``stampla timecode``: attendance and absence time codes (Staff > Settings > Time)."""

from stampla.service.masterdata import TIME_CODE

from .register import register_app

app = register_app(TIME_CODE)
