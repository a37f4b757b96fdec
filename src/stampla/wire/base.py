"""Model bases: case-insensitive PascalCase input, camelCase output."""

from __future__ import annotations

import types
import typing
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationInfo, model_validator
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticCustomError

from stampla.domain.text import text_problem


class RepeatedNames(dict):
    """A JSON object in which a property name came more than once (``repeated``).

    The JSON reader (``api.body``) makes one where a plain dict would silently keep the last
    value; an InputModel given one refuses it, naming the property.
    """

    __slots__ = ("repeated",)

    def __init__(self, pairs: list[tuple[str, Any]], repeated: list[str]) -> None:
        super().__init__(pairs)
        self.repeated = repeated


class InputModel(BaseModel):
    """A request object: the document's names, in any letter case; unknown names ignored.

    ASP.NET binds JSON property names case-insensitively, so clients written for SoftOne send
    ``employeeNr`` as often as ``EmployeeNr``. Numbers are accepted where strings are expected
    (``"EmployeeNr": 3002``), as Json.NET does. The same property twice, in any spelling, is
    refused: which one to believe is not ours to guess. Unknown names are ignored, as SoftOne
    ignores them; a caller that passes ``{"unknown": []}`` as validation context learns that
    there were some (``unknown_names`` then says which).
    """

    model_config = ConfigDict(
        extra="ignore",
        populate_by_name=True,
        coerce_numbers_to_str=True,
        serialize_by_alias=True,
    )

    _canonical: ClassVar[dict[str, str]] = {}
    _exact: ClassVar[frozenset[str]] = frozenset()
    #: Properties holding InputModels of their own (or lists of them), by canonical name.
    _nested: ClassVar[dict[str, type[InputModel]]] = {}

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        cls._canonical = {
            (field.alias or name).lower(): field.alias or name
            for name, field in cls.model_fields.items()
        }
        cls._exact = frozenset(cls._canonical.values())
        cls._nested = {
            field.alias or name: model
            for name, field in cls.model_fields.items()
            if (model := _model_in(field.annotation)) is not None
        }

    @model_validator(mode="before")
    @classmethod
    def _fold_names(cls, data: Any, info: ValidationInfo) -> Any:
        if type(data) is dict and cls._exact.issuperset(data):
            return data  # already the document's spelling, as most clients send it
        if not isinstance(data, dict):
            return data
        canonical = cls._canonical
        if isinstance(data, RepeatedNames):
            name = data.repeated[0]
            _refuse_repeated(canonical.get(name.lower(), name), [name, name])
        folded: dict[Any, Any] = {}
        spellings: dict[str, str] = {}
        unknown = False
        for key, value in data.items():
            name = canonical.get(key.lower()) if isinstance(key, str) else None
            if name is None:
                if (reason := text_problem(key)) and cls.model_config.get("extra") == "forbid":
                    raise PydanticCustomError(
                        "unstorable_text", reason, {"property": _printable(key)}
                    )
                unknown = True
                folded[key] = value
                continue
            if name in spellings:
                _refuse_repeated(name, [spellings[name], key])
            spellings[name] = key
            folded[name] = value
        if unknown and info.context is not None and "unknown" in info.context:
            info.context["unknown"].append(cls.__name__)
        return folded

    @classmethod
    def unknown_names(cls, data: Any, prefix: str = "") -> list[str]:
        """The property names of ``data`` that this model ignores, as paths
        (``AcountNr``, ``Accounts[0].Dim``)."""
        if not isinstance(data, dict):
            return []
        found: list[str] = []
        for key, value in data.items():
            name = cls._canonical.get(key.lower())
            if name is None:
                found.append(prefix + key)
            elif (nested := cls._nested.get(name)) is not None and isinstance(value, list):
                for position, item in enumerate(value):
                    found.extend(nested.unknown_names(item, f"{prefix}{name}[{position}]."))
        return found


def _printable(name: str) -> str:
    """A name as an error may carry it: pydantic-core cannot hold a lone surrogate."""
    return name if name.isprintable() else name.encode("unicode_escape").decode("ascii")


def _refuse_repeated(name: str, spellings: list[str]) -> None:
    name, spellings = _printable(name), [_printable(spelling) for spelling in spellings]
    shown = " and ".join(spellings) if spellings[0] != spellings[1] else f"{spellings[0]} twice"
    raise PydanticCustomError(
        "repeated_property",
        "is given more than once ({spellings}); send it once",
        {"property": name, "spellings": shown},
    )


def _model_in(annotation: Any) -> type[InputModel] | None:
    """The InputModel that ``annotation`` holds: itself, in a list, optional or annotated."""
    if isinstance(annotation, type) and issubclass(annotation, InputModel):
        return annotation
    origin = typing.get_origin(annotation)
    if origin in (list, typing.Union, types.UnionType, typing.Annotated):
        for argument in typing.get_args(annotation):
            if (model := _model_in(argument)) is not None:
                return model
    return None


class OutputModel(BaseModel):
    """A response object, written with camelCase names."""

    model_config = ConfigDict(
        alias_generator=to_camel,
        populate_by_name=True,
        serialize_by_alias=True,
    )
