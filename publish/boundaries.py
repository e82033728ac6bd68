"""Region outlines for the map, read from the project's own data file.

``publish/data/boundaries.json`` is written once by ``publish.build_boundaries`` from an
MIT-licensed boundary set (see publish/data/NOTICE.md); nothing here reads the source
again or touches the network, so the map draws offline and from an installed wheel.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

Ring = list[int]  # [x0, y0, dx1, dy1, ...] in 1/scale degree, y northwards


@dataclass(frozen=True)
class Missing:
    reason: str
    seat: tuple[int, int] | None  # (x, y) in the file's units, when the seat is known


@dataclass(frozen=True)
class Boundaries:
    scale: int
    source: dict[str, str]
    shapes: dict[str, list[Ring]]
    missing: dict[str, Missing]

    def bounds(self, codes: list[str]) -> tuple[int, int, int, int]:
        """(min x, min y, max x, max y) of the given regions' outlines and seats."""
        xs: list[int] = []
        ys: list[int] = []
        for code in codes:
            for ring in self.shapes.get(code, []):
                x, y = 0, 0
                for i in range(0, len(ring), 2):
                    x, y = x + ring[i], y + ring[i + 1]
                    xs.append(x)
                    ys.append(y)
            seat = self.missing[code].seat if code in self.missing else None
            if seat:
                xs.append(seat[0])
                ys.append(seat[1])
        return min(xs), min(ys), max(xs), max(ys)


@cache
def load() -> Boundaries:
    """The boundary file, parsed once per process."""
    text = (resources.files("publish") / "data" / "boundaries.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return Boundaries(
        scale=data["scale"],
        source=data["source"],
        shapes=data["regions"],
        missing={
            code: Missing(entry["reason"], tuple(entry["seat"]) if entry["seat"] else None)
            for code, entry in data["missing"].items()
        },
    )
