"""The HTML explorer in a real browser (Debian's chromium, driven by Playwright).

The network is blocked: any request that is not ``file://`` is aborted and
recorded, and every test asserts that none was attempted.
"""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

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
        self.context = browser.new_context(viewport={"width": 1400, "height": 860})
        self.context.route("**/*", self._route)
        self.page = page = self.context.new_page()
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", self._dialog)
        page.goto(path.as_uri())
        page.wait_for_function("window.kgExplorer && window.kgExplorer.ready === true", timeout=30_000)

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

    def _open(g: nx.MultiDiGraph, name: str = "graph.html") -> Session:
        path = tmp_path / name
        write_html(g, path, title="Test graph")
        s = Session(browser, path)
        sessions.append(s)
        return s

    yield _open
    for s in sessions:
        s.close()


def test_explorer_counts_search_panel_and_screenshot(open_page, tmp_path):
    g = make_sample_graph()
    s = open_page(g)
    assert s.js("kgExplorer.nodeCount()") == g.number_of_nodes()
    assert s.js("kgExplorer.edgeCount()") == g.number_of_edges()

    assert s.js("kgExplorer.search('kadh')") == "kadhimi"
    assert s.js("kgExplorer.selectedNodeId()") == "kadhimi"
    text = s.js("kgExplorer.panelText()")
    assert "Mustafa al-Kadhimi" in text and "Prime Minister Kadhimi" in text
    assert "Kadhim met Biden" not in text and "Kadhimi met Biden in the Oval Office on Monday." in text
    assert "The two leaders met again on Tuesday." in text and "d2" in text  # every sentence, with its doc
    assert s.js("kgExplorer.search('no such entity')") is None
    assert s.js("kgExplorer.search('WASHINGTON')") == "us"  # alias, case-insensitive

    s.js("kgExplorer.selectEdge('a5')")
    assert "Washington did not sanction Iran's oil ministry." in s.js("kgExplorer.panelText()")

    shot = tmp_path / "explorer.png"
    s.js("kgExplorer.search('kadh')")
    s.page.wait_for_timeout(600)  # let the focus animation finish
    s.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000 and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    s.check_clean()


def test_mouse_click_filters_and_search_box(open_page):
    s = open_page(make_sample_graph())
    page = s.page
    pos = s.js("kgExplorer.domPosition('iraq')")
    page.mouse.click(pos["x"], pos["y"])
    assert s.js("kgExplorer.selectedNodeId()") == "iraq"
    assert "The UN urged Iraq to hold early elections." in s.js("kgExplorer.panelText()")

    pos = s.js("kgExplorer.domPosition('a3')")  # middle of a straight edge
    page.mouse.click(pos["x"], pos["y"])
    assert "Islamic State fighters attacked a checkpoint near Mosul." in s.js("kgExplorer.panelText()")
    page.click("#kg-close")
    assert s.js("kgExplorer.panelText()") == ""

    # Typing in the search box lists matches; Enter selects the best one.
    page.fill("#kg-search", "blink")
    assert "Antony Blinken" in page.inner_text("#kg-results")
    page.press("#kg-search", "Enter")
    assert s.js("kgExplorer.selectedNodeId()") == "blinken"

    # Unticking a type hides its entities (and their relations).
    before = page.inner_text("#kg-stats")
    page.locator("#kg-types label", has_text="PERSON").locator("input").uncheck()
    assert page.inner_text("#kg-stats").startswith("7 / 10 entities")
    assert page.inner_text("#kg-stats") != before
    page.locator("#kg-cats label", has_text="ASSAULT").locator("input").uncheck()
    assert "/ 11 relations" in page.inner_text("#kg-stats")
    # Searching for a hidden entity brings its type back.
    assert s.js("kgExplorer.search('biden')") == "biden"
    assert page.locator("#kg-types label", has_text="PERSON").locator("input").is_checked()
    s.check_clean()


def test_hostile_strings_cannot_run_script(open_page, tmp_path):
    g = make_hostile_graph()
    s = open_page(g, "hostile.html")
    page = s.page
    assert s.js("kgExplorer.nodeCount()") == g.number_of_nodes()
    # Hover every node and edge (tooltips), then open the panel for each.
    for item in [*g.nodes, *(k for _, _, k in g.edges(keys=True))]:
        pos = s.js("id => kgExplorer.domPosition(id)", item)
        page.mouse.move(pos["x"], pos["y"])
        page.wait_for_timeout(350)
    assert page.locator("div.vis-tooltip").count() == 1  # the tooltip really showed up
    for node in g.nodes:
        assert s.js("id => kgExplorer.selectNode(id)", node)
        page.wait_for_timeout(50)
    panel = s.js("kgExplorer.panelText()")
    for e in ("e0", "e1", "e2", "e-role"):
        s.js("id => kgExplorer.selectEdge(id)", e)
        panel += s.js("kgExplorer.panelText()")
    for bad in XSS:
        page.fill("#kg-search", bad[:12])
        page.press("#kg-search", "Enter")
    page.screenshot(path=str(tmp_path / "hostile.png"))

    # The hostile strings are shown as text...
    for bad in XSS:
        assert bad in panel
    # ...and none of them became markup or ran.
    assert s.js("window.__pwned") is None
    assert s.dialogs == []
    assert page.locator("#kg-panel img, #kg-panel svg, #kg-panel script, div.vis-tooltip img").count() == 0
    assert s.js("document.querySelectorAll('img, svg').length") == 0
    s.check_clean()
