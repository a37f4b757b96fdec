"""The pages payroll and HR staff use: attest time, punches and the registers.

Server-rendered HTML (Jinja2) with a little htmx for the day details and live search; no
JavaScript build step. Staff sign in with the company's name and an API user's name and
password; the session lives in the database (``service.web_sessions``). Every page is a
thin route over the same services as the API: parse, authorise, call one service, render.
"""

from .app import create_web_app
from .kiosk_pages import create_kiosk_pages
from .render import PREFIX

__all__ = ["PREFIX", "create_kiosk_pages", "create_web_app"]
