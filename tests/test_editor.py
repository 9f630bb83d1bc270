"""The editor at admin/ (issue 27): Decap CMS on the local backend (decap-server), in the system's Chromium.

The CMS comes from its npm package by ``tools/cms.py fetch`` (checked against the pinned integrity) into
``vendor/cms`` (fetched once, kept between runs); decap-server is installed by ``tools/cms.py server``'s helper.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO, copy_demo, html_text, make_site, mkdocs_build, run_cli

sys.path.insert(0, str(REPO / "tools"))
import cms

CHROMIUM = "/usr/bin/chromium"
pytestmark = [
    pytest.mark.skipif(
        not (os.path.exists(CHROMIUM) and shutil.which("node") and shutil.which("npm")),
        reason="needs Chromium, node and npm (apt-get install chromium nodejs npm)",
    ),
    pytest.mark.slow,
]
VENDOR = REPO / "vendor" / "cms"


@pytest.fixture(scope="module")
def vendor() -> Path:
    """The checked CMS files (fetched from the npm registry once)."""
    if not (VENDOR / "MANIFEST.json").exists():
        assert cms.main(["fetch", "--into", str(VENDOR)]) == 0
    return VENDOR


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _with_editor(site: Path, **editor: Any) -> None:
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    config["extra"]["portal"]["editor"] = editor
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _build(site: Path, vendor: Path, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    os.environ["PORTAL_CMS_DIR"] = str(vendor)  # mkdocs_build passes the environment on
    try:
        return mkdocs_build(site, **kwargs)
    finally:
        del os.environ["PORTAL_CMS_DIR"]


def test_config_is_generated_from_the_settings_and_follows_them(tmp_path: Path, vendor: Path) -> None:
    site = make_site(
        tmp_path, reports={"2026/03/a.md": "---\ntitle: 一\nsection: 甲股\ndate: 2026-03-05\n---\n\n正文。\n"}
    )
    _with_editor(site, backend="gitlab", repo="bangongshi/xinxi", base_url="https://git.example.cn", app_id="abc")
    built = _build(site, vendor)
    assert built.returncode == 0, built.stderr
    config = yaml.safe_load((site / "_site/admin/config.yml").read_text(encoding="utf-8"))
    assert config["backend"] == {
        "name": "gitlab",
        "repo": "bangongshi/xinxi",
        "branch": "main",
        "base_url": "https://git.example.cn",
        "api_root": "https://git.example.cn/api/v4",
        "app_id": "abc",
        "auth_type": "pkce",
    }
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "zh_Hans"
    fields = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert fields["section"]["options"] == ["甲股", "乙股", "丙股"]
    assert fields["adopted"]["fields"][0]["options"] == ["本局简报", "县委办", "市委办", "省政府办公厅", "国务院办公厅"]
    assert fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    page = (site / "_site/admin/index.html").read_text(encoding="utf-8")
    assert '<meta name="robots" content="noindex, nofollow">' in page
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page)
    assert policy and policy.group(1) == (
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob: https://git.example.cn; connect-src 'self' https://git.example.cn; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )
    assert "<script>" not in page and "cdn" not in page.lower()
    # A new section and a new adopter in mkdocs.yml: in the form after the next build.
    config_file = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    config_file["extra"]["portal"]["sections"].append({"name": "丁股", "slug": "ding"})
    config_file["extra"]["portal"]["adopters"]["市政府办"] = "city"
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config_file, allow_unicode=True), encoding="utf-8")
    assert _build(site, vendor).returncode == 0
    config = yaml.safe_load((site / "_site/admin/config.yml").read_text(encoding="utf-8"))
    fields = {f["name"]: f for f in config["collections"][0]["fields"]}
    assert "丁股" in fields["section"]["options"] and "市政府办" in fields["adopted"]["fields"][0]["options"]
    assert '"丁股":"ding"' in (site / "_site/admin/portal.json").read_text(encoding="utf-8")


def test_without_the_cms_the_build_warns_in_chinese(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    _with_editor(site, backend="local")
    built = _build(site, tmp_path / "nothing", strict=False)
    assert built.returncode == 0
    assert "在线编辑器（Decap CMS）未安装" in built.stderr and "python tools/cms.py fetch" in built.stderr
    assert "python tools/cms.py fetch" in (site / "_site/admin/index.html").read_text(encoding="utf-8")
    assert _build(site, tmp_path / "nothing").returncode == 1  # --strict: the deploy's build fails


def test_a_changed_vendor_file_is_not_served(tmp_path: Path, vendor: Path) -> None:
    copy = tmp_path / "vendor"
    shutil.copytree(vendor, copy)
    (copy / "yaml" / "index.js").write_text("alert(1)\n", encoding="utf-8")
    site = make_site(tmp_path / "s")
    _with_editor(site, backend="local")
    built = _build(site, copy, strict=False)
    assert "与取得时核对的校验值不符" in built.stderr
    assert not (site / "_site/admin/yaml/index.js").exists()


def test_bad_editor_settings_are_named_in_chinese(tmp_path: Path) -> None:
    site = make_site(tmp_path)
    _with_editor(site, backend="gitea", repo="no slash", base_url="ftp://x", colour="red")
    result = run_cli(site, "check")
    assert result.code == 2
    for expected in (
        "extra.portal.editor.colour: editor 没有“colour”这一项",
        "extra.portal.editor.app_id: editor 用 gitea 时必须填写 app_id",
        "extra.portal.editor.repo: editor 的 repo “no slash” 应写成 分组/项目",
        "extra.portal.editor.base_url: editor 的 base_url “ftp://x” 应是 http:// 或 https:// 开头的地址",
    ):
        assert expected in result.err


def test_the_public_subset_has_no_editor(tmp_path: Path, vendor: Path) -> None:
    site = make_site(tmp_path)
    _with_editor(site, backend="local")
    out = tmp_path / "public"
    result = run_cli(site, "public", "-o", str(out))
    assert result.code == 0, result.err
    assert not any(path.name == "admin" for path in out.rglob("*"))


@pytest.fixture
def served(tmp_path: Path, vendor: Path) -> Iterator[dict[str, Any]]:
    """The demo copy built with the local backend; decap-server on its folder; the built site on a port."""
    site = copy_demo(tmp_path / "demo")
    proxy = _free_port()
    _with_editor(site, backend="local", base_url=f"http://127.0.0.1:{proxy}")
    built = _build(site, vendor)
    assert built.returncode == 0, built.stderr
    command = cms.server_command(str(REPO / "vendor" / "cms-server"))
    env = {**os.environ, "PORT": str(proxy), "BIND_HOST": "127.0.0.1", "MODE": "fs", "GIT_REPO_DIRECTORY": str(site)}
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert server.stdout is not None
    for line in server.stdout:  # waits for the server's own "listening" line
        if "listening" in line:
            break
    drain = threading.Thread(target=server.stdout.read, daemon=True)
    drain.start()
    handler = functools.partial(_Quiet, directory=str(site / "_site"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield {"site": site, "url": f"http://127.0.0.1:{httpd.server_address[1]}/admin/"}
    finally:
        httpd.shutdown()
        httpd.server_close()
        server.terminate()
        server.wait(timeout=30)
        drain.join(timeout=30)
        server.stdout.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def _pick(page: Any, label: str, option: str, nth: int = 0) -> None:
    page.get_by_label(label).nth(nth).click()
    page.get_by_role("option", name=option, exact=True).click()


def _open(playwright: Any, url: str, messages: list[str]) -> Any:
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
    page = browser.new_page(timezone_id="Asia/Shanghai")
    page.on("console", lambda m: messages.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(url)
    page.get_by_role("button", name="登录").click()
    return browser, page


def _publish(page: Any, path: Path, before: str | None = None) -> str:
    """Publish, then wait (in the page's own event loop) until decap-server has written ``path``."""
    page.get_by_role("button", name="发布").click()
    page.get_by_text("立即发布").click()
    for _ in range(300):
        if path.exists() and path.read_text(encoding="utf-8") != before:
            return path.read_text(encoding="utf-8")
        page.wait_for_timeout(100)
    raise AssertionError(f"{path} was not written")


def _fill_report(page: Any) -> None:
    page.get_by_label("标题").fill("我县“救助”工作见成效")
    _pick(page, "股室", "社会救助股")
    page.get_by_label("作者").fill("李明")
    page.get_by_label("报送时间").fill("2026-03-20T09:30")
    page.get_by_role("button", name="新增采用").click()
    _pick(page, "采用单位", "县委办", 0)
    page.get_by_label("采用日期").nth(0).fill("2026-03-25")
    page.get_by_role("button", name="新增采用").click()
    _pick(page, "采用单位", "市民政局", 1)
    page.get_by_label("采用日期").nth(1).fill("2026-03-28")
    page.get_by_label("采用形式（如 专报、简报）").nth(1).fill("专报")
    page.get_by_role("button", name="新增批示").click()
    page.get_by_label("批示领导（职务和姓名）").fill("副市长 王强")
    _pick(page, "批示级别", "市级")
    page.get_by_label("批示日期").fill("2026-03-30")
    page.get_by_label("批示内容").fill("总结经验，全市推广")
    page.locator('[aria-label="markdown field"] [contenteditable="true"]').click()
    page.keyboard.type("一是加强排查。二是及时救助。")


def _front(text: str) -> list[str]:
    """The front-matter's lines, comments left out (``new`` writes hints as comments)."""
    lines = text.split("---\n")[1].splitlines()
    return [line for line in lines if not line.lstrip().startswith("#")]


def test_a_report_written_in_the_editor_is_what_new_adopt_and_instruct_write(
    served: dict[str, Any], tmp_path: Path
) -> None:
    from playwright.sync_api import sync_playwright

    site: Path = served["site"]
    messages: list[str] = []
    with sync_playwright() as playwright:
        browser, page = _open(playwright, served["url"], messages)
        page.goto(served["url"] + "#/collections/reports/new")
        _fill_report(page)
        saved = site / "content/reports/2026/03/2026-03-20-jiuzhu-1.md"  # the first free number, as `new` names it
        text = _publish(page, saved)
        browser.close()
    assert messages == []  # nothing the policy of admin/ refused
    # The same report by the command line, in a second copy of the demo.
    other = copy_demo(tmp_path / "cli")
    made = run_cli(
        other, "new", "report", "--section", "社会救助股", "--title", "我县“救助”工作见成效",
        "--author", "李明", "--date", "2026-03-20 09:30",
    )  # fmt: skip
    assert made.code == 0, made.err
    path = made.out.split()[-1]
    for args in (
        ("adopt", path, "--by", "县委办", "--date", "2026-03-25"),
        ("adopt", path, "--by", "市民政局", "--date", "2026-03-28", "--form", "专报"),
        (
            "instruct",
            path,
            "--by",
            "副市长 王强",
            "--level",
            "city",
            "--date",
            "2026-03-30",
            "--text",
            "总结经验，全市推广",
        ),
    ):
        assert run_cli(other, *args).code == 0
    assert path == "content/reports/2026/03/2026-03-20-jiuzhu-1.md"
    assert _front(text) == _front((other / path).read_text(encoding="utf-8"))
    assert text.endswith("---\n\n一是加强排查。二是及时救助。\n")
    assert run_cli(site, "check").code == 0
    assert _build(site, VENDOR).returncode == 0
    shown = html_text((site / "_site/reports/2026/03/2026-03-20-jiuzhu-1/index.html").read_text(encoding="utf-8"))
    # 2026-03-20 is under the scheme from 2025-01-01: submitted 1; adoptions, the highest only
    # (县委办 county 5, 市民政局 city 10) 10; a city 批示 20: 1 + 10 + 20 = 31.
    assert re.search(r"得分\s*31\b", shown)


def test_editing_a_report_keeps_every_field_it_does_not_touch(served: dict[str, Any]) -> None:
    from playwright.sync_api import sync_playwright

    site: Path = served["site"]
    target = site / "content/reports/2026/03/2026-03-10-yanglao-025.md"
    before = target.read_text(encoding="utf-8")
    messages: list[str] = []
    with sync_playwright() as playwright:
        browser, page = _open(playwright, served["url"], messages)
        page.goto(served["url"] + "#/collections/reports/entries/2026/03/2026-03-10-yanglao-025")
        page.get_by_label("标题").fill("我县新建改造农村幸福院7所（续）")
        after = _publish(page, target, before)
        browser.close()
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [('title: "我县新建改造农村幸福院7所"', 'title: "我县新建改造农村幸福院7所（续）"')]
    assert run_cli(site, "check").code == 0


def test_mistakes_the_form_cannot_prevent_are_caught_by_check(tmp_path: Path) -> None:
    """An adopter since removed from the settings, a date in the future: ``check`` names file, line and field."""
    site = copy_demo(tmp_path / "demo")
    config = yaml.safe_load((site / "mkdocs.yml").read_text(encoding="utf-8"))
    del config["extra"]["portal"]["adopters"]["县政府办"]
    (site / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_cli(site, "check")
    assert result.code == 1
    assert "content/reports/2026/03/2026-03-10-yanglao-025.md:9: adopted:" in result.out  # `adopted: 县政府办`
    future = site / "content/reports/2026/11/2026-11-02-binzang-016.md"
    future.write_text(future.read_text(encoding="utf-8").replace("date: 2026-11-02", "date: 2027-11-02"), "utf-8")
    now = datetime(2026, 12, 6, 4, 0, tzinfo=timezone.utc)  # 12:00 in Asia/Shanghai
    assert "binzang-016" not in run_cli(site, "check", now=now).out  # a time machine's view: not an error
    result = run_cli(site, "check", "--review", now=now)  # what the merge request's pipeline runs
    assert result.code == 1
    assert (
        "content/reports/2026/11/2026-11-02-binzang-016.md:6: date: 所写时间（2027-11-02）晚于现在（2026-12-06 12:00）"
    ) in result.out


def test_fetch_refuses_a_package_whose_integrity_is_not_the_pinned_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(cms, "PACKAGES", {"yaml": ("2.9.1", "sha512-" + "A" * 86 + "==")})
    into = tmp_path / "vendor" / "cms"
    assert cms.main(["fetch", "--into", str(into)]) == 1
    assert "yaml@2.9.1 的校验值不符" in capsys.readouterr().err
    assert not into.exists() and os.listdir(tmp_path / "vendor") == []  # nothing half-installed
