"""The guide's 拒绝清单 is what ``check`` really says (issue 24).

Each case below is one mistake clerks make, written into a report the way they write it.  All of them are
checked in one ``check`` run; each gives exactly one problem, whose ``字段: 说明`` must be the one the guide
(``content/guide.md``, table 常见错误和检查给出的说明) prints for that mistake, word for word, in Chinese and
naming the fix.  The guide lists no mistake that is not here, and every mistake here is in the guide.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from tests.conftest import REPO, make_site, run_cli

GUIDE = REPO / "content" / "guide.md"
TABLE_HEADING = "### 常见错误和检查给出的说明"
PORTAL = {
    "organization": "示例县民政局",
    "sections": [
        {"name": "社会救助股", "slug": "jiuzhu", "head": "李明", "aliases": ["救助股"]},
        {"name": "养老服务股", "slug": "yanglao", "head": "王静"},
        {"name": "办公室", "slug": "bangongshi", "head": "张伟"},
    ],
    "adopters": {"本局简报": "本局", "县委办": "县级", "县政府办": "县级", "市民政局": "市级", "市委办": "市级"},
}

FIELDS = ["title: 我县扎实做好冬春救助工作", "section: 社会救助股", "date: 2026-03-05"]


def card(*lines: str, fields: list[str] | None = None, close: str = "---") -> str:
    """A report: ``---``, the usual three fields (or ``fields``), the extra ``lines``, ``close``, a body."""
    return "\n".join(["---", *(FIELDS if fields is None else fields), *lines, close, "", "正文。", ""])


def swap(old: str, new: str) -> str:
    """The usual report with one of its lines written wrong."""
    return card(fields=[new if line == old else line for line in FIELDS])


#: The mistake (as the guide's first column names it) and the file a clerk writes.
CASES: dict[str, Callable[[], str | bytes]] = {
    "股室名称写错": lambda: swap("section: 社会救助股", "section: 社会救助"),
    "采用单位名称写错": lambda: card("adopted: 县委"),
    "几个采用单位用中文逗号写在一行": lambda: card("adopted: 市民政局，县委办"),
    "几个股室用顿号写在一行（合报）": lambda: swap("section: 社会救助股", "section: 社会救助股、养老服务股"),
    "批示级别写错": lambda: card("instructions:", "  - {by: 副县长 李华, level: 县里}"),
    "采用只写了 true": lambda: card("adopted: true"),
    "日期用斜杠": lambda: swap("date: 2026-03-05", "date: 2026/3/5"),
    "日期写成年月日": lambda: swap("date: 2026-03-05", "date: 2026年3月5日"),
    "日期不存在": lambda: swap("date: 2026-03-05", "date: 2026-02-30"),
    "时间没写日期": lambda: card("urgent: true", "event_time: 8:30"),
    "紧急事件没写发生时间": lambda: card("urgent: true"),
    "采用日期早于报送日期": lambda: card("adopted:", "  - {by: 县委办, date: 2026-03-01}"),
    "冒号用了中文全角": lambda: card("author：孙磊"),
    "字段名写错": lambda: card("adopter: 县委办"),
    "同一字段写了两次": lambda: card("date: 2026-03-06"),
    "缺少必填字段": lambda: card(fields=["title: 我县扎实做好冬春救助工作", "date: 2026-03-05"]),
    "字段前面多了空格": lambda: card("  author: 王芳"),
    "用 Tab 键缩进": lambda: card("adopted:", "\t- 县委办"),
    "用全角空格缩进": lambda: card("adopted:", "\u3000- 县委办"),
    "值里有冒号没加引号": lambda: swap("title: 我县扎实做好冬春救助工作", "title: 通知: 关于冬春救助工作"),
    "引号没有配对": lambda: swap("title: 我县扎实做好冬春救助工作", 'title: "我县扎实做好冬春救助工作'),
    "名字被读成是/否": lambda: card("author: no"),
    "引号用了中文引号": lambda: card("author: “no”"),
    "日期加了中文引号": lambda: swap("date: 2026-03-05", "date: “2026-03-05”"),
    "信息卡片没有结束": lambda: card("author: 王芳", close="正文从这里开始。"),
    "第一行是空行": lambda: "\n" + card(),
    "横线用中文输入法打": lambda: card().replace("---", "———", 1),
    "文件存成了 GBK 编码": lambda: card("author: 王芳").encode("gbk"),
}

_ROW = re.compile(r"^\| (?P<mistake>[^|]+?) \| (?P<written>[^|]+?) \| `(?P<said>[^`]+)` \|$")


def guide_rows() -> dict[str, str]:
    """The guide's table: mistake → what ``check`` says (``字段: 说明``)."""
    text = GUIDE.read_text(encoding="utf-8")
    assert TABLE_HEADING in text, f"content/guide.md has no {TABLE_HEADING!r}"
    table = text.split(TABLE_HEADING, 1)[1].split("\n#", 1)[0]
    rows = {}
    for line in table.splitlines():
        match = _ROW.match(line)
        if match:
            rows[match["mistake"]] = match["said"]
    return rows


@pytest.fixture(scope="module")
def said(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """What one ``check`` of every case says, by mistake: ``字段: 说明`` (warnings as ``警告: 字段: 说明``)."""
    names = {f"case-{index:02d}.md": mistake for index, mistake in enumerate(CASES)}
    reports = {name: CASES[mistake]() for name, mistake in names.items()}
    site = make_site(tmp_path_factory.mktemp("rejections"), reports=reports, portal=PORTAL)
    result = run_cli(site, "check")
    assert result.code == 1 and "Traceback" not in result.out + result.err
    out: dict[str, list[str]] = {mistake: [] for mistake in CASES}
    for line in result.out.splitlines():
        match = re.match(r"^(?P<warning>警告: )?content/reports/(?P<name>case-\d\d\.md):\d+: (?P<rest>.*)$", line)
        if match:
            out[names[match["name"]]].append((match["warning"] or "") + match["rest"])
    return out


def test_the_guide_lists_the_mistakes_clerks_make_most() -> None:
    assert len(CASES) >= 20
    assert set(guide_rows()) == set(CASES)


@pytest.mark.parametrize("mistake", list(CASES))
def test_check_says_what_the_guide_says(mistake: str, said: dict[str, list[str]]) -> None:
    assert len(said[mistake]) == 1, said[mistake]  # one mistake, one message
    [message] = said[mistake]
    assert message == guide_rows()[mistake]
    explanation = message.split(": ", 2 if message.startswith("警告") else 1)[-1]
    assert re.search(r"[\u4e00-\u9fff]", explanation)  # Chinese
    assert not re.search(r"[A-Za-z]{3,} [A-Za-z]{3,} [A-Za-z]{3,}", explanation), explanation  # no English sentence
    # names the fix: what to write, what to do, or the right name
    assert re.search(r"请|写成|是不是|只保留|要写|加一行", explanation), explanation


def test_the_comma_list_names_every_body_and_the_list_form(said: dict[str, list[str]]) -> None:
    [message] = said["几个采用单位用中文逗号写在一行"]
    assert "“市民政局”、“县委办”" in message and "adopted: [市民政局, 县委办]" in message
    assert "是不是" not in message  # never a hint that would drop one of the two
    [joint] = said["几个股室用顿号写在一行（合报）"]
    assert "section: [社会救助股, 养老服务股]" in joint
