"""The MkDocs side: validate in ``on_config``/``on_files``, generate pages, sanitize.

Any content or config error is logged through MkDocs' logger (so ``--strict``
sees warnings too) and fails ``mkdocs build``; ``mkdocs serve`` keeps
serving and shows the errors on the home page instead.
"""

from __future__ import annotations

import errno
import html
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import MkDocsException, PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import CountHandler

from ..content.discovery import reserved_clashes
from ..content.sanitize import sanitize_html
from ..figures.history import LOG_ARGS, UNAVAILABLE, parse
from ..figures.tally import evaluate
from ..model.dates import DateError, resolve_as_of
from ..model.problems import Problem
from ..output.web import csp, editor, search
from ..output.web.pages import Portal, put_panel, take_panel
from ..store.cache import cache_folder
from ..store.reuse import Download, Downloads, PageMemo, TemplateCode
from ..words.messages import say
from ..words.pages import BUILD_FAILED
from . import search_switch, sitedir
from .preview import Preview
from .site import ConfigFailure, Site, load_site, settings_of

log = get_plugin_logger("portal")
GitRunner = Callable[[str, Sequence[str]], "bytes | None"]  # (folder, arguments) -> output, None on any failure
PORTAL_JS = "assets/javascripts/portal.js"  # in overrides/: wires buttons without inline handlers (CSP)


class PortalHook:
    def __init__(self, env: Mapping[str, str], clock: Callable[[], datetime], git: GitRunner | None = None) -> None:
        self.env = env
        self.clock = clock
        self.git = git  # runs git in a folder: its output, or None (see build_stats.py)
        self.history = UNAVAILABLE
        self.config_file = "mkdocs.yml"
        self.command = "build"
        self.dirty = False
        self.started = False  # by MkDocs' command line (on_startup), not by a program calling build()
        self.site_dir = ""  # the site folder as configured, while the build writes beside it
        self.building: str | None = None  # where this build writes (see portal.edge.sitedir), until it is swapped in
        self.strict_refused = False  # the build was complete but --strict counted warnings
        self.sanitized: set[str] = set()
        self.paneled: set[str] = set()  # report and request pages: their panel skips Markdown
        self.panels: dict[str, str] = {}
        self.portal: Portal | None = None
        self.site: Site
        self.preview = Preview()
        self.downloads = Downloads(background=True)
        self.downloads_due: dict[str, Download] = {}
        self.written: dict[str, Any] = {}  # output path -> the download (a reuse.Made) written there
        self.memo = PageMemo()
        self.template_code = TemplateCode()
        self.search_worker = ""  # Material's search worker file name, found at on_config
        self.search_version = ""  # a hash of the portal's worker, for its address

    def on_startup(self, command: str, dirty: bool = False) -> None:
        self.command, self.dirty, self.started = command, dirty, True
        self.preview.start(command, dirty)
        self.memo.enabled = self.downloads.reuse = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        logging.getLogger("jieba").setLevel(logging.WARNING)
        search_switch.switch_off_material_cutting()
        try:
            self.settings = settings_of(config)
        except ConfigFailure as exc:
            for problem in exc.problems:
                log.error(problem.format())
            raise PluginError(say("site.config_failed", count=len(exc.problems))) from None
        try:
            self.as_of = resolve_as_of(None, dict(self.env), self.preview.now(self.clock()), self.settings.tz)
        except DateError as exc:
            raise PluginError(say("site.as_of", reason=exc)) from None
        self._internal(config)
        self.config_file = config.config_file_path or "mkdocs.yml"
        try:
            self.search_worker = search_switch.material_worker(list(config.theme.dirs))
            self.search_version = search_switch.worker_version(list(config.theme.dirs))
        except search_switch.WorkerNotFound as exc:
            raise PluginError(f"search: {exc}") from None
        self.preview.begin(config, self.template_code)
        self._stage(config)
        return config

    def _stage(self, config: MkDocsConfig) -> None:
        """A clean ``mkdocs build`` writes beside the site folder; it takes the folder's place when complete."""
        self.building, self.strict_refused = None, False
        if self.command not in ("build", "gh-deploy") or self.dirty:
            return  # serve has a temporary folder of its own; a dirty build adds to the site
        self.site_dir = os.path.abspath(config.site_dir)
        try:
            sitedir.check(self.site_dir)
            self.building = sitedir.stage(self.site_dir, os.getpid(), os.urandom(4).hex())
        except sitedir.SiteDirError as exc:
            raise PluginError(str(exc)) from None
        except OSError as exc:
            raise PluginError(say("build.failed", reason=_reason(exc), site=self.site_dir)) from None
        if self.building is not None:
            config.site_dir = self.building
        else:
            log.info(say("build.in_place", site=self.site_dir))

    def _internal(self, config: MkDocsConfig) -> None:
        """Internal by default: no sitemap unless configured; the print button's script (no inline handlers)."""
        if not self.settings.publish_sitemap:
            config.theme.static_templates.discard("sitemap.xml")
        if PORTAL_JS not in [str(item) for item in config.extra_javascript]:
            config.extra_javascript.append(PORTAL_JS)

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Read and check all content before MkDocs cleans ``site_dir``: a failed build leaves the old site."""
        root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        self.site = load_site(config, self.settings, cache_dir=cache_folder(self.env, root))
        self.history = self._history(root, config.docs_dir)
        problems = self.site.problems.sorted()
        for problem in problems:
            (log.error if problem.is_error else log.warning)(problem.format())
        errors = [p for p in problems if p.is_error]
        if errors and self.command != "serve":
            raise PluginError(say("site.content_failed", errors=len(errors), files=len({p.path for p in errors})))

    def _history(self, root: str, docs_dir: str) -> Any:
        """Every report's commits: one ``git log`` of the content folder per build (:mod:`portal.figures.history`)."""
        if self.git is None:
            return UNAVAILABLE
        return parse(self.git(root, [*LOG_ARGS, "--", os.path.relpath(docs_dir, root)]))

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self.site
        problems = site.problems.sorted()
        portal = Portal(
            evaluate(site.content, self.settings, self.as_of),
            site.content,
            landing=dict(site.content.landing),
            problems=problems,
            use_directory_urls=config.use_directory_urls,
            downloads=self.downloads,
            memo=self.memo,
            history=self.history,
        )
        self.portal = portal
        generated, self.sanitized = _generated_pages(portal, site, problems)
        self.paneled = set(generated)  # our own page texts: their HTML skips Markdown (see render.with_panel)
        # A bulletin's words (content/bulletins/<period>.md) go into its bulletin; until that exists they wait.
        waiting = {n.src_uri for n in site.content.notes.values() if n.src_uri not in generated}
        for src_uri in sorted(waiting):
            log.info(say("site.note_waits", src_uri=src_uri, as_of=f"{self.as_of:%Y-%m-%d}"))
        pages = [
            (f.src_uri, f.url)
            for f in files
            if f.src_uri not in generated and f.src_uri not in waiting and f.is_documentation_page()
        ]
        clashes = reserved_clashes(generated, pages, config.use_directory_urls)
        if clashes:
            raise PluginError(clashes[0])
        self.downloads_due = _replace_files(files, config, generated, withheld=_drafts(site) | site.withheld | waiting)
        if files.get_file_from_path("robots.txt") is None:
            files.append(File.generated(config, "robots.txt", content=csp.ROBOTS_TXT))
        if self.settings.editor is not None:
            self._admin(files, config)
        theme_sitemap = files.get_file_from_path("sitemap.xml")  # the raw template, once not rendered
        if theme_sitemap is not None and not self.settings.publish_sitemap:
            files.remove(theme_sitemap)
        self.downloads.end_build()
        self.memo.end_build()
        self.preview.mark(files, generated, self.sanitized)
        return files

    def _admin(self, files: Files, config: MkDocsConfig) -> None:
        """The editor at admin/ (see :mod:`portal.output.web.editor`): its configuration generated, the CMS copied."""
        root = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        vendor = self.env.get("PORTAL_CMS_DIR") or os.path.join(root, editor.VENDOR)
        requests = [(r.id, r.title) for r in self.site.content.requests]
        texts, copied, warning = editor.admin_files(self.settings, root, config.docs_dir, vendor, requests)
        if warning:
            log.warning(warning)
        for src_uri, text in texts.items():
            files.append(File.generated(config, src_uri, content=text))
        for src_uri, source in copied:
            files.append(File.generated(config, src_uri, abs_src_path=source))

    def on_serve(self, server: Any, builder: Callable[[], None]) -> Any:
        """Make ``mkdocs serve`` show a failed rebuild in the browser instead of hanging.

        MkDocs' livereload server holds every request until a rebuild succeeds, so an invalid
        ``mkdocs.yml`` (which fails every rebuild) left the browser loading for ever.  A failed
        rebuild now replaces the pages of serve's temporary site with one page naming the errors.
        """
        rebuild = server.builder

        def guarded() -> None:
            collect = _Collect()
            logging.getLogger("mkdocs").addHandler(collect)
            try:
                rebuild()
            except (Exception, SystemExit) as exc:  # every failure must reach the browser
                lines = [*collect.messages, str(exc) or type(exc).__name__]
                log.error(say("site.rebuild_failed"))
                _write_error_site(server.root, lines)
            finally:
                logging.getLogger("mkdocs").removeHandler(collect)

        server.builder = guarded
        self.preview.quicken(server)
        logs = git_logs(os.path.dirname(os.path.abspath(self.config_file))) if self.git is not None else None
        if logs is not None:  # a commit, checkout or pull changes the 修改记录: rebuild (once, like a saved file)
            server.watch(logs, recursive=False)
        return server

    def on_env(self, env: Any, files: Files, config: MkDocsConfig) -> None:
        env.bytecode_cache = self.template_code  # Material's templates compile once per process, not per build
        env.globals["portal_search_worker"] = self.search_worker  # overrides/main.html hands it to ours
        env.globals["portal_search_version"] = self.search_version
        for src_uri in self.downloads_due:  # written at on_post_build; MkDocs skips copying them onto themselves
            _placeholder(files_dest(config, src_uri))
        # Every page's sitemap date, built this time or not (``mkdocs serve --dirty`` skips unchanged pages).
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.update_date = f"{self.as_of:%Y-%m-%d}"
        self.preview.prepare(files, config)

    def on_page_markdown(self, markdown: str, page: Page) -> str:
        # The sitemap's dates come from as_of, not the clock: same input, byte-identical site.
        page.update_date = f"{self.as_of:%Y-%m-%d}"
        if page.file.src_uri in self.paneled:  # a report's or request's panel skips Markdown (see page_items)
            markdown, self.panels[page.file.src_uri] = take_panel(markdown)
        return self.portal.with_scoring_table(markdown) if self.portal is not None else markdown

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write the downloads (made while the pages were built); rewrite Material's search index."""
        for src_uri, download in self.downloads_due.items():
            file = files_dest(config, src_uri)
            if self.written.get(file) is download.made and os.path.isfile(file):
                continue  # ``mkdocs serve --dirty``: the same download as the last build wrote there
            with open(file, "wb") as out:
                out.write(download.data())
            self.written[file] = download.made
        self.downloads.finish()
        if self.preview.enabled:
            self.preview.finish(config.site_dir)
        else:
            search.rewrite_index(config.site_dir)
        self._publish(config)

    def _publish(self, config: MkDocsConfig) -> None:
        """The complete build takes the site folder's place, unless ``--strict`` is about to fail it."""
        if self.building is None:
            return
        if config.strict and _warnings_counted():
            self.strict_refused = True
            return  # MkDocs fails the build right after this event; on_build_error removes the folder
        building, self.building = self.building, None
        config.site_dir = self.site_dir
        try:
            sitedir.swap(building, self.site_dir)
        except sitedir.SiteDirError as exc:
            raise PluginError(str(exc)) from None

    def on_build_error(self, error: Exception) -> None:
        """Nothing of a failed build is left, the site folder is as it was; one line says why, no traceback."""
        self.preview.failed()
        self.downloads.abort()
        if self.building is None:
            return
        building, self.building = self.building, None
        sitedir.discard(building)
        if isinstance(error, PluginError):
            return  # its own message was logged and already says what happened
        reason = say("build.reason_strict") if self.strict_refused else _reason(error, (building, self.site_dir))
        log.error(say("build.failed", reason=reason, site=self.site_dir))
        if self.started and not isinstance(error, MkDocsException):
            raise SystemExit(1) from None  # the line above says it all; MkDocs would add a traceback

    def on_shutdown(self) -> None:
        """The end of ``mkdocs build`` or ``serve``, also after Ctrl-C: no worker, no half-built folder is left."""
        self.downloads.abort()
        if self.building is not None:
            sitedir.discard(self.building)
            self.building = None
            log.error(say("build.failed", reason=say("build.reason_interrupted"), site=self.site_dir))

    def on_post_page(self, output: str, page: Page) -> str:
        """The page's own CSP (hashes of the theme's inline scripts) and ``noindex`` (:mod:`portal.output.web.csp`)."""
        return csp.protect(output, page.content or "", with_policy=self.command != "serve")

    def on_post_template(self, output: str) -> str:
        return csp.protect(output, with_policy=self.command != "serve") if "<head" in output else output

    def on_page_content(self, html: str, page: Page) -> str:
        panel = self.panels.pop(page.file.src_uri, "")
        if panel:
            html = put_panel(html, panel)
        if page.file.src_uri in self.sanitized:
            return sanitize_html(html)
        return html


def _warnings_counted() -> bool:
    """Whether MkDocs' ``--strict`` counter (on the "mkdocs" logger during a build) has counted a warning."""
    return any(h.get_counts() for h in logging.getLogger("mkdocs").handlers if isinstance(h, CountHandler))


def _reason(error: BaseException, moved: tuple[str, str] = ("", "")) -> str:
    """Why a build failed, in one Chinese phrase: a template's error and line, a full disk, a file not written.

    ``moved``: (the folder the build wrote into, the site folder): a path is named where it was meant to go.
    """
    if isinstance(error, jinja2.TemplateSyntaxError):
        where = _shown(error.filename) if error.filename else error.name or "?"
        return say("build.reason_template", file=where, line=error.lineno, error=error.message or error)
    if isinstance(error, jinja2.TemplateError):
        return say("build.reason_template_run", error=error.message or error)
    if isinstance(error, OSError):  # a copy names its source first and what it wrote second
        where = _shown(error.filename2 or error.filename or "?", moved)
        detail = error.strerror or str(error)
        if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
            return say("build.reason_disk_full", file=where, error=detail)
        return say("build.reason_write", file=where, error=detail)
    return say("build.reason_other", error=f"{type(error).__name__}: {error}")


def _shown(path: Any, moved: tuple[str, str] = ("", "")) -> str:
    """A path as the user would type it: relative to the current folder when it is inside it; one under
    ``moved[0]`` as the same path under ``moved[1]``.
    """
    text = os.fsdecode(path)
    if moved[0] and (text + os.sep).startswith(moved[0] + os.sep):
        text = moved[1] + text[len(moved[0]) :]
    relative = os.path.relpath(text) if os.path.isabs(text) else text
    return relative if not relative.startswith("..") else text


def git_logs(folder: str) -> str | None:
    """The ``logs`` folder of the git repository holding ``folder`` (its ``HEAD`` log is written by every commit,
    checkout, pull and reset), or None; a worktree's ``.git`` file names its own git folder.
    """
    current = os.path.abspath(folder)
    while True:
        dot_git = os.path.join(current, ".git")
        git_dir = dot_git if os.path.isdir(dot_git) else _linked_git_dir(dot_git)
        if git_dir is not None:
            logs = os.path.join(git_dir, "logs")
            return logs if os.path.isdir(logs) else None
        parent = os.path.dirname(current)
        if parent == current:
            return None
        current = parent


def _linked_git_dir(dot_git: str) -> str | None:
    """The folder a ``.git`` file points at (``gitdir: …``), when it is one."""
    try:
        with open(dot_git, encoding="utf-8") as handle:
            line = handle.readline().strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not line.startswith("gitdir:"):
        return None
    target = os.path.join(os.path.dirname(dot_git), line[len("gitdir:") :].strip())
    return target if os.path.isdir(target) else None


class _Collect(logging.Handler):
    """The error messages MkDocs logs during one rebuild."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _write_error_site(site_dir: str, lines: list[str]) -> None:
    """Every address of serve's temporary site shows the errors (its pages go; 404.html is the error page)."""
    items = "".join(f"<li><code>{html.escape(line)}</code></li>" for line in lines if line.strip())
    page = (
        f'<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>{BUILD_FAILED["title"]}</title></head>'
        f"<body><h1>{BUILD_FAILED['heading']}</h1><p>{BUILD_FAILED['hint']}</p>"
        f"<ul>{items}</ul></body></html>"
    )
    for folder, _, files in os.walk(site_dir):
        for name in files:
            if name.endswith(".html"):
                os.unlink(os.path.join(folder, name))
    for name in ("index.html", "404.html"):
        with open(os.path.join(site_dir, name), "w", encoding="utf-8") as handle:
            handle.write(page)


__all__ = ["Any", "PortalHook"]


def _drafts(site: Site) -> set[str]:
    """Drafts are checked but never published (使用说明: 不发布)."""
    content = site.content
    drafts = {r.src_uri for r in content.reports if r.draft} | {i.src_uri for i in content.incidents if i.draft}
    return drafts | {d.src_uri for d in content.drafts}


def _generated_pages(portal: Portal, site: Site, problems: list[Problem]) -> tuple[dict[str, Any], set[str]]:
    """Every page the portal writes (``src_uri → Markdown``) and the ones whose HTML is sanitized."""
    content = site.content
    generated = dict(portal.pages())  # a copy: the memo keeps the original
    for report in content.reports:
        if not report.draft:
            generated[report.src_uri] = portal.report_page(report)
    for request in content.requests:
        generated[request.src_uri] = portal.request_page(request)
    for incident in content.incidents:
        if not incident.draft:
            generated[incident.src_uri] = portal.incident_page(incident)
    for issue in content.issues:
        generated[issue.src_uri] = portal.issue_page(issue)
    # A landing text that no generated page takes as its intro is published on its own, checked and masked.
    standalone = {uri for uri in content.landing if uri not in generated}
    for src_uri in standalone:
        generated[src_uri] = content.landing[src_uri]
    sanitized = {r.src_uri for r in content.reports} | {r.src_uri for r in content.requests}
    sanitized |= standalone | {i.src_uri for i in content.incidents} | {i.src_uri for i in content.issues}
    by_path: dict[str, list[Problem]] = {}
    for problem in problems:
        if problem.is_error:
            by_path.setdefault(problem.path, []).append(problem)
    for source in site.sources:
        if source.path in by_path and source.src_uri not in generated:
            generated[source.src_uri] = portal.broken_page(source.path, by_path[source.path])
    return generated, sanitized


def _replace_files(
    files: Files, config: MkDocsConfig, generated: dict[str, Any], withheld: set[str]
) -> dict[str, Download]:
    """Take out the withheld files and the ones the portal rewrites; add the generated pages in a stable order.

    Returns the downloads being made in the background: their files are written at ``on_post_build``.
    """
    for file in list(files):
        if file.src_uri in generated or file.src_uri in withheld:
            files.remove(file)
    due: dict[str, Download] = {}
    for src_uri in sorted(generated):
        content = generated[src_uri]
        if isinstance(content, Download):
            # Made by a worker process while MkDocs builds the pages, and written into the site by the hook at
            # on_post_build: the file's source is its own output, which MkDocs does not copy onto itself.
            due[src_uri] = content
            files.append(File.generated(config, src_uri, abs_src_path=files_dest(config, src_uri)))
        else:
            files.append(File.generated(config, src_uri, content=content))
    return due


def files_dest(config: MkDocsConfig, src_uri: str) -> str:
    """Where MkDocs writes a file that is not a page."""
    return os.path.normpath(os.path.join(config.site_dir, src_uri))


def _placeholder(path: str) -> None:
    """An empty file where a download goes, until on_post_build writes it (MkDocs checks its source exists)."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "ab"):
        pass
