"""MkDocs' own English config messages (for ``mkdocs.yml`` keys outside ``extra.portal``) said in Chinese.

MkDocs validates its own keys (``docs_dir``, ``theme`` …) and logs what is wrong in English; the command line
(:mod:`portal.commands.cli`) prints those lines as problems, through :func:`mkdocs_message`.
"""

from __future__ import annotations

import re

from ..words.messages import choices, say

_CHOICE_RE = re.compile(r"Expected one of: \((?P<choices>.*)\) but received: (?P<value>.*)")
_TYPE_RE = re.compile(r"Expected type: <class '(?P<type>\w+)'> but received: <class '\w+'>")
_TYPE_WORDS = {
    "bool": "config.type.bool",
    "str": "config.type.str",
    "int": "config.type.int",
    "list": "config.type.list",
}


def mkdocs_message(text: str) -> str:
    """A message of MkDocs' own option classes (``Choice``, ``Type``, ``ListOfItems``) said in Chinese."""
    if text.startswith("Required configuration not provided"):
        return say("config.required")
    choice = _CHOICE_RE.fullmatch(text)
    if choice:
        allowed = [item.strip().strip("'\"") for item in choice["choices"].split(",") if item.strip()]
        return say("config.choice", value=choice["value"].strip("'\""), choices=choices(allowed))
    typed = _TYPE_RE.fullmatch(text)
    if typed:
        return say("config.type", type=say(_TYPE_WORDS.get(typed["type"], "config.type.other")))
    if text.startswith("Unrecognised configuration name: "):
        return say("config.mkdocs_unknown", key=text.split(": ", 1)[1].strip())
    if text.startswith("Expected a list of items"):
        return say("config.type", type=say("config.type.list"))
    return say("config.other", text=text) if text and not _has_cjk(text) else text


def _has_cjk(text: str) -> bool:
    return any(0x4E00 <= ord(ch) <= 0x9FFF for ch in text)
