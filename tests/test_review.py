"""Review as merge requests (issue 27 point 4): ``check --review`` and the CI job's script, which posts the
messages to a stand-in for the GitLab and the Gitea API on 127.0.0.1 (a real forge was not tried here).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import PORTAL, REPO, make_site, report, run_cli

SCRIPT = REPO / "deploy/review/check-and-comment.py"
# NOW in conftest is 2026-04-05 12:00 UTC: 20:00 in the portal's zone (Asia/Shanghai)
FUTURE = report(title="写错年份的信息", date="2062-03-05")
REMOVED_ADOPTER = report(title="采用单位已撤销", date="2026-03-05", adopted="[{by: 市委办, date: 2026-03-09}]")
WITHOUT_CITY = {**PORTAL, "adopters": {k: v for k, v in PORTAL["adopters"].items() if k != "市委办"}}


def test_check_review_catches_a_future_date_that_plain_check_lets_pass(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": FUTURE})
    assert run_cli(site, "check").code == 0  # a build or check of the time machine: "not counted yet"
    result = run_cli(site, "check", "--review")
    assert result.code == 1
    # line 4 of the file is its date (---, title, section, date)
    assert "content/reports/2026/03/a.md:4: date: 所写时间（2062-03-05）晚于现在（2026-04-05 20:00）" in result.out


def test_signed_by_is_required_in_review_only_when_configured(tmp_path: Path) -> None:
    reports = {"2026/03/a.md": report(date="2026-03-05"), "2026/03/b.md": report(date="2026-03-05", signed_by="张三")}
    plain = make_site(tmp_path / "plain", reports=reports)
    assert run_cli(plain, "check", "--review").code == 0
    strict = make_site(tmp_path / "strict", reports=reports, portal={**PORTAL, "review": {"require_signed_by": True}})
    result = run_cli(strict, "check", "--review")
    assert result.code == 1
    # a.md has no signed_by (named at its title, line 2); its section 甲股's head is 张三 (conftest's PORTAL);
    # b.md has one
    assert "content/reports/2026/03/a.md:2: signed_by: 缺少签发人" in result.out
    assert "signed_by: 张三" in result.out and "b.md" not in result.out
    # only the merge request's files: b.md alone passes
    assert run_cli(strict, "check", "--review", "content/reports/2026/03/b.md").code == 0


def test_an_unknown_review_key_is_a_settings_error(tmp_path: Path) -> None:
    site = make_site(tmp_path, portal={**PORTAL, "review": {"require_signed": True}})
    result = run_cli(site, "check")
    assert result.code == 2
    assert "extra.portal.review.require_signed" in result.err + result.out


class _Forge(BaseHTTPRequestHandler):
    posted: list[dict[str, Any]]

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        headers = {k.lower(): v for k, v in self.headers.items()}
        self.posted.append({"path": self.path, "headers": headers, "body": json.loads(self.rfile.read(length))})
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(b'{"id": 1}')

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def forge() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    posted: list[dict[str, Any]] = []
    handler = type("Handler", (_Forge,), {"posted": posted})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", posted
    finally:
        server.shutdown()
        server.server_close()


def job(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PORTAL_REVIEW_TOKEN": "secret-token"}
    env.pop("PORTAL_AS_OF", None)
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], cwd=site, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.mark.slow
def test_the_gitlab_job_fails_and_posts_the_messages(tmp_path: Path, forge: tuple[str, list[Any]]) -> None:
    url, posted = forge
    site = make_site(tmp_path, reports={"2026/03/a.md": FUTURE, "2026/03/b.md": REMOVED_ADOPTER}, portal=WITHOUT_CITY)
    done = job(site, "--forge", "gitlab", "--api", f"{url}/api/v4", "--project", "group/报送", "--number", "7")
    assert done.returncode == 1, done.stderr
    (request,) = posted
    assert request["path"] == "/api/v4/projects/group%2F%E6%8A%A5%E9%80%81/merge_requests/7/notes"
    assert request["headers"]["private-token"] == "secret-token"
    body = request["body"]["body"]
    assert body.startswith("❌ 信息报送检查未通过：2 个错误")
    assert "错误：`content/reports/2026/03/a.md` 第 4 行 `date`：所写时间（2062-03-05）晚于现在" in body
    # the adopter's message is check's own (issue 24 words check's messages); the job names file, line and field
    assert "错误：`content/reports/2026/03/b.md` 第 5 行 `adopted[0].by`：" in body and "市委办" in body


@pytest.mark.slow
def test_the_gitea_job_posts_an_issue_comment(tmp_path: Path, forge: tuple[str, list[Any]]) -> None:
    url, posted = forge
    site = make_site(tmp_path, reports={"2026/03/a.md": FUTURE})
    done = job(site, "--forge", "gitea", "--api", f"{url}/api/v1", "--project", "bureau/portal", "--number", "12")
    assert done.returncode == 1, done.stderr
    (request,) = posted
    assert request["path"] == "/api/v1/repos/bureau/portal/issues/12/comments"
    assert request["headers"]["authorization"] == "token secret-token"
    assert "所写时间（2062-03-05）晚于现在" in request["body"]["body"]


@pytest.mark.slow
def test_a_clean_merge_request_passes_and_says_so(tmp_path: Path, forge: tuple[str, list[Any]]) -> None:
    url, posted = forge
    site = make_site(tmp_path, reports={"2026/03/a.md": report(date="2026-03-05")})
    done = job(site, "--forge", "gitea", "--api", url, "--project", "bureau/portal", "--number", "3")
    assert done.returncode == 0, done.stderr
    assert posted[0]["body"]["body"].startswith("✅ 信息报送检查通过（0 个提醒）")


@pytest.mark.slow
def test_an_unreachable_forge_fails_the_job_with_a_chinese_line(tmp_path: Path) -> None:
    site = make_site(tmp_path, reports={"2026/03/a.md": report(date="2026-03-05")})
    done = job(site, "--forge", "gitlab", "--api", "http://127.0.0.1:9/api/v4", "--project", "1", "--number", "1")
    assert done.returncode == 4
    assert "检查意见没能发到合并请求" in done.stderr and "Traceback" not in done.stderr


def test_the_ci_files_parse_and_run_the_script() -> None:
    gitlab = yaml.safe_load((REPO / "deploy/review/gitlab/.gitlab-ci.yml").read_text(encoding="utf-8"))
    job_ = gitlab["portal-review"]
    assert job_["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]
    assert "deploy/review/check-and-comment.py --forge gitlab" in " ".join(job_["script"])
    gitea = yaml.safe_load((REPO / "deploy/review/gitea/.gitea/workflows/portal-review.yml").read_text("utf-8"))
    assert "pull_request" in gitea[True]  # YAML 1.1 reads the key `on` as True
    steps = gitea["jobs"]["portal-review"]["steps"]
    assert any("deploy/review/check-and-comment.py --forge gitea" in step.get("run", "") for step in steps)
    assert (REPO / "deploy/review/gitlab/.gitlab/merge_request_templates/信息报送.md").is_file()
    assert (REPO / "deploy/review/gitea/.gitea/pull_request_template.md").is_file()


@pytest.mark.slow
def test_the_page_shows_who_signed_it(tmp_path: Path) -> None:
    from tests.conftest import mkdocs_build

    site = make_site(tmp_path, reports={"a.md": report(date="2026-03-05", signed_by="张三")})
    built = mkdocs_build(site)
    assert built.returncode == 0, built.stderr
    assert "<dt>签发</dt><dd>张三</dd>" in (site / "_site/reports/a/index.html").read_text(encoding="utf-8")
