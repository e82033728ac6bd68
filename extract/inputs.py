"""Reading the documents given to ``pantau extract``: JSON lines, HTML files, stdin.

Each bad line or file becomes a one-line ``InputProblem`` instead of an exception, so a
batch always runs to the end and the caller decides the exit status. JSON lines are
decoded one line at a time: a line of binary junk or of another encoding costs that line
only, never the good lines around it. Lines end at "\n" alone, in files as on stdin, so
line numbers are the same both ways.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
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

# A file of junk that ``looks_binary`` lets through would otherwise print one error per line.
MAX_PROBLEMS_PER_FILE = 20
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
# "\ud800"-style escapes: valid JSON syntax, but a lone surrogate is no character and
# cannot be written back out as UTF-8.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")

BINARY_MAGIC = (
    b"%PDF",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"\x7fELF",
    b"SQLite format 3",
)
CONTROL_BYTES = bytes(range(9)) + bytes(range(14, 32))


def looks_binary(raw: bytes) -> bool:
    """A known binary format, or a start more than one tenth control bytes. A page with a
    few stray NUL bytes is still a page: the cleaning drops them."""
    head = raw[:8192]
    if head.startswith(BINARY_MAGIC):
        return True
    return bool(head) and sum(head.count(b) for b in CONTROL_BYTES) > len(head) / 10


def _has_lone_surrogate(line: str) -> bool:
    try:
        json.dumps(json.loads(line), ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _record(raw: bytes, where: str, default_id: str) -> Record | InputProblem:
    """One JSON line (bytes, without its newline) -> a record or the reason it is bad."""
    if b"\x00" in raw:
        return InputProblem(where, "binary data (NUL byte), not a JSON line")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return InputProblem(where, f"not UTF-8 text (byte {exc.start + 1} of the line)")
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputProblem(where, f"invalid JSON ({exc.msg}, column {exc.colno})")
    except RecursionError:
        return InputProblem(where, "invalid JSON (nested too deeply)")
    if not isinstance(obj, dict):
        return InputProblem(where, "expected a JSON object")
    for key in ("html", "text", "url"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            return InputProblem(where, f'"{key}" must be a string')
    if obj.get("html") is None and obj.get("text") is None:
        return InputProblem(where, 'object has no "html" or "text" string')
    if _SURROGATE_ESCAPE.search(line) and _has_lone_surrogate(line):
        return InputProblem(where, "invalid \\u escape (a lone surrogate is not a character)")
    obj.setdefault("id", default_id)
    return obj


def _json_lines(lines: Iterable[bytes], name: str) -> Iterator[Record | InputProblem]:
    problems = 0
    for number, raw in enumerate(lines, 1):
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        raw = raw.rstrip(b"\r\n")
        if not raw.strip():
            continue
        item = _record(raw, f"{name}:{number}", f"{Path(name).stem}:{number}")
        if isinstance(item, InputProblem):
            problems += 1
            if problems > MAX_PROBLEMS_PER_FILE:
                continue
        yield item
    if problems > MAX_PROBLEMS_PER_FILE:
        hidden = problems - MAX_PROBLEMS_PER_FILE
        yield InputProblem(name, f"{hidden} more bad lines not shown ({problems} in all)")


def read_inputs(paths: tuple[str, ...]) -> Iterator[Record | InputProblem]:
    """Documents from each path in order: .jsonl, .html/.htm, .txt, or '-' for stdin.

    JSON lines files are read a line at a time, so memory does not grow with their size.
    """
    for path in paths or ("-",):
        if path == "-":
            yield from _json_lines(sys.stdin.buffer, "<stdin>")
            continue
        try:
            with open(path, "rb") as file:
                yield from _documents(file, path)
        except FileNotFoundError:
            yield InputProblem(path, "no such file")
        except IsADirectoryError:
            yield InputProblem(path, "is a directory, not a file")
        except OSError as exc:
            yield InputProblem(path, f"cannot read ({exc.strerror})")


def _documents(file: io.BufferedReader, path: str) -> Iterator[Record | InputProblem]:
    suffix = Path(path).suffix.lower()
    if suffix in (".html", ".htm"):
        raw = file.read()
        if looks_binary(raw) and not raw.startswith(_UTF16_BOMS):
            yield InputProblem(path, "binary file, not HTML")
        else:
            yield {"id": Path(path).name, "html": raw}
    elif suffix in (".jsonl", ".json", ".ndjson"):
        head = file.peek(8192)[:8192]
        if head.startswith(_UTF16_BOMS):
            yield InputProblem(path, "UTF-16 text; JSON lines must be UTF-8")
        elif looks_binary(head):
            yield InputProblem(path, "binary file, not text")
        else:
            yield from _json_lines(file, path)
    elif suffix == ".txt":
        yield _plain_text(file.read(), path)
    else:
        yield InputProblem(path, "unknown input type (expected .jsonl, .html, .htm, .txt or -)")


def _plain_text(raw: bytes, path: str) -> Record | InputProblem:
    """A .txt file is one article's text, as a journalist saves it from a page."""
    if looks_binary(raw) and not raw.startswith(_UTF16_BOMS):
        return InputProblem(path, "binary file, not text")
    try:
        return {"id": Path(path).name, "text": raw.decode("utf-8-sig")}
    except UnicodeDecodeError:
        return InputProblem(path, "not UTF-8 text")
