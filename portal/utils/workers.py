"""Forked worker processes that never outlive the process that made them.

A worker of :func:`forked_pool` dies with its parent: on Linux the kernel sends it SIGKILL when the parent
dies (``prctl(PR_SET_PDEATHSIG)``), elsewhere a thread in the worker watches the parent's pid. Without this a
worker of a build killed with ``kill -9`` stays for ever, blocked on a pipe nobody reads (and keeps the
build's output pipe open, so ``mkdocs build | cat`` never ends).

:func:`stop` ends a pool at once: queued work is cancelled and the workers are killed, instead of the
interpreter waiting at exit for them to finish everything queued (``mkdocs serve`` stopped with Ctrl-C during
its first build waited seconds for the bulletins' downloads).

The kernel's signal goes when the *thread* that forked dies: pools are made from the thread that runs the
whole build (the main thread, in MkDocs and on the command line).
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported when a pool is made: the command line's start-up does not pay for them
    from concurrent.futures import ProcessPoolExecutor

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
WATCH_SECONDS = 0.5  # how often a worker without prctl looks at its parent


def running(pid: int) -> bool:
    """Whether process ``pid`` exists (this one, or one of another user, counts): the owner of a leftover."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True


def can_fork() -> bool:
    """A second core, and no other thread in this process (forking one that runs threads is unsafe)."""
    import multiprocessing

    return (
        (os.cpu_count() or 1) > 1
        and threading.active_count() == 1
        and "fork" in multiprocessing.get_all_start_methods()
    )


def pool(workers: int) -> ProcessPoolExecutor:
    """``workers`` forked processes that die with this one (see the module's text). The caller must end the pool
    with :func:`stop` or ``shutdown(wait=True)``: a pool shut down without waiting is still winding down when
    the interpreter exits, which then prints "Exception ignored … Bad file descriptor" (Python's own race).
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )


@contextlib.contextmanager
def forked_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """:func:`pool` for one block: waited for when the block ends normally, stopped at once when it does not
    (an exception, Ctrl-C, a generator closed early).
    """
    executor = pool(workers)
    try:
        yield executor
    except BaseException:
        stop(executor)
        raise
    executor.shutdown(wait=True)


def stop(executor: ProcessPoolExecutor) -> None:
    """Cancel what is queued, kill the workers, and wait for the pool's own thread to end (quick: nothing is
    left for it to wait for). Futures not done end cancelled or with ``BrokenProcessPool``.
    """
    processes = dict(getattr(executor, "_processes", None) or {})  # CPython's; empty when none was started
    for process in processes.values():
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.kill()
    executor.shutdown(wait=True, cancel_futures=True)


def _die_with_parent(parent: int) -> None:
    """In each worker, first: die when ``parent`` dies; leave Ctrl-C to the parent, which stops the pool."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _kernel_kills_orphans():
        threading.Thread(target=_watch, args=(parent, os._exit, time.sleep), daemon=True).start()
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def _kernel_kills_orphans() -> bool:
    """Linux: ask the kernel to SIGKILL this process when its parent dies. False where that is not possible."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import ctypes.util

    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        return int(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)) == 0
    except (OSError, AttributeError):
        return False


def _watch(parent: int, exit: Callable[[int], object], sleep: Callable[[float], object]) -> None:
    """Where the kernel cannot: end this process once its parent is no longer ``parent`` (it died)."""
    while os.getppid() == parent:
        sleep(WATCH_SECONDS)
    exit(1)
