"""Distributed extraction on Dask (graph/run/dask.py): same graph as the local engine, nothing lost.

The first two tests run the real pipeline on a LocalCluster of two worker processes; the
others use an in-process cluster and a stand-in extractor, so they take a second.
"""

from __future__ import annotations

import io
import os
import sys
import threading
from collections import Counter

import pytest

pytest.importorskip("distributed")

from conftest import SEEDS, SHARED  # noqa: E402

from extract.errors import BadOption  # noqa: E402
from extract.extractor import EXTRACTOR_VERSION  # noqa: E402
from extract.models import DocumentResult  # noqa: E402
from graph.run import dask as kgd  # noqa: E402
from graph.build import KnowledgeGraph  # noqa: E402
from graph.export.graphml import write_graphml  # noqa: E402
from extract.documents import load_documents  # noqa: E402

BBC = SHARED / "data" / "bbc" / "articles.jsonl"
N_BBC = 200


def graphml_bytes(results) -> bytes:
    kg = KnowledgeGraph.from_results([r for r in results if not r.error])
    buf = io.BytesIO()
    write_graphml(kg.graph, buf)
    return buf.getvalue()


# ---------------------------------------------------------------------------
# The real pipeline on two worker processes


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seeds (sent as paths) plus 200 BBC articles (sent as text), as Document records."""
    if not BBC.exists():
        pytest.skip(f"{BBC} is absent")
    path = tmp_path_factory.mktemp("bbc") / "bbc.jsonl"
    with BBC.open(encoding="utf-8") as src, path.open("w", encoding="utf-8") as dst:
        for _, line in zip(range(N_BBC), src):
            dst.write(line)
    docs = [d for d in load_documents([SEEDS, path]) if d.status == "ok"]
    assert len(docs) == N_BBC + len(list(SEEDS.glob("*.txt")))
    return docs


@pytest.fixture(scope="module")
def local_results(extractor, corpus):
    return list(extractor.analyse_many(((d.doc_id, d.text) for d in corpus), batch_size=16))


@pytest.fixture(scope="module")
def cluster_client():
    client, cluster = kgd.connect(None, workers=2)
    yield client
    client.close()
    cluster.close()


def test_dask_gives_the_same_results_and_byte_identical_graphml(extractor, corpus, local_results, cluster_client):
    results = list(kgd.analyse_with_dask(corpus, client=cluster_client, pipeline=extractor.pipeline, batch_size=16))
    assert sorted(r.doc_id for r in results) == sorted(d.doc_id for d in corpus)
    assert not [r.error for r in results if r.error]
    by_id = {r.doc_id: r.model_dump() for r in results}
    assert all(by_id[r.doc_id] == r.model_dump() for r in local_results)
    assert graphml_bytes(results) == graphml_bytes(local_results)


def test_losing_a_worker_mid_run_loses_no_document(extractor, corpus, local_results, cluster_client):
    client = cluster_client
    client.wait_for_workers(2, timeout=60)
    run = kgd.analyse_with_dask(corpus, client=client, pipeline=extractor.pipeline, batch_size=16)
    results = [next(run)]  # partitions are now in flight on both workers
    busy = [address for address, keys in client.processing().items() if keys]
    assert busy
    client.run(os._exit, 1, workers=[busy[0]], on_error="ignore")
    results += list(run)

    counts = Counter(r.doc_id for r in results)
    assert set(counts) == {d.doc_id for d in corpus}  # every document came back ...
    assert set(counts.values()) == {1}  # ... exactly once
    # the killed worker's partitions ran again elsewhere: nothing failed, nothing changed
    assert not [r.error for r in results if r.error]
    assert graphml_bytes(results) == graphml_bytes(local_results)


# ---------------------------------------------------------------------------
# Failure handling, with a stand-in extractor on an in-process cluster


class FakeExtractor:
    """Counts words; raises on a text containing BREAK (the whole batch fails, as a crashing parser would)."""

    pipeline = "fake==0"
    version = EXTRACTOR_VERSION
    nlp = None  # nothing to load

    def analyse_many(self, items, batch_size=16):
        items = list(items)
        if len(items) > 1 and any("BREAK" in text for _, text in items):
            raise RuntimeError("the batch broke")
        for doc_id, text in items:
            if "BREAK" in text:
                raise RuntimeError("this document breaks the parser")
            yield DocumentResult(doc_id=doc_id, words=len(text.split()))


@pytest.fixture
def fake(monkeypatch):
    lock = threading.Lock()
    monkeypatch.setattr(kgd, "_extractor", lambda model, chunk_chars: (FakeExtractor(), lock))


@pytest.fixture(scope="module")
def thread_client():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0")
    client = Client(cluster)
    yield client
    client.close()
    cluster.close()


def test_a_bad_document_fails_alone_inside_a_partition(fake):
    payload = [("a", "one two", None, ""), ("bad", "BREAK it", None, ""), ("c", "three", None, "")]
    dicts, unread = kgd._analyse_partition(payload, None, None, 16)
    assert unread == []
    results = {d["doc_id"]: DocumentResult.model_validate(d) for d in dicts}
    assert results["a"].words == 2 and results["c"].words == 1
    assert results["bad"].error == "extraction failed: RuntimeError: this document breaks the parser"


def test_a_partition_that_keeps_failing_is_split_and_only_its_bad_document_fails(fake, monkeypatch, tmp_path,
                                                                                 thread_client):
    for i in range(40):
        (tmp_path / f"d{i:02}{'-poison' if i == 7 else ''}.txt").write_text(f"word {i} " * 50, encoding="utf-8")
    docs = [d for d in load_documents([tmp_path]) if d.status == "ok"]
    original = kgd._read_source

    def crashing(path, content_hash):  # kills the whole task, as a worker running out of memory would
        if "poison" in path:
            raise MemoryError("worker ran out of memory")
        return original(path, content_hash)

    monkeypatch.setattr(kgd, "_read_source", crashing)
    results = list(kgd.analyse_with_dask(docs, client=thread_client, retries=1, partition_chars=3_000))
    counts = Counter(r.doc_id for r in results)
    assert counts == Counter(d.doc_id for d in docs)  # every document, once
    errors = {r.doc_id: r.error for r in results if r.error}
    assert list(errors) == ["d07-poison.txt"]  # its partition was split: its neighbours succeeded
    assert "MemoryError: worker ran out of memory" in errors["d07-poison.txt"]
    assert all(r.words == 100 for r in results if not r.error)


def test_a_file_sent_as_a_path_is_read_on_the_worker_or_sent_again_as_text(fake, tmp_path, thread_client):
    (tmp_path / "a.txt").write_text("alpha beta gamma", encoding="utf-8")
    (tmp_path / "b.txt").write_text("delta epsilon", encoding="utf-8")
    docs = [d for d in load_documents([tmp_path]) if d.status == "ok"]
    items = [kgd._as_item(d, True, {}) for d in docs]
    assert all(i.text is None and os.path.isabs(i.path) for i in items)  # paths travel, not text
    (tmp_path / "a.txt").write_text("changed after listing", encoding="utf-8")  # the worker reads other content

    results = {r.doc_id: r for r in kgd.analyse_with_dask(docs, client=thread_client)}
    assert results["a.txt"].words == 3 and results["b.txt"].words == 2  # both from the listed text
    assert kgd._read_source(items[0].path, docs[0].content_hash)[0] is None
    assert kgd._read_source(items[1].path, docs[1].content_hash)[0] == "delta epsilon"


def test_json_lines_records_and_pairs_travel_as_text(tmp_path):
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "r1", "text": "some words"}\n', encoding="utf-8")
    (doc,) = load_documents([path])
    assert kgd._as_item(doc, True, {}).text == "some words"
    assert kgd._as_item(("p", "more words"), True, {}).text == "more words"


def test_workers_with_another_pipeline_are_refused(fake, thread_client):
    with pytest.raises(BadOption, match="Install the same versions everywhere"):
        list(kgd.analyse_with_dask([("a", "text")], client=thread_client, pipeline="en_other==9"))
    dicts, _ = kgd._analyse_partition([("a", "text", None, "")], None, None, 16, "en_other==9")
    assert "Install the same versions everywhere" in dicts[0]["error"]


def test_workers_with_other_extractor_code_are_refused(fake, monkeypatch, thread_client):
    monkeypatch.setattr(kgd, "_pipeline_info", lambda model, chunk_chars: ("fake==0", EXTRACTOR_VERSION, "0" * 64))
    with pytest.raises(BadOption, match="other extractor code"):
        list(kgd.analyse_with_dask([("a", "text")], client=thread_client))


def test_partitions_are_bounded_and_keep_order():
    items = [kgd._Item(f"d{i}", "x" * n, None, "", n) for i, n in enumerate([10, 30, 70, 5, 5, 200, 1])]
    parts = kgd.partitions(items, 50)
    assert [i for p in parts for i in p] == items
    assert all(sum(i.chars for i in p) <= 50 or len(p) == 1 for p in parts)
    assert [len(p) for p in parts] == [2, 1, 2, 1, 1]
    assert kgd.partition_size(1_000_000, 2) == kgd.DEFAULT_PARTITION_CHARS  # a big corpus: the cap
    assert kgd.partition_size(80_000, 2) == 10_000  # a small one: 4 partitions per worker thread
    assert kgd.partition_size(100, 2) == kgd.MIN_PARTITION_CHARS


def test_missing_dask_is_a_bad_option_with_an_install_hint(monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(BadOption, match=r"pip install -e '\.\[dask\]'"):
        kgd.analyse_with_dask([("a", "text")])  # at the call, before any result is asked for


def test_an_unreachable_scheduler_is_a_bad_option():
    with pytest.raises(BadOption, match="cannot connect to the Dask scheduler"):
        kgd.connect("tcp://127.0.0.1:1", workers=1, timeout=1)


# ---------------------------------------------------------------------------
# kg build --engine dask (active once graph/run/ and graph/cli.py are wired)


def _wired():
    from graph.run import BuildOptions

    if "engine" not in BuildOptions.__dataclass_fields__:
        pytest.skip("kg build --engine dask is not wired into graph/run/ and graph/cli.py yet")


def test_kg_build_engine_dask_writes_the_graph_of_the_local_engine_and_fills_the_cache(tmp_path, capsys):
    _wired()
    from graph.cli import main

    common = [str(SEEDS), "-q", "--format", "graphml"]
    assert main(["build", *common, "-o", str(tmp_path / "local"), "--no-cache"]) == 0
    assert main(["build", *common, "-o", str(tmp_path / "dask"), "--engine", "dask", "--workers", "1"]) == 0
    assert (tmp_path / "dask" / "graph.graphml").read_bytes() == (tmp_path / "local" / "graph.graphml").read_bytes()
    capsys.readouterr()
    # the results were cached as they came: a second run parses nothing (and starts no cluster)
    assert main(["build", *common, "-o", str(tmp_path / "dask"), "--engine", "dask", "--workers", "1"]) == 0
    assert "(0 parsed, 4 from cache)" in capsys.readouterr().out


def test_kg_build_dask_options_need_engine_dask(tmp_path, capsys):
    _wired()
    from graph.cli import main

    assert main(["build", str(SEEDS), "-o", str(tmp_path), "--scheduler", "tcp://127.0.0.1:8786"]) == 2
    assert "--engine dask" in capsys.readouterr().err
    assert main(["build", str(SEEDS), "-o", str(tmp_path), "--engine", "dask", "--workers", "0"]) == 2
