"""The web pages' own words: their titles and their charts' captions.

What the pages show of a bulletin is said in :mod:`portal.words.bulletin`, their table headers in
:data:`portal.words.vocabulary.H`.
"""

from __future__ import annotations

from .vocabulary import H

#: The generated pages' titles (navigation, browser tab).
TITLES = {
    "home": "首页",
    "bulletins": "通报",
    "sections": "股室",
    "requests": "约稿",
    "overdue": "紧急事件",
    "reports": "全部信息",
    "periodicals": "简报",
    "broken": "文件有错误",
}


def month_reports_title(period_label: str) -> str:
    """A month's list of reports: ``2026年3月信息``."""
    return f"{period_label}信息"


def periodical_title(name: str) -> str:
    """A periodical's page: ``《民政信息》``."""
    return f"《{name}》"


def incident_title(section: str, kind: str) -> str:
    """An incident's page: ``扣分事项：社会救助股被通报``."""
    return f"扣分事项：{section}{kind}"


def scores_chart(period_label: str) -> str:
    """The bulletin's and the home page's bar chart of scores: ``2026年3月各股室得分``."""
    return f"{period_label}各股室{H['score']}"


def volume_chart(period_label: str) -> str:
    """The bulletin's bar chart of reports and adoptions: ``2026年3月报送与采用``."""
    return f"{period_label}{H['submitted']}与{H['adopted']}"


def trend_chart(section: str, months: int) -> str:
    """A section's trend chart: ``社会救助股近12个月报送、采用与得分``."""
    return f"{section}近{months}个月{H['submitted']}、{H['adopted']}与{H['score']}"


def month_label(year: int, month: int, with_year: bool) -> str:
    """A month along a chart's axis: ``2026年1月`` (the first and each January), else ``2月``."""
    return f"{year}年{month}月" if with_year else f"{month}月"


#: The browser editor's (``admin/``) collections, and its forms' labels by field (the same field in two forms is
#: told apart: ``adopted_date``, ``incident_date``).
COLLECTIONS = {
    "requests": "约稿",
    "incidents": "通报与查实",
    "periodicals": "简报",
    "reports": "信息",
}
EDITOR_LABELS = {
    "body": "正文",
    "draft": "草稿（不计分、不发布）",
    "title": "标题",
    "section": "股室",
    "author": "作者",
    "kind": "信息类型",
    "report_date": "报送时间",
    "urgent": "重大紧急事件",
    "event_time": "事件发生时间（紧急事件）",
    "severity": "事件级别（紧急事件）",
    "reported_time": "向上级报告时间（紧急事件）",
    "request": "所答约稿",
    "tags": "标签（逗号分隔）",
    "classification": "密级标注",
    "adopted_by": "采用单位",
    "adopted_date": "采用日期",
    "adopted_form": "采用形式（如 专报、简报）",
    "instruction_by": "批示领导（职务和姓名）",
    "instruction_level": "批示级别",
    "instruction_date": "批示日期",
    "instruction_note": "批示内容",
    "issued": "发文日期",
    "deadline": "截止日期",
    "sections": "约稿股室（不选为全部）",
    "incident_date": "日期",
    "incident_type": "类型",
    "incident_report": "涉及的信息（如 reports/2026/03/2026-03-05-jiuzhu-1.md）",
    "item_report": "信息（如 reports/2026/03/2026-03-05-jiuzhu-1.md）",
    "column": "栏目",
    "number": "期号",
    "total": "总期号",
    "issue_date": "编发日期",
    "editor": "责任编辑",
    "signer": "签发",
    "publication": "刊物",
    "adopted": "采用",
    "instructions": "领导批示",
    "instruction": "批示",
    "items": "编入的信息",
    "item": "信息",
}
