#!/usr/bin/env python3
r"""The merge-request check: run ``check --review`` on the files a merge request changes, post its messages (in
Chinese) to the merge request as a comment, and fail the job when there is an error.

Run in the site's folder (where ``mkdocs.yml`` is) by the CI job of GitLab (``deploy/review/gitlab``) or of
Gitea/Forgejo Actions (``deploy/review/gitea``)::

    python deploy/review/check-and-comment.py --forge gitlab --api "$CI_API_V4_URL" \
        --project "$CI_PROJECT_ID" --number "$CI_MERGE_REQUEST_IID" --base "$CI_MERGE_REQUEST_DIFF_BASE_SHA"

The token (a project access token that may comment: GitLab scope ``api``, role Reporter; Gitea a token with
``write:issue``) is read from the environment variable named by ``--token-env`` (``PORTAL_REVIEW_TOKEN``).
Exit code: that of ``check`` (1: the merge request has errors); 4 when the check passed but the comment could not
be posted.  Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]  # the portal's code: build_stats.py and portal/
sys.path.insert(0, str(REPO))

from portal.words.messages import say  # noqa: E402 (after the path above)

EXIT_POST_FAILED = 4
_LINE_RE = re.compile(r"^(?P<warning>warning: )?(?P<path>[^:\n]+):(?P<line>\d+): (?P<field>[^:\n]*): (?P<message>.*)$")


def changed_files(base: str, content: str = "content") -> list[str]:
    """The Markdown files under ``content`` that the merge request adds or changes (none: git failed)."""
    if not base:
        return []
    command = ["git", "diff", "--name-only", "--diff-filter=d", "-z", f"{base}...HEAD", "--", content]
    try:
        done = subprocess.run(command, capture_output=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return []
    names = done.stdout.decode("utf-8", "replace").split("\0")
    return sorted(name for name in names if name.endswith(".md") and os.path.isfile(name))


def run_check(files: list[str], config: str, review: bool = True) -> tuple[int, str]:
    """``build_stats.py check --review FILES``: its exit code and what it printed."""
    command = [sys.executable, str(REPO / "build_stats.py"), "check", "--config", config]
    command += ["--review", *files] if review else []
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", errors="replace")
    return done.returncode, (done.stdout + done.stderr).strip()


def comment(code: int, output: str) -> str:
    """The comment in Markdown: a verdict, then each problem as ``文件 第 N 行 字段：说明``."""
    items, other = [], []
    errors = warnings = 0
    for line in output.splitlines():
        match = _LINE_RE.match(line)
        if match is None:
            other.append(line)
            continue
        warning = bool(match["warning"])
        warnings += warning
        errors += not warning
        mark = "提醒" if warning else "错误"
        items.append(f"- {mark}：`{match['path']}` 第 {match['line']} 行 `{match['field']}`：{match['message']}")
    if code == 0:
        head = say("review.comment_passed", warnings=warnings)
    elif code == 1:
        head = say("review.comment_failed", errors=errors, warnings=warnings)
    else:
        head = say("review.comment_crashed", code=code)
    tail = [f"\n```\n{chr(10).join(other)}\n```"] if other and (code not in (0, 1) or not items) else []
    return "\n".join([head, "", *items, *tail, "", say("review.comment_footer")]) + "\n"


def post(forge: str, api: str, project: str, number: str, token: str, body: str) -> None:
    """The comment on merge request ``number`` (GitLab: a note; Gitea/Forgejo: an issue comment)."""
    api = api.rstrip("/")
    if forge == "gitlab":
        url = f"{api}/projects/{urllib.parse.quote(project, safe='')}/merge_requests/{number}/notes"
        headers = {"PRIVATE-TOKEN": token}
    else:
        owner, _, name = project.partition("/")
        url = f"{api}/repos/{urllib.parse.quote(owner)}/{urllib.parse.quote(name)}/issues/{number}/comments"
        headers = {"Authorization": f"token {token}"}
    data = json.dumps({"body": body}, ensure_ascii=False).encode("utf-8")
    headers["Content-Type"] = "application/json; charset=utf-8"
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=30) as response:
        response.read()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forge", choices=("gitlab", "gitea"), required=True)
    parser.add_argument("--api", required=True, help="GitLab: $CI_API_V4_URL; Gitea: https://HOST/api/v1")
    parser.add_argument("--project", required=True, help="GitLab: the project id; Gitea: owner/repository")
    parser.add_argument("--number", required=True, help="the merge request's number (GitLab iid)")
    parser.add_argument("--base", default="", help="the commit the merge request starts from")
    parser.add_argument("--token-env", default="PORTAL_REVIEW_TOKEN")
    parser.add_argument("--config", default="mkdocs.yml")
    parser.add_argument("files", nargs="*", help="the files to review (default: the ones changed since --base)")
    args = parser.parse_args(argv)
    token = os.environ.get(args.token_env, "")
    files = args.files or changed_files(args.base)
    # no report changed (only the settings, say): the plain check, not the review of every old report
    code, output = run_check(files, args.config, review=bool(files) or not args.base)
    body = comment(code, output)
    print(body)
    if not token:
        print(say("review.missing_setting", name=args.token_env), file=sys.stderr)
        return code or EXIT_POST_FAILED
    try:
        post(args.forge, args.api, args.project, args.number, token, body)
    except (OSError, urllib.error.URLError, ValueError) as exc:
        print(say("review.post_failed", reason=exc), file=sys.stderr)
        return code or EXIT_POST_FAILED
    return code


if __name__ == "__main__":
    sys.exit(main())
