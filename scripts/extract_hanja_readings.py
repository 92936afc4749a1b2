"""Extract the Korean readings of single Han characters from libhangul's hanja table.

    python scripts/extract_hanja_readings.py hanja.txt > src/yalu/screening/data/hanja_readings.csv

The table is libhangul's `hanja.txt` (Copyright (c) 2005, 2006 Choe Hwanjin, BSD 3-clause
licence, reproduced in `src/yalu/screening/data/HANJA_READINGS.md`), as shipped in the
PyPI package `pyhanja` 0.0.6 (`pyhanja/data/hanja.txt`). Its lines are
`hangul:hanja:meanings`; the single-character lines give each character's readings, in
traditional and simplified forms alike. The output has one line per character:
`character,reading reading ...` (readings in the table's order, each once), sorted by
character so that the file does not depend on the table's order.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(path: str) -> None:
    """Print the CSV of single-character readings read from `path`."""
    readings: dict[str, list[str]] = {}
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.count(":") < 2:
            continue
        hangul, hanja, _ = line.split(":", 2)
        if len(hanja) == 1 and len(hangul) == 1 and "\uac00" <= hangul <= "\ud7a3":
            found = readings.setdefault(hanja, [])
            if hangul not in found:
                found.append(hangul)
    sys.stdout.write("hanja,readings\n")
    for hanja in sorted(readings):
        sys.stdout.write(f"{hanja},{' '.join(readings[hanja])}\n")


if __name__ == "__main__":
    main(sys.argv[1])
