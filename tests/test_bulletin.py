"""One bulletin, three renderers: the web page, the .docx and the .xlsx of a period carry the same figures.

The site is small enough to work out by hand (default scoring: 1 point a report, the highest adoption
counts: 县级 +5, 市级 +10; a missed request -10; 好信息 = adopted at 市级 or above).

Period 2026-03, as_of 2026-04-05:
- 甲股 (quota 2): a 王芳 市级 → 1 + 10 = 11, good; b 王芳 → 1.  submitted 2, adopted 1, good 1, score 12, rate 1/2
- 乙股 (quota 1): c 李雷 县级 → 1 + 5 = 6; request YG-1 (deadline 03-15) missed → -10.  submitted 1, adopted 1,
  good 0, score 6 - 10 = -4, rate 1/1
- 丙股: nothing.  submitted 0, adopted 0, score 0, rate 0
Ranking by score: 甲股 12 (1), 丙股 0 (2), 乙股 -4 (3).
Praise: ranks ≤ 3 with a positive score, a report and no reminder: 甲股 only (乙股 ranks 3rd with -4).
  Its reasons: submitted 2 is the most (rank 1 ≤ 3) → 报送数量多; rate 1/2 < the bureau's 2/3 → not 采用率高;
  no instruction → not 获领导批示.
Reminders, sections in config order first: 丙股 reported nothing; then 乙股 missed 《约稿》.
Totals: submitted 2 + 1 + 0 = 3, adopted 1 + 1 = 2, good 1.
People: 王芳 (甲股) 2 reports, 1 adopted, 1 good, 12 points; 李雷 (乙股) 1, 1, 0, 6.
"""

from __future__ import annotations

import ast
import io
import re
from pathlib import Path

import pytest

from tests.conftest import PORTAL, html_text, make_site, mkdocs_build, report, request

COUNTY, CITY = "县委办", "市委办"

# (section, rank, submitted, adopted, adoption rate, good, score), worked out in the module docstring
EXPECTED = [
    ("甲股", 1, 2, 1, 0.5, 1, 12),
    ("丙股", 2, 0, 0, 0.0, 0, 0),
    ("乙股", 3, 1, 1, 1.0, 0, -4),
]
PEOPLE = [("王芳", "甲股", 2, 1, 1, 12), ("李雷", "乙股", 1, 1, 0, 6)]
PRAISE = "甲股报送数量多，综合得分位居前列，予以通报表扬。"
REMINDERS = ["丙股：本期未报送信息，请高度重视，明确专人负责。", "乙股：约稿《约稿》漏报。"]
# People total 2 + 1 = 3 reports and 12 + 6 = 18 points; sections 3 reports and 12 + 0 - 4 = 8 points: the
# missed request's -10 is 乙股's, no person's.
PEOPLE_NOTE = (
    "注：个人合计报送3条、得分18分，股室合计报送3条、得分8分，两者不同是因为："
    "约稿、紧急事件、扣分事项和考核加减分只计入股室，不计入个人。"
)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("bulletin")
    site = make_site(
        tmp,
        reports={
            "2026/03/a.md": report(date="2026-03-02", author="王芳", adopted=CITY),
            "2026/03/b.md": report(date="2026-03-03", author="王芳"),
            "2026/03/c.md": report(date="2026-03-04", section="乙股", author="李雷", adopted=COUNTY),
        },
        requests={"YG-1.md": request(deadline="2026-03-15", sections=["乙股"])},
    )
    result = mkdocs_build(site, as_of="2026-04-05")
    assert result.returncode == 0, result.stderr
    return site / "_site" / "bulletins"


@pytest.mark.slow
def test_web_bulletin_carries_the_hand_worked_figures(built: Path) -> None:
    page = (built / "2026-03" / "index.html").read_text(encoding="utf-8")
    for section, rank, submitted, adopted, rate, good, score in EXPECTED:
        row = re.search(rf'<tr data-section="{section}">(.*?)</tr>', page, re.S)
        assert row, section
        fields = {m[1]: html_text(m[2]) for m in re.finditer(r'data-field="([a-z_]+)">(.*?)</td>', row.group(1), re.S)}
        assert fields == {
            "rank": str(rank),
            "submitted": str(submitted),
            "adopted": str(adopted),
            "adoption_rate": f"{rate * 100:.1f}%",
            "good": str(good),
            "score": str(score),
        }
    assert 'data-total="submitted">3<' in page and 'data-total="adopted">2<' in page
    praise = re.search(r'<p class="pt-praise">(.*?)</p>', page, re.S)
    assert praise and html_text(praise.group(1)) == f"2026年3月，{PRAISE}"
    reminders = re.search(r'<ol class="pt-reminders">(.*?)</ol>', page, re.S)
    assert reminders and [html_text(li) for li in re.findall(r"<li>(.*?)</li>", reminders.group(1), re.S)] == REMINDERS
    people = re.search(r'<table class="pt-table pt-people">.*?<tbody>(.*?)</tbody>', page, re.S)
    assert people
    rows = [
        [html_text(c) for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        for tr in re.findall(r"<tr>(.*?)</tr>", people.group(1), re.S)
    ]
    assert rows == [[str(v) for v in p] for p in PEOPLE]
    note = re.search(r'<p class="pt-note" data-note="people">(.*?)</p>', page, re.S)
    assert note and html_text(note.group(1)) == PEOPLE_NOTE


@pytest.mark.slow
def test_xlsx_carries_the_same_figures(built: Path) -> None:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO((built / "2026-03.xlsx").read_bytes()))
    sheet = book["股室"]
    header = [c.value for c in sheet[3]]  # rows 1-2: title, 统计期间/数据截至; the last row: 合计
    rows = [dict(zip(header, (c.value for c in r))) for r in sheet.iter_rows(min_row=4)][:-1]
    assert [(r["股室"], r["排名"], r["报送"], r["采用"], r["采用率"], r["好信息"], r["得分"]) for r in rows] == EXPECTED
    assert rows[2]["约稿漏报"] == 1  # 乙股's missed request
    # the rate column is found by its header, and formatted as a percentage
    rate_column = header.index("采用率") + 1
    assert all(sheet.cell(row=i, column=rate_column).number_format == "0.0%" for i in range(4, sheet.max_row + 1))
    people = [tuple(c.value for c in r) for r in book["个人"].iter_rows(min_row=4)]
    # the people, 合计, a blank row, the note on the totals (issue 25)
    assert people[:2] == PEOPLE and people[3] == (None,) * 6
    assert people[4][0] == PEOPLE_NOTE
    assert book.properties.title == "关于2026年3月政务信息报送情况的通报"


def test_docx_carries_the_same_figures_and_words(built: Path) -> None:
    from docx import Document

    doc = Document(io.BytesIO((built / "2026-03.docx").read_bytes()))
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    body = [dict(zip(header, (c.text for c in row.cells))) for row in table.rows[1:]]
    assert [(r["股室"], r["排名"], r["报送"], r["采用"], r["采用率"], r["好信息"], r["得分"]) for r in body] == [
        (s, str(rank), str(sub), str(ad), f"{rate * 100:.1f}%", str(good), str(score))
        for s, rank, sub, ad, rate, good, score in EXPECTED
    ]
    paragraphs = [p.text for p in doc.paragraphs]
    assert "关于2026年3月政务信息报送情况的通报" in paragraphs
    # quota 2 + 1 + 0 = 3; adoptions: c 县委办 (县级), a 市委办 (市级)
    lead = "2026年3月，全局共报送政务信息3条（任务数3条），被各级采用2条、2次（县级1次，市级1次），好信息1条，"
    assert lead + "获领导批示0件。现将有关情况通报如下：" in paragraphs
    after = paragraphs[paragraphs.index("二、表扬") + 1 :]
    assert after[0] == f"2026年3月，{PRAISE}"
    assert after[1] == "三、提醒"
    assert after[2:4] == [f"{i}. {line}" for i, line in enumerate(REMINDERS, start=1)]


@pytest.mark.slow
def test_a_period_without_praise_or_reminders_says_so_everywhere(tmp_path: Path) -> None:
    from docx import Document

    # 甲股 2 reports (quota 2), 乙股 1 (quota 1), 丙股 1 (no quota), none adopted, no requests: every quota is
    # met, so nobody is reminded.  A report scores 0 points here, so every score is 0 and nobody is praised.
    portal = {**PORTAL, "scoring": {"submitted": 0}}
    site = make_site(
        tmp_path,
        reports={
            "a.md": report(date="2026-03-02"),
            "b.md": report(date="2026-03-03"),
            "c.md": report(date="2026-03-04", section="乙股"),
            "d.md": report(date="2026-03-05", section="丙股"),
        },
        portal=portal,
    )
    result = mkdocs_build(site, as_of="2026-04-05")
    assert result.returncode == 0, result.stderr
    out = site / "_site" / "bulletins"
    page = (out / "2026-03" / "index.html").read_text(encoding="utf-8")
    assert "本期暂无得分为正的股室，不予表扬。" in page and 'class="pt-praise"' not in page
    assert "本期各股室均按要求完成报送任务。" in page and "pt-reminders" not in page
    paragraphs = [p.text for p in Document(io.BytesIO((out / "2026-03.docx").read_bytes())).paragraphs]
    assert "本期暂无得分为正的股室，不予表扬。" in paragraphs
    assert "本期各股室均按要求完成报送任务。" in paragraphs


CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: The Chinese literals the document renderers keep: font names (layout, as fonts are installed).
FONT_NAMES = {"方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312", "宋体", "仿宋", "楷体"}


def _literals(path: Path) -> set[str]:
    """A module's string literals (the parts of f-strings too), docstrings left out."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
    }


def test_templates_and_renderers_take_their_words_from_the_vocabulary() -> None:
    from portal.words.vocabulary import LEVEL_NAMES, PEOPLE_COLUMNS, SECTION_COLUMNS, STATUS_LABELS, H
    from tests.conftest import REPO

    portal = REPO / "portal"
    # a template prints every header from the vocabulary (H.key, a column's header, STATUS_LABELS...), never
    # writes one out: no Chinese in a <th> outside {{ }}
    for template in (portal / "output" / "web" / "templates").rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        for cell in re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", text, flags=re.S):
            bare = re.sub(r"{{.*?}}|{%.*?%}", "", cell)
            assert not CJK.search(bare), f"{template.name}: header {cell!r} written out: put it in H"
    # Word, Excel, the pages and the CLI table: no header word as a literal, no column read by position
    headers = set(H.values()) | set(LEVEL_NAMES.values()) | set(STATUS_LABELS.values())
    headers |= {c.header for c in (*SECTION_COLUMNS, *PEOPLE_COLUMNS)} | {c.short for c in SECTION_COLUMNS if c.short}
    renderers = [*(portal / "output" / "office").glob("*.py"), *(portal / "output" / "web").glob("page*.py")]
    renderers += [portal / "output" / "bulletin.py", portal / "output" / "web" / "render.py"]
    columns = {c.header for c in (*SECTION_COLUMNS, *PEOPLE_COLUMNS)}
    for module in [*renderers, portal / "commands" / "cli.py", portal / "figures" / "tally.py"]:
        assert "min_col=8" not in module.read_text(encoding="utf-8")
        written = _literals(module) & (headers if module in renderers else columns)
        assert not written, f"{module.name} writes out headers {written}"
    # the bulletin's model and the document renderers only lay out: every word comes from portal/words/
    for name in ("bulletin.py", "office/export.py", "office/sheets.py", "office/periodical_docx.py"):
        words = {text for text in _literals(portal / "output" / name) if CJK.search(text)} - FONT_NAMES
        assert words <= {"\u3000\u3000"}, f"{name} writes out words {words}: put them in portal/words/"
    bulletin = (portal / "output" / "web" / "templates" / "bulletin.md.j2").read_text(encoding="utf-8")
    assert not CJK.search(re.sub(r"{{.*?}}|{%.*?%}|{#.*?#}", "", bulletin).replace("；", "")), "bulletin.md.j2"
