"""Material's search, as the portal takes it over: its own jieba pass switched off, its worker found.

Material cuts every page's text with jieba, run by run (most of a build's time);
:func:`portal.output.web.search.rewrite_index` cuts each index entry once instead, so the hook switches
Material's pass off (:func:`switch_off_material_cutting`).  The portal's search worker
(``overrides/assets/javascripts/workers/portal-search.js``, started by ``overrides/main.html``) runs
Material's worker, whose file name (under its content hash) :func:`material_worker` finds in the theme's
folders; :func:`worker_version` puts a hash of the portal's worker into its address.
"""

from __future__ import annotations

import glob
import hashlib
import os

from ..words.messages import say

#: Material's search worker, under its content hash, in the theme's folders.
MATERIAL_WORKER = ("assets", "javascripts", "workers")
#: The portal's worker (``overrides/``), which runs Material's and finds Chinese terms inside words.
PORTAL_WORKER = "portal-search.js"


def switch_off_material_cutting() -> None:
    """Switch off Material's own jieba pass (its module-level ``jieba``)."""
    try:
        from material.plugins.search import plugin as material_search
    except ImportError:
        return
    material_search.jieba = None


class WorkerNotFound(Exception):
    """Material's search worker is not where the portal's worker expects it."""


def material_worker(theme_dirs: list[str]) -> str:
    """The file name of Material's search worker (``search.<hash>.min.js``), from the first theme folder that has
    one.  The portal's worker loads it from the same folder.
    """
    for folder in theme_dirs:
        found = sorted(glob.glob(os.path.join(folder, *MATERIAL_WORKER, "search.*.min.js")))
        if len(found) > 1:
            raise WorkerNotFound(say("site.workers", count=len(found), folder=os.path.join(folder, *MATERIAL_WORKER)))
        if found:
            return os.path.basename(found[0])
    raise WorkerNotFound(say("site.no_worker", path="/".join(MATERIAL_WORKER), folders=", ".join(theme_dirs)))


def worker_version(theme_dirs: list[str]) -> str:
    """A short hash of the portal's worker as the theme serves it ("" when there is none): it goes into the
    worker's address, so that a browser or proxy that cached an older worker fetches the new one.
    """
    for folder in theme_dirs:
        path = os.path.join(folder, *MATERIAL_WORKER, PORTAL_WORKER)
        if os.path.isfile(path):
            with open(path, "rb") as handle:
                return hashlib.sha256(handle.read()).hexdigest()[:10]
    return ""
