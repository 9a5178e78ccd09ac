"""The kg command: building, caching, errors without tracebacks, and the report."""

import json
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT, SEEDS
from graph.cli import main

FAST = ["--format", "graphml", "--jobs", "1"]


def run_kg(*args):
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, cwd=ROOT)


def test_help_explains_every_option():
    out = run_kg("build", "--help").stdout
    for option in ("--out", "--model", "--jobs", "--cache", "--no-cache", "--aliases", "--format", "--strict", "--quiet"):
        assert option in out


@pytest.mark.parametrize("args,code,message", [
    (["build", "no/such/folder"], "E001", "input not found"),
    (["build", "seeds", "--model", "no_such_pipeline"], "E003", "cannot load the spaCy pipeline"),
    (["build", "seeds", "-o", "/proc/kg-out"], "E002", "cannot write to the output folder"),
    (["build", "seeds", "--format", "pdf"], "E006", "unknown --format"),
])
def test_user_mistakes_are_one_line_exit_2(args, code, message):
    result = run_kg(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and code in result.stderr and message in result.stderr


def test_build_summary_report_and_cache(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", str(SEEDS), "-o", str(out), *FAST, "-q"]) == 0
    first = capsys.readouterr().out
    assert "documents: 4 ok" in first and "(4 parsed, 0 from cache)" in first and "role" in first
    report = json.loads((out / "report.json").read_text())
    assert {d["status"] for d in report["documents"]} == {"ok"}
    graph_bytes = (out / "graph.graphml").read_bytes()

    # nothing changed: everything comes from the cache, and the graph is the same
    assert main(["build", str(SEEDS), "-o", str(out), *FAST, "-q"]) == 0
    assert "(0 parsed, 4 from cache)" in capsys.readouterr().out
    assert (out / "graph.graphml").read_bytes() == graph_bytes


def _summary(capsys, *args) -> str:
    assert main(["build", *map(str, args), *FAST, "-q"]) == 0
    return capsys.readouterr().out


def test_nothing_changed_skips_the_merge_and_keeps_the_outputs(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    out = tmp_path / "out"
    aliases = tmp_path / "aliases.csv"
    aliases.write_text("never,Qasem Soleimani,Qassem Soleimani\n", encoding="utf-8")
    first = _summary(capsys, docs, "-o", out)
    graphml = out / "graph.graphml"
    stamp = graphml.stat().st_mtime_ns
    again = _summary(capsys, docs, "-o", out)
    assert "unchanged:" in again and "(0 parsed, 4 from cache)" in again
    assert graphml.stat().st_mtime_ns == stamp  # not rewritten
    assert again.splitlines()[1:3] == first.splitlines()[1:3]  # the same entity and edge counts

    # each of these makes the next build redo the merge and the outputs; the one after is unchanged again
    def edit_aliases():
        aliases.write_text("never,Mike Pompeo,Pompeo\n", encoding="utf-8")
        return ["--aliases", aliases]

    redo = {
        "a setting": lambda: ["--metonymy"],
        "an aliases file": lambda: ["--aliases", aliases],
        "the aliases file edited": edit_aliases,
        "an output deleted": lambda: graphml.unlink() or [],
        "the cache cleared": lambda: main(["cache", "clear", "-o", str(out)]) or [],
        "a new document": lambda: (docs / "001_x.txt").write_text("Iran praised Iraq.", encoding="utf-8") and [],
    }
    for what, change in redo.items():
        extra = change()
        capsys.readouterr()
        assert "unchanged:" not in _summary(capsys, docs, "-o", out, *extra), what
        assert "unchanged:" in _summary(capsys, docs, "-o", out, *extra), what
    assert graphml.exists()


def test_nothing_changed_never_loads_spacy(tmp_path):
    out = tmp_path / "out"
    script = ("import sys; from graph.cli import main; main(['build', 'seeds', '-o', sys.argv[1], '-q']);"
              " print('spacy' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", script, str(out)], cwd=ROOT, capture_output=True, text=True)
            for _ in range(2)]
    assert [r.stdout.split()[-1] for r in runs] == ["True", "False"], [r.stderr for r in runs]
    assert "unchanged:" in runs[1].stdout


def test_changed_and_removed_documents(tmp_path, capsys):
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    out = tmp_path / "out"
    main(["build", str(docs), "-o", str(out), *FAST, "-q"])
    capsys.readouterr()
    (docs / "002_ec323865d4ebd510.txt").write_text("Russia invaded Ukraine in 2022.", encoding="utf-8")
    (docs / "000_0770e54af293d347.txt").unlink()
    main(["build", str(docs), "-o", str(out), *FAST, "-q"])
    summary = capsys.readouterr().out
    assert "documents: 3 ok" in summary and "(1 parsed, 2 from cache)" in summary
    graphml = (out / "graph.graphml").read_text()
    assert "Ukraine" in graphml and "former intelligence official" not in graphml


def test_bad_document_is_reported_and_the_rest_built(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("The US assassinated Qasem Soleimani.", encoding="utf-8")
    (docs / "empty.txt").write_text("  \n")
    (docs / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 20)
    (docs / "bad.jsonl").write_text('{"id": "a", "text": "Iran praised Iraq."}\nnot json\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(docs), "-o", str(out), *FAST, "-q"]) == 0
    summary = capsys.readouterr().out
    assert "failed:" in summary and "bad.jsonl" in summary
    report = {d["doc_id"]: d for d in json.loads((out / "report.json").read_text())["documents"]}
    assert report["good.txt"]["status"] == "ok" and report["a"]["status"] == "ok"
    assert report["empty.txt"]["status"] == "skipped" and report["picture.txt"]["status"] == "skipped"
    assert any(d["status"] == "failed" and "not valid JSON" in d["reason"] for d in report.values())
    assert main(["build", str(docs), "-o", str(out), *FAST, "-q", "--strict"]) == 1


def test_cache_clear(tmp_path, capsys):
    out = tmp_path / "out"
    main(["build", str(SEEDS), "-o", str(out), *FAST, "-q"])
    assert (out / ".cache" / "results.sqlite").exists()
    assert main(["cache", "clear", "-o", str(out)]) == 0
    assert not (out / ".cache" / "results.sqlite").exists()


def test_aliases_file(tmp_path, capsys):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("never:\n  - [Qasem Soleimani, Qassem Soleimani]\n", encoding="utf-8")
    out = tmp_path / "out"
    main(["build", str(SEEDS), "-o", str(out), *FAST, "-q", "--no-cache", "--aliases", str(aliases)])
    merges = [json.loads(line) for line in (out / "merges.jsonl").read_text().splitlines()]
    assert any(m["action"] == "refuse" and m["rule"] == "aliases_never" for m in merges)


def test_bad_aliases_file_is_a_user_error(tmp_path):
    aliases = tmp_path / "aliases.yaml"
    aliases.write_text("- just a list\n", encoding="utf-8")
    result = run_kg("build", "seeds", "-o", str(tmp_path / "o"), "--aliases", str(aliases))
    assert result.returncode == 2 and "E004" in result.stderr and "Traceback" not in result.stderr


def test_source_digest_follows_every_file_of_a_package(tmp_path, monkeypatch):
    from graph.run.fingerprint import source_digest

    pkg = tmp_path / "kg_digest_probe"
    (pkg / "data").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "data" / "countries.tsv").write_text("US\tUnited States\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    before = source_digest("kg_digest_probe")
    assert source_digest("kg_digest_probe") == before
    (pkg / "data" / "countries.tsv").write_text("US\tUnited States\nUSA\tUnited States\n")  # a user extends the data
    assert source_digest("kg_digest_probe") != before


def test_a_few_documents_are_parsed_without_starting_workers(tmp_path, capsys, monkeypatch):
    """Each worker loads the pipeline afresh: for a little text, --jobs 2 parses in this process."""
    import graph.run.local
    from extract.extractor import Extractor

    def no_workers(*args, **kwargs):
        raise AssertionError("worker processes started")

    monkeypatch.setattr(Extractor, "_analyse_parallel", no_workers)
    assert main(["build", str(SEEDS), "-o", str(tmp_path / "a"), "--jobs", "2", "-q"]) == 0
    assert "(4 parsed" in capsys.readouterr().out
    monkeypatch.setattr(graph.run.local, "PARALLEL_MIN_CHARS", 0)
    with pytest.raises(AssertionError, match="worker processes started"):
        main(["build", str(SEEDS), "-o", str(tmp_path / "b"), "--jobs", "2", "-q"])


def test_a_change_to_the_extractor_code_or_word_lists_redoes_the_extraction(tmp_path, capsys, monkeypatch):
    import graph.run.cache
    import graph.run.fingerprint

    out = tmp_path / "out"
    assert "(4 parsed" in _summary(capsys, SEEDS, "-o", out)
    real = graph.run.fingerprint.source_digest
    edited = lambda *packages: "0" * 64 if "extract" in packages else real(*packages)  # noqa: E731
    monkeypatch.setattr(graph.run.cache, "source_digest", edited)  # as if a rule or extract/data/titles.tsv changed
    monkeypatch.setattr(graph.run.fingerprint, "source_digest", edited)
    assert "(4 parsed, 0 from cache)" in _summary(capsys, SEEDS, "-o", out)
    assert "(0 parsed, 4 from cache)" in _summary(capsys, SEEDS, "-o", out, "--metonymy")


@pytest.fixture
def our_loggers_reset():
    import logging

    yield
    for name in ("extract", "graph"):  # -v adds a handler on the captured stderr: take it away
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).setLevel(logging.NOTSET)


def test_verbose_shows_the_traceback_behind_a_failed_document(tmp_path, capsys, monkeypatch, our_loggers_reset):
    from extract.documents import formats

    def explode(markup):
        raise RuntimeError("boom")

    monkeypatch.setattr(formats, "_html_to_text", explode)  # a bug in reading HTML
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.html").write_text("<p>Iran attacked Iraq.</p>", encoding="utf-8")
    (docs / "b.txt").write_text("Iran attacked Iraq.", encoding="utf-8")
    assert main(["build", str(docs), "-o", str(tmp_path / "quiet"), "--no-cache", *FAST]) == 0
    quiet = capsys.readouterr()
    assert "a.html: unexpected error: RuntimeError: boom" in quiet.out
    assert "Traceback" not in quiet.err  # without -v, the one-line reason only
    assert main(["build", str(docs), "-o", str(tmp_path / "loud"), "--no-cache", "-v", *FAST]) == 0
    loud = capsys.readouterr()
    assert "a.html: unexpected error: RuntimeError: boom" in loud.out
    assert "a.html failed" in loud.err and "Traceback (most recent call last)" in loud.err
    assert 'raise RuntimeError("boom")' in loud.err
