"""What every command is handed (:class:`Invocation`) and what it returns (the ``EXIT_*`` codes).

``build_stats.py`` reads the arguments, the environment and the clock once and hands them over; a command
reads them from here only, so it runs in a test without patching anything, and it never changes the
working folder: paths of the site are joined to :attr:`Invocation.root`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TextIO

from ..model.problems import Problem

EXIT_OK = 0  # done: clean, or only warnings
EXIT_CONTENT = 1  # content errors (nothing was written or sent)
EXIT_USAGE = 2  # usage or config errors (also a variable a reminder channel needs is missing)
EXIT_CHANNEL = 3  # ``remind``: a channel failed after its retries
EXIT_IO = 4  # cannot read or write outside the content: output, disk, closed streams
EXIT_INTERRUPTED = 130  # Ctrl-C (128 + SIGINT, as shells report it)


def no_wait(seconds: float) -> None:
    """No waiting between a reminder channel's retries (tests, and callers that give no ``sleep``)."""


@dataclass(frozen=True)
class Invocation:
    """One run of the command line: the environment, the clock, the streams and the config file."""

    env: dict[str, str]
    now: datetime  # the moment of the run (aware): commands take "today" and the default ``as_of`` from it
    out: TextIO
    err: TextIO
    config_file: str  # ``--config`` as given (default ``mkdocs.yml``)
    ask: Callable[[str], str] | None = None  # prompts for ``new``'s missing options (None: never prompt)
    sleep: Callable[[float], None] = no_wait  # waits between a reminder channel's retries

    @property
    def root(self) -> str:
        """The site's folder: the config file's, absolute."""
        return os.path.dirname(os.path.abspath(self.config_file))

    def shown(self, problem: Problem) -> str:
        """The problem as a command prints it: its path from the current folder (problems name paths from the
        site's folder, :attr:`root`).
        """
        if self.root == os.getcwd():
            return problem.format()
        path = os.path.relpath(os.path.join(self.root, problem.path))
        return replace(problem, path=path.replace(os.sep, "/")).format()
