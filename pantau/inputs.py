"""Reading the documents given to ``pantau extract``: JSON lines, HTML files, stdin.

Each bad line or file becomes a one-line ``InputProblem`` instead of an exception, so a
batch always runs to the end and the caller decides the exit status.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass
class InputProblem:
    where: str  # "file.jsonl:12" or "page.html"
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


Record = dict[str, Any]


BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
                b"\x7fELF", b"SQLite format 3")
CONTROL_BYTES = bytes(range(9)) + bytes(range(14, 32))


def looks_binary(raw: bytes) -> bool:
    """A known binary format, or a start more than one tenth control bytes. A page with a
    few stray NUL bytes is still a page: the cleaning drops them."""
    head = raw[:8192]
    if head.startswith(BINARY_MAGIC):
        return True
    return bool(head) and sum(head.count(b) for b in CONTROL_BYTES) > len(head) / 10


def _decode(raw: bytes, where: str) -> str | InputProblem:
    if looks_binary(raw) and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return InputProblem(where, "binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputProblem(where, f"not UTF-8 text (byte {exc.start})")


def _json_lines(lines: Iterator[str], name: str) -> Iterator[Record | InputProblem]:
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputProblem(where, f"invalid JSON ({exc.msg}, column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield InputProblem(where, "expected a JSON object")
        elif not isinstance(obj.get("html") or obj.get("text"), str):
            yield InputProblem(where, 'object has no "html" or "text" string')
        else:
            obj.setdefault("id", f"{Path(name).stem}:{number}")
            yield obj


def read_inputs(paths: tuple[str, ...]) -> Iterator[Record | InputProblem]:
    """Documents from each path in order: .jsonl, .html/.htm, or '-' for stdin."""
    for path in paths or ("-",):
        if path == "-":
            yield from _json_lines(iter(sys.stdin.readline, ""), "<stdin>")
            continue
        file = Path(path)
        try:
            raw = file.read_bytes()
        except FileNotFoundError:
            yield InputProblem(path, "no such file")
            continue
        except IsADirectoryError:
            yield InputProblem(path, "is a directory, not a file")
            continue
        except OSError as exc:
            yield InputProblem(path, f"cannot read ({exc.strerror})")
            continue
        suffix = file.suffix.lower()
        if suffix in (".html", ".htm"):
            if looks_binary(raw):
                yield InputProblem(path, "binary file, not HTML")
            else:
                yield {"id": file.name, "html": raw}
            continue
        text = _decode(raw, path)
        if isinstance(text, InputProblem):
            yield text
        elif suffix in (".jsonl", ".json", ".ndjson"):
            yield from _json_lines(iter(text.splitlines()), path)
        else:
            yield InputProblem(path, "unknown input type (expected .jsonl, .html, .htm or -)")
