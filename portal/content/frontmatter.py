"""Decoding, front-matter splitting and strict YAML with line numbers.

The YAML is parsed event by event (libyaml's C parser when available) into a
small node tree that remembers the line of every key, so that each field's
parser can report ``path:line: field``.  Anchors, aliases, explicit tags and
duplicate keys are refused here, which also rules out alias bombs and
``!!python/...`` objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

from ..words.messages import say

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is a dependency of the wheels we pin
    _Loader = yaml.SafeLoader

MAX_FILE_BYTES = 1024 * 1024
READ_LIMIT = 16 * MAX_FILE_BYTES  # a reader need not read more than this to refuse the file
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
    #: keys whose value used a refused YAML feature (already reported): parsers skip them
    refused: set[str] = field(default_factory=set)

    def to_python(self) -> Any:
        return {key: node.to_python() for key, (_, node) in self.items.items()}


Node = Scalar | Seq | Map


def _line_at(data: bytes, offset: int) -> int:
    """Line of byte ``offset``, counting CRLF, LF and a lone CR as one line break each."""
    head = data[:offset]
    return head.count(b"\n") + head.count(b"\r") - head.count(b"\r\n") + 1


def _looks_like_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: the bytes read as UTF-16 give text without NULs, mostly printable."""
    sample = data[:4096]
    if len(data) % 2 or len(sample) < 4:
        return False
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        printable = sum(1 for ch in text if ch.isprintable() or ch in "\r\n\t")
        if "\x00" not in text and printable >= 0.95 * len(text):
            return True
    return False


def decode(data: bytes) -> tuple[str | None, list[SourceError]]:
    """UTF-8 text with newlines normalised, or the reason it cannot be read."""
    if len(data) > MAX_FILE_BYTES:
        size = f"{-(-len(data) // 1024)} KiB" if len(data) <= READ_LIMIT else say("file.over_16mib")
        return None, [SourceError(1, "file", say("file.too_big", size=size))]
    utf16 = say("encoding.utf16")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None, [SourceError(1, "encoding", utf16)]
    start = 0
    while data.startswith(b"\xef\xbb\xbf", start):
        start += 3
    data = data[start:]
    if b"\x00" in data and _looks_like_utf16(data):
        return None, [SourceError(1, "encoding", utf16)]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 2].hex(" ")
        return None, [
            SourceError(
                _line_at(data, exc.start),
                "encoding",
                say("encoding.not_utf8", bytes=bad),
            )
        ]
    if "\x00" in text:
        return None, [
            SourceError(
                _line_at(data, data.index(b"\x00")),
                "encoding",
                say("encoding.nul"),
            )
        ]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


@dataclass
class Split:
    yaml_text: str | None  # None: no front-matter at all
    body: str
    body_line: int  # line number of the body's first line
    errors: list[SourceError] = field(default_factory=list)


_WIDE_DASHES = re.compile(r"[ \t]*[—–―─－‐‑﹣━]{2,}[ \t]*")


def split(text: str) -> Split:
    """Split ``---`` front-matter from the body, as MkDocs does (``---`` or ``...`` closes)."""
    lines = text.split("\n")
    if _WIDE_DASHES.fullmatch(lines[0]):
        return Split(
            None,
            text,
            1,
            [SourceError(1, "front-matter", say("frontmatter.wide_dashes_first", line=lines[0].strip()))],
        )
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
                            say("frontmatter.late_start", number=number),
                        )
                    ],
                )
        return Split(None, text, 1)
    for index in range(1, len(lines)):
        if lines[index].rstrip(" \t") in ("---", "..."):
            yaml_text = "\n".join(lines[1:index]) + "\n"
            return Split(yaml_text, "\n".join(lines[index + 1 :]), index + 2)
    for index in range(1, len(lines)):
        if _WIDE_DASHES.fullmatch(lines[index]):
            return Split(
                None,
                text,
                1,
                [
                    SourceError(
                        index + 1,
                        "front-matter",
                        say("frontmatter.closed_by_wide", line=lines[index].strip()),
                    )
                ],
            )
    return Split(
        None,
        text,
        1,
        [
            SourceError(
                1,
                "front-matter",
                say("frontmatter.unclosed"),
            )
        ],
    )


class _Composer:
    """Builds :data:`Node` trees from parser events, refusing YAML's risky features.

    A value that uses a refused feature (anchor, alias, tag, merge key) is
    reported once here and its key is put in :attr:`Map.refused`, so that
    the field parsers do not report the same line a second time.
    """

    def __init__(self, offset: int) -> None:
        self.offset = offset  # line of the YAML text's first line in the file, minus one
        self.errors: list[SourceError] = []
        self.anchors: list[tuple[int, str, str]] = []  # (line, where, name)
        self.aliases: list[tuple[int, str, str]] = []
        self.tainted: set[int] = set()  # id() of nodes that hold a refused feature

    def line(self, mark: Any) -> int:
        return int(mark.line) + 1 + self.offset

    def refuse_extras(self, event: Any, where: str) -> bool:
        line = self.line(event.start_mark)
        refused = False
        if getattr(event, "anchor", None) is not None:
            self.anchors.append((line, where, str(event.anchor)))
            refused = True
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            self.errors.append(SourceError(line, where, say("yaml.tag", tag=tag)))
            refused = True
        return refused

    def compose(self, yaml_text: str) -> Node | None:
        loader = _Loader(yaml_text)
        try:
            return self._compose_events(loader)
        except yaml.MarkedYAMLError as exc:
            self.errors.append(self._syntax_error(exc, yaml_text))
            return None
        except yaml.YAMLError as exc:  # e.g. a ReaderError: not expected after parse_yaml's clean-up
            reason = " ".join(str(exc).split())
            self.errors.append(SourceError(1 + self.offset, "front-matter", say("yaml.unreadable", reason=reason)))
            return None
        finally:
            loader.dispose()
            self._report_anchors()

    def _compose_events(self, loader: _Loader) -> Node | None:
        """The tree of the loader's events: containers on a stack, each finished node attached to its parent."""
        stack: list[Map | Seq] = []
        root: Node | None = None
        pending_key: list[Scalar | None] = []
        while True:
            event = loader.get_event()
            if isinstance(event, yaml.StreamEndEvent):
                return root
            node = self._event_node(event, stack, pending_key)
            if node is None:
                continue
            if not stack:
                root = node if root is None else root
                continue
            self._attach(stack[-1], node, pending_key)

    def _event_node(self, event: yaml.Event, stack: list[Map | Seq], pending_key: list[Scalar | None]) -> Node | None:
        """The node an event finishes (a scalar, an alias, a closed container), or None (an opened one, others)."""
        where = self._where(stack, pending_key)
        if isinstance(event, yaml.ScalarEvent):
            refused = self.refuse_extras(event, where)
            node = self._scalar(event)
            if refused:
                self.tainted.add(id(node))
            return node
        if isinstance(event, yaml.AliasEvent):
            self.aliases.append((self.line(event.start_mark), where, str(event.anchor)))
            alias = Scalar(None, "", self.line(event.start_mark))
            self.tainted.add(id(alias))
            return alias
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            container: Map | Seq = (
                Map(line=self.line(event.start_mark))
                if isinstance(event, yaml.MappingStartEvent)
                else Seq([], self.line(event.start_mark))
            )
            if self.refuse_extras(event, where):
                self.tainted.add(id(container))
            stack.append(container)
            pending_key.append(None)
            return None
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            pending_key.pop()
            return stack.pop()
        return None

    def _report_anchors(self) -> None:
        for found, key in ((self.anchors, "yaml.anchor"), (self.aliases, "yaml.alias")):
            if found:
                line, where, name = found[0]
                more = say("yaml.more", count=len(found) - 1) if len(found) > 1 else ""
                self.errors.append(SourceError(line, where, say(key, name=name, more=more)))
        self.anchors, self.aliases = [], []

    @staticmethod
    def _where(stack: list[Map | Seq], pending_key: list[Scalar | None]) -> str:
        """The path of the value being read: ``title``, ``adopted[1].date``; ``front-matter`` at the top."""
        path = ""
        for container, key in zip(stack, pending_key):
            if isinstance(container, Seq):
                path += f"[{len(container.items)}]"
            elif key is not None:
                path += f".{key.raw}" if path else key.raw
            else:
                break
        return path or "front-matter"

    def _scalar(self, event: Any) -> Scalar:
        line = self.line(event.start_mark)
        quoted = event.style not in (None, "")
        implicit = event.implicit
        tag = _RESOLVER.resolve(yaml.ScalarNode, event.value, implicit)
        node = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
        try:
            value = _CONSTRUCTOR.yaml_constructors[tag](_CONSTRUCTOR, node)
        except (ValueError, yaml.YAMLError, KeyError, OverflowError, TypeError):
            value = event.value  # e.g. 2026-02-30 matched the timestamp pattern but is no date
        return Scalar(value, event.value, line, quoted)

    def _attach(self, parent: Map | Seq, node: Node, pending_key: list[Scalar | None]) -> None:
        tainted = id(node) in self.tainted
        if tainted:
            self.tainted.add(id(parent))
        if isinstance(parent, Seq):
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if not isinstance(node, Scalar):
                self.errors.append(SourceError(node.line, "front-matter", say("yaml.key_not_word")))
                node = Scalar(None, "?", node.line)
                self.tainted.add(id(node))
            elif node.raw == "<<" and not node.quoted:
                self.errors.append(SourceError(node.line, "<<", say("yaml.merge_key")))
                self.tainted.add(id(node))
            elif tainted:
                self.tainted.add(id(node))
            pending_key[-1] = node
            return
        pending_key[-1] = None
        name = key.raw
        if name in parent.items:
            first = parent.items[name][0].line
            self.errors.append(SourceError(key.line, name, say("yaml.duplicate_key", name=name, first=first)))
            return
        parent.items[name] = (key, node)
        if tainted or id(key) in self.tainted:
            parent.refused.add(name)
            self.tainted.add(id(parent))

    def _syntax_error(self, exc: yaml.MarkedYAMLError, yaml_text: str) -> SourceError:
        mark = exc.problem_mark or exc.context_mark
        line = self.line(mark) if mark is not None else 1 + self.offset
        lines = yaml_text.split("\n")
        index = line - 1 - self.offset
        source_line = lines[index] if 0 <= index < len(lines) else ""
        before = lines[index - 1] if 0 < index <= len(lines) else ""
        problem = f"{exc.problem or exc.context}".strip()
        hint = "yaml.hint.layout"
        if "nesting depth" in problem:
            hint = "yaml.hint.depth"
        elif "\t" in source_line or "'\\t'" in problem:
            hint = "yaml.hint.tab"
        elif "\u3000" in source_line or "\u3000" in before:
            hint = "yaml.hint.wide_space"
            line -= "\u3000" not in source_line  # the parser notices on the line after
        elif "found unexpected end of stream" in problem and "quoted" in f"{exc.context}":
            hint = "yaml.hint.quote_pair"
        elif "：" in source_line or "：" in before:
            hint = "yaml.hint.wide_colon"
            line -= "：" not in source_line
        elif _INDENTED_KEY.match(source_line) and before[:1] not in " -" and not before.rstrip().endswith(":"):
            hint = "yaml.hint.indent"
        elif source_line.count(":") > 1 and not any(c in source_line for c in "'\""):
            hint = "yaml.hint.quote_colon"
        said = (
            say("yaml.problem.indent_char")
            if hint in ("yaml.hint.tab", "yaml.hint.wide_space")
            else yaml_problem(problem)
        )
        return SourceError(line, "front-matter", say("yaml.syntax", problem=said, hint=say(hint)))


#: Characters YAML refuses outright (C0/C1 controls, surrogates, non-characters).
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
#: Characters YAML takes as line breaks, which would shift every line number after them.
_ODD_BREAKS = str.maketrans({"\x85": " ", "\u2028": " ", "\u2029": " "})
#: ``section：社会救助股``: a field name followed by the full-width colon of the Chinese input method.
_WIDE_COLON = re.compile(r"^([ ]*(?:-[ ]+)?)([A-Za-z_][A-Za-z0-9_-]*)[ \t]*：[ \t]*", re.MULTILINE)


def field_at(root: Node | None, line: int) -> str:
    """The top-level key written on or above ``line`` (``front-matter`` above the first)."""
    best = "front-matter"
    if isinstance(root, Map):
        for key, (key_node, _) in root.items.items():
            if key_node.line <= line:
                best = key or "front-matter"  # an empty key (``? ``) names no field
    return best


#: Text that may hold an anchor, alias, tag, directive or merge key: read event by event.
_RISKY_RE = re.compile(r"[&*!%]|<<")
_FAILED = object()
#: ``  author: 王芳`` under a field that opens no block: a field indented by mistake.
_INDENTED_KEY = re.compile(r"[ ]+[A-Za-z_][A-Za-z0-9_-]*:(\s|$)")


def _fast(yaml_text: str, first_line: int) -> Any:
    """The node tree built by libyaml's composer, or ``_FAILED`` when the careful reader is needed.

    Only for text without anchors, aliases, tags, directives and merge keys; a
    duplicate key or any YAML error also sends the text to :class:`_Composer`,
    which reports it precisely.  Same result as the careful reader, about 5× faster.
    """
    try:
        tree = yaml.compose(yaml_text, Loader=_Loader)
    except yaml.YAMLError:
        return _FAILED
    offset = first_line

    def convert(node: Any) -> Any:
        line = node.start_mark.line + offset
        if isinstance(node, yaml.ScalarNode):
            try:
                value = _CONSTRUCTOR.yaml_constructors[node.tag](_CONSTRUCTOR, node)
            except (ValueError, yaml.YAMLError, KeyError, OverflowError, TypeError):
                value = node.value
            return Scalar(value, node.value, line, node.style not in (None, ""))
        if isinstance(node, yaml.SequenceNode):
            return Seq([convert(item) for item in node.value], line)
        mapping = Map(line=line)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.value in mapping.items:
                raise _Careful
            mapping.items[key_node.value] = (convert(key_node), convert(value_node))
        return mapping

    try:
        return None if tree is None else convert(tree)
    except _Careful:
        return _FAILED


class _Careful(Exception):
    """Raised inside :func:`_fast` when the text needs the careful reader."""


def _compose(yaml_text: str, first_line: int) -> tuple[Node | None, list[SourceError]]:
    if not _RISKY_RE.search(yaml_text):
        tree = _fast(yaml_text, first_line)
        if tree is not _FAILED:
            return tree, []
    composer = _Composer(first_line - 1)
    root = composer.compose(yaml_text)
    return root, composer.errors


def parse_yaml(yaml_text: str, first_line: int = 2) -> tuple[Map | None, list[SourceError]]:
    """Parse a front-matter block whose first line is ``first_line`` of the file."""
    if len(yaml_text.encode("utf-8", "surrogatepass")) > MAX_FRONTMATTER_BYTES:
        return None, [
            SourceError(
                1,
                "front-matter",
                say("frontmatter.too_big"),
            )
        ]
    yaml_text = yaml_text.replace("\r\n", "\n").replace("\r", "\n").translate(_ODD_BREAKS)
    controls: list[tuple[int, str]] = []
    for number, text_line in enumerate(yaml_text.split("\n") if _UNPRINTABLE.search(yaml_text) else (), first_line):
        found = _UNPRINTABLE.search(text_line)
        if found:
            controls.append((number, found.group(0)))
    if controls:
        yaml_text = _UNPRINTABLE.sub(" ", yaml_text)
    root, errors = _compose(yaml_text, first_line)
    if errors or (root is not None and not isinstance(root, Map)):
        wide = list(_WIDE_COLON.finditer(yaml_text))
        if wide:
            fixed = _WIDE_COLON.sub(lambda m: f"{m.group(1)}{m.group(2)}: ", yaml_text)
            root, errors = _compose(fixed, first_line)
            for match in wide:
                errors.append(
                    SourceError(
                        first_line + yaml_text.count("\n", 0, match.start()),
                        match.group(2),
                        say("frontmatter.wide_colon", name=match.group(2), value=_rest_of_line(yaml_text, match)),
                    )
                )
    for number, char in controls:
        errors.append(
            SourceError(
                number,
                field_at(root, number),
                say("frontmatter.control_char", code=f"{ord(char):04X}"),
            )
        )
    if root is None and not errors:
        return Map(line=1), []
    if root is not None and not isinstance(root, Map):
        hint = say("frontmatter.not_mapping_colon") if "：" in yaml_text else ""
        errors.append(SourceError(first_line, "front-matter", say("frontmatter.not_mapping", hint=hint)))
        return None, errors
    return root if isinstance(root, Map) else None, errors


#: PyYAML's own words for the common mistakes, and the catalogue key that says them in Chinese.
_YAML_PROBLEMS: tuple[tuple[str, str], ...] = (
    ("mapping values are not allowed", "yaml.problem.mapping_values"),
    ("could not find expected ':'", "yaml.problem.no_colon"),
    ("cannot start any token", "yaml.problem.bad_character"),
    ("did not find expected key", "yaml.problem.expected_key"),
    ("did not find expected '-' indicator", "yaml.problem.expected_dash"),
    ("block sequence entries are not allowed", "yaml.problem.dash_here"),
    ("found unexpected end of stream", "yaml.problem.unclosed"),
    ("found unknown escape character", "yaml.problem.escape"),
    ("expected ',' or ']'", "yaml.problem.flow_list"),
    ("expected ',' or '}'", "yaml.problem.flow_map"),
    ("expected <block end>", "yaml.problem.indent"),
    ("nesting depth", "yaml.problem.depth"),
    ("expected alphabetic or numeric character", "yaml.problem.anchor_name"),
    ("found undefined tag handle", "yaml.problem.tag_handle"),
)


def yaml_problem(problem: str) -> str:
    """PyYAML's English ``problem`` said in plain Chinese (a general sentence for the rare ones)."""
    for words, key in _YAML_PROBLEMS:
        if words in problem:
            return say(key)
    return say("yaml.problem.other")


def _rest_of_line(text: str, match: re.Match[str]) -> str:
    """What follows a field name and its full-width colon on the same line: the value as written."""
    end = text.find("\n", match.end())
    return text[match.end() : None if end < 0 else end].strip() or "…"
