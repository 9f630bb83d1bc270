"""Line-level edits of a file's front-matter: one field changed, every other byte kept (issue 24).

The mapping is never dumped again: PyYAML's composer only tells where each top-level field's key and value
start and end (character offsets in the file's own text), and an edit splices new text there, in the file's
own line endings.  Lines, comments, quoting and the body outside the splice stay byte for byte.  Whether the
result is valid is for the caller to check with the real parser (:mod:`portal.content.parsing`).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import yaml

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml is a dependency of the wheels we pin
    _Loader = yaml.SafeLoader

_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)?")
_EOL_RE = re.compile(r"\r\n|\r|\n")
_NULL = "tag:yaml.org,2002:null"
_BOOL = "tag:yaml.org,2002:bool"
_STR = "tag:yaml.org,2002:str"
#: The block a new list starts with, as the demo and ``new`` write it: ``adopted:`` then ``  - {…}`` lines.
INDENT = 2


class Unsupported(Exception):
    """The field is written in a shape this editor does not rewrite (a block mapping); ``line`` is its key's."""

    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


@dataclass(frozen=True)
class Layout:
    """Where a file's front-matter and its top-level fields are."""

    text: str  # the decoded file, byte-order mark removed, line endings as written
    start: int  # offset of the front-matter's first line (after the opening ``---`` line)
    end: int  # offset of the closing ``---`` (or ``...``) line
    newline: str  # the ending of the opening line, used for every line added
    fields: dict[str, tuple[Any, Any]]  # key -> (key node, value node) of PyYAML, offsets from ``start``

    def line_of(self, offset: int) -> int:
        """The 1-based line number of an offset in :attr:`text` (CRLF, LF and CR each end a line)."""
        return len(_EOL_RE.findall(self.text, 0, offset)) + 1


def layout(text: str) -> Layout | None:
    """The layout of ``text``'s front-matter, or None when it has none that YAML can read as a mapping."""
    lines = _LINE_RE.findall(text)
    if not lines or lines[0].rstrip("\r\n").rstrip(" \t") != "---":
        return None
    offset = len(lines[0])
    newline = lines[0][len(lines[0].rstrip("\r\n")) :] or "\n"
    for line in lines[1:]:
        if line.rstrip("\r\n").rstrip(" \t") in ("---", "..."):
            break
        offset += len(line)
    else:
        return None
    start = len(lines[0])
    try:
        root = yaml.compose(text[start:offset], Loader=_Loader)
    except yaml.YAMLError:
        return None
    if root is None:
        return Layout(text, start, offset, newline, {})
    if not isinstance(root, yaml.MappingNode):
        return None
    fields = {str(key.value): (key, value) for key, value in root.value if isinstance(key, yaml.ScalarNode)}
    return Layout(text, start, offset, newline, fields)


def _line_end(text: str, pos: int) -> int:
    """The offset just after the line break of the line ``pos`` is on (``pos`` itself at a line's start)."""
    if pos > 0 and text[pos - 1] in "\r\n":
        return pos
    found = _EOL_RE.search(text, pos)
    return found.end() if found else len(text)


def _last_end(node: Any) -> int:
    """Where a value's last written character ends (a block collection's own end mark runs on past comments)."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _last_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _last_end(node.value[-1])
    return int(node.end_mark.index)


def _is_empty(node: Any) -> bool:
    """``adopted:``, ``~``, ``null``, ``false``, ``""`` or ``[]``: nothing recorded yet."""
    if isinstance(node, yaml.SequenceNode):
        return not node.value
    if not isinstance(node, yaml.ScalarNode):
        return False
    if node.tag == _NULL:
        return True
    if node.tag == _BOOL:
        return str(node.value).lower() in ("false", "no", "off")
    return node.tag == _STR and node.value == ""


def _colon(lay: Layout, key: Any) -> int:
    """The offset of the ``:`` after a top-level key."""
    return lay.text.index(":", lay.start + key.end_mark.index)


def append_item(lay: Layout, name: str, entry: str) -> str:
    """The text with ``entry`` (a flow value, e.g. ``{by: 县委办}``) added as the last item of the list ``name``.

    Absent or empty: a new block list.  One value (``adopted: 县委办``): made a list whose first item is that
    value, written as it was.  A flow list: ``, entry`` after its last item.  A block list: one more ``- entry``
    line after its last item, at its indentation.  A block mapping: :class:`Unsupported`.
    """
    text, nl = lay.text, lay.newline
    found = lay.fields.get(name)
    if found is None:
        return text[: lay.end] + f"{name}:{nl}{' ' * INDENT}- {entry}{nl}" + text[lay.end :]
    key, value = found
    colon = _colon(lay, key)
    end = lay.start + value.end_mark.index
    if _is_empty(value):
        tail = _line_end(text, end)
        return text[: colon + 1] + text[end:tail] + f"{' ' * INDENT}- {entry}{nl}" + text[tail:]
    if isinstance(value, yaml.SequenceNode):
        last = lay.start + _last_end(value.value[-1])
        if value.flow_style:
            return text[:last] + f", {entry}" + text[last:]
        tail = _line_end(text, last)
        return text[:tail] + f"{' ' * value.start_mark.column}- {entry}{nl}" + text[tail:]
    if isinstance(value, yaml.MappingNode) and not value.flow_style:
        raise Unsupported(lay.line_of(lay.start + key.start_mark.index))
    return _listed(lay, colon, value, entry)


def _listed(lay: Layout, colon: int, value: Any, entry: str) -> str:
    """One value (a name or a flow mapping) made the first item of a block list, ``entry`` the second."""
    text, nl = lay.text, lay.newline
    begin = lay.start + value.start_mark.index
    tail = _line_end(text, lay.start + _last_end(value))
    between = text[colon + 1 : begin]
    if _EOL_RE.search(between):  # the value is on a line of its own: a dash before it, the item at its column
        column = value.start_mark.column
        return text[:begin] + "- " + text[begin:tail] + f"{' ' * column}- {entry}{nl}" + text[tail:]
    head = f"{nl}{' ' * INDENT}- "
    return text[: colon + 1] + head + text[begin:tail] + f"{' ' * INDENT}- {entry}{nl}" + text[tail:]


def set_value(lay: Layout, name: str, value: str, after: str = "") -> str:
    """The text with the scalar field ``name`` set to ``value`` (written as given).

    Present: its value replaced where it is written (a comment after it stays).  Absent: a line
    ``name: value`` after the field ``after`` (its whole value), or at the end of the front-matter.
    """
    text, nl = lay.text, lay.newline
    found = lay.fields.get(name)
    if found is not None:
        key, node = found
        if isinstance(node, yaml.MappingNode | yaml.SequenceNode):
            raise Unsupported(lay.line_of(lay.start + key.start_mark.index))
        begin, end = lay.start + node.start_mark.index, lay.start + node.end_mark.index
        if begin == end:  # ``name:`` with nothing after it
            colon = _colon(lay, key)
            return text[: colon + 1] + f" {value}" + text[colon + 1 :]
        return text[:begin] + value + text[end:]
    where = lay.end
    if after in lay.fields:
        where = _line_end(text, lay.start + _last_end(lay.fields[after][1]))
    return text[:where] + f"{name}: {value}{nl}" + text[where:]


def plain(value: str) -> str:
    """``value`` as a flow-mapping value: bare when YAML reads it back as the same text, else in double quotes."""
    if value and value == value.strip() and not any(ch in value for ch in "\"'\\#&*!|>%@`"):
        try:
            if yaml.load("{k: " + value + "}", Loader=_Loader) == {"k": value}:
                return value
        except yaml.YAMLError:
            pass
    return quoted(value)


def quoted(value: str) -> str:
    """``value`` in double quotes (JSON's escapes are YAML's), as ``new`` writes free text."""
    return json.dumps(value, ensure_ascii=False)
