"""Generate a realistic synthetic bureau site for the benchmark (issue 7).

``python bench/generate.py DIR --reports N [--seed S] [--plain]`` writes

* ``DIR/mkdocs.yml`` — the demo's ``extra.portal`` (10 sections, adopters, scoring), the portal hook by
  absolute path, Material (zh) with the repository's ``overrides``, search + tags, the demo's ``not_in_nav``;
* ``DIR/content/index.md``;
* N reports of about 3 KB of Chinese each under ``content/reports/YYYY/MM/``, dated over the 24 months
  ending 2026-10 — a mix of adoption forms, a few leader instructions, urgent events with
  ``event_time``/``reported_time`` (on time, late, never reported), drafts, and answers to requests
  (only from the sections each request asked);
* about N/200 appointment notices under ``content/requests/``.

``--plain`` writes the same site without the portal: no ``hooks:`` and no ``extra.portal`` — the baseline
"plain Material build of the same reports".  Deterministic (one ``random.Random(seed)``), no network,
no clock.  Every generated site passes ``python build_stats.py check`` with 0 errors and 0 warnings.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
START, END = dt.date(2024, 11, 1), dt.date(2026, 10, 31)

# name, slug, share of reports, adoption propensity, authors, topics
SECTIONS = [
    (
        "社会救助股",
        "jiuzhu",
        18,
        0.45,
        ["李明", "王芳", "陈晓东", "孟丽娟"],
        ["低保", "特困供养", "临时救助", "冬春救助"],
    ),
    (
        "养老服务股",
        "yanglao",
        15,
        0.42,
        ["王静", "何建平", "许文静"],
        ["居家养老", "助餐服务", "养老机构", "适老化改造"],
    ),
    ("社会事务股", "shiwu", 11, 0.35, ["张伟", "邓海燕", "曹志远"], ["流浪乞讨救助", "残疾人两项补贴", "救助管理站"]),
    ("儿童福利股", "ertong", 9, 0.33, ["刘洋", "韩雪"], ["困境儿童", "留守儿童关爱", "儿童督导员"]),
    ("基层政权和社区建设股", "jiceng", 10, 0.32, ["陈刚", "冯丽华", "彭涛"], ["村务公开", "社区减负", "网格服务"]),
    ("区划地名股", "quhua", 6, 0.25, ["杨帆", "郭春燕"], ["地名普查", "界线联检", "地名文化"]),
    ("慈善事业促进和社会工作股", "cishan", 9, 0.35, ["赵丽", "唐晓明", "宋佳"], ["慈善募捐", "社工站", "志愿服务"]),
    ("社会组织管理股", "shezu", 8, 0.25, ["黄磊", "范文博"], ["社会组织年检", "等级评估", "非法社会组织整治"]),
    ("婚姻登记中心", "hunyin", 7, 0.20, ["周敏", "潘婷婷"], ["婚姻登记", "婚俗改革", "婚姻家庭辅导"]),
    ("殡葬管理所", "binzang", 7, 0.20, ["吴强", "谢国栋"], ["殡葬改革", "公益性公墓", "文明祭扫"]),
]
ALIASES = {"社会救助股": ["救助股"], "基层政权和社区建设股": ["基层政权股", "社区建设股"]}
ALIASES["慈善事业促进和社会工作股"] = ["慈善股", "社会工作股"]
HEADS = ["李明", "王静", "张伟", "刘洋", "陈刚", "杨帆", "赵丽", "黄磊", "周敏", "吴强"]
QUOTAS = [2, 2, 2, 1, 2, 1, 1, 1, 1, 1]

ADOPTERS = {
    "本局简报": "bureau",
    "县委办": "county",
    "县政府办": "county",
    "市委办": "city",
    "市政府办": "city",
    "市民政局": "city",
    "省政府办公厅": "province",
    "省民政厅": "province",
    "国务院办公厅": "national",
    "民政部": "national",
}
# adopters by how often a report reaches them (most stay in the county)
ADOPTER_WEIGHTS = [30, 22, 14, 9, 6, 7, 3, 3, 1, 1]
FORMS = ["专报", "简报", "快报", "摘编", "专刊"]
LEADERS = [
    ("县委书记 孙建国", "county"),
    ("县长 周立新", "county"),
    ("县委副书记 赵志刚", "county"),
    ("副县长 钱文华", "county"),
    ("市委副书记 郑国强", "city"),
    ("副市长 林海燕", "city"),
    ("副省长 高明远", "province"),
]
NOTES = [
    "请持续跟踪，及时报告进展情况",
    "经验做法很好，请总结推广",
    "请认真研究，抓好落实",
    "请民政局牵头，会同有关部门办理",
]

TOWNS = ["城关镇", "河西镇", "石桥镇", "青山乡", "柳林镇", "双河镇", "白马乡", "新集镇", "东湖镇", "龙泉乡", "南塘镇"]
VILLAGES = ["杨庄村", "李集村", "桃园村", "王楼村", "柏树村", "东关社区", "南街社区", "新华社区", "北苑社区", "三里村"]
TAGS = ["重点", "热点", "难点", "特点", "亮点", "基层经验", "民生实事", "改革创新"]
ADVS = ["多措并举", "精准发力", "统筹协调", "高位谋划", "持续用力", "压实责任", "创新方式", "聚焦短板"]
LEADS = [
    "今年以来，县民政局坚持以人民为中心的发展思想，聚焦{topic}工作，{adv}，推动各项任务落地见效。",
    "近期，县民政局对{topic}工作进行再部署、再推进，要求各乡镇{adv}，确保工作取得实效。",
    "为进一步做好{topic}工作，县民政局围绕“{motto}”工作思路，{adv}，着力解决群众急难愁盼问题。",
    "{month}月以来，{town}认真落实县委、县政府关于{topic}工作的部署要求，{adv}，工作取得阶段性成效。",
]
MOTTOS = ["四个到位", "三项机制", "清单化管理", "一户一策", "五个一", "网格化服务", "双向发力"]
MEASURES = [
    "{ord}是强化组织领导。成立由局主要负责同志任组长的工作专班，制定{topic}工作实施方案，"
    "明确任务清单、责任清单和时间表，先后召开专题会议{k}次，研究解决困难问题{n2}个，"
    "形成一级抓一级、层层抓落实的工作格局。",
    "{ord}是开展摸底排查。组织乡镇民政办、村（社区）干部深入{town}、{town2}等地逐户走访，"
    "累计排查{obj}{n}户（人），建立动态管理台账，做到底数清、情况明、措施准，"
    "对发现的{k}个突出问题逐一制定整改措施。",
    "{ord}是完善制度机制。出台《{topic}工作规范》等制度文件{k}个，健全申请受理、审核确认、"
    "公示监督等环节工作流程，推行“一窗受理、一次办结”，平均办理时限由{k2}个工作日压缩至{k}个工作日。",
    "{ord}是加强资金保障。积极争取上级补助资金，县财政统筹安排{topic}专项资金{amt}万元，"
    "严格落实资金使用公示制度，会同财政、审计部门开展专项检查{k}次，确保资金安全规范使用。",
    "{ord}是推进信息化建设。依托民政业务信息系统，对全县{n}条{topic}数据进行比对核查，"
    "推动与公安、人社、医保等部门数据共享，实现“数据多跑路、群众少跑腿”，办理效率提高{pct}%。",
    "{ord}是强化队伍建设。举办{topic}业务培训班{k}期，培训乡镇民政干部、村（社区）工作人员{n2}人次，"
    "组织业务骨干到{town}开展现场观摩交流，进一步提升基层工作人员业务能力和服务水平。",
    "{ord}是加大宣传力度。通过微信公众号、村村响广播、入户宣讲等方式广泛宣传{topic}政策，"
    "发放政策明白纸{n}份，在{village}等{k2}个村（社区）设立政策咨询点，群众知晓率达{pct}%。",
    "{ord}是注重典型引路。选树{town}、{village}等{k}个先进典型，总结推广“{motto}”工作法，"
    "以点带面推动全县{topic}工作整体提升，相关做法被{k2}家媒体宣传报道。",
    "{ord}是强化督导检查。抽调{k}名业务骨干组成督导组，采取“四不两直”方式对{town}、{town2}等"
    "乡镇开展督导检查，发现问题{n2}个，已全部督促整改到位，推动{topic}工作规范有序开展。",
    "{ord}是深化部门协作。会同卫健、教育、乡村振兴等部门建立{topic}工作联席会议制度，定期会商研判，"
    "今年以来共召开联席会议{k}次，协调解决跨部门问题{n2}个，形成工作合力。",
]
FACTS = [
    "截至目前，全县共有{obj}{n}户{p}人，{month}月份发放各类补助资金{amt}万元，发放准确率达100%。",
    "今年以来，全县累计新增{obj}{n2}户，办理{topic}相关业务{n}件，群众满意度达{pct}%。",
    "据统计，{town}等{k}个乡镇{topic}工作完成率达{pct}%，较去年同期提高{k2}个百分点。",
    "目前，全县已建成{topic}服务点{k2}个，覆盖{village}等{n2}个村（社区），累计服务群众{n}人次。",
]
NEXTS = [
    "下一步，县民政局将持续深化{topic}工作，健全长效机制，不断增强群众的获得感、幸福感、安全感。",
    "下一步，县民政局将聚焦群众急难愁盼，进一步完善{topic}政策措施，推动民政事业高质量发展。",
    "下一步，县民政局将加强跟踪问效，及时总结推广{topic}工作经验，为全县经济社会发展贡献民政力量。",
]
TITLES = [
    "我县{adv}扎实推进{topic}工作",
    "{town}创新开展{topic}工作 {n}户群众受益",
    "县民政局“{motto}”推动{topic}提质增效",
    "我县{topic}工作取得阶段性成效",
    "{town}{village}探索{topic}新路径",
]
URGENT_EVENTS = [
    ("{town}一名流浪人员街头突发疾病 县救助管理站紧急施救", "流浪乞讨救助"),
    ("{town}{village}一处民房因暴雨倒塌 受灾群众得到妥善安置", "临时救助"),
    ("{town}敬老院突发停电停水 {k}名特困老人安全转移", "养老机构"),
    ("{town}一名走失老人被寻回 救助管理站协助护送返家", "救助管理站"),
]
URGENT_SECTIONS = {"jiuzhu", "yanglao", "shiwu"}  # who handles the urgent events
ORD = "一二三四五"
CASES = [
    "在{village}，村（社区）干部和社会工作者组成服务小分队，逐户上门了解{obj}实际困难，"
    "帮助{k}户家庭申请{topic}相关政策，协调解决就医、就学等具体问题{n2}件，群众纷纷点赞。",
    "{town}结合实际探索“{motto}”模式，将{topic}工作纳入乡镇年度目标考核，建立周调度、月通报制度，"
    "今年以来累计服务群众{n}人次，相关经验在全县推广。",
    "{town2}依托党群服务中心设立{topic}服务窗口，安排{k}名专职人员坐班服务，"
    "提供政策咨询、业务办理、跟踪回访等“一站式”服务，累计办理业务{n2}件。",
]
REQUEST_TOPICS = [
    "冬春救助工作开展情况",
    "养老服务体系建设工作",
    "岁末年初民政服务保障工作",
    "清明祭扫服务保障工作",
    "社会组织规范管理工作",
    "困境儿童关爱保护工作",
    "基层治理创新典型经验",
    "慈善事业发展工作",
    "防汛救灾应急救助工作",
    "民政领域安全生产工作",
]

INDEX = """---
title: 首页
---

# 示例县民政局 · 信息报送门户（基准测试站点）

本站点由 `bench/generate.py` 随机生成，用于测量门户在大量信息下的构建和统计性能。内容均为虚构。
"""


def config(plain: bool, nav: bool = True) -> dict:
    """The mkdocs.yml of a generated site (``plain``: no hook and no ``extra.portal``)."""
    demo = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg: dict = {
        "site_name": demo["site_name"],
        "docs_dir": "content",
        "site_dir": "site",
        "use_directory_urls": True,
        "strict": False,
        "theme": {"name": "material", "language": "zh", "custom_dir": str(REPO / "overrides"), "font": False},
        "plugins": [{"search": {"lang": "zh"}}, "tags"],
        "not_in_nav": demo["not_in_nav"],
        "markdown_extensions": ["tables", "attr_list", "admonition", {"toc": {"permalink": True}}],
        "extra_css": ["assets/portal.css"],
        "extra": {"generator": False},
    }
    if plain:
        cfg["nav"] = [{"首页": "index.md"}]
    else:
        cfg["hooks"] = [str(REPO / "build_stats.py")]
        cfg["nav"] = [item for item in demo["nav"] if "guide.md" not in item.values()]
        cfg["extra"]["portal"] = demo["extra"]["portal"]
    return cfg


class Generator:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    # --- text ---------------------------------------------------------------------------------

    def values(self, topic: str, day: dt.date) -> dict[str, object]:
        r = self.rng
        town, town2 = r.sample(TOWNS, 2)
        return {
            "topic": topic,
            "town": town,
            "town2": town2,
            "village": r.choice(VILLAGES),
            "adv": r.choice(ADVS),
            "motto": r.choice(MOTTOS),
            "month": day.month,
            "obj": r.choice(["困难群众", "服务对象", "困难家庭", "重点对象"]),
            "n": r.randint(120, 9800),
            "n2": r.randint(12, 460),
            "p": r.randint(300, 19000),
            "k": r.randint(2, 9),
            "k2": r.randint(10, 40),
            "amt": f"{r.randint(10, 2400)}.{r.randint(1, 9)}",
            "pct": r.randint(86, 99),
        }

    def body(self, topic: str, day: dt.date, target: int = 3000) -> str:
        """Paragraphs of a typical 政务信息 until the UTF-8 size reaches about ``target`` bytes."""
        r = self.rng
        v = self.values(topic, day)
        parts = [r.choice(LEADS).format(**v), r.choice(FACTS).format(**v)]
        size = sum(len(p.encode()) for p in parts)
        for i, template in enumerate(r.sample(MEASURES, r.randint(3, len(ORD)))):
            if size >= target - 450:
                break
            text = template.format(**self.values(topic, day), ord=ORD[i])
            head, rest = text.split("。", 1)
            parts.append(f"**{head}。**{rest}")
            size += len(parts[-1].encode()) + 2
        while size < target - 450:  # fill up with facts and cases from the towns
            parts.append(r.choice(FACTS + CASES).format(**self.values(topic, day)))
            size += len(parts[-1].encode()) + 2
        if r.random() < 0.15:
            towns = r.sample(TOWNS, 3)
            rows = "\n".join(f"| {t} | {r.randint(20, 900)} | {r.randint(86, 100)}% |" for t in towns)
            parts.append(f"| 乡镇 | 服务人次 | 完成率 |\n|---|---|---|\n{rows}")
        parts.append(r.choice(NEXTS).format(**v))
        return "\n\n".join(parts) + "\n"

    # --- front-matter -------------------------------------------------------------------------

    def moment(self, day: dt.date, with_time: bool) -> tuple[str, dt.datetime]:
        at = dt.datetime.combine(day, dt.time(self.rng.randint(8, 18), self.rng.randint(0, 59)))
        return (f"{at:%Y-%m-%d %H:%M}" if with_time else f"{day:%Y-%m-%d}"), at

    def adopted(self, day: dt.date, propensity: float) -> list[str]:
        """Front-matter lines of ``adopted`` in one of SPEC §3.1's forms (or none)."""
        r = self.rng
        if r.random() > propensity:
            return []
        names = list(dict.fromkeys(r.choices(list(ADOPTERS), ADOPTER_WEIGHTS, k=r.choice([1, 1, 1, 2, 3]))))
        form = r.random()
        if form < 0.35 and len(names) == 1:
            return [f"adopted: {names[0]}"]
        if form < 0.55:
            return [f"adopted: [{', '.join(names)}]"]
        lines = ["adopted:"]
        when = day
        for name in names:
            when += dt.timedelta(days=r.randint(1, 20))
            lines.append(f"  - {{by: {name}, date: {when:%Y-%m-%d}, form: {r.choice(FORMS)}}}")
        return lines

    def instructions(self, day: dt.date) -> list[str]:
        lines = ["instructions:"]
        for by, level in self.rng.sample(LEADERS, self.rng.choice([1, 1, 2])):
            when = day + dt.timedelta(days=self.rng.randint(2, 25))
            note = self.rng.choice(NOTES)
            lines.append(f'  - {{by: "{by}", level: {level}, date: {when:%Y-%m-%d}, note: "{note}"}}')
        return lines

    def report(self, section: tuple, day: dt.date, request: str | None = None) -> str:
        r = self.rng
        name, _slug, _share, propensity, authors, topics = section
        topic = r.choice(topics)
        urgent = request is None and _slug in URGENT_SECTIONS and r.random() < 0.05
        lines: list[str] = []
        if urgent:
            template, topic = r.choice(URGENT_EVENTS)
            title = template.format(**self.values(topic, day))
            event = dt.datetime.combine(day, dt.time(r.randint(0, 17), r.randint(0, 59)))
            submitted = event + dt.timedelta(minutes=r.randint(20, 300))
            fields = [f'title: "{title}"', f"section: {r.choice([name, *ALIASES.get(name, [])])}"]
            fields += [f"author: {r.choice(authors)}", f"date: {submitted:%Y-%m-%d %H:%M}", "tags: [重点, 紧急]"]
            fields += ["urgent: true", f"event_time: {event:%Y-%m-%d %H:%M}"]
            fate = r.random()
            if fate < 0.7:
                fields.append(f"reported_time: {event + dt.timedelta(minutes=r.randint(15, 115)):%Y-%m-%d %H:%M}")
            elif fate < 0.85:
                fields.append(f"reported_time: {event + dt.timedelta(minutes=r.randint(130, 600)):%Y-%m-%d %H:%M}")
            lines = fields
        else:
            title = r.choice(TITLES).format(**self.values(topic, day))
            date_text, _ = self.moment(day, r.random() < 0.4)
            lines = [
                f'title: "{title}"',
                f"section: {name if r.random() < 0.9 else r.choice([name, *ALIASES.get(name, [])])}",
            ]
            if r.random() < 0.9:
                lines.append(f"author: {r.choice(authors)}")
            lines.append(f"date: {date_text}")
            if r.random() < 0.6:
                lines.append(f"tags: [{', '.join([*r.sample(TAGS, r.randint(1, 3)), topic])}]")
            if r.random() < 0.4:
                lines.append(f"classification: {r.choice(['公开', '内部'])}")
            if request:
                lines.append(f"request: {request}")
            lines += self.adopted(day, propensity)
            if r.random() < 0.03:
                lines += self.instructions(day)
            if r.random() < 0.01:
                lines.append("draft: true")
        return "---\n" + "\n".join(lines) + "\n---\n\n" + self.body(topic, day)

    def request(self, rid: str, issued: dt.date, deadline: dt.date, asked: list[str] | None, topic: str) -> str:
        head = "、".join(asked) if asked else "局机关各股室、各中心（所）"
        lines = [
            f"title: 关于报送{topic}信息的约稿通知",
            f"issued: {issued:%Y-%m-%d}",
            f"deadline: {deadline:%Y-%m-%d}",
        ]
        if asked:
            lines.append(f"sections: [{', '.join(asked)}]")
        return (
            "---\n" + "\n".join(lines) + "\n---\n\n"
            f"{head}：\n\n为及时、准确反映我局{topic}，按照县委办、县政府办关于政务信息工作的要求，现就有关信息约稿如下。\n\n"
            f"## 报送内容\n\n{topic}的具体措施、工作成效和典型经验。\n\n## 报送要求\n\n"
            "1. **字数**：每篇1000字以内，一事一报，标题简洁、数据准确、事例具体。\n"
            f"2. **报送方式**：文稿经股室负责人审核后，于{deadline.year}年{deadline.month}月{deadline.day}日前提交至"
            f"信息报送门户，在文稿信息中注明 `request: {rid}`；逾期未报送的，将在月度通报中予以提醒。\n\n"
            "请各有关股室高度重视，按时保质完成报送任务。\n"
        )

    # --- the site -----------------------------------------------------------------------------

    def day(self, start: dt.date = START, end: dt.date = END) -> dt.date:
        """A working day (mostly) between start and end."""
        span = (end - start).days
        for _ in range(5):
            d = start + dt.timedelta(days=self.rng.randint(0, span))
            if d.weekday() < 5:
                return d
        return d

    def site(self, reports: int) -> tuple[dict[str, str], dict[str, str]]:
        """(request files, report files) as {relative path under content/: text}."""
        r = self.rng
        n_requests = max(1, round(reports / 200))
        requests: dict[str, str] = {}
        answers: list[tuple[tuple, dt.date, str]] = []
        for i in range(n_requests):
            issued = START + dt.timedelta(days=round((i + 0.5) * (END - START).days / n_requests) - 10)
            issued = max(START, issued)
            deadline = issued + dt.timedelta(days=r.randint(7, 15))
            rid = f"YG-{issued.year}-{i + 1:03d}"
            asked = None if r.random() < 0.3 else sorted(r.sample(range(len(SECTIONS)), r.randint(2, 5)))
            names = [SECTIONS[k][0] for k in asked] if asked is not None else None
            requests[f"requests/{rid}.md"] = self.request(rid, issued, deadline, names, r.choice(REQUEST_TOPICS))
            for k in asked if asked is not None else range(len(SECTIONS)):
                if r.random() < 0.8:  # the others miss it (or answer after as_of)
                    answered = self.day(issued, min(END, deadline + dt.timedelta(days=5)))
                    answers.append((SECTIONS[k], answered, rid))
        weights = [s[2] for s in SECTIONS]
        plan = [(s, d, rid) for s, d, rid in answers[:reports]]
        plan += [(r.choices(SECTIONS, weights)[0], self.day(), None) for _ in range(reports - len(plan))]
        files: dict[str, str] = {}
        for number, (section, day, rid) in enumerate(plan, 1):
            path = f"reports/{day:%Y}/{day:%m}/{day:%Y-%m-%d}-{section[1]}-{number:06d}.md"
            files[path] = self.report(section, day, rid)
        return requests, files


class _Dumper(yaml.SafeDumper):
    """Writes multi-line strings (``not_in_nav``) as literal blocks, as a person would."""


_Dumper.add_representer(
    str,
    lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if "\n" in value else None),
)


def generate(target: Path, reports: int, seed: int = 7, plain: bool = False) -> None:
    """(Re)write the site in ``target``."""
    content = target / "content"
    if content.exists():
        shutil.rmtree(content)
    target.mkdir(parents=True, exist_ok=True)
    cfg = yaml.dump(config(plain), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)
    (target / "mkdocs.yml").write_text(cfg, encoding="utf-8")
    requests, files = Generator(seed).site(reports)
    (content / "requests").mkdir(parents=True)
    (content / "index.md").write_text(INDEX, encoding="utf-8")
    made: set[Path] = set()
    for rel, text in {**requests, **files}.items():
        path = content / rel
        if path.parent not in made:
            path.parent.mkdir(parents=True, exist_ok=True)
            made.add(path.parent)
        path.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path, help="folder of the site (its content/ is replaced)")
    parser.add_argument("--reports", type=int, required=True, help="number of reports")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--plain", action="store_true", help="no portal hook and no extra.portal (the baseline)")
    args = parser.parse_args(argv)
    generate(args.dir, args.reports, args.seed, args.plain)
    print(f"{args.dir}: {args.reports} reports, seed {args.seed}{' (plain)' if args.plain else ''}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
