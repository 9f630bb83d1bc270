"""Loading: from the discovered files to :class:`Content` (SPEC §3).

``parse_all`` parses every file (through the cache, in worker processes for
large repositories); ``load`` adds the checks that span files (request ids,
asked sections).  Every problem is collected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from .discovery import SourceFile
from .model import Content, Report, Request, Settings
from .names import did_you_mean, normalize
from .parsing import Parsed, parse_file
from .problems import Problems


def _parse_chunk(job: tuple[list[SourceFile], Settings, bool]) -> list[Parsed]:
    sources, settings, bodies = job
    return [parse_file(source, settings, bodies) for source in sources]


def parse_all(
    sources: list[SourceFile],
    settings: Settings,
    *,
    bodies: bool = True,
    cache: Any = None,
    workers: int = 1,
    read: Callable[[str], bytes] | None = None,
) -> list[Parsed]:
    """Every file parsed: from the cache when unchanged, else read now (in ``workers`` processes)."""
    results: list[Parsed | None] = [None] * len(sources)
    stamps = [cache.stamp(s.abs_path) if cache is not None else None for s in sources]
    todo = []
    for index, source in enumerate(sources):
        hit = cache.get(source.path, stamps[index]) if cache is not None else None
        if hit is not None:
            results[index] = hit
        else:
            todo.append(index)
    if workers > 1 and read is None and len(todo) >= 2000:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        size = max(200, len(todo) // (workers * 8))
        chunks = [todo[i : i + size] for i in range(0, len(todo), size)]
        jobs = [([sources[i] for i in chunk], settings, bodies) for chunk in chunks]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for chunk, parsed in zip(chunks, pool.map(_parse_chunk, jobs)):
                for index, result in zip(chunk, parsed):
                    results[index] = result
    else:
        for index in todo:
            results[index] = parse_file(sources[index], settings, bodies, read)
    if cache is not None:
        for index in todo:
            cache.put(sources[index].path, stamps[index], results[index])
    return [r for r in results if r is not None]


def load(
    sources: Iterable[SourceFile],
    settings: Settings,
    problems: Problems,
    read: Callable[[str], bytes] | None = None,
    *,
    bodies: bool = True,
    cache: Any = None,
    workers: int = 1,
) -> Content:
    """Parse every file and check what spans files; problems go to ``problems``.

    ``bodies=False`` drops report bodies (the command line does not need them);
    ``cache`` is a :class:`portal.cache.ParseCache`; ``workers`` > 1 parses in processes.
    """
    listed = list(sources)
    reports: list[tuple[Report, dict[str, int]]] = []
    requests: list[tuple[Request, dict[str, int]]] = []
    landing: dict[str, str] = {}
    for source, parsed in zip(
        listed, parse_all(listed, settings, bodies=bodies, cache=cache, workers=workers, read=read)
    ):
        problems.extend(list(parsed.problems))
        if isinstance(parsed.value, str):
            landing[source.src_uri] = parsed.value
        elif isinstance(parsed.value, Report):
            reports.append((parsed.value, parsed.lines))
        elif isinstance(parsed.value, Request):
            requests.append((parsed.value, parsed.lines))
    count = len(listed)
    by_id: dict[str, Request] = {}
    for request, lines in sorted(requests, key=lambda r: r[0].path):
        key = normalize(request.id)
        if key in by_id:
            problems.error(
                request.path,
                lines.get("id", 1),
                "id",
                f"id {request.id!r} is already used by {by_id[key].path}; give each request its own id",
            )
            continue
        by_id[key] = request
    checked: list[Report] = []
    for report, lines in reports:
        if report.request:
            asked = by_id.get(normalize(report.request))
            line = lines.get("request", 1)
            if asked is None:
                problems.error(
                    report.path,
                    line,
                    "request",
                    f"no appointment notice has id {report.request!r}"
                    f"{did_you_mean(report.request, [r.id for r in by_id.values()])} "
                    "(notices are the files in requests/)",
                )
                continue
            if report.section not in asked.sections:
                problems.error(
                    report.path,
                    line,
                    "request",
                    f"{asked.id} did not ask {report.section} "
                    f"(asked: {'、'.join(asked.sections)}); check the id or the section",
                )
                continue
            report = replace(report, request=asked.id)
        checked.append(report)
    return Content(
        reports=tuple(sorted(checked, key=lambda r: (r.date, r.path))),
        requests=tuple(sorted(by_id.values(), key=lambda r: (r.deadline, r.id))),
        files=count,
        landing=landing,
    )
