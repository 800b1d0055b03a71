"""How long the graph pages of the seed gazette take to settle in a browser.

Builds the seed gazette into a temporary store, writes the whole-gazette page
and every deputy mayor's page, opens each in headless Chromium and prints the
node and edge counts and the time until vis-network reports the layout stable
(``window.__settledMs``, milliseconds since navigation started).

    python benchmarks/viz_settle.py [--keep DIR] [--chromium /usr/bin/chromium]

Not a test: numbers depend on the machine.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = Path(__file__).resolve().parents[2] / "shared" / "data" / "miluo-gazette-2025-01.txt"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


def measure(pages: list[str], chromium: str, timeout_s: float = 60.0) -> list[dict]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        for path in pages:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            blocked = []
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                       else (blocked.append(route.request.url), route.abort()))
            started = time.perf_counter()
            page.goto(Path(path).resolve().as_uri())
            page.wait_for_function("() => window.__settledMs !== null && window.__settledMs !== undefined",
                                   timeout=timeout_s * 1000)
            wall = (time.perf_counter() - started) * 1000
            numbers = page.evaluate("""() => ({nodes: gazetteGraph.nodes.length, edges: gazetteGraph.edges.length,
                settled: window.__settledMs, layout: gazetteGraph.layoutMs,
                static: gazetteGraph.data.staticLayout})""")
            numbers.update(path=path, wall=wall, blocked=len(blocked))
            results.append(numbers)
            page.close()
        browser.close()
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", default=None, help="Write the store and pages here instead of a temp folder.")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from kg.pipeline import build
    from kg.render.viz import write_graph_pages
    from kg.store import open_store

    folder = Path(args.keep or tempfile.mkdtemp(prefix="viz-settle-"))
    started = time.perf_counter()
    build([str(SEED)], str(folder / "store"))
    built = time.perf_counter()
    pages = write_graph_pages(open_store(str(folder / "store")), str(folder / "graph.html"), all_leaders=True)
    written = time.perf_counter()
    print(f"seed built in {built - started:.1f}s; {len(pages)} pages written in {written - built:.1f}s to {folder}")
    print(f"{'page':<28} {'nodes':>6} {'edges':>6} {'settled ms':>11} {'layout ms':>10} {'wall ms':>8}  requests")
    for r in measure(pages, args.chromium):
        name = Path(r["path"]).name
        print(f"{name:<28} {r['nodes']:>6} {r['edges']:>6} {r['settled']:>11.0f} {r['layout']:>10.0f} "
              f"{r['wall']:>8.0f}  {r['blocked']}{'  (static layout)' if r['static'] else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
