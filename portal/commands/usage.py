"""The command line's usage, ``--help`` and argparse's own error texts, in Chinese.

argparse words its messages in English (``usage:``, ``the following arguments are
required``, ``invalid choice``…).  :class:`Parser` is an ``ArgumentParser`` whose help,
usage and errors come from the catalogue instead; its subcommands are Parsers too.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from ..words.commands import listed
from ..words.messages import choices, say
from .context import EXIT_USAGE

if TYPE_CHECKING:
    from _typeshed import SupportsWrite


class _Formatter(argparse.HelpFormatter):
    """``用法：`` instead of ``usage:``."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, say("usage.prefix") if prefix is None else prefix)


def _choices(text: str) -> str:
    """``'a', 'b'`` as argparse lists choices, in Chinese quotes: ``“a”、“b”``."""
    return choices([item.strip().strip("'") for item in text.split(",")])


#: argparse's English messages (as Python 3.10–3.13 word them) and their Chinese.
_ARGPARSE: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (
        re.compile(r"the following arguments are required: (?P<names>.+)"),
        lambda m: say("usage.required", names=listed(m["names"].split(", "))),
    ),
    (
        re.compile(r"argument (?P<arg>\S+?): invalid choice: '?(?P<value>.*?)'? \(choose from (?P<choices>.*)\)"),
        lambda m: say("usage.invalid_choice", arg=m["arg"], value=m["value"], choices=_choices(m["choices"])),
    ),
    (
        re.compile(r"argument (?P<arg>\S+?): invalid (?P<type>\w+) value: '?(?P<value>.*?)'?"),
        lambda m: say("usage.invalid_value", arg=m["arg"], value=m["value"], type=_type_word(m["type"])),
    ),
    (
        re.compile(r"argument (?P<arg>\S+?): expected one argument"),
        lambda m: say("usage.expected_one", arg=m["arg"]),
    ),
    (
        re.compile(r"unrecognized arguments: (?P<args>.+)"),
        lambda m: say("usage.unrecognized", args=m["args"]),
    ),
    (
        re.compile(r"argument (?P<arg>\S+?): not allowed with argument (?P<other>\S+)"),
        lambda m: say("usage.not_allowed_with", arg=m["arg"], other=m["other"]),
    ),
    (
        re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)"),
        lambda m: say("usage.ambiguous", option=m["option"], matches=m["matches"]),
    ),
    (
        re.compile(r"argument (?P<arg>\S+?): ignored explicit argument '?(?P<value>.*?)'?"),
        lambda m: say("usage.ignored_value", arg=m["arg"], value=m["value"]),
    ),
)


def _type_word(name: str) -> str:
    return say("usage.type.int") if name == "int" else say("usage.type.other", name=name)


def translate(message: str) -> str:
    """argparse's English ``message`` in Chinese (a general sentence when it is not one we know)."""
    for pattern, word in _ARGPARSE:
        match = pattern.fullmatch(message)
        if match:
            return word(match)
    return say("usage.other", message=message)


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` that speaks Chinese: help, usage, section titles and errors.

    It writes to the run's streams, never to ``sys.stdout``/``sys.stderr``: ``--help`` to ``out``, usage
    errors to ``err`` (its subcommands' parsers too).
    """

    def __init__(self, *args: Any, out: TextIO, err: TextIO, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self.out, self.err = out, err
        self._positionals.title = say("usage.positionals")
        self._optionals.title = say("usage.options")
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=say("usage.help"))

    def add_subparsers(self, **kwargs: Any) -> Any:
        kwargs.setdefault("parser_class", partial(Parser, out=self.out, err=self.err))
        return super().add_subparsers(**kwargs)

    def print_usage(self, file: SupportsWrite[str] | None = None) -> None:
        super().print_usage(file or self.out)

    def print_help(self, file: SupportsWrite[str] | None = None) -> None:
        super().print_help(file or self.out)

    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        if message:
            self._print_message(message, self.err)
        raise SystemExit(status)

    def error(self, message: str) -> NoReturn:
        self.print_usage(self.err)
        self.exit(EXIT_USAGE, say("usage.error", prog=self.prog, message=translate(message)) + "\n")
