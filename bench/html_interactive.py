"""How long out/graph.html takes to become interactive in headless Chromium.

    python bench/html_interactive.py PATH/TO/graph.html [--runs 3]

Build the page first, e.g. for the whole BBC corpus:

    kg build ../shared/data/bbc/articles.jsonl -o out/bbc

It opens the page with the network blocked, and times from navigation until the explorer
reports ``window.kgExplorer.ready`` (drawn, searchable, clickable), then times one search.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    url = args.page.resolve().as_uri()
    print(f"page: {args.page} ({args.page.stat().st_size / 2**20:.1f} MB)")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        for run in range(1, args.runs + 1):
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            blocked = []
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else (blocked.append(route.request.url), route.abort()))
            start = time.perf_counter()
            page.goto(url, wait_until="load", timeout=300_000)
            page.wait_for_function("window.kgExplorer && window.kgExplorer.ready === true", timeout=300_000)
            ready = time.perf_counter() - start
            nodes = page.evaluate("window.kgExplorer.nodeCount()")
            edges = page.evaluate("window.kgExplorer.edgeCount()")
            start = time.perf_counter()
            page.evaluate("window.kgExplorer.search('Blair')")
            search = time.perf_counter() - start
            print(f"run {run}: {nodes} nodes, {edges} edges; interactive after {ready:.1f} s; "
                  f"search took {1000 * search:.0f} ms; network requests attempted: {len(blocked)}")
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
