"""How a generated page is written: the Jinja2 environment, links, front-matter, one HTML block.

:class:`Context` holds what every page builder needs from one build (the
evaluation, the content, URLs, a cache of tallies); the builders in
``page_*.py`` take it and return the Markdown source of their pages.
Templates are autoescaped HTML blocks inside Markdown; numbers come from
:mod:`portal.figures.tally` and words from :mod:`portal.words`.
"""

from __future__ import annotations

import functools
import html
import posixpath
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, Protocol, TypeVar

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import escape

from ...content.discovery import page_url
from ...content.sanitize import sanitize_html
from ...figures.history import UNAVAILABLE, SiteHistory
from ...figures.tally import Evaluation, Tally, tally
from ...model.dates import Period, months_between, period_containing
from ...model.objects import LEVELS, Content
from ...model.problems import Problem
from ...words import bulletin as bulletin_words
from ...words import documents as document_words
from ...words import pages as page_words
from ...words import rules as rule_words
from ...words.numbers import cn_date, cn_minute, number, percent
from ...words.vocabulary import (
    BREAKDOWN,
    GROUPS,
    LEVEL_NAMES,
    NO_VALUE,
    PAGE,
    PASSED,
    PEOPLE_COLUMNS,
    STATUS_CLASS,
    STATUS_LABELS,
    H,
    columns,
    shown_in,
)
from ..bulletin import Bulletin

T = TypeVar("T")


class Memo(Protocol):
    """What the page builders ask of a memo of pages kept between builds (the edge hands one in)."""

    def get(self, inputs: Any, make: Callable[[], T], *, texts: bool = True) -> T:
        """``make()``, or what it returned for equal ``inputs`` (``texts=False``: the reports' texts left out)."""
        ...

    def digest(self, value: Any) -> bytes:
        """A digest of ``value`` (a key part many pages share, made once)."""
        ...


class NoMemo:
    """No memo: every page is made afresh."""

    def get(self, inputs: Any, make: Callable[[], T], *, texts: bool = True) -> T:
        return make()

    def digest(self, value: Any) -> bytes:
        return b""


class FileLater(Protocol):
    """A file being made elsewhere (a bulletin's .docx in a worker process): its bytes once they are needed."""

    def data(self) -> bytes: ...


class BulletinFiles(Protocol):
    """What makes the bulletins' downloads (the edge hands one in that reuses the last build's)."""

    def make(self, bulletins: list[Bulletin]) -> Sequence[Mapping[str, FileLater]]:
        """``{"docx": …, "xlsx": …}`` for each bulletin, in order."""
        ...


@functools.lru_cache(maxsize=65536)
def relative(from_url: str, to_url: str) -> str:
    """A link from the page at ``from_url`` to ``to_url`` (both site-relative)."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url)
    rel = posixpath.relpath(to_url or ".", base or ".")
    if (to_url.endswith("/") or not to_url) and not rel.endswith("/"):
        rel += "/"
    return rel


@functools.lru_cache(maxsize=1)
def make_env() -> Environment:
    """The templates' environment: the vocabulary as globals, number and date formats as filters."""
    env = Environment(
        loader=PackageLoader("portal.output.web", "templates"),
        autoescape=select_autoescape(default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.globals.update(
        STATUS_LABELS=STATUS_LABELS,
        STATUS_CLASS=STATUS_CLASS,
        LEVEL_NAMES=LEVEL_NAMES,
        LEVELS=LEVELS,
        H=H,
        BREAKDOWN=BREAKDOWN,
        PASSED=PASSED,
        PEOPLE_COLUMNS=PEOPLE_COLUMNS,
        NO_VALUE=NO_VALUE,
        W=bulletin_words,
        R=rule_words,
        RANKING=shown_in(PAGE),
        GROUPS=GROUPS,
        D=document_words,
        P=page_words,
        bulletin_lead=bulletin_lead,
        SECTION_PEOPLE_COLUMNS=columns(PEOPLE_COLUMNS, ("author", "submitted", "adopted", "good", "score")),
    )
    env.filters["num"] = number
    env.filters["pct"] = percent
    env.filters["day"] = lambda d: cn_date(d) if d else "—"  # every date a person reads is a Chinese date
    env.filters["minute"] = lambda d: cn_minute(d) if d else "—"
    env.filters["cndate"] = cn_date
    env.globals["note_html"] = intro_html  # the office's Markdown in a bulletin, sanitized
    return env


class Context:
    """One build's figures and addresses, shared by every page builder (templates see it as ``p``)."""

    def __init__(
        self,
        ev: Evaluation,
        content: Content,
        *,
        landing: dict[str, str] | None = None,
        problems: Iterable[Problem] = (),
        use_directory_urls: bool = True,
        exports: bool = True,
        downloads: BulletinFiles | None = None,
        memo: Memo | None = None,
        history: SiteHistory = UNAVAILABLE,
    ) -> None:
        self.ev = ev
        self.history = history
        self.settings = ev.settings
        self.content = content
        self.landing = landing or {}
        self.problems = list(problems)
        self.use_directory_urls = use_directory_urls
        self.exports = exports
        self.downloads = downloads  # None: the downloads are made here, when the page is
        self.memo: Memo = memo or NoMemo()
        self.env = make_env()
        self.now_month = period_containing(ev.as_of.date())
        first = min([r.date.date() for r in ev.reports] + [ev.as_of.date()])
        self.months = months_between(first, ev.as_of.date())
        self.quarters = sorted({period_containing(m.start, "quarter") for m in self.months})
        self.years = sorted({period_containing(m.start, "year") for m in self.months})
        self._tallies: dict[str, Tally] = {}
        self.requests_by_id = {r.id: r for r in content.requests}
        self.answers = ev.answers
        self.urgent_by_path = {u.report.path: u for u in ev.urgent}

    def tally(self, period: Period) -> Tally:
        """The period's tally, computed once per build."""
        if period.key not in self._tallies:
            self._tallies[period.key] = tally(self.ev, period)
        return self._tallies[period.key]

    def url(self, src_uri: str) -> str:
        return page_url(src_uri, self.use_directory_urls)

    def linker(self, src_uri: str) -> Any:
        """``link(target)``: a relative link from the page ``src_uri`` to a page (``.md``) or a file."""
        here = self.url(src_uri)

        def link(target_src_uri: str) -> str:
            target = target_src_uri if not target_src_uri.endswith(".md") else self.url(target_src_uri)
            return relative(here, target)

        return link

    def render(self, template: str, src_uri: str, meta: dict[str, Any], intro: str = "", **values: Any) -> str:
        """A whole generated page: front-matter ``meta``, the landing ``intro`` and the template as one block."""
        body = self.env.get_template(template).render(
            p=self, s=self.settings, ev=self.ev, link=self.linker(src_uri), here=self.url(src_uri), **values
        )
        blocks = [one_block(intro_html(intro))] if intro.strip() else []
        return with_panel(f"---\n{front_matter(meta)}\n---", "\n".join([*blocks, one_block(body)]), "")

    def fragment(self, template: str, **values: Any) -> str:
        """A template rendered on its own (a panel, the scoring table)."""
        return self.env.get_template(template).render(**values)

    def section_src(self, name: str) -> str:
        slug = next(s.slug for s in self.settings.sections if s.name == name)
        return f"sections/{slug}.md"

    @staticmethod
    def bulletin_src(period: Period) -> str:
        return f"bulletins/{period.key}.md"

    @staticmethod
    def month_list_src(period: Period) -> str:
        return f"reports/{period.key}/index.md"


#: libyaml's emitter when PyYAML has it (a page's meta is read back by MkDocs, so only the values matter).
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def front_matter(meta: dict[str, Any]) -> str:
    return yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False).strip()


def h1(title: str) -> str:
    """The page heading as an HTML block: the title is text, never Markdown (``*`` or ``[x](y)`` stay)."""
    return f'<h1 id="title">{html.escape(title)}</h1>'


def intro_html(markdown_text: str) -> str:
    """A landing text (``index.md``) as sanitized HTML, to sit above a generated page."""
    import markdown

    html_text = markdown.markdown(markdown_text, extensions=["tables", "attr_list", "admonition"])
    return f'<div class="pt-intro">{sanitize_html(html_text)}</div>'


#: How the bulletin page sets the opening figures apart: each between spaces, the main ones in bold (those read
#: by the page's tests and scripts marked with ``data-total``).
_LEAD_FIGURES = {
    "submitted": ' <b data-total="submitted">{}</b> ',
    "quota": " {} ",
    "adopted": ' <b data-total="adopted">{}</b> ',
    "adoptions": "<b>{}</b> ",
    "level": " {} ",
    "good": " <b>{}</b> ",
    "instructions": " <b>{}</b> ",
}


def bulletin_lead(b: Any) -> str:
    """The bulletin's opening sentence (:func:`portal.words.bulletin.summary_sentence`) as the page's HTML."""
    levels = [(str(escape(name)), count) for name, count in b.level_counts]
    return bulletin_words.summary_sentence(str(escape(b.tally.period.label)), b.totals, levels, _lead_figure)


def _lead_figure(key: str, value: int) -> str:
    return _LEAD_FIGURES[key].format(value)


def one_block(markup: str) -> str:
    """An HTML block without blank lines, so Markdown passes it through untouched."""
    return "\n".join(line for line in markup.splitlines() if line.strip())


#: The page list's front-matter of a statistics page: not in search, no side navigation.
def stats_meta(title: str) -> dict[str, Any]:
    return {"title": title, "search": {"exclude": True}, "hide": ["navigation", "toc"]}


#: Where a page's HTML goes (a report's or a request's panel under its title; a statistics page's whole body),
#: and where the page text carries it: at the end, so that Markdown never parses that HTML (the hook puts it
#: in place; see :func:`take_panel`).
PANEL_MARK = "<!--portal:panel-->"
_PANEL_TRAILER = "\n<!--portal:panel:begin-->\n"


def with_panel(head: str, panel: str, body: str) -> str:
    """The page: its head, the panel's mark, the body, and the panel itself after the trailer."""
    return f"{head}\n\n{PANEL_MARK}\n\n{body.strip()}\n{_PANEL_TRAILER}{one_block(panel)}\n"


def take_panel(markdown: str) -> tuple[str, str]:
    """``(markdown without the trailer, panel)``; ``""`` for a page without one.

    The trailer is the last one in the text and the mark the first (a report's text, which comes between
    them, cannot move either).
    """
    text, found, panel = markdown.rpartition(_PANEL_TRAILER)
    if not found or PANEL_MARK not in text:
        return markdown, ""
    return text, panel.rstrip("\n")


def put_panel(html: str, panel: str) -> str:
    """The page's HTML with its panel where the mark is (the first mark: the head's)."""
    return html.replace(PANEL_MARK, panel, 1)
