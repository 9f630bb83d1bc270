"""What a build reuses from the previous builds of the same process (``mkdocs serve``).

:class:`Downloads`: the bulletins' .docx and .xlsx, made once per distinct bulletin.  Writing Word and
Excel files is the largest fixed cost of a build (tens of milliseconds a file, two files for each of ~36
periods at 1,000 reports); across the builds of one ``mkdocs serve`` an edit that does not change a
bulletin's figures costs nothing here.  The key is a digest of the whole
:class:`~portal.output.bulletin.Bulletin` except the reports' and requests' texts, which no download prints
(titles, dates, sections and figures are all in it).

:class:`PageMemo`: generated pages by a digest of everything they are made from: a report's page by its
report, score, request and urgent state, the settings, ``as_of`` and the URL style; the statistics pages
(home, bulletins, lists, sections and the downloads) together by the whole content without the reports'
and requests' texts, which only their own pages show.

:class:`TemplateCode`: the theme's compiled templates.

The page builders do not import this module: :mod:`portal.output.web.render` declares what it asks of a
memo and of a downloads maker (``Memo``, ``BulletinFiles``), and the hook hands these objects in.
"""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, CancelledError, Future, ProcessPoolExecutor
from dataclasses import fields
from typing import Any, TypeVar

import jinja2
import jinja2.bccache

from ..model.objects import Report, Request
from ..output.bulletin import FORMATS, Bulletin
from ..utils.workers import can_fork, stop
from ..utils.workers import pool as worker_pool

T = TypeVar("T")


class _KeyPickler(pickle.Pickler):
    """Pickles a bulletin for its digest, leaving the texts of reports and requests out."""

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, Report | Request):
            kept = tuple((f.name, getattr(obj, f.name)) for f in fields(obj) if f.name != "body")
            return (tuple, (kept,))
        return NotImplemented


def bulletin_key(b: Bulletin) -> str:
    return digest_of(b, _KeyPickler).hex()


def render(b: Bulletin) -> dict[str, bytes]:
    """Both downloads of one bulletin."""
    from ..output.office.export import docx_bytes, xlsx_bytes  # python-docx and openpyxl load only when needed

    return {"docx": docx_bytes(b), "xlsx": xlsx_bytes(b)}


class Made:
    """Both downloads of one bulletin: being made in a worker process, or made."""

    def __init__(self, bulletin: Bulletin, future: Future[dict[str, bytes]] | None = None) -> None:
        self.bulletin = bulletin
        self.future = future
        self.files: dict[str, bytes] | None = None if future is not None else render(bulletin)

    def get(self, fmt: str) -> bytes:
        if self.files is None:
            assert self.future is not None
            try:
                self.files = self.future.result()
            except (BrokenExecutor, CancelledError):  # the worker died or was stopped: make them here
                self.files = render(self.bulletin)
        return self.files[fmt]


class Download:
    """One file of a :class:`Made`: what the hook writes once it is needed (``on_env``)."""

    def __init__(self, made: Made, fmt: str) -> None:
        self.made, self.fmt = made, fmt

    def data(self) -> bytes:
        return self.made.get(self.fmt)


#: The bulletins a forked worker makes (it inherits the list; nothing is pickled on the way there).
_JOBS: list[Bulletin] = []


def _render_job(index: int) -> dict[str, bytes]:
    return render(_JOBS[index])


class Downloads:
    """The downloads of the bulletins of one build, reusing the previous builds' files.

    With ``background`` (and a second core), the files not made yet are made by one forked worker process
    while MkDocs renders the pages; the hook collects them just before MkDocs copies files (``on_env``).
    """

    def __init__(self, background: bool = False) -> None:
        self.background = background
        self.reuse = True  # off in a one-off build
        self.memo: dict[str, Made] = {}
        self.used: dict[str, Made] = {}
        self.pool: ProcessPoolExecutor | None = None  # the worker of the build under way

    def make(self, bulletins: list[Bulletin]) -> list[dict[str, Download]]:
        """``{"docx": …, "xlsx": …}`` for each bulletin, in order."""
        keyed = [(bulletin_key(b) if self.reuse else str(i), b) for i, b in enumerate(bulletins)]
        if not self.reuse:
            self.memo, self.used = {}, {}
        todo = {key: b for key, b in keyed if key not in self.used and key not in self.memo}
        worker = None
        if self.background and len(todo) > 1 and can_fork():
            self.abort()  # a pool of an earlier build that never finished
            _JOBS[:] = list(todo.values())
            worker = self.pool = worker_pool(1)
        for index, (key, b) in enumerate(todo.items()):
            self.used[key] = Made(b, worker.submit(_render_job, index) if worker is not None else None)
        out = []
        for key, _b in keyed:
            made = self.used.get(key) or self.memo[key]
            self.used[key] = made
            out.append({fmt: Download(made, fmt) for fmt in FORMATS})
        return out

    def finish(self) -> None:
        """Once every download of the build is written: wait for the worker to exit (it has nothing left to do).

        Waiting here, not at the interpreter's exit, is what keeps "Exception ignored … _python_exit … Bad file
        descriptor" out of a build's output (a pool shut down without waiting races with the exit).
        """
        if self.pool is not None:
            self.pool.shutdown(wait=True)
            self.pool = None

    def abort(self) -> None:
        """A build that failed or was interrupted: the worker is killed and its queue dropped, not waited for."""
        if self.pool is not None:
            stop(self.pool)
            self.pool = None

    def end_build(self) -> None:
        """Keep only what the last build used (a bulletin whose figures changed is not needed again); a build
        that reused all its pages made no downloads and forgets nothing.
        """
        if self.used:
            self.memo, self.used = self.used, {}


def digest_of(value: Any, pickler: type[pickle.Pickler] = pickle.Pickler) -> bytes:
    """A digest of a picklable, acyclic value: equal values give equal digests.  Pickle's memo is off, so that
    whether two equal strings are one object or two (which differs from build to build) does not matter.
    """
    buffer = io.BytesIO()
    writer = pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    writer.fast = True
    writer.dump(value)
    return hashlib.sha256(buffer.getvalue()).digest()


class PageMemo:
    """Generated pages by the digest of their inputs, kept from one build to the next."""

    def __init__(self) -> None:
        self.enabled = True  # off in a one-off build: nothing to reuse, no digests to pay for
        self.old: dict[bytes, Any] = {}
        self.new: dict[bytes, Any] = {}

    def get(self, inputs: Any, make: Callable[[], T], *, texts: bool = True) -> T:
        """``make()``, or what it returned in this or the last build for equal ``inputs``.  With ``texts=False``
        the reports' and requests' texts are left out of the digest (for pages that never show them).
        """
        if not self.enabled:
            return make()
        key = digest_of(inputs) if texts else digest_of(inputs, _KeyPickler)
        value = self.new.get(key)
        if value is None:
            value = self.old.get(key)
        if value is None:
            value = make()
        self.new[key] = value
        return value

    def digest(self, value: Any) -> bytes:
        """:func:`digest_of`: a key part many pages share, made once per build."""
        return digest_of(value)

    def end_build(self) -> None:
        self.old, self.new = self.new, {}


class TemplateCode(jinja2.BytecodeCache):
    """The theme's compiled templates, kept in memory: MkDocs makes a new Jinja environment for every build
    and would compile Material's templates again each time.  Jinja checks each entry against the
    template's source, so a changed override is compiled afresh.
    """

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = self.store.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()
