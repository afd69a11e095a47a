"""Strict, line-aware YAML loading.

`load(path)` parses one file into plain Python data in which every scalar is a `str`
(YAML 1.1's implicit typing is switched off: `NO`, `on`, `2026-09-24` and `010` all stay
text), together with a table of where each value sits in the file. The validator converts
scalars to the types its fields expect and reports problems at those positions.

Rejected here, each as a `SourceError` with line and column:
- syntax errors, more than one document in a file, an empty file;
- duplicate keys in a mapping (PyYAML silently keeps the last one);
- anchors/aliases (`&x` / `*x`) and explicit tags (`!!python/object`, `!!int`):
  content stays plain data that any YAML tool reads the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import yaml

from .errors import SourceError

PathKey = Union[str, int]
DataPath = tuple[PathKey, ...]

_BaseLoader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class _PlainTextLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader whose resolver never guesses types: every plain scalar is `str`."""

    yaml_implicit_resolvers: dict = {}


# YAML 1.1's own resolver, used only to tell authors what other tools would make of a
# plain scalar ("yes" -> a boolean), never to convert anything.
_YAML11_RESOLVER = yaml.resolver.Resolver()
_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}
_IMPLICIT_NAMES = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "number",
}


@dataclass(frozen=True)
class Mark:
    """A 1-based position in a file."""

    line: int
    col: int


@dataclass
class YamlDocument:
    """One parsed file: its data and where each part of it came from.

    `marks[path]` is the position of the value at `path` (for example
    ``("actions", 2, "text")``); `key_marks[path]` the position of the key that introduced
    it. `implicit_types[path]` names what YAML 1.1 would have made of an unquoted scalar
    ("boolean" for `yes`), so the validator can refuse it where text is expected.
    """

    file: str
    data: Any
    marks: dict[DataPath, Mark] = field(default_factory=dict)
    key_marks: dict[DataPath, Mark] = field(default_factory=dict)
    implicit_types: dict[DataPath, str] = field(default_factory=dict)

    def mark(self, path: DataPath) -> Mark:
        """The closest known position for `path` (falls back to its parents, then 1:1)."""
        for end in range(len(path), -1, -1):
            found = self.marks.get(path[:end])
            if found:
                return found
        return Mark(1, 1)

    def key_mark(self, path: DataPath) -> Mark:
        return self.key_marks.get(path) or self.mark(path)


class _Walker:
    """Turns a composed node tree into plain data, recording marks and problems."""

    def __init__(self, document: YamlDocument) -> None:
        self.document = document
        self.errors: list[SourceError] = []
        self._seen_nodes: set[int] = set()

    def error(self, mark: Mark, field_path: DataPath, message: str) -> None:
        self.errors.append(
            SourceError(
                self.document.file,
                mark.line,
                mark.col,
                format_path(field_path),
                message=message,
            )
        )

    def walk(self, node: yaml.Node, path: DataPath) -> Any:
        mark = _mark_of(node)
        if id(node) in self._seen_nodes:
            # An alias yields the anchored node again (with the anchor's position), so
            # report it where it is used: at its key.
            self.error(self.document.key_marks.get(path, mark), path,
                       "aliases (*name) are not allowed; write the value out")
            return None
        self.document.marks[path] = mark
        self._seen_nodes.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            self.error(mark, path, f"explicit YAML tags are not allowed, found '{node.tag}'")
            return None
        if isinstance(node, yaml.ScalarNode):
            if node.style in (None, ""):
                implicit = _YAML11_RESOLVER.resolve(yaml.ScalarNode, node.value, (True, False))
                if implicit in _IMPLICIT_NAMES:
                    self.document.implicit_types[path] = _IMPLICIT_NAMES[implicit]
            return node.value
        if isinstance(node, yaml.SequenceNode):
            return [self.walk(item, (*path, index)) for index, item in enumerate(node.value)]
        return self._walk_mapping(node, path)

    def _walk_mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, Mark] = {}
        for key_node, value_node in node.value:
            key_mark = _mark_of(key_node)
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_mark, path, "mapping keys must be plain text")
                continue
            key = key_node.value
            if key in first_seen:
                earlier = first_seen[key]
                self.error(
                    key_mark,
                    (*path, key),
                    f"duplicate key '{key}' (first defined on line {earlier.line}); "
                    "YAML would silently keep only the last one",
                )
                continue
            first_seen[key] = key_mark
            self.document.key_marks[(*path, key)] = key_mark
            result[key] = self.walk(value_node, (*path, key))
        return result


def _mark_of(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


def format_path(path: DataPath) -> str:
    """`("actions", 2, "text")` -> ``actions[2].text``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def load(path: Path, display_name: str | None = None) -> tuple[YamlDocument, list[SourceError]]:
    """Parse `path`; return the document and every problem found while reading it.

    When there are problems, `document.data` is whatever could be read (possibly None);
    callers validate it anyway only if the list is empty.
    """
    name = display_name or path.as_posix()
    document = YamlDocument(file=name, data=None)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return document, [SourceError(name, message=f"file is not valid UTF-8 ({exc.reason})")]
    except OSError as exc:
        return document, [SourceError(name, message=f"cannot read file ({exc.strerror})")]
    return parse(text, name)


def parse(text: str, name: str) -> tuple[YamlDocument, list[SourceError]]:
    """Like `load`, for text already in memory (`name` is used in messages)."""
    document = YamlDocument(file=name, data=None)
    try:
        nodes = list(yaml.compose_all(text, Loader=_PlainTextLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        return document, [SourceError(name, line, col, message=f"YAML syntax error: {problem}")]
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        return document, [SourceError(name, message=f"YAML error: {exc}")]
    nodes = [node for node in nodes if node is not None]
    if not nodes:
        return document, [SourceError(name, 1, 1, message="file is empty")]
    if len(nodes) > 1:
        second = _mark_of(nodes[1])
        return document, [
            SourceError(name, second.line, second.col, message="only one YAML document per file (remove '---')")
        ]
    walker = _Walker(document)
    document.data = walker.walk(nodes[0], ())
    return document, walker.errors
