"""Document dates (--dates CSV, JSON Lines fields, HTML metadata), a news page's article body, and dates end to end."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from extract.documents.dates import document_dates, html_date, iso_document_date, news_article_text, read_dates_csv
from extract.documents import load_documents
from extract.documents.formats import _html_to_text

NEWS_PAGE = Path(__file__).parent / "data" / "news_page.html"


@pytest.mark.parametrize("value, expected", [
    ("2020-01-08", "2020-01-08"),
    ("2020-01-08T10:00:00Z", "2020-01-08"),
    ("2020-01-08 10:00:00+02:00", "2020-01-08"),
    ("2020-01", "2020-01"),
    ("2005", "2005"),
    ("8 January 2020", "2020-01-08"),
    ("January 8, 2020", "2020-01-08"),
    ("2020-02-30", ""),
    ("last week", ""),
    ("", ""),
    (None, ""),
])
def test_iso_document_date(value, expected):
    assert iso_document_date(value) == expected


def test_dates_csv_with_a_header_and_a_bad_row(tmp_path):
    path = tmp_path / "dates.csv"
    path.write_text("id,date\na.txt,2005-01-01\nb.txt,soon\n c.txt ,3 March 2004\n", encoding="utf-8")
    assert read_dates_csv(path) == {"a.txt": "2005-01-01", "c.txt": "2004-03-03"}


def test_jsonl_fields_and_overrides(tmp_path):
    path = tmp_path / "news.jsonl"
    rows = [{"id": "a", "text": "Hello.", "date": "2020-01-08T10:00:00Z"},
            {"id": "b", "text": "Hello.", "published": "2019-12-31"},
            {"id": "c", "text": "Hello."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    docs = load_documents([path])
    assert document_dates(docs) == {"a": "2020-01-08", "b": "2019-12-31"}
    assert document_dates(docs, {"a": "2021-01-01", "c": "2022"}) == {"a": "2021-01-01", "b": "2019-12-31", "c": "2022"}


def test_an_html_page_gives_its_own_date():
    markup = NEWS_PAGE.read_text(encoding="utf-8")
    assert html_date(markup) == "2021-03-04"
    assert html_date("<html><body><p>No date here.</p></body></html>") == ""


def test_a_news_page_is_reduced_to_its_article_body():
    markup = NEWS_PAGE.read_text(encoding="utf-8")
    article = news_article_text(markup)
    whole, _ = _html_to_text(markup)
    for kept in ("Port strike ends after talks", "Dock workers at the Port of Felixstowe returned to work",
                 "Sharon Graham, the general secretary of Unite", "urged both sides to keep talking."):
        assert kept in article and kept in whole
    for furniture in ("Weather", "We use cookies", "ADVERTISEMENT", "Sponsored", "Related stories",
                      "Ferry firm cuts jobs", "Dave_from_Ipswich", "Well done Unite", "All rights reserved",
                      "@harbourgazette"):
        assert furniture not in article and furniture in whole
    assert "\n\n" in article and "\n\n\n" not in article  # paragraphs stay paragraphs


def test_a_page_that_is_not_an_article_keeps_every_block():
    markup = "<html><body><h1>Notes</h1><ul><li>Call Anna Lee</li><li>Book the hall</li></ul></body></html>"
    assert news_article_text(markup) == ""


def test_the_reader_uses_the_article_body_and_the_page_date(tmp_path):
    page = tmp_path / "page.html"
    shutil.copy(NEWS_PAGE, page)
    [doc] = load_documents([page])
    assert doc.metadata["date"] == "2021-03-04"
    assert "Dave_from_Ipswich" not in doc.text and doc.text.startswith("Port strike ends after talks")
    assert "article body" in doc.reason


def test_kg_build_dates_documents_edges_and_triples(tmp_path):
    from graph.run.options import BuildOptions
    from graph.run import build

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "news.jsonl").write_text(
        json.dumps({"id": "a", "date": "2020-01-10",
                    "text": "The United States killed Qasem Soleimani in a drone strike on Friday."}) + "\n"
        + json.dumps({"id": "b", "text": "Iran attacked the United States in 2020."}) + "\n"
        + json.dumps({"id": "c", "text": "Iraq condemned the United States."}) + "\n", encoding="utf-8")
    dates = tmp_path / "dates.csv"
    dates.write_text("b,2020-01-08\n", encoding="utf-8")
    out = tmp_path / "out"
    summary = build(BuildOptions(inputs=[str(corpus)], out=out, use_cache=False, dates=dates,
                                 formats=("graphml", "csv", "jsonl", "gexf")))
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert {d["doc_id"]: d["date"] for d in report["documents"]} == {"a": "2020-01-10", "b": "2020-01-08", "c": ""}
    assert report["counts"]["without_date"] == 1
    g = summary.kg.graph
    kill = next(d for *_, d in g.edges(data=True) if d["label"] == "kill")
    [evidence] = json.loads(kill["provenance"])
    assert (evidence["date"], evidence["date_source"], evidence["date_text"]) == ("2020-01-03", "text", "on Friday")
    assert (kill["first_date"], kill["last_date"]) == ("2020-01-03", "2020-01-03")
    condemn = next(d for *_, d in g.edges(data=True) if d["label"] == "condemn")
    assert (condemn["first_date"], json.loads(condemn["provenance"])[0]["date_source"]) == ("", "")
    header = (out / "edges.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "first_date" in header and "last_date" in header
    triples = [json.loads(line) for line in (out / "triples.jsonl").read_text(encoding="utf-8").splitlines()]
    assert {t["date_source"] for t in triples} >= {"text", ""}
    assert (out / "graph.gexf").is_file()
    # a date overlapping the range counts: "in 2020" overlaps 1 to 5 January 2020
    assert set(summary.kg.actions(since="2020-01-01", until="2020-01-05")["action"]) == {"kill", "attack"}
    assert summary.kg.actions(since="2020-01-04")["action"].tolist() == ["attack"]
    assert summary.kg.actions(since="2021").empty
    timeline = summary.kg.timeline("United States")
    assert timeline["date"].tolist() == sorted(timeline["date"].tolist(), key=lambda v: v[:4]) and len(timeline) >= 2


def test_a_changed_dates_file_rebuilds_the_outputs(tmp_path):
    from graph.run.options import BuildOptions
    from graph.run import build

    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": "Iran attacked the United States last week."}) + "\n", encoding="utf-8")
    dates = tmp_path / "dates.csv"
    dates.write_text("a,2020-01-08\n", encoding="utf-8")
    options = BuildOptions(inputs=[str(corpus)], out=tmp_path / "out", dates=dates, formats=("graphml",))
    build(options)
    assert build(options).up_to_date
    dates.write_text("a,2021-06-30\n", encoding="utf-8")
    again = build(options)
    assert not again.up_to_date and again.parsed == 0  # the cache still holds the extraction
    attack = next(d for *_, d in again.kg.graph.edges(data=True) if d["label"] == "attack")
    assert attack["first_date"] == "2021-W25"
