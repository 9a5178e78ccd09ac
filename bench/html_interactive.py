"""How fast out/graph.html becomes interactive, and how fast it answers the filters, in headless Chromium.

    python bench/html_interactive.py PATH/TO/graph.html [--runs 3] [--screenshot PNG [--focus NAME]]

Build the page first, e.g. for the whole BBC corpus:

    kg build ../shared/data/bbc/articles.jsonl -o out/bbc

It opens the page (1600x1000) with the network blocked and times from navigation until the
explorer reports ``window.kgExplorer.ready`` (first view drawn, every control live), and until
``complete`` (the entities not drawn handed to vis-network too, in the background). Then it
works the controls as a user does (sliders, checkboxes, the document filter, the isolated
toggle, a focus and Back) and times each from the event to the end of the next frame drawn,
so the figure includes vis-network's redraw. Beside each wall-clock time it prints the CPU time
Chromium's page renderers spent meanwhile (from the kernel's counters, in 10 ms ticks): on a machine
shared with other work the wall clock includes the waits for a core, the CPU time does not. ``--screenshot`` saves the first view as PNG, and
with ``--focus NAME`` the focus on that entity too (as PNG-focus.png); docs/ has them.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]

# One function per control: it changes the control as the browser would, then waits
# for the frame after the change (vis-network draws in an animation frame).
_TIMED = """async () => {
  const $ = (id) => document.getElementById(id);
  const slide = (id, step) => { const r = $(id); r.value = String(step); r.dispatchEvent(new Event("input")); };
  const t0 = performance.now();
  %s;
  await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  return performance.now() - t0;
}"""
ACTIONS = [
    ("mentions >= 2", 'slide("kg-min-mentions", 1)'),
    ("mentions >= 10", 'slide("kg-min-mentions", 4)'),
    ("mentions >= 1", 'slide("kg-min-mentions", 0)'),
    ("evidence >= 2", 'slide("kg-min-weight", 1)'),
    ("evidence >= 1", 'slide("kg-min-weight", 0)'),
    ("untick PERSON", 'document.querySelector("#kg-types input").click()'),
    ("tick PERSON", 'document.querySelector("#kg-types input").click()'),
    ("no action category", '$("kg-cats-none").click()'),
    ("every action category", '$("kg-cats-all").click()'),
    ("pick a document", '$("kg-doc-input").value = DOC; $("kg-doc-input").dispatchEvent(new Event("input"));'
                        ' $("kg-doc-input").dispatchEvent(new KeyboardEvent("keydown", {key: "Enter"}))'),
    ("drop the document", 'document.querySelector("#kg-doc-chips button").click()'),
    ("show isolated entities", '$("kg-isolated").click()'),
    ("hide isolated entities", '$("kg-isolated").click()'),
    ("focus on the top entity", 'document.querySelector("#kg-table tbody tr").click()'),
    ("2 hops", 'document.querySelector("input[name=kg-hops][value=\\"2\\"]").click()'),
    ("back", '$("kg-back").click()'),
]


def chromium_cpu() -> float:
    """CPU seconds (user + system) used so far by the page renderers of the Chromium this script started."""
    import psutil

    total = 0.0
    for proc in psutil.Process().children(recursive=True):
        try:
            if "--type=renderer" in proc.cmdline():
                times = proc.cpu_times()
                total += times.user + times.system
        except psutil.Error:  # a process that just ended
            pass
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("page", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot", type=Path, help="save the first view of the first run here (PNG)")
    parser.add_argument("--focus", help="with --screenshot: also save the focus on this entity (found by search)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    url = args.page.resolve().as_uri()
    print(f"page: {args.page} ({args.page.stat().st_size / 2**20:.1f} MB)")
    print(f"machine: {os.cpu_count()} cores, {platform.machine()}; load average {os.getloadavg()[0]:.1f} before the runs")
    worst: dict[str, float] = {}
    worst_busy: dict[str, float] = {}
    ready_s: list[float] = []
    busy_s: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        for run in range(1, args.runs + 1):
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            blocked, errors = [], []
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                       else (blocked.append(route.request.url), route.abort()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            cpu0 = chromium_cpu()
            start = time.perf_counter()
            page.goto(url, wait_until="load", timeout=300_000)
            page.wait_for_function("() => window.kgExplorer && window.kgExplorer.ready === true", timeout=300_000)
            ready, ready_busy = time.perf_counter() - start, chromium_cpu() - cpu0
            if run == 1 and args.screenshot:
                page.screenshot(path=str(args.screenshot))
                if args.focus:
                    page.evaluate("name => kgExplorer.search(name)", args.focus)
                    page.screenshot(path=str(args.screenshot.with_name(args.screenshot.stem + "-focus.png")))
                    page.evaluate("kgExplorer.back()")
            page.wait_for_function("() => window.kgExplorer.complete === true", timeout=300_000)
            complete = time.perf_counter() - start
            ready_s.append(ready)
            busy_s.append(ready_busy)
            drawn = page.evaluate("[kgExplorer.drawnNodeIds().length, kgExplorer.drawnEdgeIds().length]")
            print(f"run {run}: {page.evaluate('kgExplorer.nodeCount()')} entities, {page.evaluate('kgExplorer.edgeCount()')} "
                  f"relations; first view draws {drawn[0]} and {drawn[1]}, labels {len(page.evaluate('kgExplorer.labels()'))}; "
                  f"interactive after {ready:.2f} s (CPU {ready_busy:.2f} s); "
                  f"every entity loaded (hidden) after {complete:.2f} s")
            doc = page.evaluate("document.querySelector('#kg-doc-input') && JSON.parse("
                                "document.getElementById('kg-data').textContent).docs[0].id")
            times = []
            for name, action in ACTIONS:
                before = chromium_cpu()
                ms = page.evaluate(_TIMED % action.replace("DOC", repr(doc or "")))
                spent = 1000 * (chromium_cpu() - before)
                after = page.evaluate("kgExplorer.drawnNodeIds().length")
                times.append(f"{name} {ms:.0f} ms (CPU {spent:.0f}; {after} drawn)")
                worst[name] = max(worst.get(name, 0.0), ms)
                worst_busy[name] = max(worst_busy.get(name, 0.0), spent)
            print("  " + "; ".join(times))
            print(f"  network requests attempted: {len(blocked)}; page errors: {len(errors)}")
            page.close()
        browser.close()
    slowest, slowest_busy = max(worst, key=worst.get), max(worst_busy, key=worst_busy.get)
    print(f"interactive after {statistics.median(ready_s):.2f} s (median of {args.runs} runs; slowest {max(ready_s):.2f} s), "
          f"CPU {statistics.median(busy_s):.2f} s (median); slowest change: {slowest}, {worst[slowest]:.0f} ms; "
          f"most CPU: {slowest_busy}, {worst_busy[slowest_busy]:.0f} ms; load average {os.getloadavg()[0]:.1f} after")


if __name__ == "__main__":
    main()
