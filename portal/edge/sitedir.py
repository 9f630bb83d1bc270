"""The site folder: a build writes beside it and takes its place only once complete.

MkDocs empties ``site_dir`` first and then writes page after page, so any failure during rendering (a broken
override template, a full disk, a warning under ``--strict``, ``kill -9``) left less than there was. The hook
points ``site_dir`` at a fresh hidden sibling (:func:`stage`) and, when the build is complete, puts it in the
site folder's place (:func:`swap`): on Linux with one ``renameat2(RENAME_EXCHANGE)``, so the folder is never
missing, elsewhere with two renames. A failed build only removes its own sibling (:func:`discard`); what a
killed build left is removed by the next one (:func:`sweep`), once its process is gone.

Not staged: a site folder that is a mount point (a rename cannot replace it) or whose parent folder cannot be
written, and ``--dirty`` builds (they add to what is there); those write into the site folder as MkDocs does.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import os
import re
import shutil
import sys

from ..utils.workers import running
from ..words.messages import say

AT_FDCWD = -100  # <fcntl.h>
RENAME_EXCHANGE = 2  # <linux/fs.h>
#: ``.<site folder's name>.portal-new-<pid>-<token>``: a build under way (or killed); ``-old-``: a replaced site
_LEFTOVER = re.compile(r"\..+\.portal-(?:new|old)-(\d+)-[0-9a-f]{8}")


class SiteDirError(Exception):
    """The site folder cannot take a build; the message (Chinese) says why and what to do."""


def check(site_dir: str) -> None:
    """Before anything is read: a ``site_dir`` that is a file (or a link to one) can never hold the site."""
    if os.path.lexists(site_dir) and not os.path.isdir(site_dir):
        raise SiteDirError(say("build.site_is_file", site=site_dir))


def stage(site_dir: str, pid: int, token: str) -> str | None:
    """A fresh, empty folder beside ``site_dir`` for this build (``pid``: this process, ``token``: 8 hex digits),
    or None when the build must write into ``site_dir`` itself: a mount point, or a folder whose parent this
    user may not write (the site folder alone was given to the user that builds).
    """
    target = os.path.realpath(site_dir)
    if os.path.ismount(target):
        return None
    parent, name = os.path.split(target)
    os.makedirs(parent, exist_ok=True)
    sweep(parent)
    building = os.path.join(parent, f".{name}.portal-new-{pid}-{token}")
    try:
        os.mkdir(building)
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS) and os.path.isdir(target):
            return None
        raise
    return building


def swap(building: str, site_dir: str) -> None:
    """Put the complete build in ``building`` in the place of ``site_dir``; the replaced site is deleted.

    On failure ``site_dir`` is as it was, ``building`` is deleted, and :class:`SiteDirError` says why.
    """
    target = os.path.realpath(site_dir)
    try:
        if not os.path.isdir(target):
            os.rename(building, target)
            return
        replaced = building if _exchange(building, target) else _two_renames(building, target)
    except OSError as exc:
        discard(building)
        raise SiteDirError(
            say("build.failed", reason=say("build.cannot_replace", error=exc.strerror or exc), site=site_dir)
        ) from None
    discard(replaced)


def discard(folder: str | None) -> None:
    """Delete a build's folder, as far as possible (never fails)."""
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def sweep(parent: str) -> list[str]:
    """Delete the folders that builds killed before they finished left in ``parent`` (their process is gone);
    returns their names. A folder of a build still running, here or in another process, is left alone.
    """
    removed = []
    try:
        names = os.listdir(parent)
    except OSError:
        return []
    for name in names:
        match = _LEFTOVER.fullmatch(name)
        if match and not running(int(match[1])):
            discard(os.path.join(parent, name))
            removed.append(name)
    return removed


def _exchange(first: str, second: str) -> bool:
    """Swap two folders in one step (Linux ``renameat2``); False where the system or file system cannot."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), second)


def _two_renames(building: str, target: str) -> str:
    """The old site aside, the new one in its place (a moment without a site folder); returns the old site's
    folder. When the second rename fails the old site goes back.
    """
    aside = building.replace(".portal-new-", ".portal-old-")
    os.rename(target, aside)
    try:
        os.rename(building, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.rename(aside, target)
        raise
    return aside
