"""The benchmark of issue 7: what the portal costs on top of reading the files and of a plain Material build.

``python bench/run.py [--quick] [--keep DIR] [--repeat R] [--repeat-large R] [--no-write]``

Everything is measured in one run, as subprocesses timed with ``time.perf_counter`` (peak RSS from
``os.wait4``), candidate and baseline alternating, and reported as medians:

* the parsing floor (``bench/floor.py``: walk, read, split with MkDocs' regex, ``yaml.CSafeLoader``);
* ``build_stats.py check`` and ``stats --json`` cold, then ``stats`` warm (the same again, nothing changed),
  against the floor;
* the full portal build (``mkdocs build``) against a plain Material build of the same reports
  (``bench/generate.py --plain``), and how it grows (largest size / the one before);
* the warm ``mkdocs serve`` rebuild after appending a line to one report, portal and plain;
* the search index per 1,000 reports, portal and plain.

It prints one table with the targets of issue 7 and PASS/MISS, and writes the same table into
``docs/performance.md`` between ``<!-- bench:start -->`` and ``<!-- bench:end -->`` (not with ``--quick``).

"Cold" means no cache of the portal: before a cold run everything the generator did not write is removed
from the site folder, and ``XDG_CACHE_HOME`` points inside it.  Generated sites live in a temporary folder,
or with ``--keep DIR`` in DIR, cached by (kind, size, seed) and regenerated when ``generate.py`` changes.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import queue
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
GENERATOR = BENCH / "generate.py"
FLOOR = BENCH / "floor.py"
DOC = REPO / "docs" / "performance.md"
START, END = "<!-- bench:start -->", "<!-- bench:end -->"
AS_OF = "2026-10-31"
MARKER = ".bench-site"  # written last by this script: the site is complete (content = hash of generate.py)
BUILT_RE = re.compile(r"Documentation built in ([0-9.]+) seconds")
SERVING_RE = re.compile(r"Serving on http")
CHANGED_RE = re.compile(r"Detected file changes")
PY = sys.executable
SERVE_OPTIONS = ("--dirty",)  # `make serve`: the portal's fast preview
PAGE_KIB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


@dataclass(frozen=True)
class Plan:
    cli_sizes: tuple[int, ...]  # floor, check, stats
    build_sizes: tuple[int, ...]  # portal build vs plain build
    serve_size: int
    repeat: int  # rounds at the smaller sizes
    repeat_large: int  # rounds at the largest CLI size and the two largest build sizes


FULL = Plan(cli_sizes=(10_000, 100_000), build_sizes=(1_000, 5_000, 10_000), serve_size=1_000, repeat=3, repeat_large=2)
QUICK = Plan(cli_sizes=(1_000, 5_000), build_sizes=(200, 500, 1_000), serve_size=200, repeat=1, repeat_large=1)


@dataclass
class Run:
    seconds: float
    rss_mb: float
    returncode: int
    output: str


@dataclass
class Samples:
    runs: list[Run] = field(default_factory=list)

    def add(self, run: Run) -> Run:
        self.runs.append(run)
        return run

    @property
    def seconds(self) -> float:
        return statistics.median(r.seconds for r in self.runs)

    @property
    def rss_mb(self) -> float:
        return max(r.rss_mb for r in self.runs)


def env() -> dict[str, str]:
    out = dict(os.environ)
    out.update(NO_MKDOCS_2_WARNING="1", PORTAL_AS_OF=AS_OF, PYTHONDONTWRITEBYTECODE="1")
    return out


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- running one command ---------------------------------------------------------------------


def tree_rss_kib(root: int) -> int:
    """Resident memory of ``root`` and all its descendants now, in KiB (Linux /proc; 0 elsewhere)."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    try:
        pids = [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                fields = handle.read().rsplit(b")", 1)[1].split()
            parents[pid] = int(fields[1])
            rss[pid] = int(fields[21]) * PAGE_KIB
        except (OSError, IndexError, ValueError):
            continue
    tree, total = {root}, 0
    for pid in sorted(parents):  # children have higher pids, mostly; a second pass catches the rest
        if parents[pid] in tree:
            tree.add(pid)
    for pid in sorted(parents):
        if parents[pid] in tree:
            tree.add(pid)
    for pid in tree:
        total += rss.get(pid, 0)
    return total


class PeakSampler(threading.Thread):
    """Samples the memory of a process tree every 100 ms: worker processes add up, ``ru_maxrss`` does not."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_kib, self.done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.1):
            self.peak_kib = max(self.peak_kib, tree_rss_kib(self.pid))


def measure(argv: list[str], cwd: Path, extra_env: dict[str, str] | None = None, check: bool = True) -> Run:
    """Run ``argv`` to the end: wall time, peak memory of it and its children, output.

    The peak is the larger of ``ru_maxrss`` (from ``os.wait4``: the biggest single process of the tree)
    and the sampled sum over the tree (processes that run at the same time).
    """
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, env={**env(), **(extra_env or {})})
        sampler = PeakSampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        sampler.done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        output = out.read().decode("utf-8", "replace")
    rss_mb = max(usage.ru_maxrss, sampler.peak_kib) / 1024  # Linux: KiB
    if check and proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} (in {cwd}) exited {proc.returncode}:\n{output[-3000:]}")
    return Run(seconds, rss_mb, proc.returncode, output)


def make_cold(site: Path) -> dict[str, str]:
    """Remove whatever the generator did not write (a cache the portal may keep); the env for the run."""
    for entry in site.iterdir():
        if entry.name not in ("mkdocs.yml", "content", MARKER):
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for entry in (site / "content").iterdir():
        if entry.name.startswith("."):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()
    return {"XDG_CACHE_HOME": str(site / ".cache")}


# --- sites -----------------------------------------------------------------------------------


class Sites:
    def __init__(self, root: Path, seed: int) -> None:
        self.root = root
        self.seed = seed
        # a site names the hook by absolute path: a copy of the repository generates its own sites
        self.version = hashlib.sha256(GENERATOR.read_bytes() + str(REPO).encode()).hexdigest()[:16]

    def get(self, n: int, plain: bool = False) -> Path:
        site = self.root / f"{'plain' if plain else 'portal'}-{n}-s{self.seed}"
        marker = site / MARKER
        if marker.exists() and marker.read_text() == self.version:
            return site
        log(f"generating {site.name}")
        if site.exists():
            shutil.rmtree(site)
        argv = [PY, str(GENERATOR), str(site), "--reports", str(n), "--seed", str(self.seed)]
        measure([*argv, "--plain"] if plain else argv, REPO)
        marker.write_text(self.version)
        return site


def label(n: int) -> str:
    return f"{n // 1000}k" if n >= 1000 and n % 1000 == 0 else str(n)


# --- the measurements ------------------------------------------------------------------------


def cli(sites: Sites, n: int, rounds: int) -> dict[str, Samples]:
    """floor, check (cold), stats (cold), stats (warm) at size n, alternating with the floor."""
    site = sites.get(n)
    base = [PY, str(REPO / "build_stats.py")]
    stats = [*base, "stats", "--json", "--as-of", AS_OF, "--period", AS_OF[:7], "--config", "mkdocs.yml"]
    out = {k: Samples() for k in ("floor", "check", "stats", "warm")}
    measure([PY, str(FLOOR), "content"], site)  # page cache: every contender reads warm files
    for i in range(rounds):
        log(f"CLI {label(n)} round {i + 1}/{rounds}")
        out["floor"].add(measure([PY, str(FLOOR), "content"], site))
        checked = out["check"].add(measure([*base, "check", "--config", "mkdocs.yml"], site, make_cold(site)))
        if "：0 个错误，0 个警告" not in checked.output:  # the generator writes valid sites only
            raise SystemExit(f"check found problems in {site}:\n{checked.output[-3000:]}")
        out["floor"].add(measure([PY, str(FLOOR), "content"], site))
        cold = out["stats"].add(measure(stats, site, make_cold(site)))
        warm = out["warm"].add(measure(stats, site, {"XDG_CACHE_HOME": str(site / ".cache")}))
        if warm.output != cold.output:
            raise SystemExit(f"stats at {label(n)}: the warm run printed something else than the cold one")
        log(
            f"  floor {out['floor'].runs[-1].seconds:.2f}s check {out['check'].runs[-1].seconds:.2f}s "
            f"stats {cold.seconds:.2f}s warm {warm.seconds:.2f}s"
        )
    make_cold(site)
    return out


def search_index_bytes(out: Path) -> int:
    return (out / "search" / "search_index.json").stat().st_size


def builds(sites: Sites, n: int, rounds: int, work: Path) -> tuple[Samples, Samples, int, int]:
    """Portal build and plain build of the same n reports, alternating; (portal, plain, index bytes …)."""
    portal, plain = sites.get(n), sites.get(n, plain=True)
    p, b = Samples(), Samples()
    sizes = [0, 0]
    for i in range(rounds):
        log(f"build {label(n)} round {i + 1}/{rounds}")
        for samples, site, slot in ((p, portal, 0), (b, plain, 1)):
            target = work / f"out-{slot}"
            shutil.rmtree(target, ignore_errors=True)
            run = samples.add(measure([PY, "-m", "mkdocs", "build", "-d", str(target)], site, make_cold(site)))
            sizes[slot] = search_index_bytes(target)
            shutil.rmtree(target)
            log(f"  {'portal' if slot == 0 else 'plain '} {run.seconds:.1f}s {run.rss_mb:.0f} MB")
        make_cold(portal)
        make_cold(plain)
    return p, b, sizes[0], sizes[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ServeLog:
    """The log lines of a running ``mkdocs serve``, read on a thread, waited for by pattern."""

    def __init__(self, proc: subprocess.Popen[bytes], site: Path) -> None:
        self.proc, self.site = proc, site
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        assert self.proc.stdout is not None
        for raw in self.proc.stdout:
            self.lines.put(raw.decode("utf-8", "replace"))

    def wait_for(self, pattern: re.Pattern[str], limit: float) -> re.Match[str] | None:
        """The first log line matching ``pattern`` within ``limit`` seconds (None: none came)."""
        deadline = time.monotonic() + limit
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.lines.get(timeout=min(left, 1.0))
            except queue.Empty:
                if self.proc.poll() is not None:
                    raise SystemExit(f"mkdocs serve in {self.site} exited {self.proc.returncode}") from None
                continue
            if match := pattern.search(line):
                return match
        return None

    def expect(self, pattern: re.Pattern[str], limit: float) -> re.Match[str]:
        match = self.wait_for(pattern, limit)
        if match is None:
            raise SystemExit(f"mkdocs serve in {self.site}: no {pattern.pattern!r} line within {limit:.0f}s")
        return match


def serve_rebuild(site: Path, work: Path, options: tuple[str, ...] = (), timeout: float = 900) -> tuple[float, float]:
    """Start ``mkdocs serve [options]``, wait for the first build, append a line to one report, wait for the page.

    Returns (the rebuild time MkDocs logs, seconds from the edit to the page served with the new line).
    """
    reports = sorted((site / "content" / "reports").rglob("*.md"))
    victim = reports[len(reports) // 2]
    original = victim.read_bytes()
    port = free_port()
    page = f"http://127.0.0.1:{port}/{victim.relative_to(site / 'content').with_suffix('').as_posix()}/"
    argv = [PY, "-m", "mkdocs", "serve", *options, "-a", f"127.0.0.1:{port}"]
    serve_env = {**env(), **make_cold(site), "TMPDIR": str(work)}  # its temporary site goes with our work dir
    proc = subprocess.Popen(argv, cwd=site, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=serve_env)
    log = ServeLog(proc, site)
    try:
        log.expect(BUILT_RE, timeout)
        log.expect(SERVING_RE, 60)  # the watcher is set up after the first build: an edit before it goes unseen
        for attempt in range(5):  # an edit the watcher missed is made again, a few times at most
            edited = time.perf_counter()
            with victim.open("a", encoding="utf-8") as handle:
                handle.write(f"\n（本段为基准测试追加的修改{attempt}。）\n")
            if log.wait_for(CHANGED_RE, 15):
                break
        else:
            raise SystemExit(f"mkdocs serve in {site} did not notice the edit of {victim}")
        updated = served_with(page, f"基准测试追加的修改{attempt}", timeout)
        seconds = float(log.expect(BUILT_RE, timeout).group(1))
        return seconds, updated - edited
    finally:
        proc.send_signal(signal.SIGINT)  # MkDocs shuts down cleanly on Ctrl-C
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        victim.write_bytes(original)
        make_cold(site)


def served_with(url: str, marker: str, limit: float) -> float:
    """When the page at ``url`` first contains ``marker`` (polled every 20 ms)."""
    deadline = time.perf_counter() + limit
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=limit) as response:
                if marker in response.read().decode("utf-8", "replace"):
                    return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"{url} never showed the edit")


# --- the table -------------------------------------------------------------------------------


@dataclass
class Row:
    what: str
    value: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    ok: bool | None = None

    @property
    def result(self) -> str:
        return "" if self.ok is None else ("PASS" if self.ok else "MISS")


def secs(x: float) -> str:
    return f"{x:.2f} s" if x < 10 else f"{x:.1f} s"


def times(x: float) -> str:
    return f"{x:.2f}×"


def table(rows: list[Row]) -> str:
    head = ("measure", "portal", "baseline", "ratio", "target", "result")
    body = [(r.what, r.value, r.baseline, r.ratio, r.target, r.result) for r in rows]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cells) + " |" for cells in body]
    return "\n".join(lines)


def text_table(rows: list[Row]) -> str:
    head = ("measure", "portal", "baseline", "ratio", "target", "result")
    body = [head, *((r.what, r.value, r.baseline, r.ratio, r.target, r.result) for r in rows)]
    widths = [max(_width(cells[i]) for cells in body) for i in range(len(head))]
    return "\n".join(
        "  ".join(c + " " * (w - _width(c)) for c, w in zip(cells, widths, strict=True)).rstrip() for cells in body
    )


def _width(text: str) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def write_doc(markdown: str) -> None:
    if not DOC.exists():
        DOC.write_text(f"# Performance\n\n{START}\n{END}\n", encoding="utf-8")
    text = DOC.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{DOC}: the markers {START} and {END} are missing")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    DOC.write_text(f"{head}{START}\n{markdown}\n{END}{tail}", encoding="utf-8")


def code_version() -> str:
    """The commit measured, and whether the portal's files differ from it."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(REPO), *args], capture_output=True, text=True, check=False)
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD")
    if not commit:
        return "portal code of unknown version"
    dirty = git("status", "--porcelain", "--", "portal", "build_stats.py", "overrides")
    return f"portal code at {commit}{' with local changes' if dirty else ''}"


def versions() -> str:
    def v(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "?"

    return (
        f"Python {platform.python_version()}, MkDocs {v('mkdocs')}, Material {v('mkdocs-material')}, "
        f"PyYAML {v('PyYAML')}, jieba {v('jieba')}, rjieba {v('rjieba')}; {os.cpu_count()} CPU(s), {platform.machine()}"
    )


# --- main ------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, one round (about 3 minutes)")
    parser.add_argument("--keep", type=Path, help="keep generated sites in this folder and reuse them")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, help="rounds at the smaller sizes (default 3; --quick 1)")
    parser.add_argument("--repeat-large", type=int, help="rounds at the largest sizes (default 2; --quick 1)")
    parser.add_argument(
        "--no-write", action="store_true", help=f"do not update {DOC.relative_to(REPO)} (--quick never does)"
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    if args.repeat is not None or args.repeat_large is not None:
        plan = Plan(
            plan.cli_sizes,
            plan.build_sizes,
            plan.serve_size,
            args.repeat if args.repeat is not None else plan.repeat,
            args.repeat_large if args.repeat_large is not None else plan.repeat_large,
        )
    started = time.perf_counter()
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    root = args.keep.resolve() if args.keep else work / "sites"
    root.mkdir(parents=True, exist_ok=True)
    try:
        rows = bench(plan, Sites(root, args.seed), work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    minutes = (time.perf_counter() - started) / 60
    note = (
        f"Measured by `python bench/run.py{' --quick' if args.quick else ''}` in {minutes:.0f} min "
        f"(seed {args.seed}; medians of {plan.repeat} round(s) at the smaller sizes and {plan.repeat_large} at the "
        f"largest; as of {AS_OF}); {code_version()}; {versions()}; load average at the end {os.getloadavg()[0]:.1f} "
        "(other work on the machine slows both sides)."
    )
    print(text_table(rows))
    print(note)
    if not (args.no_write or args.quick):  # the page holds the full run's figures
        write_doc(f"{note}\n\n{table(rows)}")
        print(f"wrote {DOC.relative_to(REPO)}")
    return 0


def bench(plan: Plan, sites: Sites, work: Path) -> list[Row]:
    rows: list[Row] = []
    big_cli = plan.cli_sizes[-1]
    largest, previous = plan.build_sizes[-1], plan.build_sizes[-2]

    def rounds(n: int, large: bool) -> int:
        return plan.repeat_large if large else plan.repeat

    # 1. the command line against the floor
    for n in plan.cli_sizes:
        r = cli(sites, n, rounds(n, n == big_cli))
        floor = r["floor"].seconds
        k = label(n)
        rows.append(
            Row(f"parsing floor @{k} (read + split + CSafeLoader)", f"{secs(floor)} = {floor / n * 1e6:.0f} µs/file")
        )
        for key, what, limit in (("check", "check", 1.5), ("stats", "stats cold", 1.5), ("warm", "stats warm", 0.2)):
            ratio = r[key].seconds / floor
            target = n == big_cli or key == "warm"
            rows.append(
                Row(
                    f"{what} @{k} vs floor",
                    secs(r[key].seconds),
                    secs(floor),
                    times(ratio),
                    f"≤ {limit}× floor" if target else "",
                    ratio <= limit if target else None,
                )
            )
        rss = r["stats"].rss_mb
        is_big = n == big_cli
        rows.append(
            Row(
                f"peak RSS of stats @{k}",
                f"{rss:.0f} MB",
                f"{r['floor'].rss_mb:.0f} MB",
                times(rss / r["floor"].rss_mb),
                "< 1 GB" if is_big else "",
                rss < 1024 if is_big else None,
            )
        )

    # 2. the build against plain Material
    build_times: dict[int, Samples] = {}
    plain_times: dict[int, Samples] = {}
    index_sizes: dict[int, tuple[int, int]] = {}
    for n in plan.build_sizes:
        p, b, ip, ib = builds(sites, n, rounds(n, n in (largest, previous)), work)
        build_times[n], plain_times[n], index_sizes[n] = p, b, (ip, ib)
        ratio = p.seconds / b.seconds
        limit = 1.0 if n == plan.serve_size else 1.2  # issue 18: parity at a two-year bureau's 1,000 reports
        rows.append(
            Row(
                f"mkdocs build @{label(n)} vs plain",
                secs(p.seconds),
                secs(b.seconds),
                times(ratio),
                f"≤ {limit}× plain",
                ratio <= limit,
            )
        )
        rows.append(
            Row(f"build per page @{label(n)}", f"{p.seconds / n * 1e3:.1f} ms", f"{b.seconds / n * 1e3:.1f} ms")
        )
        rows.append(Row(f"peak RSS of build @{label(n)}", f"{p.rss_mb:.0f} MB", f"{b.rss_mb:.0f} MB"))
    growth = build_times[largest].seconds / build_times[previous].seconds
    plain_growth = plain_times[largest].seconds / plain_times[previous].seconds
    factor = largest / previous * 1.1
    rows.append(
        Row(
            f"build growth {label(largest)}/{label(previous)}",
            times(growth),
            times(plain_growth),
            "",
            f"≤ {factor:.1f}×",
            growth <= factor,
        )
    )

    # 3. the warm serve rebuild
    s = plan.serve_size
    log(f"serve {label(s)}")
    portal_serve = serve_rebuild(sites.get(s), work, SERVE_OPTIONS)  # what `make serve` runs
    plain_serve = serve_rebuild(sites.get(s, plain=True), work)
    rows.append(
        Row(
            f"serve rebuild @{label(s)} (MkDocs' figure)",
            secs(portal_serve[0]),
            secs(plain_serve[0]),
            times(portal_serve[0] / plain_serve[0]),
        )
    )
    rows.append(
        Row(
            f"serve: edit → page updated @{label(s)}",
            secs(portal_serve[1]),
            secs(plain_serve[1]),
            times(portal_serve[1] / plain_serve[1]),
            "≤ 1 s and ≤ 0.15× plain",
            portal_serve[1] <= 1.0 and portal_serve[1] / plain_serve[1] <= 0.15,
        )
    )

    # 4. the search index
    n = plan.serve_size if plan.serve_size in index_sizes else plan.build_sizes[0]
    ip, ib = index_sizes[n]
    per_k = ip / n * 1000 / 1e6
    rows.append(
        Row(
            f"search index per 1,000 reports @{label(n)}",
            f"{per_k:.2f} MB",
            f"{ib / n * 1000 / 1e6:.2f} MB",
            times(ip / ib),
            "≤ 2 MB",
            per_k <= 2,
        )
    )
    return rows


if __name__ == "__main__":
    sys.exit(main())
