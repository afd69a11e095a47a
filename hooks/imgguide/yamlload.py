"""Strict YAML loading, with positions for error messages.

`load(path)` parses one file into plain Python data in which every scalar is a `str`
(YAML 1.1's implicit typing is switched off: `NO`, `on`, `2026-09-24` and `010` all stay
text). The validator converts scalars to the types its fields expect.

Rejected here, each as a `SourceError` with line and column:
- syntax errors, more than one document in a file, an empty file;
- duplicate keys in a mapping (PyYAML silently keeps the last one);
- anchors/aliases (`&x` / `*x`) and explicit tags (`!!python/object`, `!!int`):
  content stays plain data that any YAML tool reads the same way.

Positions are looked up only when a message needs one (`YamlDocument.mark`), from the
node tree, which is rebuilt from the file's text if it was already released. Valid
content, the common case, never pays for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError

PathKey = str | int
DataPath = tuple[PathKey, ...]

_BaseLoader = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class _PlainTextLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A safe loader whose resolver never guesses types: every plain scalar is `str`.

    The parser asks the resolver about every node; answering directly (instead of walking
    empty resolver tables) makes composing a large question bank about a third faster.
    """

    yaml_implicit_resolvers: dict = {}
    _DEFAULT_TAGS = {
        yaml.ScalarNode: "tag:yaml.org,2002:str",
        yaml.SequenceNode: "tag:yaml.org,2002:seq",
        yaml.MappingNode: "tag:yaml.org,2002:map",
    }

    def resolve(self, kind, value, implicit):  # noqa: D102 - see the class docstring
        return self._DEFAULT_TAGS[kind]

    def descend_resolver(self, current_node, current_index):
        pass

    def ascend_resolver(self):
        pass


# YAML 1.1's own resolver, used only to tell authors what other tools would make of an
# unquoted scalar ("yes" -> a boolean), never to convert anything.
_YAML11_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_STANDARD_TAGS = {_STR_TAG, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_NOT_PLAIN = object()  # see _Walker._plain_child
_IMPLICIT_NAMES = {
    "tag:yaml.org,2002:bool": "boolean",
    "tag:yaml.org,2002:null": "null",
    "tag:yaml.org,2002:timestamp": "date",
    "tag:yaml.org,2002:int": "integer",
    "tag:yaml.org,2002:float": "number",
}
# An unquoted scalar can only resolve to a non-string if it starts like a number or a date,
# or is one of these words; everything else skips the (slow) resolver.
_NUMERIC_START = frozenset("0123456789+-.~")
_SPECIAL_WORDS = frozenset(
    word
    for base in ("yes", "no", "true", "false", "on", "off", "y", "n", "null", "")
    for word in (base, base.capitalize(), base.upper())
)


class ImplicitText(str):
    """Text that YAML 1.1 would have read as something else (`yes`, `2026-01-01`, `~`).

    `yaml_type` names it ("boolean", "date", ...), so a field expecting text can ask the
    author to quote it. In every other respect it is the `str` it looks like.
    """

    yaml_type: str


def _plain_scalar(value: str) -> str:
    if value and value[0] not in _NUMERIC_START and value not in _SPECIAL_WORDS:
        return value
    implicit = _YAML11_RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    if implicit not in _IMPLICIT_NAMES:
        return value
    text = ImplicitText(value)
    text.yaml_type = _IMPLICIT_NAMES[implicit]
    return text


@dataclass(frozen=True)
class Mark:
    """A 1-based position in a file."""

    line: int
    col: int


def _mark_of(node: yaml.Node) -> Mark:
    return Mark(node.start_mark.line + 1, node.start_mark.column + 1)


class YamlDocument:
    """One parsed file: its data, and where each part of it came from.

    Positions come from the node tree: kept while a freshly parsed file is validated,
    rebuilt from `read_text()` when a later check (a duplicate id, a broken reference)
    needs one after `release()`.
    """

    def __init__(self, file: str, data: Any = None, root: yaml.Node | None = None,
                 read_text: Callable[[], str] | None = None) -> None:
        self.file = file
        self.data = data
        self._root = root
        self._read_text = read_text

    def release(self) -> None:
        """Drop the node tree (it is rebuilt from the text if a position is needed)."""
        if self._read_text is not None:
            self._root = None

    def _node_tree(self) -> yaml.Node | None:
        if self._root is None and self._read_text is not None:
            try:
                self._root = yaml.compose(self._read_text(), Loader=_PlainTextLoader)
            except (OSError, yaml.YAMLError):
                return None
        return self._root

    def _walk(self, path: DataPath) -> tuple[list[yaml.Node], yaml.Node | None]:
        """The nodes along `path` as far as it exists, and the key node of its last step."""
        node = self._node_tree()
        if node is None:
            return [], None
        nodes = [node]
        key_node = None
        for part in path:
            child = None
            if isinstance(node, yaml.MappingNode) and isinstance(part, str):
                for key, value in node.value:
                    if isinstance(key, yaml.ScalarNode) and key.value == part:
                        key_node, child = key, value
                        break
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                key_node, child = None, node.value[part]
            if child is None:
                return nodes, None
            nodes.append(child)
            node = child
        return nodes, key_node

    def mark(self, path: DataPath) -> Mark:
        """The position of the value at `path`, or of its closest existing parent."""
        nodes, _ = self._walk(path)
        return _mark_of(nodes[-1]) if nodes else Mark(1, 1)

    def item_lines(self) -> list[int] | None:
        """The 0-based first line of each item of a top-level sequence (None if the node
        tree is gone or the file is not a sequence)."""
        if not isinstance(self._root, yaml.SequenceNode):
            return None
        return [item.start_mark.line for item in self._root.value]

    def key_mark(self, path: DataPath) -> Mark:
        """The position of the key that introduces `path` (falls back to `mark`)."""
        nodes, key_node = self._walk(path)
        if key_node is not None and len(nodes) == len(path) + 1:
            return _mark_of(key_node)
        return self.mark(path)


class _Walker:
    """Turns a composed node tree into plain data, collecting problems."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.errors: list[SourceError] = []
        self._seen_nodes: set[int] = set()

    def error(self, mark: Mark, field_path: DataPath, message: str) -> None:
        self.errors.append(SourceError(self.file, mark.line, mark.col, format_path(field_path), message=message))

    def walk(self, node: yaml.Node, path: DataPath, key_node: yaml.Node | None = None) -> Any:
        if id(node) in self._seen_nodes:
            # An alias yields the anchored node again, with the anchor's position: report
            # it where it is used, at its key.
            self.error(_mark_of(key_node or node), path, "aliases (*name) are not allowed; write the value out")
            return None
        self._seen_nodes.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            self.error(_mark_of(node), path, f"explicit YAML tags are not allowed, found '{node.tag}'")
            return None
        if isinstance(node, yaml.ScalarNode):
            return _plain_scalar(node.value) if node.style in (None, "") else node.value
        if isinstance(node, yaml.SequenceNode):
            items = []
            for index, item in enumerate(node.value):
                scalar = self._plain_child(item)
                items.append(self.walk(item, (*path, index)) if scalar is _NOT_PLAIN else scalar)
            return items
        return self._walk_mapping(node, path)

    def _plain_child(self, node: yaml.Node) -> Any:
        """What `walk` makes of an ordinary text scalar (most nodes of a bank), without a
        call and a new path for it; _NOT_PLAIN for any other node, which `walk` takes."""
        if node.__class__ is not yaml.ScalarNode or node.tag != _STR_TAG or id(node) in self._seen_nodes:
            return _NOT_PLAIN
        self._seen_nodes.add(id(node))
        return _plain_scalar(node.value) if node.style in (None, "") else node.value

    def _walk_mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(_mark_of(key_node), path, "mapping keys must be plain text")
                continue
            key = key_node.value
            if key in first_seen:
                self.error(
                    _mark_of(key_node),
                    (*path, key),
                    f"duplicate key '{key}' (first defined on line {_mark_of(first_seen[key]).line}); "
                    "YAML would silently keep only the last one",
                )
                continue
            first_seen[key] = key_node
            scalar = self._plain_child(value_node)
            result[key] = self.walk(value_node, (*path, key), key_node) if scalar is _NOT_PLAIN else scalar
        return result


# What makes a file unsafe to cut into items (see `top_level_items`): other line breaks than
# "\n" (YAML also breaks lines at \r, NEL, LS and PS), a byte-order mark, block scalars
# that keep trailing blank lines (`|+`, they would take in the lines between items), and
# anything that could be an anchor (a repeated anchor is an error only in the whole file).
_UNSAFE_CHARACTERS = "\r\x85\u2028\u2029\ufeff"
_KEEP_CHOMPING = re.compile(r"\+(?:(?<=[|>]\+)|(?<=[|>][0-9]\+))")  # `|+`, `>2+`; "+" first: fast
_MAYBE_ANCHOR = re.compile(r"&\S")
# Both scan "\n" + text: a pattern that starts with a plain "\n" is found fast.
_ITEM_START = re.compile(r"\n-(?= |\n|\Z)")
# A line at column 0 that is neither an item's start, a comment nor blank: a key, a
# directive, "---", "...", a tab, a flow collection...
_OTHER_LINE = re.compile(r"\n(?:[^ #\n-]|-(?![ \n]|\Z))")


def top_level_items(text: str) -> list[tuple[int, str]] | None:
    """Cut a file that is plainly a list of independent items at the lines that start one
    ("- " or "-" alone at column 0): `(first line, 0-based; the item's text)` for each, or
    None when the file is anything else.

    Every other line must be indented, blank or a comment, and the text before the first
    item blank lines or comments. Each item's text then parses, alone, to exactly what it
    is in the whole file, as long as it parses without any problem (a quote or bracket left
    open, which would run into the next item, does not): callers parse an item alone only to
    reuse it, and parse the whole file whenever anything is wrong, for the real messages.
    """
    lines = "\n" + text
    if any(char in text for char in _UNSAFE_CHARACTERS) or _KEEP_CHOMPING.search(text) or _OTHER_LINE.search(lines):
        return None
    for match in _MAYBE_ANCHOR.finditer(text):
        if match.start() == 0 or text[match.start() - 1] in " \t\n[{,":
            return None
    offsets = [match.start() for match in _ITEM_START.finditer(lines)]  # = the offset in text
    if not offsets:
        return None
    for line in text[: offsets[0]].split("\n"):
        if line.strip() and not line.lstrip().startswith("#"):
            return None  # content before the first item
    items = []
    line = text.count("\n", 0, offsets[0])
    for start, end in zip(offsets, [*offsets[1:], len(text)], strict=True):
        item = text[start:end]
        items.append((line, item))
        line += item.count("\n")
    return items


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
    callers convert it only if the list is empty.
    """
    name = display_name or path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return YamlDocument(name), [SourceError(name, message=f"file is not valid UTF-8 ({exc.reason})")]
    except OSError as exc:
        return YamlDocument(name), [SourceError(name, message=f"cannot read file ({exc.strerror})")]
    document, problems = parse(text, name)
    document._read_text = lambda: path.read_text(encoding="utf-8")
    return document, problems


def parse(text: str, name: str) -> tuple[YamlDocument, list[SourceError]]:
    """Like `load`, for text already in memory (`name` is used in messages)."""
    try:
        nodes = list(yaml.compose_all(text, Loader=_PlainTextLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(part for part in (exc.context, exc.problem) if part)
        return YamlDocument(name), [SourceError(name, line, col, message=f"YAML syntax error: {problem}")]
    except yaml.YAMLError as exc:  # e.g. a reader error on a control character
        return YamlDocument(name), [SourceError(name, message=f"YAML error: {exc}")]
    nodes = [node for node in nodes if node is not None]
    if not nodes:
        return YamlDocument(name), [SourceError(name, 1, 1, message="file is empty")]
    if len(nodes) > 1:
        second = _mark_of(nodes[1])
        return YamlDocument(name), [
            SourceError(name, second.line, second.col, message="only one YAML document per file (remove '---')")
        ]
    walker = _Walker(name)
    data = walker.walk(nodes[0], ())
    return YamlDocument(name, data, root=nodes[0], read_text=lambda: text), walker.errors
