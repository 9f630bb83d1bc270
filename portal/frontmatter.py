"""Decoding, front-matter splitting and strict YAML with line numbers.

The YAML is parsed event by event (libyaml's C parser when available) into a
small node tree that remembers the line of every key, so that each field's
parser can report ``path:line: field``.  Anchors, aliases, explicit tags and
duplicate keys are refused here, which also rules out alias bombs and
``!!python/...`` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is a dependency of the wheels we pin
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 1024 * 1024
MAX_FRONTMATTER_BYTES = 64 * 1024
_RESOLVER = Resolver()
_CONSTRUCTOR = SafeConstructor()


@dataclass
class SourceError:
    """A problem found before or while reading the YAML: line, field, message."""

    line: int
    field: str
    message: str


@dataclass
class Scalar:
    value: Any
    raw: str
    line: int
    quoted: bool = False

    def to_python(self) -> Any:
        return self.value


@dataclass
class Seq:
    items: list[Node]
    line: int

    def to_python(self) -> Any:
        return [item.to_python() for item in self.items]


@dataclass
class Map:
    items: dict[str, tuple[Scalar, Node]] = field(default_factory=dict)
    line: int = 1

    def to_python(self) -> Any:
        return {key: node.to_python() for key, (_, node) in self.items.items()}


Node = Scalar | Seq | Map


def decode(data: bytes) -> tuple[str | None, list[SourceError]]:
    """UTF-8 text with newlines normalised, or the reason it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        return None, [
            SourceError(
                1,
                "file",
                f"is {len(data) // 1024} KiB, over the 1024 KiB limit; split it or move attachments out of the text",
            )
        ]
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None, [
            SourceError(1, "encoding", "the file is UTF-16; save it as UTF-8 (in Notepad or WPS: 另存为 → 编码 UTF-8)")
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        bad = data[exc.start : exc.start + 2].hex(" ")
        return None, [
            SourceError(
                line,
                "encoding",
                f"bytes {bad} are not UTF-8 (GBK?); save the file as UTF-8 (在编辑器中 另存为 → 编码 UTF-8)",
            )
        ]
    if "\x00" in text:
        line = text[: text.index("\x00")].count("\n") + 1
        return None, [
            SourceError(
                line,
                "encoding",
                "the file contains a NUL byte; it is binary or damaged: save it again as plain UTF-8 text",
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


@dataclass
class Split:
    yaml_text: str | None  # None: no front-matter at all
    body: str
    body_line: int  # line number of the body's first line
    errors: list[SourceError] = field(default_factory=list)


def split(text: str) -> Split:
    """Split ``---`` front-matter from the body, as MkDocs does (``---`` or ``...`` closes)."""
    lines = text.split("\n")
    if lines[0].rstrip(" \t") != "---":
        for number, line in enumerate(lines[:50], start=1):
            if line.strip() == "---" and number > 1 and all(not x.strip() for x in lines[: number - 1]):
                return Split(
                    None,
                    text,
                    1,
                    [
                        SourceError(
                            1,
                            "front-matter",
                            f"the '---' block starts on line "
                            f"{number}; it must start on the first line: "
                            "delete the blank lines above it",
                        )
                    ],
                )
        return Split(None, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip(" \t") in ("---", "..."):
            yaml_text = "\n".join(lines[1:index]) + "\n"
            return Split(yaml_text, "\n".join(lines[index + 1 :]), index + 2)
    return Split(
        None,
        text,
        1,
        [
            SourceError(
                1,
                "front-matter",
                "the block opened by '---' on line 1 is never closed; add a line '---' after the last field",
            )
        ],
    )


class _Composer:
    """Builds :data:`Node` trees from parser events, refusing YAML's risky features."""

    def __init__(self, offset: int) -> None:
        self.offset = offset  # line of the YAML text's first line in the file, minus one
        self.errors: list[SourceError] = []

    def line(self, mark: Any) -> int:
        return int(mark.line) + 1 + self.offset

    def refuse_extras(self, event: Any, where: str) -> None:
        line = self.line(event.start_mark)
        if getattr(event, "anchor", None) is not None:
            self.errors.append(
                SourceError(line, where, f"YAML anchors (&{event.anchor}) are not allowed; write the value out in full")
            )
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            self.errors.append(
                SourceError(
                    line, where, f"explicit YAML tags ({tag}) are not allowed; remove the tag and write a plain value"
                )
            )

    def compose(self, yaml_text: str) -> Node | None:
        loader = _Loader(yaml_text)
        stack: list[tuple[Map | Seq, Scalar | None]] = []
        root: Node | None = None
        pending_key: list[Scalar | None] = []
        try:
            while True:
                event = loader.get_event()
                if isinstance(event, yaml.StreamEndEvent):
                    break
                node: Node | None = None
                where = self._where(stack, pending_key)
                if isinstance(event, yaml.ScalarEvent):
                    self.refuse_extras(event, where)
                    node = self._scalar(event)
                elif isinstance(event, yaml.AliasEvent):
                    self.errors.append(
                        SourceError(
                            self.line(event.start_mark),
                            where,
                            f"YAML aliases (*{event.anchor}) are not allowed; write the value out in full",
                        )
                    )
                    node = Scalar(None, "", self.line(event.start_mark))
                elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                    self.refuse_extras(event, where)
                    container: Map | Seq = (
                        Map(line=self.line(event.start_mark))
                        if isinstance(event, yaml.MappingStartEvent)
                        else Seq([], self.line(event.start_mark))
                    )
                    stack.append((container, None))
                    pending_key.append(None)
                    continue
                elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                    node = stack.pop()[0]
                    pending_key.pop()
                else:
                    continue
                if not stack:
                    root = node if root is None else root
                    continue
                self._attach(stack[-1][0], node, pending_key)
        except yaml.MarkedYAMLError as exc:
            self.errors.append(self._syntax_error(exc, yaml_text))
            return None
        finally:
            loader.dispose()
        return root

    @staticmethod
    def _where(stack: list[tuple[Map | Seq, Scalar | None]], pending_key: list[Scalar | None]) -> str:
        if stack and isinstance(stack[-1][0], Map) and pending_key[-1] is not None:
            return pending_key[-1].raw
        return "front-matter"

    def _scalar(self, event: Any) -> Scalar:
        line = self.line(event.start_mark)
        quoted = event.style not in (None, "")
        implicit = event.implicit
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, implicit)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, yaml.YAMLError, KeyError, OverflowError):
            value = event.value  # e.g. 2026-02-30 matched the timestamp pattern but is no date
        return Scalar(value, event.value, line, quoted)

    def _attach(self, parent: Map | Seq, node: Node, pending_key: list[Scalar | None]) -> None:
        if isinstance(parent, Seq):
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                self.errors.append(SourceError(node.line, "front-matter", "a key must be a plain word followed by ':'"))
                node = Scalar(None, "?", node.line)
            pending_key[-1] = node
            return
        pending_key[-1] = None
        name = key.raw
        if name in parent.items:
            first = parent.items[name][0].line
            self.errors.append(
                SourceError(key.line, name, f"duplicate key {name!r} (first on line {first}); keep only one")
            )
            return
        parent.items[name] = (key, node)

    def _syntax_error(self, exc: yaml.MarkedYAMLError, yaml_text: str) -> SourceError:
        mark = exc.problem_mark or exc.context_mark
        line = self.line(mark) if mark is not None else 1 + self.offset
        lines = yaml_text.split("\n")
        source_line = lines[line - 1 - self.offset] if 0 <= line - 1 - self.offset < len(lines) else ""
        problem = f"{exc.problem or exc.context}".strip()
        hint = "check the indentation and that each field is written 'key: value'"
        if "\t" in source_line or "'\\t'" in problem:
            hint = "indent with spaces, not tabs"
        elif "：" in source_line:
            hint = "use an ASCII colon ':' followed by a space, not the full-width '：'"
        elif ":" in source_line and not any(c in source_line for c in "'\""):
            hint = "put text containing ':' in quotes"
        return SourceError(line, "front-matter", f"invalid YAML ({problem}); {hint}")


def parse_yaml(yaml_text: str, first_line: int = 2) -> tuple[Map | None, list[SourceError]]:
    """Parse a front-matter block whose first line is ``first_line`` of the file."""
    if len(yaml_text.encode("utf-8")) > MAX_FRONTMATTER_BYTES:
        return None, [
            SourceError(
                1,
                "front-matter",
                "the front-matter is over 64 KiB; keep only the fields there and move long text into the body",
            )
        ]
    composer = _Composer(first_line - 1)
    root = composer.compose(yaml_text)
    if root is None and not composer.errors:
        return Map(line=1), []
    if root is not None and not isinstance(root, Map):
        hint = " (use an ASCII colon ':', not '：')" if "：" in yaml_text else ""
        composer.errors.append(
            SourceError(
                first_line,
                "front-matter",
                f"the front-matter must be 'key: value' lines, not a list or a single value{hint}",
            )
        )
        return None, composer.errors
    return root if isinstance(root, Map) else None, composer.errors
