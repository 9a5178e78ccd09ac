"""The user's aliases file (``kg build --aliases PATH``): names that are one entity, or never are."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # graph.resolve imports rapidfuzz and the lexicon: only when there is a file to read
    from graph.resolve import Aliases


def load_aliases(path: Path) -> Aliases:
    """Read a user's aliases file (YAML or CSV); see the README for the format."""
    from extract.errors import AliasesFileError
    from graph.resolve import Aliases

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise AliasesFileError(f"cannot read the aliases file {str(path)!r}: {err.strerror}. Check --aliases.") from err
    except UnicodeDecodeError as err:
        raise AliasesFileError(f"the aliases file {str(path)!r} is not UTF-8 text ({err.reason} at byte {err.start}).") from err
    if path.suffix.lower() == ".csv":
        import csv

        same, never = [], []
        for row in csv.reader(text.splitlines()):
            cells = [c.strip() for c in row if c.strip()]
            if not cells or cells[0].startswith("#"):
                continue
            kind, names = cells[0].lower(), cells[1:]
            if kind not in ("same", "never") or len(names) < 2:
                raise AliasesFileError(f"{path}: each row is 'same' or 'never' followed by two or more names; got {row!r}.")
            (same if kind == "same" else never).append(names)
        return Aliases(same, never)
    import yaml

    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as err:
        raise AliasesFileError(f"{path} is not valid YAML: {err}".splitlines()[0]) from err
    if not isinstance(data, dict) or not set(data) <= {"same", "never"}:
        raise AliasesFileError(f"{path}: expected keys 'same' and/or 'never', each a list of lists of names.")
    groups = {k: data.get(k) or [] for k in ("same", "never")}
    for k, v in groups.items():
        if not all(isinstance(g, list) and len(g) >= 2 and all(isinstance(n, str) for n in g) for g in v):
            raise AliasesFileError(f"{path}: '{k}' must be a list of lists of two or more names.")
    return Aliases(groups["same"], groups["never"])
