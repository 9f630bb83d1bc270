"""Replacing a file in one step: the one way the portal writes a file that someone else may read meanwhile.

The bytes go to a temporary file in the same folder, which is renamed over the file (``os.replace``, atomic on
one filesystem): a reader sees the old file or the new one, never half of one; a write that fails half-way
(a full disk, a refusal, Ctrl-C) removes its temporary file.  Used by the parse cache and snapshot, the
reminders' state file and the commands that record an adoption.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable


def replace_atomically(
    path: str,
    data: bytes,
    prefix: str,
    suffix: str = ".tmp",
    durable: bool = True,
    before: Callable[[str], None] | None = None,
) -> None:
    """Put ``data`` in place of ``path`` in one step.

    ``prefix``/``suffix`` name the temporary file (a leading dot hides it from MkDocs); ``durable`` flushes it
    to disk first (a cache that is only a copy skips that); ``before(temporary)`` runs just before the rename
    (set the mtime or mode, or refuse by raising).  Raises what failed, the temporary file removed.
    """
    folder = os.path.dirname(os.path.abspath(path))
    handle, temporary = tempfile.mkstemp(prefix=prefix, suffix=suffix, dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            if durable:
                stream.flush()
                os.fsync(stream.fileno())
        if before is not None:
            before(temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
