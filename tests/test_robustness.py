"""Messy corpora, end to end: every bad input ends as a status with a reason, never as a crash.

The loading rules themselves are tested in test_inputs.py; here the question is what a
user of ``kg build`` sees: the record in report.json, the line in the terminal summary,
a clean graph, and an extractor that survives any text (property-based, with hypothesis).
"""

from __future__ import annotations

import copy
import json
import pathlib
import subprocess
import sys
import tempfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import BBC_SAMPLE, ROOT
from extract import Extractor, split_for_parser
from extract.models import DocumentResult
from graph.cli import main

sys.path.insert(0, str(ROOT / "bench"))
import load_bad_inputs as bad  # noqa: E402 - the bad files are shared with the load benchmark

FAST = ["--jobs", "1", "-q"]


def run_kg(*args):
    return subprocess.run([sys.executable, "-m", "graph.cli", *args], capture_output=True, text=True, cwd=ROOT)


def _expected_bad_inputs() -> dict[str, bad.Expected]:
    with tempfile.TemporaryDirectory() as tmp:
        return bad.write_bad_files(pathlib.Path(tmp))


EXPECTED = _expected_bad_inputs()


# --- one messy corpus, built once by the real command ------------------------------------------


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    """30 BBC articles (from the repository's sample) and one of each bad file, built by ``kg build``
    in a subprocess."""
    tmp = tmp_path_factory.mktemp("messy")
    corpus = tmp / "corpus"
    good_ids = bad.write_articles(corpus / "articles.jsonl", 30, BBC_SAMPLE)
    expected = bad.write_bad_files(corpus)
    out = tmp / "out"
    result = run_kg("build", str(corpus), "-o", str(out), "--jobs", "1")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    return {"corpus": corpus, "out": out, "good_ids": good_ids, "expected": expected, "result": result,
            "report": report}


@pytest.mark.parametrize("source", sorted(EXPECTED))
def test_every_bad_input_ends_as_a_status_with_its_reason(messy, source):
    exp = messy["expected"][source]
    records = {str(pathlib.Path(d["source"]).relative_to(messy["corpus"])): d for d in messy["report"]["documents"]}
    d = records[source]
    assert d["status"] == exp.status
    assert exp.reason in d["reason"]
    assert not exp.note or any(exp.note in n for n in d["notes"]), d["notes"]
    assert "\n" not in d["reason"]


def test_the_build_finishes_and_the_graph_holds_nothing_from_bad_inputs(messy):
    result = messy["result"]
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert bad.check(messy["out"], messy["corpus"], messy["good_ids"], messy["expected"]) == []


def test_summary_names_every_failed_document_and_the_doubtful_ones(messy):
    summary = messy["result"].stdout
    failed = [d for d in messy["report"]["documents"] if d["status"] == "failed"]
    assert failed and f"{len(failed)} failed" in summary
    for d in failed:
        assert f"failed:    {d['source']}: {d['reason']}" in summary
    assert "probably not English (looks like French)" in summary
    assert "not valid UTF-8; decoded as cp1252" in summary


def test_report_lists_every_input_with_its_counts(messy):
    report = messy["report"]
    counts = report["counts"]
    statuses = [d["status"] for d in report["documents"]]
    assert counts["documents"] == {s: statuses.count(s) for s in ("ok", "skipped", "failed")}
    assert len(report["documents"]) == len(messy["good_ids"]) + len(messy["expected"])
    assert counts["parsed"] + counts["from_cache"] == statuses.count("ok")
    assert counts["nodes"] > 0 and counts["edges"]["role"] > 0 and counts["words"] > 0
    for d in report["documents"]:
        assert d["reason"] and d["status"] in ("ok", "skipped", "failed")
        if d["status"] == "ok":
            assert {"words", "entities", "roles", "actions"} <= set(d)


def test_html_scripts_and_styles_never_reach_the_graph(messy):
    html = next(d for d in messy["report"]["documents"] if d["doc_id"] == "bad01/page.html")
    assert html["status"] == "ok" and html["entities"] > 0
    for name in ("graph.graphml", "nodes.csv", "edges.csv", "triples.jsonl", "graph.html"):
        assert bad.SCRIPT_MARKER not in (messy["out"] / name).read_text(encoding="utf-8"), name


def test_bom_and_windows_line_endings_keep_offsets_true(messy):
    doc = "bad01/bom_crlf.txt"
    text = (messy["corpus"] / doc).read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    triples = [json.loads(line) for line in (messy["out"] / "triples.jsonl").read_text(encoding="utf-8").splitlines()]
    mine = [t for t in triples if t["doc_id"] == doc]
    assert mine
    for t in mine:
        assert text[t["sentence_start"] : t["sentence_end"]] == t["sentence"]
        assert text[t["subject"]["start"] : t["subject"]["end"]] == t["subject"]["text"]


def test_strict_exits_1_when_a_document_failed(messy):
    result = run_kg("build", str(messy["corpus"]), "-o", str(messy["out"]), *FAST, "--strict")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "from cache" in result.stdout


def test_unreadable_file_is_reported_as_permission_denied(tmp_path, capsys, monkeypatch):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "good.txt").write_text("The US assassinated Qasem Soleimani.", encoding="utf-8")
    secret = docs / "secret.txt"
    secret.write_text("Iran attacked Iraq.", encoding="utf-8")
    real_read_bytes = pathlib.Path.read_bytes

    def read_bytes(self):  # chmod 0 does not stop root, so the refusal is simulated
        if self == secret:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", read_bytes)
    assert main(["build", str(docs), "-o", str(tmp_path / "out"), "--no-cache", *FAST]) == 0
    summary = capsys.readouterr().out
    assert f"failed:    {secret}: cannot read: permission denied" in summary
    report = {d["doc_id"]: d for d in json.loads((tmp_path / "out" / "report.json").read_text())["documents"]}
    assert report["secret.txt"]["status"] == "failed" and report["good.txt"]["status"] == "ok"


def test_a_document_that_crashes_extraction_fails_alone(tmp_path, capsys, monkeypatch):
    import extract.extractor as extractor_module

    real = extractor_module.analyse_parsed

    def analyse_parsed(pd):
        if "Kaboom" in pd.doc.text:
            raise RuntimeError("rule fell over\non two lines")
        return real(pd)

    monkeypatch.setattr(extractor_module, "analyse_parsed", analyse_parsed)
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The US assassinated Qasem Soleimani.", encoding="utf-8")
    (docs / "b.txt").write_text("Kaboom said Mike Pompeo in Washington.", encoding="utf-8")
    (docs / "c.txt").write_text("Iran attacked Iraq.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["build", str(docs), "-o", str(out), *FAST]) == 0
    summary = capsys.readouterr().out
    assert "documents: 2 ok, 0 skipped, 1 failed" in summary
    assert "b.txt: extraction failed: RuntimeError: rule fell over on two lines" in summary
    # a failed result is not cached: the next run tries that document again, and only it
    monkeypatch.setattr(extractor_module, "analyse_parsed", real)
    assert main(["build", str(docs), "-o", str(out), *FAST]) == 0
    summary = capsys.readouterr().out
    assert "documents: 3 ok" in summary and "(1 parsed, 2 from cache)" in summary


class _PipeThatFailsOn:
    """A spaCy pipeline whose parser raises on any text containing ``word``."""

    def __init__(self, nlp, word):
        self.nlp, self.word = nlp, word

    def pipe(self, items, **kwargs):
        for doc, context in self.nlp.pipe(items, **kwargs):
            if self.word in doc.text:
                raise ValueError("[E000] the parser gave up")
            yield doc, context


def test_when_the_parser_itself_fails_only_that_document_fails(extractor, monkeypatch):
    monkeypatch.setattr(extractor, "nlp", _PipeThatFailsOn(extractor.nlp, "Kaboom"))
    items = [(str(i), f"Document {i}: Iran attacked Iraq.") for i in range(7)]
    items[3] = ("3", "Kaboom: Iran attacked Iraq.")
    results = list(extractor.analyse_many(items, batch_size=4))
    assert [r.doc_id for r in results] == [doc_id for doc_id, _ in items]
    assert [bool(r.error) for r in results] == [False, False, False, True, False, False, False]
    assert results[3].error == "parsing failed: ValueError: [E000] the parser gave up"
    assert all(r.triples for r in results if not r.error)


@pytest.mark.skipif("fork" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="the workers inherit the patched rule through fork")
def test_a_document_that_kills_its_worker_fails_alone(extractor, monkeypatch):
    # Out of memory, the kernel kills a worker outright: no exception, no result. The run
    # must neither hang nor lose the other documents the worker's pool had in hand.
    import os
    import signal

    import extract.extractor as extractor_module

    real = extractor_module.analyse_parsed

    def analyse_parsed(pd):
        if "Kaboom" in pd.doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(pd)

    monkeypatch.setattr(extractor_module, "analyse_parsed", analyse_parsed)
    items = [(str(i), f"Document {i}: Iran attacked Iraq.") for i in range(12)]
    items[5] = ("5", "Kaboom: Iran attacked Iraq.")
    def hung(signum, frame):
        raise TimeoutError("the build hung on a dead worker")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(120)
    try:
        results = list(extractor.analyse_many(items, n_process=2, batch_size=2))
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert [r.doc_id for r in results] == [doc_id for doc_id, _ in items]
    assert [r.doc_id for r in results if r.error] == ["5"]
    assert results[5].error == "the process parsing it died (out of memory, or killed)"
    expected = {r.doc_id: r for r in extractor.analyse_many(items[:5] + items[6:])}
    assert all(r == expected[r.doc_id] for r in results if not r.error)


# --- user mistakes: one line, exit code 2 (the rest are in test_cli.py) ------------------------


@pytest.mark.parametrize("args,code,message", [
    (["build", "seeds", "-o", "README.md"], "E002", "cannot write to the output folder"),
    (["build", "seeds", "--jobs", "0"], "E006", "--jobs must be 1 or more"),
    (["build", "seeds", "--chunk-chars", "10"], "E006", "--chunk-chars must be 1000 or more"),
    (["build", "seeds", "--aliases", "no/such/aliases.yaml"], "E004", "cannot read the aliases file"),
    (["build", "seeds", "-o", "{tmp}/o", "--cache", "/proc/kg/cache.sqlite"], "E002", "cannot open the cache"),
    (["build", "seeds", "-o", "{tmp}/o", "--aliases", "{tmp}/latin1.yaml"], "E004", "is not UTF-8 text"),
    (["cache", "clear", "--cache", "{tmp}"], "E002", "cannot delete the cache"),
])
def test_more_user_mistakes_are_one_line_exit_2(tmp_path, args, code, message):
    (tmp_path / "latin1.yaml").write_bytes("same:\n  - [Müller, Mueller]\n".encode("latin-1"))
    result = run_kg(*[a.format(tmp=tmp_path) for a in args])
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and code in result.stderr and message in result.stderr


def test_a_damaged_cache_is_rebuilt_and_a_foreign_one_left_alone(tmp_path, capsys):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("The US assassinated Qasem Soleimani.", encoding="utf-8")
    out = tmp_path / "out"
    default = out / ".cache" / "results.sqlite"
    default.parent.mkdir(parents=True)
    default.write_bytes(b"this is not a database, it is garbage" * 100)
    assert main(["build", str(docs), "-o", str(out), *FAST]) == 0
    summary = capsys.readouterr().out
    assert "warning:   the cache" in summary and "started a new one" in summary
    assert main(["build", str(docs), "-o", str(out), *FAST]) == 0
    assert "(0 parsed, 1 from cache)" in capsys.readouterr().out

    foreign = tmp_path / "notes.txt"
    foreign.write_text("my precious notes\n" * 200, encoding="utf-8")
    assert main(["build", str(docs), "-o", str(out), *FAST, "--cache", str(foreign)]) == 0
    assert "built without it" in capsys.readouterr().out
    assert foreign.read_text(encoding="utf-8") == "my precious notes\n" * 200


def test_the_output_folder_inside_an_input_folder_is_not_read(tmp_path, capsys):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "a.txt").write_text("The US assassinated Qasem Soleimani.", encoding="utf-8")
    out = project / "out"
    for _ in range(2):  # the second time, out/ holds graph.html, triples.jsonl, ...
        assert main(["build", str(project), "-o", str(out), *FAST]) == 0
    report = json.loads((out / "report.json").read_text())["documents"]
    assert [(d["doc_id"], d["status"]) for d in report] == [("docs/a.txt", "ok"), ("out", "skipped")]
    assert "skipped:   " + str(out) + ": the output folder of this build; not read" in capsys.readouterr().out


def test_lone_surrogates_from_json_escapes_are_replaced_not_fatal(tmp_path, capsys):
    records = tmp_path / "r.jsonl"
    records.write_text('{"id": "s", "text": "Mike Pompeo met \\ud800 Angela Merkel in Berlin."}\n', encoding="utf-8")
    assert main(["build", str(records), "-o", str(tmp_path / "out"), "--no-cache", *FAST]) == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text())["documents"]
    assert report[0]["status"] == "ok"
    assert any("lone surrogate" in n for n in report[0]["notes"])


# --- long documents: chunks with true offsets --------------------------------------------------

PARAGRAPHS = [
    "US Secretary of State Mike Pompeo spoke to Iraqi Prime Minister Adel Abdul-Mahdi on Friday.",
    "The United States killed Iranian general Qasem Soleimani in a drone strike near Baghdad airport.",
    "Iran attacked two American bases in Iraq with ballistic missiles on Wednesday.",
    "German Chancellor Angela Merkel met French President Emmanuel Macron in Berlin. Merkel praised Macron.",
    "Microsoft chief executive Satya Nadella said the company would hire 500 engineers in Ireland.",
    "Police arrested Tom Smith, a former banker, in London after he attacked a guard.",
]


def _grounded(text: str, result: DocumentResult) -> None:
    """Every offset of ``result`` points at its own text in ``text``."""
    assert result.error == ""
    for m in _all_mentions(result):
        assert 0 <= m.start < m.end <= len(text) and text[m.start : m.end] == m.text, m
    for t in result.triples:
        assert 0 <= t.sentence_start <= t.sentence_end <= len(text)
        assert text[t.sentence_start : t.sentence_end] == t.sentence


def _all_mentions(result: DocumentResult):
    for m in [*result.mentions, *(x for t in result.triples for x in (t.subject, t.object) if x is not None)]:
        while m is not None:
            yield m
            m = m.refers_to


def _triple_keys(result: DocumentResult) -> list[tuple]:
    def mention(m):
        return m and (m.start, m.end, m.text, m.type, m.antecedent.start, m.antecedent.text)

    return sorted((t.kind, mention(t.subject), t.predicate, mention(t.object), t.sentence_start, t.sentence_end,
                   t.modality, t.category, t.pattern, t.confidence) for t in result.triples)


def _with_chunks(extractor: Extractor, chunk_chars: int) -> Extractor:
    """The same loaded pipeline, cutting texts into smaller chunks."""
    smaller = copy.copy(extractor)
    smaller.chunk_chars = chunk_chars
    return smaller


@pytest.fixture(scope="module")
def small_chunks(extractor):
    return _with_chunks(extractor, 120)


def test_chunks_cut_at_paragraph_breaks_give_the_same_triples(extractor, small_chunks):
    text = "\n\n".join(PARAGRAPHS * 3)
    pieces = split_for_parser(text, small_chunks.chunk_chars)
    assert len(pieces) == len(PARAGRAPHS) * 3
    assert all(text[offset - 2 : offset] == "\n\n" for offset, _ in pieces[1:])  # every cut on a paragraph break
    whole, chunked = extractor.analyse(text), small_chunks.analyse(text)
    _grounded(text, chunked)
    assert len(chunked.triples) >= len(PARAGRAPHS) * 3
    assert _triple_keys(chunked) == _triple_keys(whole)


def test_a_real_article_cut_anywhere_keeps_exact_offsets(extractor):
    text = json.loads(BBC_SAMPLE.open(encoding="utf-8").readline())["text"] * 3
    for size in (60, 250, 700):  # mid-word, mid-sentence and paragraph cuts
        analysed = _with_chunks(extractor, size).analyse(text)
        _grounded(text, analysed)
        assert analysed.mentions and analysed.triples


def test_a_long_document_is_built_in_chunks_through_kg_build(tmp_path):
    from graph.run import BuildOptions, build

    doc = tmp_path / "long.txt"
    text = "\n\n".join(PARAGRAPHS * 40)
    doc.write_text(text, encoding="utf-8")
    summary = build(BuildOptions(inputs=[str(doc)], out=tmp_path / "out", use_cache=False, chunk_chars=1000,
                                 formats=("jsonl",)))
    assert [d["status"] for d in summary.documents] == ["ok"]
    assert len(split_for_parser(text, 1000)) > 10
    triples = [json.loads(line) for line in (tmp_path / "out" / "triples.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(triples) >= 40 * 5
    for t in triples:
        assert text[t["sentence_start"] : t["sentence_end"]] == t["sentence"]
        for m in (t["subject"], t["object"]):
            assert m is None or text[m["start"] : m["end"]] == m["text"]


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab .\n\n\t\u00a0\u2028é\u0301!?"), max_size=400),
       max_chars=st.integers(1, 60))
def test_split_for_parser_covers_the_text_within_the_limit(text, max_chars):
    pieces = split_for_parser(text, max_chars)
    assert "".join(piece for _, piece in pieces) == text
    for offset, piece in pieces:
        assert text[offset : offset + len(piece)] == piece
        assert len(piece) <= max_chars
    assert all(piece for _, piece in pieces[:-1])


# --- the extractor survives any text (hypothesis) ----------------------------------------------

WORDS = [
    "Mike Pompeo", "Qasem Soleimani", "Mr.", "Gen.", "the US", "U.S.", "Iraq", "Iran’s", "Prime Minister", "said",
    "killed", "attacked", "met", "he", "she", "it", "his", "the president", "Popular Mobilization Units (PMUs)",
    "not", "would", "Angela Merkel", "of", "and", "in", "Baghdad", ",", ".", "?", "!", ";", ":", "-", "—",
]
ODD = [
    "😀", "👩‍👩‍👧", "🇺🇸", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u202e", "\u202b", "\u200f",
    "\u0301", "\u0308\u0308\u0308", "\u0651", "مرحبا بالعالم", "שלום", "محمد بن سلمان", "北京", "Ⅻ", "ǅ", "İ", "ß", "ﬁ",
    "\u00a0", "\u2028", "\u2029", "\u3000", "\u0085", "“", "”", "‘", "’", '"', "'", "«", "»", "„", "(", ")", "[",
    "\n", "\n\n", "\t", "...", "…", "𝔘𝔖𝔄", "\ufffd", "A" * 300, "Soleimani" * 40, "Mr" + "." * 50, "@user", "#tag",
    "http://x.y/z?q=1", " ",
]
TEXT = st.lists(
    st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD), st.text(max_size=8),
              st.text(alphabet=st.characters(categories=["Mn", "Me", "Cf", "Zs", "Lo", "So", "Pi", "Pf"]), max_size=4)),
    max_size=16,
).map(" ".join)


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_extractor_never_raises_and_every_offset_is_true(extractor, text):
    result = extractor.analyse(text)  # never raises (extract() is this, minus the mentions)
    _grounded(text, result)  # includes result.error == "": a crash swallowed per document still fails here
    assert DocumentResult.model_validate_json(result.model_dump_json()) == result  # what the cache stores


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_extractor_with_tiny_chunks_keeps_every_offset_true(small_chunks, text):
    _grounded(text, small_chunks.analyse(text))


# Parse batches are bounded by chunks and by characters (spaCy's memory grows with a batch's characters);
# a chunk longer than the bound is parsed alone.
@pytest.mark.parametrize("lengths,size,chars,expected", [
    ([10, 10, 10, 10], 32, 100, [[10, 10, 10, 10]]),  # short chunks: one full batch
    ([10, 10, 10, 10], 3, 100, [[10, 10, 10], [10]]),  # at most `size` chunks
    ([40, 40, 40, 10], 32, 100, [[40, 40], [40, 10]]),  # never past `chars`
    ([5, 250, 5], 32, 100, [[5], [250], [5]]),  # a long chunk alone
])
def test_parse_batches_bound_chunks_and_characters(lengths, size, chars, expected):
    from extract.extractor import _batched

    chunks = [("x" * n, k) for k, n in enumerate(lengths)]
    assert [[len(text) for text, _ in batch] for batch in _batched(chunks, size, chars, text_at=0)] == expected
