"""Property tests: whatever bytes a file holds, the loader answers quickly with a report or an error.

Never an exception, never a silent drop: ``load`` of one file gives either
that report (or request) or at least one error naming the file, every
problem on a line the file has.  ``parse_yaml`` likewise never raises.
A few hand-made worst cases check that no rule is quadratic in the size of
a (≤ 1 MiB) file.
"""

from __future__ import annotations

import dataclasses
import json
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from portal.content import privacy
from portal.content.discovery import SourceFile
from portal.content.fields import REPORT_FIELDS, REQUEST_FIELDS
from portal.content.frontmatter import Map, parse_yaml
from portal.content.loader import load
from portal.content.parsing import Parsed, parse_data, parse_report, parse_request
from portal.model.problems import Problems
from portal.settings.build import build_settings
from portal.store import cache
from tests.conftest import PORTAL, REPO

SETTINGS, _ = build_settings(PORTAL, "mkdocs.yml")
assert SETTINGS is not None
REPORT = SourceFile("/nowhere/x.md", "content/reports/2026/03/x.md", "reports/2026/03/x.md", "reports")
REQUEST = SourceFile("/nowhere/y.md", "content/requests/y.md", "requests/y.md", "requests")

FAST = settings(
    max_examples=150,
    deadline=timedelta(milliseconds=1000),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def load_one(data: bytes, source: SourceFile) -> tuple[int, Problems]:
    """Load a site of one file; the number of reports/requests that came out, and the problems."""
    assert SETTINGS is not None
    problems = Problems()
    content = load([source], SETTINGS, problems, read=lambda _: data)
    return len(content.reports) + len(content.requests), problems


def assert_answered(data: bytes, source: SourceFile) -> None:
    """A parsed file, or ≥ 1 error naming the file; every problem well formed and on one of its lines."""
    assert SETTINGS is not None
    direct = Problems()
    parsed, _ = (parse_report if source.kind == "reports" else parse_request)(data, source, SETTINGS, direct)
    assert (parsed is None) == bool(direct.errors)
    count, problems = load_one(data, source)
    if count == 0:
        assert problems.errors, "the file was dropped without an error"
        assert any(p.path == source.path for p in problems.errors)
    else:
        assert count == 1 and not problems.errors
    last_line = len(data.splitlines()) + 1
    for problem in problems.items:
        assert problem.path == source.path
        assert 1 <= problem.line <= last_line, problem
        assert problem.field and problem.message and "\n" not in problem.message


# --- strategies ------------------------------------------------------------------------------------

_KEYS = [*REPORT_FIELDS, *REQUEST_FIELDS, "adopter", "Title", "<<", "date ", "section：", "? x", "- title", "", "~"]
_VALUES = [
    "2026-03-05",
    "2026-03-05 08:30",
    "2026-03-05T08:30:00+08:00",
    "2026-02-30",
    "2026/3/1",
    "0206-03-05",
    "9999-12-31 23:59 -23:00",
    "8:30",
    "010",
    "2026",
    "yes",
    "no",
    "off",
    "true",
    "~",
    "",
    '""',
    "[]",
    "{}",
    "社会救助股",
    "甲股",
    "甲",
    "社会\u3000救助股",
    "县委办",
    "[县委办, 市委办]",
    "[{by: 县委办, date: 2026-03-01}, {by: 市委办, form: 专报}]",
    "{by: 县委办, date: 2026-03-06}",
    "[{by: 县长, level: county, date: 2026-03-04}]",
    "[{by: 县长, level: township}]",
    "&a 县委办",
    "*a",
    "!!python/object/apply:os.system [ls]",
    "!secret x",
    "'unterminated",
    '"\\x00\\u2028"',
    "|\n  多行\n  文本",
    "- a\n- b",
    "[[[[[[[[",
    "13812345678",
    "11010519491231002X",
    "秘密★",
    "<script>alert(1)</script>",
    "YG-2026-03",
    "公开",
    "机密",
    "\t缩进",
]
_value = st.one_of(
    st.sampled_from(_VALUES),
    st.text(max_size=12),
    st.integers(-(10**6), 10**6).map(str),
)
_line = st.one_of(
    st.tuples(st.sampled_from(_KEYS), st.sampled_from([": ", ":", "：", " : ", ":\t"]), _value).map("".join),
    st.tuples(st.sampled_from(["  ", "    ", "\t", "\u3000", "- ", "  - "]), st.sampled_from(_KEYS), _value).map(
        lambda t: f"{t[0]}{t[1]}: {t[2]}"
    ),
    st.text(max_size=20),
)


@st.composite
def front_matter_files(draw: st.DrawFn) -> bytes:
    """A file with plausible front-matter: real and near-miss keys, tricky values, odd delimiters and newlines."""
    lines = draw(st.lists(_line, max_size=12))
    opener = draw(st.sampled_from(["---", "---", "--- ", "———", "", "\n---"]))
    closer = draw(st.sampled_from(["---", "---", "...", "－－－", ""]))
    body = draw(
        st.one_of(
            st.sampled_from(["正文。", "# 标题\n\n正文。", "秘密★", "![x](https://e.com/a.png)"]), st.text(max_size=40)
        )
    )
    text = "\n".join([opener, *lines, closer, "", body])
    newline = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    data = text.replace("\n", newline).encode("utf-8")
    return draw(st.sampled_from([b"", b"\xef\xbb\xbf"])) + data


# --- properties ------------------------------------------------------------------------------------------


@FAST
@given(st.binary(max_size=3000))
def test_any_bytes_are_answered(data: bytes) -> None:
    assert_answered(data, REPORT)


@pytest.mark.slow
@FAST
@given(st.text(max_size=2000))
def test_any_text_is_answered(text: str) -> None:
    assert_answered(text.encode("utf-8"), REPORT)


@pytest.mark.slow
@FAST
@given(front_matter_files())
def test_any_front_matter_is_answered_as_report(data: bytes) -> None:
    assert_answered(data, REPORT)


@pytest.mark.slow
@FAST
@given(front_matter_files())
def test_any_front_matter_is_answered_as_request(data: bytes) -> None:
    assert_answered(data, REQUEST)


@pytest.mark.slow
@FAST
@given(st.one_of(st.text(max_size=400), st.lists(_line, max_size=15).map("\n".join)))
@example("?\x1f")  # an empty key beside a control character once gave an error naming no field
def test_parse_yaml_never_raises(text: str) -> None:
    root, errors = parse_yaml(text)
    assert root is None or isinstance(root, Map)
    if root is None:
        assert errors
    for error in errors:
        assert error.line >= 1 and error.field and error.message


# --- worst cases: each rule stays linear in the size of the file ----------------------------------------

_HEAD = "---\ntitle: 标题\nsection: 甲股\ndate: 2026-03-05\n---\n\n"
_WORST: dict[str, Callable[[], str]] = {
    "img-tags": lambda: _HEAD + "<img " * 200_000,
    "image-openers": lambda: _HEAD + "![" * 450_000,
    "heading-spaces": lambda: _HEAD + "# a" + " " * 900_000 + "b",
    "reference-lines": lambda: _HEAD + "[\n" * 450_000,
    "marking-spaces": lambda: _HEAD + ("秘密" + " " * 1000) * 900,
    "digit-run": lambda: _HEAD + "1" * 1_000_000,
    "angle-brackets": lambda: _HEAD + "<a" * 450_000,
    "entities": lambda: _HEAD + "&#" * 450_000,
    "many-unknown-keys": lambda: "---\n" + "".join(f"k{i}: v\n" for i in range(6000)) + "---\n",
    "long-key": lambda: "---\n" + "x" * 60_000 + ": 1\n---\n",
    "deep-flow": lambda: "---\ntags: " + "[" * 20_000 + "\n---\n",
}


@pytest.mark.slow
@pytest.mark.parametrize("make", _WORST.values(), ids=list(_WORST))
def test_worst_case_inputs_are_fast(make: Callable[[], str]) -> None:
    data = make().encode("utf-8")
    started = time.perf_counter()
    assert_answered(data, REPORT)
    assert time.perf_counter() - started < 3.0


# --- the parse cache keeps every result exactly -------------------------------------------------------


def _round_trip(parsed: Parsed) -> Parsed:
    """A parse result through the cache's JSON form and back."""
    text = json.dumps(cache.encode(parsed), ensure_ascii=False)
    back: Parsed = json.loads(text, object_hook=cache.decoder(cache.model_classes()))
    return back


def _same(a: Any, b: Any) -> bool:
    """Equal, and of the same types all the way down (a list for a tuple or a naive datetime would not do)."""
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, (tuple, list)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, datetime):
        return a == b and a.utcoffset() == b.utcoffset() and str(a.tzinfo) == str(b.tzinfo)
    return bool(a == b)


@pytest.mark.slow
@FAST
@given(front_matter_files(), st.booleans())
def test_any_parse_result_survives_the_cache(data: bytes, bodies: bool) -> None:
    assert SETTINGS is not None
    for source in (REPORT, REQUEST):
        parsed = parse_data(source, data, SETTINGS, bodies)
        assert _same(_round_trip(parsed), parsed)


@pytest.mark.slow
def test_every_demo_file_survives_the_cache() -> None:
    """The demo holds every field a report or request can have (adoptions, instructions, urgent times …)."""
    from portal.edge.site import load_site, read_config

    site = load_site(read_config(str(REPO / "mkdocs.yml")))
    assert len(site.sources) > 300
    for source in site.sources:
        parsed = parse_data(source, Path(source.abs_path).read_bytes(), site.settings)
        assert _same(_round_trip(parsed), parsed), source.path


_ID_PARTS = ["110101199003074514", "11010519491231002X", "１１０１０１１９９００３０７４５１４"]
_PIECES = [*"0123456789０１２３４５６７８９ -+＋Xx文", "138", "86", "+86 ", "13912345678", *_ID_PARTS]


def _exact_scan(text: str) -> list[privacy.Finding]:
    """The published patterns run over the whole text: what :func:`privacy.personal_data` must find."""
    found = [
        privacy.Finding(m.start(), "id_number", m.group(0), m.group(0)[:6] + "*" * 8 + m.group(0)[14:])
        for m in privacy._ID_RE.finditer(text)
        if privacy.valid_id_number(m.group(0))
    ]
    for m in privacy._MOBILE_RE.finditer(text):
        if not any(f.offset <= m.start() < f.offset + len(f.original) for f in found):
            digits = m["a"] + m["b"] + m["c"]
            masked = (m["prefix"] or "") + digits[:3] + "****" + digits[7:]
            found.append(privacy.Finding(m.start(), "mobile_number", m.group(0), masked))
    return sorted(found, key=lambda f: f.offset)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(_PIECES), max_size=14))
@example(["+", "+86 ", "13912345678"])  # a '+' before the prefix: not a number
@example(["110101199003074514", "5"])  # a digit after an ID: not an ID
def test_personal_data_finds_what_a_whole_text_scan_finds(pieces: list[str]) -> None:
    """The scan only over digit runs finds exactly what the patterns find over the whole text."""
    text = "".join(pieces)
    assert privacy.personal_data(text) == _exact_scan(text)
