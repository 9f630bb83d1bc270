"""What the 修改记录 costs (issue 27 point 5): the one ``git log`` and its parsing, against the whole build.

``python bench/history.py DIR [--reports 1000]`` generates the synthetic bureau of ``bench/generate.py`` in
DIR, commits it into a new git repository as a bureau would have written it — one commit per report (by its
author, at its date), then an edit of one report in three, a rename of one in fifty — and times, in this
process, the git call the hook makes (``portal.figures.history.LOG_ARGS``) and
:func:`portal.figures.history.parse`, and then
a full ``mkdocs build`` in a subprocess.  Prints the figures; docs/performance.md quotes them.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from build_stats import _git  # noqa: E402 (the edge's own runner)
from portal.figures.history import LOG_ARGS, parse  # noqa: E402


def git(folder: Path, *args: str, who: str = "办公室", when: str = "2026-10-31T12:00:00+08:00") -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        GIT_AUTHOR_NAME=who,
        GIT_COMMITTER_NAME=who,
        GIT_AUTHOR_EMAIL="bench@example.invalid",
        GIT_COMMITTER_EMAIL="bench@example.invalid",
        GIT_AUTHOR_DATE=when,
        GIT_COMMITTER_DATE=when,
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    subprocess.run(["git", *args], cwd=folder, env=env, check=True, capture_output=True)


def make_repository(site: Path, seed: int = 7) -> int:
    """The generated site as a history of commits; returns how many commits."""
    rng = random.Random(seed)
    reports = sorted((site / "content/reports").rglob("*.md"))
    git(site, "init", "-q", "-b", "main")
    git(site, "add", "mkdocs.yml", "content/index.md", "content/requests")
    git(site, "commit", "-q", "-m", "初始设置", when="2024-10-31T09:00:00+08:00")
    commits = 1
    for path in reports:  # in file-name order: the date is in the name
        day = path.name[:10]
        git(site, "add", str(path.relative_to(site)))
        git(
            site,
            "commit",
            "-q",
            "-m",
            f"报送 {path.stem}",
            who=rng.choice("张王李赵刘陈"),
            when=f"{day}T10:00:00+08:00",
        )
        commits += 1
    for index, path in enumerate(reports):
        if index % 3 == 0:
            with path.open("a", encoding="utf-8") as handle:
                handle.write("\n补充一句。\n")
            git(site, "commit", "-q", "-am", "修改", who="办公室", when=f"{path.name[:10]}T16:00:00+08:00")
            commits += 1
        if index % 50 == 0:
            new = path.with_name(path.stem + "-gai.md")
            git(site, "mv", str(path.relative_to(site)), str(new.relative_to(site)))
            git(site, "commit", "-q", "-m", "改名", when=f"{path.name[:10]}T17:00:00+08:00")
            commits += 1
    return commits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dir", type=Path)
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    site = args.dir
    subprocess.run(
        [sys.executable, str(REPO / "bench/generate.py"), str(site), "--reports", str(args.reports)], check=True
    )
    started = time.perf_counter()
    commits = make_repository(site)
    print(f"{commits} commits made in {time.perf_counter() - started:.1f} s")
    timings = []
    for _ in range(5):
        started = time.perf_counter()
        raw = _git(str(site), [*LOG_ARGS, "--", "content"])
        history = parse(raw)
        timings.append(time.perf_counter() - started)
    print(f"git log + parse: best {min(timings):.3f} s, median {sorted(timings)[2]:.3f} s; {len(history.files)} files")
    env = {**os.environ, "PORTAL_AS_OF": "2026-10-31", "NO_MKDOCS_2_WARNING": "1"}
    builds = []
    for _ in range(2):
        started = time.perf_counter()
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site / "_site")]
        subprocess.run(command, cwd=site, env=env, check=True)
        builds.append(time.perf_counter() - started)
    print(f"mkdocs build: {', '.join(f'{b:.1f}' for b in builds)} s")
    print(f"history's share of the build: {min(timings) / min(builds):.1%} (median git {sorted(timings)[2]:.3f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
