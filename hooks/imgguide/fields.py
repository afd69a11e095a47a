"""Field types: convert raw YAML text to typed values, or report why not.

Each type converts one raw value (`str`, `list` or `dict` from `yamlload`) and knows the
JSON Schema of what it accepts, so the editor schemas come from the same definitions that
validate. Models declare their fields with `spec(...)` (see `models.py`); `Record` reads
those declarations, so a field's name, type, default and help text are written once.

Conversion never raises: it records a `SourceError` in the `Context` and returns `INVALID`.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from .errors import SourceError
from .yamlload import DataPath, YamlDocument, format_path


class _Invalid:
    """Marker for a value that failed conversion (its error is already recorded)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclasses.dataclass
class Reference:
    """A use of an id that must exist somewhere else (checked once everything is loaded).

    The position is looked up only if the reference turns out to be broken.
    """

    kind: str
    target: str
    document: YamlDocument
    path: DataPath

    def error(self, **details: str) -> SourceError:
        mark = self.document.mark(self.path)
        return SourceError(self.document.file, mark.line, mark.col, format_path(self.path), **details)


class Context:
    """Where conversion happens: the document (for marks), the errors, the references."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.errors: list[SourceError] = []
        self.references: list[Reference] = []

    def error(self, path: DataPath, *, expected: str = "", got: str = "", message: str = "",
              at_key: bool = False) -> Any:
        mark = self.document.key_mark(path) if at_key else self.document.mark(path)
        self.errors.append(
            SourceError(self.document.file, mark.line, mark.col, format_path(path),
                        expected=expected, got=got, message=message)
        )
        return INVALID

    def refer(self, kind: str, target: str, path: DataPath) -> None:
        self.references.append(Reference(kind, target, self.document, path))


def describe(value: Any, implicit: str | None = None) -> str:
    """How a raw value is named in messages: `'first'`, `a list`, `nothing`."""
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if implicit in ("boolean", "null", "date"):
        return f"the unquoted {implicit} {value!r}"
    shown = value if len(value) <= 60 else value[:57] + "..."
    return repr(shown)


class FieldType:
    """Base class: `convert` a raw value at `path`, and describe it as JSON Schema."""

    expected = "a value"

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:  # pragma: no cover
        raise NotImplementedError

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:  # pragma: no cover
        """The JSON Schema of what `convert` accepts; `known` lists existing ids by kind."""
        raise NotImplementedError

    def _scalar(self, raw: Any, path: DataPath, ctx: Context) -> str | Any:
        """The raw text of a scalar, or INVALID (with an error) for lists/mappings/nothing."""
        if raw is None or isinstance(raw, (list, dict)) or (isinstance(raw, str) and raw.strip() == ""):
            return ctx.error(path, expected=self.expected, got=describe(raw or None))
        return raw


class Text(FieldType):
    """Text: non-empty; an unquoted YAML boolean, null or date is refused (quote it).

    A `single_line` text (a title, a summary, a label) is also used inside HTML attributes
    and the page <title> by the theme, which does not escape it, so '<' and '>' are refused
    there. Multi-line text is Markdown and is escaped when pages are generated.
    """

    expected = "text"

    def __init__(self, max_length: int | None = None, single_line: bool = False) -> None:
        self.max_length = max_length
        self.single_line = single_line
        if single_line:
            self.expected = "one line of text without '<' or '>'"

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        value = self._scalar(raw, path, ctx)
        if value is INVALID:
            return value
        implicit = getattr(value, "yaml_type", None)
        if implicit in ("boolean", "null", "date"):
            return ctx.error(path, expected=self.expected, got=describe(value, implicit),
                             message=f'put it in quotes, "{value}", if you mean the text')
        value = " ".join(value.split()) if self.single_line else str.strip(value)
        if self.single_line and ("<" in value or ">" in value):
            return ctx.error(path, expected=self.expected, got=describe(value),
                             message="HTML is not allowed here")
        if self.max_length and len(value) > self.max_length:
            return ctx.error(path, expected=f"at most {self.max_length} characters",
                             got=f"{len(value)} characters")
        return value

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.single_line:
            schema["pattern"] = "^[^<>]*$"
        if self.max_length:
            schema["maxLength"] = self.max_length
        return schema


class Id(FieldType):
    """A stable id: lower-case ASCII words joined by hyphens (`usmle-step-2-ck`)."""

    expected = "an id of lower-case letters, digits and hyphens (like 'eras-application')"

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        value = self._scalar(raw, path, ctx)
        if value is INVALID:
            return value
        if not ID_PATTERN.match(value):
            return ctx.error(path, expected=self.expected, got=describe(value))
        return str(value)

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN.pattern}


class Ref(Id):
    """An id that must name an existing thing of `kind` (a step, a source...)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.expected = f"the id of a {kind}"

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        value = super().convert(raw, path, ctx)
        if value is not INVALID:
            ctx.refer(self.kind, value, path)
        return value

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        """With the ids that exist (`known[kind]`), editors can offer them as completions."""
        if known and known.get(self.kind):
            return {"type": "string", "enum": sorted(known[self.kind])}
        return super().json_schema(known)


class HttpsUrl(FieldType):
    """An absolute https:// URL with a host name."""

    expected = "an https:// URL"

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        value = self._scalar(raw, path, ctx)
        if value is INVALID:
            return value
        value = value.strip()
        parts = urlsplit(value)
        if parts.scheme != "https" or not parts.hostname or " " in value:
            return ctx.error(path, expected=self.expected, got=describe(value))
        return str(value)

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        return {"type": "string", "pattern": "^https://[^\\s/]+[^\\s]*$"}


class Date(FieldType):
    """A calendar date written as YYYY-MM-DD."""

    expected = "a date like 2026-11-26"

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        value = self._scalar(raw, path, ctx)
        if value is INVALID:
            return value
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
            return ctx.error(path, expected=self.expected, got=describe(value))
        try:
            return date.fromisoformat(value.strip())
        except ValueError as exc:
            return ctx.error(path, expected="a real calendar date", got=describe(value),
                             message=str(exc))

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        return {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"}


class Integer(FieldType):
    """A whole number written in decimal digits, within optional bounds."""

    pattern = r"-?\d+"
    parse = staticmethod(int)
    name = "whole number"
    schema_type = "integer"

    def __init__(self, minimum: int | float | None = None, maximum: int | float | None = None) -> None:
        self.minimum = minimum
        self.maximum = maximum
        def shown(bound: float) -> str:
            return str(bound) if isinstance(bound, int) else f"{bound:g}"

        if minimum is not None and maximum is not None:
            self.expected = f"a {self.name} from {shown(minimum)} to {shown(maximum)}"
        elif minimum is not None:
            self.expected = f"a {self.name} of at least {shown(minimum)}"
        else:
            self.expected = f"a {self.name}"

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        value = self._scalar(raw, path, ctx)
        if value is INVALID:
            return value
        if not re.fullmatch(self.pattern, value.strip()):
            return ctx.error(path, expected=self.expected, got=describe(value))
        number = self.parse(value)
        if (self.minimum is not None and number < self.minimum) or (
            self.maximum is not None and number > self.maximum
        ):
            return ctx.error(path, expected=self.expected, got=value.strip())
        return number

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": self.schema_type}
        if self.minimum is not None:
            schema["minimum"] = self.minimum
        if self.maximum is not None:
            schema["maximum"] = self.maximum
        return schema


class Decimal(Integer):
    """A decimal number such as 0.25 or 1.3 (no sign, no exponent), within optional bounds."""

    pattern = r"\d+(\.\d+)?"
    parse = staticmethod(float)
    name = "decimal number"
    schema_type = "number"


def Fraction() -> Decimal:  # noqa: N802 - reads like the other field types
    """A share from 0 to 1."""
    return Decimal(0, 1)


def Ratio() -> Decimal:  # noqa: N802
    """A positive ratio such as 1.3."""
    return Decimal(0, 100)


class Boolean(FieldType):
    """Exactly `true` or `false` (not yes/no/on/off)."""

    expected = "true or false"

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        value = self._scalar(raw, path, ctx)
        if value is INVALID:
            return value
        if value not in ("true", "false"):
            return ctx.error(path, expected=self.expected, got=describe(value))
        return value == "true"

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        return {"type": "boolean"}


class Choice(FieldType):
    """One of a fixed set of words."""

    def __init__(self, *choices: str) -> None:
        self.choices = choices
        self.expected = "one of " + ", ".join(repr(choice) for choice in choices)

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        value = self._scalar(raw, path, ctx)
        if value is INVALID:
            return value
        if value not in self.choices:
            return ctx.error(path, expected=self.expected, got=describe(value))
        return str(value)

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        return {"enum": list(self.choices)}


class ListOf(FieldType):
    """A YAML list of items of one type; returns a tuple (models are immutable)."""

    def __init__(self, item: FieldType, min_items: int = 0, max_items: int | None = None,
                 unique: bool = False) -> None:
        self.item = item
        self.min_items = min_items
        self.max_items = max_items
        self.unique = unique
        count = f"at least {min_items} " if min_items else ""
        self.expected = f"a list of {count}items ({item.expected})"

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        if not isinstance(raw, list):
            return ctx.error(path, expected=self.expected, got=describe(raw))
        items = [self.item.convert(value, (*path, index), ctx) for index, value in enumerate(raw)]
        if len(raw) < self.min_items:
            ctx.error(path, expected=f"at least {self.min_items} items", got=str(len(raw)))
            return INVALID
        if self.max_items is not None and len(raw) > self.max_items:
            ctx.error(path, expected=f"at most {self.max_items} items", got=str(len(raw)))
            return INVALID
        if self.unique:
            seen: dict[Any, int] = {}
            for index, value in enumerate(items):
                if value is INVALID:
                    continue
                if value in seen:
                    ctx.error((*path, index), message=f"duplicate of item {seen[value]}: {value!r}")
                    return INVALID
                seen[value] = index
        if any(item is INVALID for item in items):
            return INVALID
        return tuple(items)

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "array", "items": self.item.json_schema(known)}
        if self.min_items:
            schema["minItems"] = self.min_items
        if self.max_items is not None:
            schema["maxItems"] = self.max_items
        if self.unique:
            schema["uniqueItems"] = True
        return schema


class TextMap(FieldType):
    """A mapping of fixed names to text, e.g. the words of a user interface.

    Every name in `keys` is required and no other is allowed; values are one line of text
    (see `Text`). Converts to a plain dict.
    """

    def __init__(self, keys: tuple[str, ...]) -> None:
        self.keys = keys
        self.value = Text(single_line=True)
        self.expected = "a mapping of the names " + ", ".join(keys)

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        if not isinstance(raw, dict):
            return ctx.error(path, expected=self.expected, got=describe(raw))
        failed = False
        for key in raw:
            if key not in self.keys:
                hint = difflib.get_close_matches(key, self.keys, n=1)
                ctx.error((*path, key), at_key=True, got=f"'{key}'", expected="a known name",
                          message="unknown name" + (f"; did you mean '{hint[0]}'?" if hint else ""))
                failed = True
        values = {}
        for key in self.keys:
            if key not in raw:
                ctx.error((*path, key), expected=self.value.expected, got="nothing", message="missing required name")
                failed = True
                continue
            value = self.value.convert(raw[key], (*path, key), ctx)
            failed = failed or value is INVALID
            values[key] = value
        return INVALID if failed else values

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        return {
            "type": "object",
            "properties": {key: self.value.json_schema(known) for key in self.keys},
            "required": list(self.keys),
            "additionalProperties": False,
        }


class LabelMap(FieldType):
    """A mapping of ids to readable labels (one line of text each), e.g. topic names.

    `kind` names what the ids are: each key is defined as one (for `Ref(kind)` to find),
    so a use of an id without a label is reported where it is used, with file:line.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self.key = Id()
        self.value = Text(single_line=True, max_length=60)
        self.expected = f"a mapping of {kind} ids to labels"

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        if not isinstance(raw, dict) or not raw:
            return ctx.error(path, expected=self.expected, got=describe(raw or None))
        values = {}
        failed = False
        for key, text in raw.items():
            if not ID_PATTERN.match(key):
                ctx.error((*path, key), at_key=True, expected=self.key.expected, got=describe(key))
                failed = True
                continue
            value = self.value.convert(text, (*path, key), ctx)
            failed = failed or value is INVALID
            values[key] = value
        return INVALID if failed else values

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        return {
            "type": "object",
            "minProperties": 1,
            "propertyNames": {"pattern": ID_PATTERN.pattern},
            "additionalProperties": self.value.json_schema(known),
        }


class Record(FieldType):
    """A YAML mapping converted into a frozen dataclass whose fields carry `spec(...)`.

    Unknown keys, missing required keys and every field's own problems are all reported;
    the dataclass is built only when all of its fields converted. A model may define
    `problems()`, yielding `(where, message)` for rules that span its fields; `where` is a
    field name or a path tuple inside the record, such as ``("options", 2, "id")``.
    """

    def __init__(self, model: type) -> None:
        self.model = model
        self.fields = [f for f in dataclasses.fields(model) if "spec" in f.metadata]
        self.expected = f"a mapping ({model.__name__})"
        # Worked out once: a large question bank converts tens of thousands of records.
        self._known = frozenset(f.name for f in self.fields)
        self._specs = tuple((f.name, f.metadata["spec"], _is_required(f)) for f in self.fields)
        self._has_rules = hasattr(model, "problems")

    def convert(self, raw: Any, path: DataPath, ctx: Context) -> Any:
        if not isinstance(raw, dict):
            return ctx.error(path, expected=self.expected, got=describe(raw))
        failed = False
        if not self._known.issuperset(raw):
            for key in raw:
                if key not in self._known:
                    hint = difflib.get_close_matches(key, self._known, n=1)
                    ctx.error((*path, key), at_key=True, got=f"'{key}'",
                              expected="one of the fields " + ", ".join(sorted(self._known)),
                              message="unknown field" + (f"; did you mean '{hint[0]}'?" if hint else ""))
            failed = True
        values: dict[str, Any] = {}
        for name, field_type, required in self._specs:
            if name not in raw:
                if required:
                    ctx.error((*path, name), expected=field_type.expected,
                              got="nothing", message="missing required field")
                    failed = True
                continue
            value = field_type.convert(raw[name], (*path, name), ctx)
            if value is INVALID:
                failed = True
            else:
                values[name] = value
        if failed:
            return INVALID
        record = self.model(**values)
        problems = list(record.problems()) if self._has_rules else []
        for where, message in problems:
            relative = where if isinstance(where, tuple) else ((where,) if where else ())
            # Point at the field's key ("options:"), not at the first line of its value.
            ctx.error((*path, *relative), message=message, at_key=bool(relative))
        return INVALID if problems else record

    def json_schema(self, known: dict[str, list[str]] | None = None) -> dict[str, Any]:
        properties = {}
        for f in self.fields:
            schema = dict(f.metadata["spec"].json_schema(known))
            if f.metadata.get("doc"):
                schema["description"] = f.metadata["doc"]
            properties[f.name] = schema
        schema = {
            "type": "object",
            "title": self.model.__name__,
            "properties": properties,
            "additionalProperties": False,
        }
        required = [f.name for f in self.fields if _is_required(f)]
        if required:
            schema["required"] = required
        if self.model.__doc__:
            schema["description"] = " ".join(self.model.__doc__.split())
        return schema


def _is_required(f: dataclasses.Field) -> bool:
    return f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING


def spec(field_type: FieldType, doc: str = "", **kwargs: Any) -> Any:
    """Declare a model field: its type and help text (shown in editors via JSON Schema).

    Pass `default=` for an optional field; without it the field is required.
    """
    return dataclasses.field(metadata={"spec": field_type, "doc": doc}, **kwargs)
