"""The same inputs give the same bytes: run after run, with --jobs 1 or 2, in any order of the inputs.

Each build is a separate ``kg build`` process with its own hash seed, so an output that
depends on set or dict order (Python randomises string hashes per process) shows up here.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import BBC_SAMPLE, ROOT, SEEDS

OUTPUTS = ("graph.graphml", "graph.html", "nodes.csv", "edges.csv", "triples.jsonl", "merges.jsonl")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    """The four seeds and 16 BBC articles (from the repository's sample) in two JSON Lines files:
    six input files."""
    tmp = tmp_path_factory.mktemp("inputs")
    lines = BBC_SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)
    (tmp / "bbc-a.jsonl").write_text("".join(lines[:8]), encoding="utf-8")
    (tmp / "bbc-b.jsonl").write_text("".join(lines[60:68]), encoding="utf-8")
    return [str(p) for p in sorted(SEEDS.glob("*.txt"))] + [str(tmp / "bbc-a.jsonl"), str(tmp / "bbc-b.jsonl")]


@pytest.fixture(scope="module")
def build(tmp_path_factory):
    """``build(name, inputs, jobs, seed)``: the output bytes of one ``kg build --no-cache``."""

    def run(name, inputs, jobs, seed):
        out = tmp_path_factory.mktemp(name)
        env = {**os.environ, "PYTHONHASHSEED": str(seed)}
        result = subprocess.run([sys.executable, "-m", "graph.cli", "build", *inputs, "-o", str(out), "--no-cache",
                                 "--jobs", str(jobs), "-q"], capture_output=True, text=True, cwd=ROOT, env=env)
        assert result.returncode == 0, result.stderr
        return {name: (out / name).read_bytes() for name in OUTPUTS}

    return run


@pytest.fixture(scope="module")
def first(build, inputs):
    return build("first", inputs, jobs=1, seed=1)


def _differences(a: dict, b: dict) -> list[str]:
    return [name for name in OUTPUTS if a[name] != b[name]]


def test_two_builds_give_identical_bytes(build, inputs, first):
    assert first["triples.jsonl"] and first["graph.graphml"].count(b"<edge ") > 10
    assert _differences(first, build("again", inputs, jobs=1, seed=2)) == []


def test_two_jobs_give_the_same_bytes_as_one(build, inputs, first):
    assert _differences(first, build("jobs2", inputs, jobs=2, seed=3)) == []


def test_the_order_of_the_input_files_does_not_matter(build, inputs, first):
    assert _differences(first, build("reordered", inputs[::-1], jobs=1, seed=4)) == []
