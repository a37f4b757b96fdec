"""Model bases: case-insensitive PascalCase input, camelCase output."""

from __future__ import annotations

from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic.alias_generators import to_camel


class InputModel(BaseModel):
    """A request object: the document's names, in any letter case; unknown names ignored.

    ASP.NET binds JSON property names case-insensitively, so clients written for SoftOne send
    ``employeeNr`` as often as ``EmployeeNr``. Numbers are accepted where strings are expected
    (``"EmployeeNr": 3002``), as Json.NET does.
    """

    model_config = ConfigDict(
        extra="ignore",
        populate_by_name=True,
        coerce_numbers_to_str=True,
        serialize_by_alias=True,
    )

    _canonical: ClassVar[dict[str, str]] = {}
    _exact: ClassVar[frozenset[str]] = frozenset()

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._canonical = {
            (field.alias or name).lower(): field.alias or name
            for name, field in cls.model_fields.items()
        }
        cls._exact = frozenset(cls._canonical.values())

    @model_validator(mode="before")
    @classmethod
    def _fold_names(cls, data: Any) -> Any:
        if not isinstance(data, dict) or cls._exact.issuperset(data):
            return data  # already the document's spelling, as most clients send it
        canonical = cls._canonical
        return {
            (canonical.get(key.lower(), key) if isinstance(key, str) else key): value
            for key, value in data.items()
        }


class OutputModel(BaseModel):
    """A response object, written with camelCase names."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        serialize_by_alias=True,
    )
