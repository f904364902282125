"""The `onward` command line: score instruments and run rules from the clinical core.

Only the standard library and `onward.clinical` are imported here, and only the one
instrument or rule asked for, so a score returns in about the time Python starts
(bench/cli_startup.py). Bad input exits with status 2 and names every problem field.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

from onward.clinical import registry
from onward.clinical.errors import InvalidInput

TYPE_CHECKING = False  # importing `typing` slows the command line's start-up; type checkers read the block
if TYPE_CHECKING:
    from typing import Any, TextIO

    from onward.clinical.result import Result
    from onward.clinical.spec import Command

EXIT_OK = 0
EXIT_BAD_INPUT = 2

USAGE = """usage:
  onward score INSTRUMENT key=value ... [--json]
  onward score INSTRUMENT --input FILE|- [--json]
  onward score --list
  onward rule RULE key=value ... [--json]
  onward rule RULE --input FILE|- [--json]
  onward rule --list
  onward migrate | onward manage COMMAND ... | onward audit verify|digest | onward worker | onward backup|restore
  onward meetings import PATH|URL --kind meeting_guide|bmlt|table --fellowship F --timezone TZ [--json]
  onward synth --people N --seed S [--days D] [--anchor YYYY-MM-DD] | onward digest
  onward demo [--port 8000] [--people 200]
"""


class UsageError(Exception):
    """The command line itself is wrong (not the clinical inputs)."""

    def __init__(self, message: str, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = dict(fields or {})


def main(argv: Sequence[str] | None = None, *, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in {
        "manage",
        "migrate",
        "audit",
        "worker",
        "meetings",
        "synth",
        "digest",
        "demo",
        "backup",
        "restore",
    }:
        from onward import platform_cli  # noqa: PLC0415 - Django loads only for platform commands

        return platform_cli.run(args)
    out = stdout or sys.stdout
    as_json = "--json" in args
    args = [a for a in args if a != "--json"]
    try:
        if not args or args[0] in {"-h", "--help", "help"}:
            out.write(USAGE)
            return EXIT_OK if args else EXIT_BAD_INPUT
        verb, rest = args[0], args[1:]
        tables = {"score": ("instrument", registry.INSTRUMENTS), "rule": ("rule", registry.RULES)}
        if verb not in tables:
            raise UsageError(f"unknown command {verb!r}; use score or rule", {"command": "must be score or rule"})
        noun, table = tables[verb]
        if rest[:1] == ["--list"]:
            _print_list(out, table, as_json=as_json)
            return EXIT_OK
        if not rest:
            raise UsageError(f"name the {noun}", {noun: f"must be one of {', '.join(table)}"})
        name, rest = rest[0], rest[1:]
        if name not in table:
            raise UsageError(f"unknown {noun} {name!r}", {noun: f"must be one of {', '.join(table)}"})
        command = registry.load(table, name)
        result = command.run(_read_inputs(rest, stdin or sys.stdin))
    except UsageError as exc:
        return _fail(out, exc.message, exc.fields, as_json=as_json)
    except InvalidInput as exc:
        return _fail(out, exc.message, exc.fields, as_json=as_json)
    _print_result(out, result, as_json=as_json)
    return EXIT_OK


def _read_inputs(rest: list[str], stdin: TextIO) -> dict[str, Any]:
    if rest[:1] == ["--input"]:
        if len(rest) != 2:
            raise UsageError("--input takes one FILE or - and nothing else", {"--input": "one FILE or -"})
        return _read_json(rest[1], stdin)
    inputs: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for arg in rest:
        key, sep, value = arg.partition("=")
        if not sep or not key:
            problems[arg] = "must be written key=value"
        elif key in inputs:
            problems[key] = "is given more than once"
        else:
            inputs[key] = value
    if problems:
        raise UsageError("Some arguments are not key=value.", problems)
    return inputs


def _read_json(path: str, stdin: TextIO) -> dict[str, Any]:
    import json  # noqa: PLC0415 - json (with re) loads only where JSON is read or written; startup stays light
    from pathlib import Path  # noqa: PLC0415 - only --input FILE needs it; startup stays light

    try:
        text = stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}", {"--input": "must be a readable file or -"}) from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"input is not JSON: {exc.msg} at line {exc.lineno}", {"--input": "must be JSON"}) from exc
    if not isinstance(data, dict):
        raise UsageError("input must be a JSON object of item keys", {"--input": "must be a JSON object"})
    return data


def _fail(out: TextIO, message: str, fields: Mapping[str, str], *, as_json: bool) -> int:
    if as_json:
        body = {"error": {"code": "invalid_input", "message": message, "fields": dict(fields)}}
        out.write(_json_text(body) + "\n")
    else:
        lines = [f"error: {message}"] + [f"  {key}: {problem}" for key, problem in fields.items()]
        sys.stderr.write("\n".join(lines) + "\n")
    return EXIT_BAD_INPUT


def _print_result(out: TextIO, result: Result, *, as_json: bool) -> None:
    body = result.to_json()
    if as_json:
        out.write(_json_text(body) + "\n")
        return
    total = "" if body["total"] is None else f"{body['total']}" + (f" of {body['max']}" if body["max"] else "")
    head = " · ".join(part for part in (body["instrument"], total, body["band_label"] or body["band"]) if part)
    lines = [head]
    lines += [f"  flag: {flag}" for flag in body["flags"]]
    lines += [f"  why: {reason}" for reason in body["reasons"]]
    standard = {"instrument", "version", "items", "total", "max", "band", "band_label", "flags", "reasons", "source"}
    lines += [f"  {key}: {_json_text(value, ensure_ascii=True)}" for key, value in body.items() if key not in standard]
    lines += [f"  source: {body['source']}", f"  version: {body['version']}"]
    out.write("\n".join(lines) + "\n")


def _print_list(out: TextIO, table: Mapping[str, tuple[str, str]], *, as_json: bool) -> None:
    commands: list[Command] = [registry.load(table, name) for name in table]
    if as_json:
        listing = [
            {
                "name": c.name,
                "title": c.title,
                "source": c.source,
                "outputs": c.outputs,
                "params": [
                    {"key": p.key, "allowed": p.allowed, "required": p.required, "description": p.description}
                    for p in c.params
                ],
            }
            for c in commands
        ]
        out.write(_json_text(listing, indent=2) + "\n")
        return
    for c in commands:
        out.write(f"{c.name} — {c.title}\n  source: {c.source}\n")
        if c.outputs:
            out.write(f"  outputs: {c.outputs}\n")
        for p in c.params:
            need = "" if p.required else " (optional)"
            out.write(f"  {p.key}{need}: {p.allowed} — {p.description}\n")
        out.write("\n")


def _json_text(value: object, *, ensure_ascii: bool = False, indent: int | None = None) -> str:
    import json  # noqa: PLC0415 - json (with re) loads only where JSON is read or written; startup stays light

    return json.dumps(value, ensure_ascii=ensure_ascii, indent=indent)


if __name__ == "__main__":
    sys.exit(main())
