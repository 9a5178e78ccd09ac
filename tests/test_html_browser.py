"""The HTML explorer in a real browser (Debian's chromium, driven by Playwright).

The network is blocked: any request that is not ``file://`` is aborted and
recorded, and every test asserts that none was attempted.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

import networkx as nx
import pytest

from conftest import BBC_SAMPLE
from graph.export.html import write_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
XSS = [
    '<img src=x onerror="window.__pwned=1">',
    "</script><script>window.__pwned=1</script>",
    "\"'><svg onload=window.__pwned=1> href=javascript:window.__pwned=1",
]


def _prov(*items: tuple[str, str]) -> str:
    return json.dumps([{"doc": d, "sentence": s, "sentence_start": 0, "sentence_end": len(s)} for d, s in items])


def _node(g, nid, label, type_, aliases, mentions, docs="d1", roles=""):
    g.add_node(nid, label=label, type=type_, aliases="|".join(aliases), mentions=mentions, docs=docs, roles=roles)


def _edge(g, eid, u, v, kind, label, evidence, *, category="", modality="asserted", weight=1, doc="d1", more=()):
    g.add_edge(u, v, key=eid, id=eid, kind=kind, label=label, weight=weight, docs="|".join([doc, *(d for d, _ in more)]),
               evidence=evidence, negated=modality == "negated", modality=modality,
               category=category if kind == "action" else "", confidence=0.8, provenance=_prov((doc, evidence), *more))


def make_sample_graph() -> nx.MultiDiGraph:
    """A small hand-made news graph: people, organisations, places, roles and actions."""
    g = nx.MultiDiGraph()
    _node(g, "kadhimi", "Mustafa al-Kadhimi", "PERSON", ["Mustafa al-Kadhimi", "Kadhimi", "Prime Minister Kadhimi"], 12,
          docs="d1|d2|d3", roles="prime minister")
    _node(g, "biden", "Joe Biden", "PERSON", ["Joe Biden", "Biden", "President Biden"], 9, docs="d1|d2")
    _node(g, "blinken", "Antony Blinken", "PERSON", ["Antony Blinken", "Blinken"], 4, docs="d2")
    _node(g, "un", "United Nations", "ORG", ["United Nations", "UN", "U.N."], 6, docs="d3")
    _node(g, "isis", "Islamic State", "ORG", ["Islamic State", "ISIS"], 5, docs="d3|d4")
    _node(g, "iraq", "Iraq", "GPE", ["Iraq"], 15, docs="d1|d3|d4")
    _node(g, "us", "United States", "GPE", ["United States", "U.S.", "Washington"], 10, docs="d1|d2|d5")
    _node(g, "iran", "Iran", "GPE", ["Iran", "Tehran"], 7, docs="d5")
    _node(g, "kurds", "Kurds", "NORP", ["Kurds", "Kurdish"], 2, docs="d4")
    _node(g, "mosul", "Mosul", "GPE", ["Mosul"], 2, docs="d4")
    _edge(g, "r1", "kadhimi", "iraq", "role", "prime minister", "Iraqi Prime Minister Mustafa al-Kadhimi flew to Washington.")
    _edge(g, "r2", "biden", "us", "role", "president", "President Joe Biden welcomed him at the White House.")
    _edge(g, "r3", "blinken", "us", "role", "secretary of state", "Secretary of State Antony Blinken joined the talks.", doc="d2")
    _edge(g, "a1", "kadhimi", "biden", "action", "meet", "Kadhimi met Biden in the Oval Office on Monday.",
          category="CONSULT", weight=3, more=[("d2", "The two leaders met again on Tuesday.")])
    _edge(g, "a2", "biden", "kadhimi", "action", "support", "Biden pledged support for Kadhimi's government.", category="SUPPORT")
    _edge(g, "a3", "isis", "mosul", "action", "attack", "Islamic State fighters attacked a checkpoint near Mosul.",
          category="ASSAULT", weight=2, doc="d4")
    _edge(g, "a4", "iran", "us", "action", "threaten", "Tehran could threaten US bases if talks fail.",
          category="THREATEN", modality="hypothetical", doc="d5")
    _edge(g, "a5", "us", "iran", "action", "sanction", "Washington did not sanction Iran's oil ministry.",
          category="SANCTION", modality="negated", doc="d5")
    _edge(g, "a6", "un", "iraq", "action", "urge", "The UN urged Iraq to hold early elections.", category="REQUEST", doc="d3")
    _edge(g, "a7", "kurds", "iraq", "action", "protest", "Kurdish groups protested the budget cuts in Baghdad.",
          category="PROTEST", doc="d4")
    _edge(g, "a8", "blinken", "kadhimi", "action", "meet", "Blinken met Kadhimi to discuss the troop drawdown.",
          category="CONSULT", doc="d2")
    return g


def make_hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for i, bad in enumerate(XSS):
        _node(g, f"bad{i}", bad, "PERSON", [bad, f"alias{i} href", bad + "'\""], 3, docs=bad, roles=bad)
    _node(g, "ok", "Plain Org", "ORG", ["Plain Org"], 3, docs="d1")
    for i, bad in enumerate(XSS):
        _edge(g, f"e{i}", f"bad{i}", "ok", "action", bad, bad + " href said so.", category=bad, doc=bad)
    _edge(g, "e-role", "bad0", "bad1", "role", XSS[1], XSS[2], doc=XSS[0])
    return g


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Session:
    """One page with the network blocked and every error/dialog recorded."""

    def __init__(self, browser, path: Path):
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.context.route("**/*", self._route)
        self.page = page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.set_default_timeout(10_000)
        page.goto(path.as_uri())
        # A function, not an expression: Playwright evaluates an expression with eval, which the CSP forbids.
        page.wait_for_function("() => window.kgExplorer && window.kgExplorer.ready === true", timeout=30_000)

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expr: str, arg=None):
        return self.page.evaluate(expr, arg)

    def check_clean(self):
        assert self.blocked == [], f"network requests attempted: {self.blocked}"
        assert self.errors == [], f"errors in the page: {self.errors}"

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser, tmp_path):
    sessions = []

    def _open(g: nx.MultiDiGraph, name: str = "graph.html", doc_titles=None) -> Session:
        path = tmp_path / name
        write_html(g, path, title="Test graph", doc_titles=doc_titles)
        s = Session(browser, path)
        sessions.append(s)
        return s

    yield _open
    for s in sessions:
        s.close()


@pytest.fixture(scope="module")
def bbc_graph(extractor):
    """The graph of the first 24 articles of the committed BBC sample, and their titles."""
    from graph import KnowledgeGraph

    records = [json.loads(line) for line in BBC_SAMPLE.read_text(encoding="utf-8").splitlines()[:24]]
    kg = KnowledgeGraph.from_results(extractor.analyse_many([(r["id"], r["text"]) for r in records]))
    return kg.graph, {r["id"]: r["title"] for r in records}


def make_big_graph(n: int = 10_000, linked: int = 3_000) -> nx.MultiDiGraph:
    """``n`` entities, of which ``linked`` form a scale-free forest (hubs and leaves); the rest are isolated."""
    rng = random.Random(7)
    g = nx.MultiDiGraph()
    types = ["PERSON", "ORG", "GPE", "LOC"]
    for i in range(n):
        g.add_node(f"n{i:05}", label=f"Entity {i}", type=types[i % 4], mentions=rng.randint(1, 30), docs=f"doc{i % 500}")
    base = nx.barabasi_albert_graph(linked, 1, seed=7)
    for k, (u, v) in enumerate(sorted(base.edges)):
        _edge(g, f"e{k}", f"n{u:05}", f"n{v:05}", "action", "meet", f"Entity {u} met Entity {v}.", category="CONSULT",
              weight=1 + (k % 4 == 0), doc=f"doc{u % 500}")
    return g


def _split(value) -> set[str]:
    return {p for p in (value if isinstance(value, (list, tuple)) else str(value or "").split("|")) if p}


def expected_drawn(g, *, min_mentions=1, min_weight=1, types=None, docs=None, isolated=False):
    """The entities and relations the filters should let through, worked out here from the graph."""
    ok = {n for n, a in g.nodes(data=True) if int(a.get("mentions", 1)) >= min_mentions
          and (types is None or a.get("type") in types) and (docs is None or _split(a.get("docs")) & docs)}
    rel = {a["id"] for u, v, a in g.edges(data=True) if u in ok and v in ok and int(a.get("weight", 1)) >= min_weight
           and (docs is None or _split(a.get("docs")) & docs)}
    linked = {x for u, v, a in g.edges(data=True) if a["id"] in rel for x in (u, v)}
    return (ok if isolated else linked), rel


def drawn(s: Session) -> tuple[set[str], set[str]]:
    return set(s.js("kgExplorer.drawnNodeIds()")), set(s.js("kgExplorer.drawnEdgeIds()"))


def check_first_view(s: Session, g: nx.MultiDiGraph):
    """Connected entities only, and the 20 most important ones in view labelled, readably."""
    nodes, rels = drawn(s)
    assert (nodes, rels) == expected_drawn(g)
    assert all(g.degree(n) > 0 for n in nodes) and nodes  # no isolated entity drawn
    data = s.js("JSON.parse(document.getElementById('kg-data').textContent)")
    score = dict(zip(data["nodes"]["id"], data["nodes"]["score"]))
    in_view = sorted(s.js("kgExplorer.inView()"), key=lambda n: -score[n])
    labels = s.js("kgExplorer.labels()")
    labelled = {l["id"] for l in labels}
    top = in_view[:20]
    assert len(top) == min(20, len(nodes)) and set(top) <= labelled
    canvas = s.page.locator("#kg-network").bounding_box()
    for l in labels:
        assert l["h"] >= 12  # on-screen pixels, whatever the zoom
        assert canvas["x"] - 1 <= l["x"] and l["x"] + l["w"] <= canvas["x"] + canvas["width"] + 1
    # Beyond the 20 that must be labelled, a label is drawn only where it overlaps no other.
    def overlap(a, b):
        return a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"] and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"]
    for k, l in enumerate(labels[20:], start=20):
        assert not any(overlap(l, other) for other in labels[:k])
    return data


def click_entity(s: Session, node_id: str):
    pos = s.js("id => kgExplorer.domPosition(id)", node_id)
    s.page.mouse.click(pos["x"], pos["y"])


def test_explorer_counts_search_panel_and_screenshot(open_page, tmp_path):
    g = make_sample_graph()
    s = open_page(g)
    assert s.js("kgExplorer.nodeCount()") == g.number_of_nodes()
    assert s.js("kgExplorer.edgeCount()") == g.number_of_edges()
    check_first_view(s, g)
    assert "10 of 10 entities" in s.page.inner_text("#kg-stats")

    assert s.js("kgExplorer.search('kadh')") == "kadhimi"
    assert s.js("kgExplorer.selectedNodeId()") == "kadhimi" and s.js("kgExplorer.focusId()") == "kadhimi"
    text = s.js("kgExplorer.panelText()")
    assert "Mustafa al-Kadhimi" in text and "Prime Minister Kadhimi" in text and "prime minister" in text
    assert "Joe Biden" in text and "Antony Blinken" in text  # its actions, both ways
    assert s.js("kgExplorer.search('no such entity')") is None
    assert s.js("kgExplorer.search('WASHINGTON')") == "us"  # alias, case-insensitive

    s.js("kgExplorer.selectEdge('a1')")  # every sentence, with its document
    text = s.js("kgExplorer.panelText()")
    assert "Kadhimi met Biden in the Oval Office on Monday." in text and "The two leaders met again on Tuesday." in text
    assert "d2" in text and "CONSULT" in text and "asserted" in text
    s.js("kgExplorer.selectEdge('a5')")
    text = s.js("kgExplorer.panelText()")
    assert "Washington did not sanction Iran's oil ministry." in text and "negated" in text and "SANCTION" in text

    shot = tmp_path / "explorer.png"
    s.js("kgExplorer.search('kadh')")
    s.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    s.check_clean()


def test_mouse_click_focus_back_filters_and_search_box(open_page):
    g = make_sample_graph()
    s = open_page(g)
    page = s.page
    click_entity(s, "iraq")
    assert s.js("kgExplorer.focusId()") == "iraq"
    assert "Mustafa al-Kadhimi" in s.js("kgExplorer.panelText()")
    hood = {"iraq", "kadhimi", "un", "kurds"}  # one hop
    assert set(s.js("kgExplorer.dimmedNodeIds()")) == set(g.nodes) - hood
    assert set(s.js("kgExplorer.edgeLabels")) >= {"r1", "a6", "a7"}  # the focus shows its relations' labels
    page.check("input[name=kg-hops][value='2']")
    assert set(s.js("kgExplorer.dimmedNodeIds()")) == {"isis", "mosul", "us", "iran"}  # kadhimi's links come in

    pos = s.js("kgExplorer.domPosition('a6')")  # middle of a straight edge in the focus
    page.mouse.click(pos["x"], pos["y"])
    assert "The UN urged Iraq to hold early elections." in s.js("kgExplorer.panelText()")

    page.click("#kg-back")  # back to the focus on Iraq (2 hops), then to the overview
    assert s.js("kgExplorer.focusId()") == "iraq" and "Iraq" in s.js("kgExplorer.panelText()")
    page.click("#kg-back")
    assert s.js("kgExplorer.focusId()") is None and s.js("kgExplorer.dimmedNodeIds()") == []
    assert page.locator("#kg-back").is_disabled()
    pos = s.js("kgExplorer.domPosition('a3')")  # an edge in the overview: its label shows on hover only
    assert "a3" not in s.js("kgExplorer.edgeLabels")
    page.mouse.move(pos["x"], pos["y"])
    page.wait_for_function("() => kgExplorer.edgeLabels.indexOf('a3') >= 0")  # drawn in the next frame
    assert s.js("kgExplorer.edgeLabels") == ["a3"] and "attack" in page.inner_text("#kg-tip")
    page.mouse.click(pos["x"], pos["y"])
    assert "Islamic State fighters attacked a checkpoint near Mosul." in s.js("kgExplorer.panelText()")

    # The ranked table: sorted by importance, re-sorted by a header click; a row click focuses.
    page.click("#kg-tab-list")
    assert page.locator("#kg-table tbody tr").first.get_attribute("data-id") == "iraq"
    page.click("#kg-table th[data-key=label]")
    assert page.locator("#kg-table tbody tr").first.get_attribute("data-id") == "blinken"  # Antony Blinken
    page.locator("#kg-table tbody tr", has_text="Islamic State").click()
    assert s.js("kgExplorer.focusId()") == "isis"

    # Typing in the search box lists matches; Enter focuses the best one.
    page.fill("#kg-search", "blink")
    assert "Antony Blinken" in page.inner_text("#kg-results")
    page.press("#kg-search", "Enter")
    assert s.js("kgExplorer.focusId()") == "blinken"
    page.click("#kg-overview")

    # Unticking a type hides its entities, their relations, and the entities left alone.
    page.locator("#kg-types label", has_text="PERSON").locator("input").uncheck()
    nodes, rels = drawn(s)
    assert (nodes, rels) == expected_drawn(g, types={"ORG", "GPE", "NORP"})
    assert page.inner_text("#kg-stats").startswith(f"{len(nodes)} of 10 entities")
    assert page.locator("#kg-types label", has_text="PERSON").locator(".kg-count").inner_text() == "0"
    page.locator("#kg-cats label", has_text="ASSAULT").locator("input").uncheck()
    assert "a3" not in drawn(s)[1] and "mosul" not in drawn(s)[0]
    # Searching for a hidden entity still focuses it, and draws it.
    assert s.js("kgExplorer.search('biden')") == "biden" and "biden" in drawn(s)[0]
    s.check_clean()


# Each relation's evidence dates of make_sample_graph: (date, date_source, date_text) per sentence; none: undated.
SAMPLE_DATES = {
    "r1": [("2002/..", "text", "since 2002")],
    "r3": [("2021-01", "text", "in January 2021")],
    "a1": [("2021-07-26", "document", ""), ("2021-07-27", "text", "on Tuesday")],
    "a2": [("2021-07-26", "document", "")],
    "a3": [("2020-W10", "text", "last week")],
    "a5": [("../2019", "text", "until 2019")],
    "a6": [("2020", "text", "in 2020")],
    "a8": [("2021-02-10", "document", "")],
}


def make_dated_graph() -> nx.MultiDiGraph:
    """make_sample_graph with its evidence dated as in SAMPLE_DATES (r2, a4 and a7 stay undated)."""
    g = make_sample_graph()
    for *_, a in g.edges(data=True):
        evidence = json.loads(a["provenance"])
        for record, (value, source, words) in zip(evidence, SAMPLE_DATES.get(a["id"], [])):
            record.update(date=value, date_source=source, date_text=words)
        a["provenance"] = json.dumps(evidence)
    return g


def expected_in_time(g, since=None, until=None, undated=True) -> set[str]:
    """The relations the time filter lets through, worked out with graph.timeline."""
    from graph.timeline import edge_spans, in_range

    return {a["id"] for *_, a in g.edges(data=True) if (in_range(a, since, until) if edge_spans(a) else undated)}


def test_time_filter_and_evidence_dates(open_page, tmp_path):
    s = open_page(make_sample_graph(), "undated.html")  # no dates: no time control
    assert s.page.locator("#kg-time").is_hidden()
    s.check_clean()

    g = make_dated_graph()
    s = open_page(g, "dated.html")
    page = s.page
    assert page.locator("#kg-time").is_visible()
    assert page.input_value("#kg-since") == "2002-01-01" and page.input_value("#kg-until") == "2021-07-27"
    assert drawn(s) == expected_drawn(g)  # the whole range: everything
    assert page.inner_text("#kg-undated-n") == "3"

    page.fill("#kg-since", "2021-01-01")  # 2021 on: the open "since 2002", the January role, the July meetings, a8
    rels = drawn(s)[1]
    assert rels == expected_in_time(g, "2021-01-01") == {"r1", "r3", "a1", "a2", "a8", "r2", "a4", "a7"}
    assert f"{len(rels)} of 11 relations drawn" in page.inner_text("#kg-stats")
    page.fill("#kg-until", "2021-06-30")
    assert drawn(s)[1] == expected_in_time(g, "2021-01-01", "2021-06-30") == {"r1", "r3", "a8", "r2", "a4", "a7"}
    page.uncheck("#kg-undated")
    nodes, rels = drawn(s)
    assert rels == expected_in_time(g, "2021-01-01", "2021-06-30", undated=False) == {"r1", "r3", "a8"}
    assert nodes == {"kadhimi", "iraq", "blinken", "us"}  # the entities left alone go too
    assert page.inner_text("#kg-stats") == "4 of 10 entities \u00b7 3 of 11 relations drawn"
    assert page.inner_text("#kg-undated-n") == "0"
    assert page.locator("#kg-kinds label", has_text="action").locator(".kg-count").inner_text() == "1"
    page.locator("#kg-kinds label", has_text="role").locator("input").uncheck()  # AND with the other filters
    assert drawn(s)[1] == {"a8"}
    page.locator("#kg-kinds label", has_text="role").locator("input").check()
    page.click("#kg-time-all")  # the whole range again; undated relations still hidden
    assert drawn(s)[1] == expected_in_time(g, undated=False) and len(drawn(s)[1]) == 8
    page.check("#kg-undated")
    assert drawn(s) == expected_drawn(g)

    s.js("kgExplorer.selectEdge('a1')")  # each sentence's date, and how it was found
    text = s.js("kgExplorer.panelText()")
    assert "2021-07-26 (date of the document)" in text and "2021-07-27 (on Tuesday)" in text
    s.js("kgExplorer.selectEdge('a2')")
    assert "2021-07-26 (date of the document)" in s.js("kgExplorer.panelText()")
    s.js("kgExplorer.selectEdge('a4')")
    assert "(date of the document)" not in s.js("kgExplorer.panelText()")  # undated: no date line
    page.set_viewport_size({"width": 1600, "height": 1000})
    page.fill("#kg-since", "2020-01-01")
    s.js("kgExplorer.selectEdge('a1')")
    page.screenshot(path=str(tmp_path / "dated.png"))
    s.check_clean()


def test_hostile_strings_cannot_run_script(open_page, tmp_path):
    g = make_hostile_graph()
    s = open_page(g, "hostile.html", doc_titles={bad: bad for bad in XSS})
    page = s.page
    assert s.js("kgExplorer.nodeCount()") == g.number_of_nodes()
    # Hover every node and edge (tooltips), then open the panel for each.
    tips = 0
    for item in [*g.nodes, *(k for _, _, k in g.edges(keys=True))]:
        pos = s.js("id => kgExplorer.domPosition(id)", item)
        page.mouse.move(pos["x"], pos["y"])
        page.wait_for_timeout(150)
        tips += page.locator("#kg-tip:not([hidden])").count()
    assert tips > 0  # the tooltip really showed up
    panel = page.inner_text("#kg-table")  # names in the ranked table
    for node in g.nodes:
        assert s.js("id => kgExplorer.selectNode(id)", node)
        panel += s.js("kgExplorer.panelText()")
    for e in ("e0", "e1", "e2", "e-role"):
        s.js("id => kgExplorer.selectEdge(id)", e)
        panel += s.js("kgExplorer.panelText()")
    for bad in XSS:
        page.fill("#kg-search", bad[:12])
        page.press("#kg-search", "Enter")
        page.fill("#kg-doc-input", bad[:12])  # the document filter lists ids and titles
        panel += page.inner_text("#kg-doc-results")
        page.press("#kg-doc-input", "Enter")
    panel += page.inner_text("#kg-doc-chips")
    page.screenshot(path=str(tmp_path / "hostile.png"))

    # The hostile strings are shown as text...
    for bad in XSS:
        assert bad in panel
    # ...and none of them became markup or ran.
    assert s.js("window.__pwned") is None
    assert s.dialogs == []
    assert page.locator("#kg-panel img, #kg-panel svg, #kg-panel script, #kg-tip img, #kg-side img, #kg-filters img").count() == 0
    assert s.js("document.querySelectorAll('img, svg').length") == 0
    s.check_clean()


def test_bbc_articles_overview_filters_and_focus(open_page, bbc_graph, tmp_path):
    g, titles = bbc_graph
    s = open_page(g, "bbc.html", doc_titles=titles)
    page = s.page
    data = check_first_view(s, g)
    assert len(drawn(s)[0]) < g.number_of_nodes() / 2  # most entities of a news corpus are isolated: not drawn

    # Each filter, worked in the page as a user does, draws what the graph says it should.
    def slide(id_, step):
        page.locator(id_).evaluate("(r, v) => { r.value = String(v); r.dispatchEvent(new Event('input')); }", step)
    slide("#kg-min-mentions", 2)  # the thresholds are 1, 2, 3, 5, 7, 10 ...
    assert page.inner_text("#kg-min-mentions-v") == "3"
    assert drawn(s) == expected_drawn(g, min_mentions=3)
    slide("#kg-min-mentions", 0)
    if max(data["edges"]["weight"]) > 1:
        slide("#kg-min-weight", 1)
        assert drawn(s) == expected_drawn(g, min_weight=2)
        slide("#kg-min-weight", 0)
    page.check("#kg-isolated")
    assert drawn(s)[0] == set(g.nodes)
    page.uncheck("#kg-isolated")
    # The document filter, by title.
    doc_id, title = sorted(titles.items())[3]
    page.fill("#kg-doc-input", title[:15])
    page.click("#kg-doc-results button >> nth=0")
    assert title in page.inner_text("#kg-doc-chips")
    assert drawn(s) == expected_drawn(g, docs={doc_id})
    page.locator("#kg-types label", has_text="PERSON").locator("input").uncheck()
    assert drawn(s) == expected_drawn(g, docs={doc_id}, types={t for t in ("ORG", "GPE", "LOC", "NORP", "FAC", "EVENT")})
    page.locator("#kg-types label", has_text="PERSON").locator("input").check()
    page.click("#kg-doc-chips button")
    assert drawn(s) == expected_drawn(g) and page.inner_text("#kg-doc-chips") == "all documents"

    # Focus with a real click on the most important entity, then Back.
    top = page.locator("#kg-table tbody tr").first.get_attribute("data-id")
    click_entity(s, top)
    assert s.js("kgExplorer.focusId()") == top
    neighbours = set(nx.all_neighbors(g, top)) | {top}
    assert set(s.js("kgExplorer.inView()")) >= neighbours  # the view fits the neighbourhood
    assert set(s.js("kgExplorer.dimmedNodeIds()")) == drawn(s)[0] - neighbours
    assert {l["id"] for l in s.js("kgExplorer.labels()")} >= set(sorted(neighbours)[:5]) or len(neighbours) > 80
    page.screenshot(path=str(tmp_path / "bbc-focus.png"))
    page.click("#kg-back")
    assert s.js("kgExplorer.focusId()") is None
    # The ranked list: a click on its second row focuses that entity.
    page.click("#kg-tab-list")
    second = page.locator("#kg-table tbody tr").nth(1)
    name = second.get_attribute("data-id")
    second.click()
    assert s.js("kgExplorer.focusId()") == name and g.nodes[name]["label"] in s.js("kgExplorer.panelText()")
    s.check_clean()


def test_ten_thousand_entities(open_page):
    g = make_big_graph()
    s = open_page(g, "big.html")
    page = s.page
    check_first_view(s, g)
    assert len(drawn(s)[0]) == 3_000
    # Zoomed out, a leaf's dot is under a pixel: hovering near it still shows its tooltip.
    leaf = next(n for n in sorted(g) if g.degree(n) == 1)
    pos = s.js("id => kgExplorer.domPosition(id)", leaf)
    page.mouse.move(pos["x"] + 2, pos["y"] + 1)
    assert page.locator("#kg-tip").is_visible() and page.inner_text("#kg-tip strong") == g.nodes[leaf]["label"]
    page.locator("#kg-min-mentions").evaluate("r => { r.value = '5'; r.dispatchEvent(new Event('input')); }")  # 1, 2, 3, 5, 7, 10
    assert drawn(s) == expected_drawn(g, min_mentions=10)
    page.locator("#kg-min-mentions").evaluate("r => { r.value = '0'; r.dispatchEvent(new Event('input')); }")
    page.check("#kg-isolated")
    assert len(drawn(s)[0]) == 10_000
    page.uncheck("#kg-isolated")
    page.locator("#kg-table tbody tr").first.click()  # the ranked list
    top = s.js("kgExplorer.focusId()")
    assert top and set(s.js("kgExplorer.dimmedNodeIds()")) == drawn(s)[0] - set(nx.all_neighbors(g, top)) - {top}
    at = s.js("id => kgExplorer.domPosition(id)", top)
    def away(n):
        p = s.js("id => kgExplorer.domPosition(id)", n)
        return (p["x"] - at["x"]) ** 2 + (p["y"] - at["y"]) ** 2
    other = max(set(nx.all_neighbors(g, top)), key=away)  # a click on a neighbour (clear of the hub) moves the focus
    click_entity(s, other)
    assert s.js("kgExplorer.focusId()") == other
    page.click("#kg-back")
    page.click("#kg-back")
    assert s.js("kgExplorer.focusId()") is None
    s.check_clean()
