"""Every message a clerk reads is Chinese and lives in one catalogue (``portal/words/messages.py``, issue 24).

The source is read with :mod:`ast`, nothing is run: every string given to a problem, an error a user
sees, ``print``, a log line or argparse must come from ``say(key)`` (or hold no English sentence);
every key the code names is in the catalogue; every catalogue entry is Chinese.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from portal.words.messages import MESSAGES, did_you_mean, unknown

PACKAGE = Path(__file__).resolve().parent.parent / "portal"
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: English words in a row ("expected a number"): a sentence, not a code, a path or a field name.
ENGLISH = re.compile(r"[A-Za-z]{2,}(?:[ ,;:]+[A-Za-z]+)*[ ,;:]+[A-Za-z]{2,}")
#: Exceptions whose text reaches a clerk (printed by the command line, the build or the serve page).
USER_ERRORS = {
    "Invalid",
    "Bad",
    "ValidationError",
    "DateError",
    "WindowError",
    "RemindUsage",
    "MissingSecret",
    "ChannelError",
    "Refused",
    "OutputError",
    "PluginError",
    "WorkerNotFound",
}
#: Calls whose every string argument a clerk reads.
USER_CALLS = {"print", "Problem", "SourceError", *USER_ERRORS}
#: Methods whose string arguments a clerk reads (problems, log lines, argparse).
USER_METHODS = {"error", "warning", "info", "add_argument", "add_parser", "add_subparsers", "append"}
#: argparse keywords a clerk reads.
USER_KEYWORDS = {"help", "description", "title", "epilog", "usage"}
#: Strings that are English on purpose: what a developer sees, or text matched against other programs' words.
#: (A TypeError for a developer, e.g. store/cache.py's, is not a clerk's error and is not scanned.) Also: lines of YAML
#: that a command writes into a file, whose field names and values are the file format's own words.
DEVELOPER_ONLY: set[tuple[str, str]] = set()
#: Folders of ``portal/`` whose code writes no Chinese itself: every word they print or write into a file comes
#: from ``portal/words/`` (the catalogue, or named templates and punctuation).
WORDLESS = ("commands", "store", "edge")
#: A Chinese character or Chinese punctuation: CJK radicals to ideographs, compatibility ideographs, full width.
HAN = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")


def _modules() -> dict[str, ast.Module]:
    """The package's modules and the edge (``build_stats.py``), by file name."""
    paths = [*sorted(PACKAGE.rglob("*.py")), PACKAGE.parent / "build_stats.py"]
    return {p.name: ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for p in paths}


def _text(node: ast.AST) -> str | None:
    """The constant text of a string literal or f-string (``{}`` for each placeholder), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def _name(call: ast.Call) -> tuple[str, bool]:
    """The called name, and whether it is a method (``x.error``)."""
    if isinstance(call.func, ast.Name):
        return call.func.id, False
    if isinstance(call.func, ast.Attribute):
        return call.func.attr, True
    return "", False


def _user_strings(tree: ast.Module) -> list[tuple[int, str]]:
    """``(line, text)`` of every string literal passed where a clerk reads it."""
    found: list[tuple[int, str]] = []
    for call in (n for n in ast.walk(tree) if isinstance(n, ast.Call)):
        name, method = _name(call)
        args: list[ast.expr] = []
        if (name in USER_CALLS and not method) or (method and name in USER_METHODS) or name in USER_ERRORS:
            args = list(call.args)
            # errors.append((key path, message)): the tuple's parts
            args += [elt for arg in call.args if isinstance(arg, ast.Tuple) for elt in arg.elts]
        args += [kw.value for kw in call.keywords if kw.arg in USER_KEYWORDS]
        for arg in args:
            text = _text(arg)
            if text is not None:
                found.append((arg.lineno, text))
    return found


@pytest.mark.slow
def test_no_english_sentence_reaches_a_clerk() -> None:
    offenders = []
    for module, tree in _modules().items():
        for line, text in _user_strings(tree):
            markup = text.lstrip().startswith("<")  # HTML and SVG being built, not words
            if ENGLISH.search(text) and not markup and (module, text) not in DEVELOPER_ONLY:
                offenders.append(f"portal/{module}:{line}: {text!r}")
    assert not offenders, "say it through portal/words/messages.py, in Chinese:\n" + "\n".join(offenders)


def test_the_scan_sees_the_calls_it_guards() -> None:
    # the scanner itself: an English problem, print, argparse help and config error are all found
    tree = ast.parse(
        "problems.error(p, 1, 'x', 'unknown field, ignored')\n"
        "print(f'wrote {path} to disk')\n"
        "parser.add_argument('--x', help='the output file')\n"
        "errors.append((key, 'expected a number'))\n"
        "raise Invalid(say('schema.empty'))\n"
    )
    texts = [text for _, text in _user_strings(tree) if ENGLISH.search(text)]
    assert texts == ["unknown field, ignored", "wrote {} to disk", "the output file", "expected a number"]


def _keys_in_code() -> list[tuple[str, int, str, bool]]:
    """Every catalogue key the code names: ``(module, line, key, is_prefix)`` (an f-string key is a prefix)."""
    prefixes = {key.split(".")[0] for key in MESSAGES}
    found = []
    for module, tree in _modules().items():
        if module == "messages.py":
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _name(node)[0] == "say" and node.args:
                first = node.args[0]
                if isinstance(first, ast.JoinedStr):
                    found.append((module, node.lineno, _text(first) or "", True))
                elif not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                    continue  # a key held in a variable: its literal is found below
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                value = node.value
                if re.fullmatch(r"[a-z_]+(\.[a-z_]+)+", value) and value.split(".")[0] in prefixes:
                    found.append((module, node.lineno, value, False))
    return found


@pytest.mark.slow
def test_every_key_the_code_names_is_in_the_catalogue() -> None:
    keys = _keys_in_code()
    assert len(keys) > 300  # the scan found the code's keys
    missing = []
    for module, line, key, is_prefix in keys:
        if is_prefix:
            head = key.split("{")[0]
            if not any(k.startswith(head) for k in MESSAGES):
                missing.append(f"portal/{module}:{line}: no key starts with {head!r}")
        elif key not in MESSAGES and not key.endswith((".yml", ".json", ".md", ".js", ".html")):
            missing.append(f"portal/{module}:{line}: {key!r}")
    assert not missing, "\n".join(missing)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_is_chinese_with_named_fields(key: str) -> None:
    message = MESSAGES[key]
    assert CJK.search(message), f"{key}: {message!r} is not Chinese"
    fields = [name for _, name, _, _ in string.Formatter().parse(message) if name is not None]
    assert all(re.fullmatch(r"[a-z_]+", name) for name in fields), f"{key}: name every field ({fields})"


def test_keys_are_dotted_english_and_each_block_is_its_own() -> None:
    assert all(re.fullmatch(r"[a-z_]+(\.[a-z_0-9]+)+", key) for key in MESSAGES)


def test_did_you_mean_is_said_once() -> None:
    assert did_you_mean("社会救助股") == "；是不是“社会救助股”？"
    assert did_you_mean(None) == ""
    assert unknown("section", "救助", "社会救助股", ("社会救助股",)) == (
        "没有名为“救助”的股室；是不是“社会救助股”？（股室名称见 mkdocs.yml 的 extra.portal.sections）"
    )


@pytest.mark.slow
def test_every_say_gives_exactly_the_fields_its_message_names() -> None:
    """A missing field would be a traceback for the clerk; an extra one, a word lost."""
    wrong = []
    calls = 0
    for module, tree in _modules().items():
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and _name(node)[0] == "say" and node.args):
                continue
            key = node.args[0]
            if not (isinstance(key, ast.Constant) and isinstance(key.value, str)) or key.value not in MESSAGES:
                continue
            if any(kw.arg is None for kw in node.keywords):
                continue  # **values: checked where they are built
            calls += 1
            given = {kw.arg or "" for kw in node.keywords}
            named = {name for _, name, _, _ in string.Formatter().parse(MESSAGES[key.value]) if name}
            if given != named:
                wrong.append(
                    f"portal/{module}:{node.lineno}: say({key.value!r}) gives {sorted(given)}, needs {sorted(named)}"
                )
    assert calls > 250
    assert not wrong, "\n".join(wrong)


def _chinese_literals(tree: ast.Module) -> list[tuple[int, str]]:
    """``(line, text)`` of every string literal with a Chinese character that is no docstring (comments are not
    in the tree).
    """
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        and HAN.search(node.value)
    ]


@pytest.mark.parametrize("folder", WORDLESS)
def test_the_store_the_edge_and_the_commands_take_every_word_from_the_words_layer(folder: str) -> None:
    offenders = [
        f"{path.relative_to(PACKAGE.parent)}:{line}: {text!r}"
        for path in sorted((PACKAGE / folder).rglob("*.py"))
        for line, text in _chinese_literals(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert not offenders, "put it in portal/words/ (messages.py: say(key); or a named template):\n" + "\n".join(
        offenders
    )


def test_the_chinese_finder_skips_docstrings_and_comments() -> None:
    tree = ast.parse(
        '"""模块说明。"""\n'
        "def f():\n"
        '    """函数说明。"""\n'
        "    # 注释\n"
        '    print("已写入 " + path)\n'
        "    return '、'.join(names), f'{n}年', 'plain English'\n"
    )
    assert sorted(text for _, text in _chinese_literals(tree)) == sorted(["已写入 ", "、", "年"])
