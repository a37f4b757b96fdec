"""A register's edit form, from its declaration: which fields it has, how each is labelled
and hinted, what is stored shown as people write it, and what a posted form means.

The form posts each field by its API name (``WeeklyHours``) as text, as typed; the service
parses it like a CLI option or a CSV cell. An unticked Active box is not sent at all.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, create_model

from stampla.service.masterdata import Register


class RegisterForm:
    """The edit form of ``register``'s records."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self.editable = register.editable()
        fields: dict[str, Any] = {spec.name: (str, "") for spec in self.editable}
        if register.has_active:
            fields["Active"] = (str | None, None)
        name = "".join(word.capitalize() for word in register.entity.split("_")) + "Form"
        self.model: type[BaseModel] = create_model(name, **fields)

    def fields(self) -> list[tuple[str, str, str]]:
        """Name, label and hint of each text field, in the register's order."""
        return [
            (spec.name, spec.label, "" if spec.help == f"{spec.label}." else spec.help)
            for spec in self.editable
        ]

    def values(self, stored: Mapping[str, Any]) -> dict[str, str | bool]:
        """A record's stored values (by column) as the form shows them."""
        written = {spec.name: spec.written(stored.get(spec.column)) for spec in self.editable}
        values: dict[str, str | bool] = {n: "" if v is None else str(v) for n, v in written.items()}
        if self.register.has_active:
            values["Active"] = bool(stored["active"])
        return values

    def given(self, form: BaseModel) -> dict[str, str | bool]:
        """Raw values by column, as the service reads them (blank clears a field)."""
        values: dict[str, str | bool] = {s.column: getattr(form, s.name) for s in self.editable}
        if self.register.has_active:
            values["active"] = form.Active is not None
        return values

    def shown(self, form: BaseModel) -> dict[str, str | bool]:
        """The form as it was posted, to show it again with its problems."""
        values: dict[str, str | bool] = {s.name: getattr(form, s.name) for s in self.editable}
        if self.register.has_active:
            values["Active"] = form.Active is not None
        return values
