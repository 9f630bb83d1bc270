"""The ``extra.portal`` schema (SPEC §4) as data: every table's keys, in order, each with its checker and default.

The checkers are in :mod:`portal.settings.checks`; :func:`portal.settings.build.build_settings` runs these tables
and assembles the :class:`portal.model.objects.Settings`.  A key whose value is a list of tables (``sections``,
``periodicals``, ``scoring`` as versions, ``reminders.channels``) is :class:`Free` here and checked item by item
there, so that each problem names its item (``extra.portal.sections[2].slug``).
"""

from __future__ import annotations

import re

from .checks import (
    Adopters,
    Choice,
    Clock,
    Count,
    Counts,
    Day,
    Days,
    DocumentNumber,
    Finite,
    Free,
    Level,
    ListOf,
    NameList,
    Number,
    NumberMap,
    Optional,
    Pattern,
    Points,
    QuietHours,
    Schema,
    Slug,
    Table,
    Text,
    TextList,
    Timezone,
    Type,
    UrgentLimit,
    Url,
)

ROOT = "extra.portal"
DEFAULT_SECTIONS = [{"name": "社会救助股", "slug": "jiuzhu", "head": "李明", "quota": 2, "aliases": ["救助股"]}]
DEFAULT_ADOPTERS = {
    "本局简报": "bureau",
    "县委办": "county",
    "县政府办": "county",
    "市委办": "city",
    "省政府办公厅": "province",
    "国务院办公厅": "national",
}
DEFAULT_INCIDENT_TYPES = ["被通报", "错报", "漏报", "瞒报", "谎报", "轻报", "失实"]

PORTAL: Schema = {
    "organization": Text(default="示例县民政局"),
    "timezone": Timezone(default="Asia/Shanghai"),
    "urgent_limit_hours": UrgentLimit(default=2),
    "kinds": NameList(default=[]),
    "incident_types": NameList(default=DEFAULT_INCIDENT_TYPES),
    "sections": Optional(Free()),  # SECTION, item by item
    "adopters": Adopters(default=DEFAULT_ADOPTERS),
    "scoring": Optional(Free()),  # SCORING, or a list of versions
    "good_info": Optional(Table()),  # GOOD_INFO
    "bulletin": Optional(Table()),  # BULLETIN
    "privacy": Optional(Table()),  # PRIVACY
    "publish_sitemap": Type(bool, default=False),
    "reminders": Optional(Table()),  # REMINDERS
    "periodicals": Optional(Free()),  # PERIODICAL, item by item
    "editor": Optional(Free()),  # portal.settings.editor
    "review": Optional(Table()),  # REVIEW
}

SECTION: Schema = {
    "name": Text(),
    "slug": Optional(Slug()),
    "head": Type(str, default=""),
    "quota": Count(default=0),
    "aliases": Optional(ListOf(Text())),
}

SCORING: Schema = {
    "from": Optional(Day()),
    "submitted": Optional(Number()),
    "adopted": Optional(Points()),
    "adopted_by": Optional(NumberMap()),
    "adoption": Optional(Choice(("highest", "sum"))),
    "instruction": Optional(Points()),
    "request_late": Optional(Number()),
    "request_missed": Optional(Number()),
    "urgent_late": Optional(Number()),
    "urgent_overdue": Optional(Number()),
    "rules": Optional(Free()),  # portal.settings.rules
    "period": Optional(Free()),  # portal.settings.rules
    "total": Optional(Choice(("sum", "average"))),
    "joint": Optional(Choice(("split", "each"))),
}

GOOD_INFO: Schema = {
    "min_level": Level(default="city"),
    "instruction": Type(bool, default=True),
}

BULLETIN: Schema = {
    "praise": Count(default=3),
    "document_number": Optional(DocumentNumber()),  # 发文字号, e.g. 示民办〔{year}〕{n}号
    "masthead": Optional(Text()),  # 发文机关标志; default: organization + 办公室
    "signer": Optional(Text()),  # 署名; default: the masthead
    "copy_to": Optional(TextList()),  # 抄送
    "printed_by": Optional(Text()),  # 印发机关; default: the signer
}

PRIVACY: Schema = {
    "id_numbers": Choice(("error", "mask", "off"), default="error"),
    "mobile_numbers": Choice(("error", "mask", "off"), default="error"),
}

#: ``extra.portal.review``: the merge-request check (``check --review``; see deploy/review).
REVIEW: Schema = {
    "require_signed_by": Type(bool, default=False),
}

PERIODICAL: Schema = {
    "name": Text(),
    "slug": Optional(Slug()),
    "adopter": Text(),
    "columns": Optional(ListOf(Text())),
    "distribution": Optional(Free()),  # {报: [县委办], 送: [市民政局], 发: [各股室]}
    "copies": Optional(Type(int)),  # （共印N份） in the 版记
}
DISTRIBUTION_KEYS = ("报", "送", "发")

# --- extra.portal.reminders (issue 16) --------------------------------------------------------

ENV_NAME_RE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
MOBILE_RE = re.compile(r"1[3-9]\d{9}")


def _env_name() -> Pattern:
    return Pattern(ENV_NAME_RE, "config.what.env_name")


REMINDERS: Schema = {
    "portal_url": Optional(Url()),
    "send_at": Clock(default="08:30"),
    "request_days_before": Counts(60, (3,)),
    "request_days_after": Counts(60, (1,)),
    "urgent_minutes_before": Counts(24 * 60, (60, 15, 0)),
    "quota_days_before_month_end": Counts(27, (5,)),
    "digest_weekdays": Counts(7, (1,), least=1),  # 1 Monday … 7 Sunday
    "retries": Count(default=3),
    "backoff_seconds": Finite(default=2, positive=False),
    "office": Optional(Table()),  # RECIPIENT
    "recipients": Optional(Table()),  # section name -> RECIPIENT
    "channels": Optional(Free()),  # CHANNELS by type, item by item
    "state": Type(str, default=""),  # the state file, relative to mkdocs.yml's folder
    "horizon_hours": Finite(default=24),
    "quiet_hours": QuietHours(default="20:00-08:00"),
    "urgent_in_quiet_hours": Type(bool, default=True),
    "calendar": Optional(Table()),  # CALENDAR
}

RECIPIENT: Schema = {
    "name": Type(str, default=""),
    "email": Pattern(EMAIL_RE, "config.what.email"),
    "mobile": Pattern(MOBILE_RE, "config.what.mobile"),
    "wecom_userid": Type(str, default=""),
}

CALENDAR: Schema = {
    "holidays": Days(),
    "workdays": Days(),
}

_CHANNEL_TYPES = ("email", "wecom", "dingtalk")
_ROBOT: Schema = {
    "name": Text(),
    "type": Choice(_CHANNEL_TYPES),
    "url_env": _env_name(),
    "timeout": Finite(default=20),
}
#: A channel's table by its ``type``.
CHANNELS: dict[str, Schema] = {
    "email": {
        "name": Text(),
        "type": Choice(_CHANNEL_TYPES),
        "host": Text(),
        "port": Optional(Count()),
        "security": Choice(("starttls", "ssl", "none"), default="starttls"),
        "username": Type(str, default=""),
        "password_env": _env_name(),
        "sender": Pattern(EMAIL_RE, "config.what.email"),
        "ca_file": Type(str, default=""),  # a CA bundle for a mail server with the bureau's own certificate
        "timeout": Finite(default=20),
    },
    "wecom": _ROBOT,
    "dingtalk": {**_ROBOT, "secret_env": _env_name()},
}
#: Keys that would hold a secret itself: the problem says to name an environment variable instead.
SECRET_KEYS = {"url", "webhook", "password", "secret", "key", "token", "access_token"}
DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}
