"""Interrupted builds: a killed or Ctrl-C'd ``kg build`` leaves the previous outputs whole and the
cache consistent, and a re-run finishes the job with the very graph an uninterrupted build makes.
"""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from conftest import BBC_SAMPLE, ROOT, SEEDS
from extract.models import DocumentResult
from graph.cli import main

OUTPUTS = ("graph.graphml", "graph.html", "nodes.csv", "edges.csv", "triples.jsonl", "merges.jsonl", "report.json")


def kg(*args, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "graph.cli", "build", *args], cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


def outputs(out) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def cache_rows(path) -> int:
    """Rows in the cache, read as a second process would (0 while it does not exist yet)."""
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT COUNT(*) FROM results").fetchone()[0]
    except sqlite3.OperationalError:  # the table is being created
        return 0


def wait_for_rows(proc: subprocess.Popen, cache, rows: int, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while cache_rows(cache) < rows:
        assert proc.poll() is None, f"the build ended before it could be interrupted: {proc.communicate()}"
        assert time.monotonic() < deadline, "the build made no progress"
        time.sleep(0.1)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """100 BBC articles (from the repository's sample) in one JSON Lines file."""
    path = tmp_path_factory.mktemp("corpus") / "bbc100.jsonl"
    lines = BBC_SAMPLE.read_text(encoding="utf-8").splitlines(keepends=True)[:100]
    assert len(lines) == 100
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    """An output folder holding a finished build of seeds/, with its cache: the 'previous outputs'."""
    out = tmp_path_factory.mktemp("previous") / "out"
    proc = kg(str(SEEDS), "-o", str(out), "--jobs", "1", "-q")
    assert proc.wait() == 0, proc.communicate()
    return out


@pytest.fixture
def previous(seeds_out, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(seeds_out, out)
    return out


def test_sigkill_mid_build_leaves_outputs_and_cache_whole_and_a_rerun_matches(previous, corpus, tmp_path):
    before = outputs(previous)
    cache = previous / ".cache" / "results.sqlite"
    seeded = cache_rows(cache)
    proc = kg(str(corpus), "-o", str(previous), "--jobs", "1", "-q")
    wait_for_rows(proc, cache, seeded + 5)
    proc.kill()
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL

    assert outputs(previous) == before  # nothing half-written, nothing replaced
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = db.execute("SELECT doc_id, result FROM results").fetchall()
    assert len(rows) >= seeded + 5
    for doc_id, payload in rows:
        assert DocumentResult.model_validate_json(payload).doc_id == doc_id

    rerun = kg(str(corpus), "-o", str(previous), "--jobs", "1", "-q")
    stdout, stderr = rerun.communicate()
    assert rerun.returncode == 0, stderr
    assert "documents: 100 ok" in stdout and f"{len(rows) - seeded} from cache" in stdout

    fresh = tmp_path / "fresh"
    clean = kg(str(corpus), "-o", str(fresh), "--jobs", "1", "-q")
    assert clean.wait() == 0, clean.communicate()
    for name in OUTPUTS[:-1]:  # report.json says how much came from the cache, so it differs
        assert (previous / name).read_bytes() == (fresh / name).read_bytes(), name


@pytest.mark.parametrize("jobs", [1, 2])
def test_ctrl_c_stops_cleanly_with_one_line(previous, corpus, jobs):
    before = outputs(previous)
    cache = previous / ".cache" / "results.sqlite"
    seeded = cache_rows(cache)
    # a session of its own, so that the signal can go to the whole process group, workers
    # included, as a terminal's Ctrl-C does
    proc = kg(str(corpus), "-o", str(previous), "--jobs", str(jobs), start_new_session=True)
    wait_for_rows(proc, cache, seeded + 1)
    os.killpg(proc.pid, signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=120)

    assert proc.returncode == 130
    assert "Traceback" not in stderr and "KeyboardInterrupt" not in stderr
    assert stderr.strip().count("\n") == 0
    assert stderr.startswith("kg: interrupted; the previous outputs are unchanged")
    assert outputs(previous) == before
    with sqlite3.connect(cache) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    for _ in range(50):  # every worker has gone too
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail("worker processes outlived the interrupted build")


@pytest.mark.parametrize("writer", ["graph.graphml._Document.write", "graph.html.write_html",
                                    "graph.tables.write_triples_jsonl"])
def test_a_failure_while_writing_leaves_the_previous_outputs(previous, capsys, monkeypatch, writer):
    before = outputs(previous)

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(writer, disk_full)
    docs = previous.parent / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The US assassinated Qasem Soleimani.", encoding="utf-8")
    assert main(["build", str(docs), "-o", str(previous), "--jobs", "1", "-q"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "E002" in err and "No space left on device" in err
    assert "previous outputs are unchanged" in err
    assert outputs(previous) == before
    assert sorted(p.name for p in previous.iterdir()) == sorted([*OUTPUTS, ".cache"])  # no temporary files left


def test_staging_left_by_a_killed_build_is_removed(previous, capsys):
    stale = previous / ".kg-staging-999999999-x"  # no such process
    stale.mkdir()
    (stale / "graph.graphml").write_text("<half")
    assert main(["build", str(SEEDS), "-o", str(previous), "--jobs", "1", "-q"]) == 0
    assert not stale.exists()
    assert "(0 parsed, 4 from cache)" in capsys.readouterr().out


# --- the page written by a forked copy of the build, while the build writes the rest ------------

needs_fork = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the page is written aside on Linux only")


@needs_fork
@pytest.mark.parametrize("error, expected", [(OSError(28, "No space left on device"), OSError),
                                             (ValueError("a bug"), RuntimeError)])
def test_an_error_in_the_page_writer_reaches_the_build(tmp_path, monkeypatch, error, expected):
    from graph.run import _written_aside

    monkeypatch.setattr("graph.run.threading.active_count", lambda: 1)  # other tests may leave threads

    def fail(path):
        raise error

    with pytest.raises(expected) as caught:
        with _written_aside(fail, tmp_path / "graph.html") as page:
            assert isinstance(page.pid, int)  # a child really was forked
            page.wait()
    assert str(error.args[-1]) in str(caught.value)
    if expected is OSError:
        assert caught.value.errno == 28


@needs_fork
def test_the_page_writer_is_stopped_when_the_build_fails(tmp_path, monkeypatch):
    from graph.run import _written_aside

    monkeypatch.setattr("graph.run.threading.active_count", lambda: 1)

    with pytest.raises(KeyboardInterrupt):
        with _written_aside(lambda path: time.sleep(60), tmp_path / "graph.html") as page:
            pid = page.pid
            raise KeyboardInterrupt
    with pytest.raises(ProcessLookupError):  # killed and reaped, not left running
        os.kill(pid, 0)


def test_the_page_is_the_same_written_aside_or_in_process(tmp_path, monkeypatch):
    assert main(["build", str(SEEDS), "-o", str(tmp_path / "aside"), "--no-cache", "-q"]) == 0
    monkeypatch.setattr("graph.run.sys.platform", "win32")  # no fork: written in this process
    assert main(["build", str(SEEDS), "-o", str(tmp_path / "here"), "--no-cache", "-q"]) == 0
    for name in OUTPUTS[:-1]:
        assert (tmp_path / "aside" / name).read_bytes() == (tmp_path / "here" / name).read_bytes(), name
