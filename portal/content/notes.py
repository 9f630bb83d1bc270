"""The office's own words for one bulletin: ``content/bulletins/<period>.md``.

An optional file per period (``2026-10.md``, ``2026-Q3.md``, ``2026.md``)::

    ---
    number: 12          # n of the 发文字号 (extra.portal.bulletin.document_number)
    date: 2026-11-05    # 成文日期; default: the day of as_of
    ---
    本月全局信息工作……（导语）

    ## 下一步工作要求

    一是……

The text before the ``## 下一步工作要求`` heading is the intro, the text under
it the requirements; the web page, the .docx and the .xlsx all carry both.
The file is untrusted like any content file: the loader applies the same
text rules (classified markings, personal data, outside resources) before
this module sees it, and the web page sanitizes the HTML made from it.
"""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from typing import Any

from ..model import values
from ..model.dates import DateError, parse_period
from ..model.objects import BulletinNote, Settings
from ..model.problems import Problems, Wrong
from ..words.messages import say
from .fields import FieldContext, Field, Invalid, Node, _scalar, day, parse_fields
from .frontmatter import Map

_NEXT_RE = re.compile(r"^##[ \t]+(?:下一步|下步)工作要求[ \t]*#*[ \t]*$", re.MULTILINE)


def positive_whole(node: Node, ctx: FieldContext, name: str) -> int:
    scalar = _scalar(node, say("schema.shape.number"))
    value = values.whole(scalar.value, least=1)
    if isinstance(value, Wrong):
        raise Invalid(say("notes.number", raw=scalar.raw))  # the field's own advice: the 发文字号's n
    return value


NOTE_FIELDS: dict[str, Field] = {
    "number": Field(positive_whole, example="number: 12"),
    "date": Field(day, example="date: 2026-11-05"),
}


def note_period(src_uri: str, path: str, problems: Problems) -> str | None:
    """The period key a note's file name gives (``bulletins/2026-10.md`` → ``2026-10``), or None and an error."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    if posixpath.dirname(src_uri) != "bulletins":
        problems.error(path, 1, "file", say("notes.folder"))
        return None
    try:
        return parse_period(stem).key
    except DateError:
        problems.error(
            path,
            1,
            "file",
            say("notes.not_a_period", stem=stem),
        )
        return None


def make_note(
    period: str, src_uri: str, path: str, root: Map | None, body: str, settings: Settings, problems: Problems
) -> tuple[BulletinNote | None, dict[str, int]]:
    """A note from its checked front-matter (``root``, may be absent) and Markdown body."""
    before = len(problems.errors)
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    if root is not None:
        values, lines = parse_fields(root, NOTE_FIELDS, FieldContext(settings, path, problems))
    if len(problems.errors) > before:
        return None, lines
    intro, next_steps = split_next_steps(body)
    return BulletinNote(period, path, src_uri, values.get("number"), values.get("date"), intro, next_steps), lines


def split_next_steps(body: str) -> tuple[str, str]:
    """``(intro, 下一步工作要求)`` of a note's Markdown body."""
    match = _NEXT_RE.search(body)
    if not match:
        return body.strip(), ""
    return body[: match.start()].strip(), body[match.end() :].strip()


# --- Markdown as plain blocks, for Word and Excel -----------------------------------------------


class _Blocks(HTMLParser):
    BLOCK = frozenset({"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "blockquote", "pre"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[tuple[str, str]] = []
        self.kind = ""
        self.text: list[str] = []
        self.lists: list[int] = []  # one counter per open list; -1 for a bulleted one

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in self.BLOCK:
            self._flush()
            self.kind = "heading" if tag in ("h1", "h2", "h3", "h4", "h5", "h6") else "text"
            if tag == "li" and self.lists and self.lists[-1] >= 0:
                self.lists[-1] += 1
                self.text.append(f"{self.lists[-1]}. ")
        elif tag in ("ol", "ul"):
            self._flush()
            self.lists.append(0 if tag == "ol" else -1)
        elif tag == "br":
            self.text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.BLOCK:
            self._flush()
        elif tag in ("ol", "ul") and self.lists:
            self._flush()
            self.lists.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def _flush(self) -> None:
        text = re.sub(r"[ \t\r\n]+", " ", "".join(self.text)).strip()
        if text:
            self.out.append((self.kind or "text", text))
        self.text = []
        self.kind = ""


def blocks(markdown_text: str) -> list[tuple[str, str]]:
    """The visible text of a Markdown fragment as ``("heading" | "text", text)`` blocks; markup,
    scripts and links' targets are gone (Word and Excel carry text only).
    """
    import markdown

    from .sanitize import sanitize_html

    if not markdown_text.strip():
        return []
    parser = _Blocks()
    parser.feed(sanitize_html(markdown.markdown(markdown_text, extensions=["tables"])))
    parser.close()
    parser._flush()
    return parser.out
