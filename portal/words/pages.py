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
