"""Where a key of the config is written: the ``INHERIT:`` chain of config files, and a key path's file and line.

A problem of the settings names ``extra.portal.sections[2].slug``; :func:`locate_in_chain` finds the file of the
chain that spells that key out furthest, and its line, so the clerk is sent to the right place.
"""

from __future__ import annotations

import os
import re
from typing import Any

from ..content.frontmatter import Map, Seq, parse_yaml
from ..model.names import suggest
from ..words.messages import say

_INHERIT_RE = re.compile(r"^INHERIT:[ \t]*['\"]?(?P<path>[^'\"#\n]+?)['\"]?[ \t]*(?:#.*)?$", re.MULTILINE)
_TOP_KEY_RE = re.compile(r"^(?P<key>[A-Za-z_-]+)[ \t]*:", re.MULTILINE)


def inherit_typo(config_file: str) -> tuple[int, str] | None:
    """``(line, key)`` of a top-level key that is ``INHERIT`` misspelt (``INHERT``, ``inherit``), or None.

    MkDocs only warns about an unknown key, so the file meant to be inherited (and its ``extra.portal``) is
    silently not read, and every section name looks unknown.
    """
    try:
        with open(config_file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return None
    for match in _TOP_KEY_RE.finditer(text):
        key = match["key"]
        if key != "INHERIT" and (key.upper().strip("_-") in ("INHERIT", "INHERITS") or suggest(key, ["INHERIT"])):
            return text.count("\n", 0, match.start()) + 1, key
    return None


def inherit_chain(config_file: str) -> tuple[list[str], tuple[str, int, str] | None]:
    """The config file and the files it inherits from (``INHERIT:``), child first.

    The second item is ``(file, line, message)`` when the chain loops back on itself (MkDocs would
    recurse until Python gives up).
    """
    chain = [config_file]
    while True:
        current = chain[-1]
        try:
            with open(current, encoding="utf-8-sig") as handle:
                text = handle.read()
        except (OSError, UnicodeDecodeError):
            return chain, None  # MkDocs reports a missing or unreadable file itself
        match = _INHERIT_RE.search(text)
        if match is None:
            return chain, None
        target = os.path.normpath(os.path.join(os.path.dirname(current), match["path"].strip()))
        line = text.count("\n", 0, match.start()) + 1
        if any(os.path.realpath(target) == os.path.realpath(seen) for seen in chain):
            names = " → ".join([*chain, target])
            return chain, (current, line, say("config.inherit_loop", chain=names))
        chain.append(target)


def locate_in_chain(config_file: str, key_path: str) -> tuple[str, int]:
    """``(file, line)`` of ``key_path`` in the config file or the file it inherits it from."""
    chain, _ = inherit_chain(config_file)
    best = (config_file, locate(config_file, key_path), _depth(config_file, key_path))
    for parent in chain[1:]:
        depth = _depth(parent, key_path)
        if depth > best[2]:
            best = (parent, locate(parent, key_path), depth)
    return best[0], best[1]


def _depth(config_file: str, key_path: str) -> int:
    """How many parts of ``key_path`` the file spells out."""
    return len(_walk(config_file, key_path))


def _walk(config_file: str, key_path: str) -> list[int]:
    """The lines of the parts of ``key_path`` found in the config file, outermost first."""
    try:
        with open(config_file, encoding="utf-8-sig") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError):
        return []
    root, _ = parse_yaml(text, first_line=1)
    node: Any = root
    lines: list[int] = []
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key_path):
        if isinstance(node, Map) and part in node.items:
            key, node = node.items[part]
            lines.append(key.line)
        elif isinstance(node, Seq) and part.startswith("[") and int(part[1:-1]) < len(node.items):
            node = node.items[int(part[1:-1])]
            lines.append(node.line)
        else:
            break
    return lines


def locate(config_file: str, key_path: str) -> int:
    """Best-effort line of ``key_path`` (``extra.portal.sections[2].slug``) in the config file."""
    lines = _walk(config_file, key_path)
    return lines[-1] if lines else 1
