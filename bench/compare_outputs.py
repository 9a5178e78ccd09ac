"""Compare two output folders of ``kg build`` byte for byte; print the differences.

    python bench/compare_outputs.py BEFORE AFTER [BEFORE AFTER ...]

Every file of either folder (the cache and hidden staging folders aside) must be in both and
hold the same bytes. ``report.json`` is compared without its ``fingerprint``, which includes
a digest of the code and so changes with any edit. Exit code 1 when anything differs.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(folder).parts)}


def _content(path: Path) -> bytes:
    if path.name != "report.json":
        return path.read_bytes()
    report = json.loads(path.read_text(encoding="utf-8"))
    report.pop("fingerprint", None)
    return json.dumps(report, sort_keys=True).encode()


def compare(before: Path, after: Path) -> list[str]:
    """One line per difference between the two folders; empty when they are the same."""
    a, b = _files(before), _files(after)
    problems = [f"only in {before}: {n}" for n in sorted(a - b)] + [f"only in {after}: {n}" for n in sorted(b - a)]
    for name in sorted(a & b):
        x, y = _content(before / name), _content(after / name)
        if x != y:
            at = next((i for i, (p, q) in enumerate(zip(x, y)) if p != q), min(len(x), len(y)))
            problems.append(f"differs: {name} ({len(x)} vs {len(y)} bytes, first difference at byte {at})")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="+", type=Path, help="pairs of folders: BEFORE AFTER ...")
    args = parser.parse_args(argv)
    if len(args.folders) % 2:
        parser.error("give the folders in pairs: BEFORE AFTER")
    failed = False
    for before, after in zip(args.folders[::2], args.folders[1::2]):
        problems = compare(before, after)
        failed |= bool(problems)
        print(f"{before} vs {after}: {len(_files(before))} files, "
              + ("identical (report.json without its fingerprint)" if not problems else f"{len(problems)} differences"))
        for line in problems:
            print(f"  {line}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
