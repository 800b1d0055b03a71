"""The graph page in a real browser (Debian's Chromium, headless, through
Playwright): it loads offline with no console error and no request besides the
page itself, draws every node and edge of its view, finds a node by search, and
shows gazette text containing markup as text."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.render import viz
from kg.store import open_store
from tests.test_viz import PAYLOAD, build_hostile_store

REPO = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"the browser tests need Chromium at {CHROMIUM}"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class WatchedPage:
    """A page opened from a file with every other request refused and recorded,
    console errors, page errors and dialogs collected."""

    def __init__(self, browser, path: Path):
        self.url = path.resolve().as_uri()
        self.foreign_requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.route("**/*", self._route)
        self.page.on("request", self._request)
        self.page.on("websocket", lambda ws: self.foreign_requests.append(ws.url))
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda err: self.errors.append(f"page error: {err}"))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.page.wait_for_function("() => window.__settledMs !== null && window.__settledMs !== undefined",
                                    timeout=60_000)

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            self.foreign_requests.append(route.request.url)
            route.abort()

    def _request(self, request):
        if request.url != self.url and not request.url.startswith("data:") and request.url not in self.foreign_requests:
            self.foreign_requests.append(request.url)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def evaluate(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def node_id(self, iri: str) -> str:
        return self.evaluate("(iri) => gazetteGraph.data.nodes.find(n => n.iri === iri).id", iri)

    def assert_clean(self) -> None:
        assert self.foreign_requests == [], "the page must not reach the network"
        assert self.errors == []
        assert self.dialogs == []

    def shown_counts(self) -> tuple[int, int]:
        return tuple(self.evaluate("""() => [gazetteGraph.nodes.get({filter: n => !n.hidden}).length,
                                             gazetteGraph.edges.get({filter: e => !e.hidden}).length]"""))


def screenshot(watched: WatchedPage, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    watched.page.screenshot(path=str(path))
    assert path.stat().st_size > 10_000
    if (REPO / "output").is_dir():  # git-ignored; handy to look at
        shutil.copyfile(path, REPO / "output" / name)
    return path


@pytest.fixture(scope="module")
def sample_pages(sample_store, tmp_path_factory):
    folder = tmp_path_factory.mktemp("viz-pages")
    graph = viz.read_store_graph(sample_store)
    return graph, [Path(p) for p in viz.write_products(sample_store, str(folder))]


def test_whole_page_loads_offline_and_draws_the_whole_view(browser, sample_pages, tmp_path):
    graph, paths = sample_pages
    view = viz.whole_view(graph)
    watched = WatchedPage(browser, paths[0])
    counts = watched.evaluate("""() => ({data: [gazetteGraph.nodes.length, gazetteGraph.edges.length],
        drawn: [Object.keys(gazetteGraph.network.body.nodes).length,
                Object.keys(gazetteGraph.network.body.edges).length],
        network: [gazetteGraph.network.body.data.nodes.length, gazetteGraph.network.body.data.edges.length]})""")
    assert counts["data"] == counts["network"] == counts["drawn"] == [len(view.nodes), len(view.edges)]
    assert watched.shown_counts() == (len(view.nodes), len(view.edges))
    status = watched.page.text_content("#status")
    assert status == f"{len(view.nodes)} nodes, {len(view.edges)} edges shown"
    assert watched.page.text_content("h1") == view.heading
    assert watched.evaluate("() => gazetteGraph.network.physics.physicsEnabled") is False, "calm after settling"
    screenshot(watched, tmp_path, "viz-screenshot.png")
    watched.assert_clean()


def test_every_deputy_page_loads_offline_with_their_view(browser, sample_pages):
    graph, paths = sample_pages
    deputies = graph.deputies()
    assert len(paths) == 1 + len(deputies) > 1
    for path, deputy in zip(paths[1:], deputies):
        view = viz.leader_view(graph, deputy)
        watched = WatchedPage(browser, path)
        assert watched.shown_counts() == (len(view.nodes), len(view.edges)), path.name
        assert watched.evaluate("() => gazetteGraph.network.getSelectedNodes()") == [watched.node_id(deputy)]
        watched.assert_clean()
        watched.page.close()


def test_search_finds_and_focuses_a_node(browser, sample_pages):
    graph, paths = sample_pages
    watched = WatchedPage(browser, paths[0])
    deputy = graph.deputies()[0]
    watched.page.fill("#search", graph.name(deputy))
    watched.page.press("#search", "Enter")
    assert watched.evaluate("() => gazetteGraph.network.getSelectedNodes()") == [watched.node_id(deputy)]
    assert watched.evaluate("() => gazetteGraph.network.getScale()") == pytest.approx(1.2)
    assert watched.page.text_content("#details").startswith(graph.name(deputy))
    assert watched.page.text_content("#status").startswith("1 of ")

    # another printed form of a unit finds the unit
    unit = next(n for n in viz.whole_view(graph).nodes if n.kind == "unit" and n.aliases)
    watched.page.fill("#search", unit.aliases[0])
    watched.page.click("#search-next")
    selected = watched.evaluate("() => gazetteGraph.network.getSelectedNodes()")
    matches = [n.iri for n in graph.nodes.values() if unit.aliases[0] in " ".join((n.name, n.label, *n.aliases))]
    assert selected and watched.evaluate("(id) => gazetteGraph.data.nodes.find(n => n.id === id).iri",
                                         selected[0]) in matches

    watched.page.fill("#search", "没有这个名字的节点")
    watched.page.press("#search", "Enter")
    assert watched.page.text_content("#status").startswith("no shown node matches")
    watched.assert_clean()


def test_class_and_leader_filters_hide_the_rest(browser, sample_pages):
    graph, paths = sample_pages
    view = viz.whole_view(graph)
    watched = WatchedPage(browser, paths[0])
    watched.page.uncheck('#kind-filter input[data-kind="task"]')
    tasks = {n.iri for n in view.nodes if n.kind == "task"}
    expected_edges = sum(1 for e in view.edges if e.source not in tasks and e.target not in tasks)
    assert watched.shown_counts() == (len(view.nodes) - len(tasks), expected_edges)
    watched.page.check('#kind-filter input[data-kind="task"]')
    assert watched.shown_counts() == (len(view.nodes), len(view.edges))

    deputy = graph.deputies()[0]
    menu_value = watched.evaluate("(id) => gazetteGraph.data.leaders.find(l => l.node === id).id",
                                  watched.node_id(deputy))
    watched.page.select_option("#leader-filter", menu_value)
    scope = set(view.leader_scopes[deputy])
    inside = sum(1 for e in view.edges if e.source in scope and e.target in scope)
    assert watched.shown_counts() == (len(scope), inside)
    watched.assert_clean()


def test_markup_in_labels_never_runs_or_becomes_elements(browser, tmp_path):
    store = open_store(build_hostile_store(tmp_path))
    graph = viz.read_store_graph(store)
    hostile = viz.find_person(graph, PAYLOAD)
    paths = viz.write_graph_pages(store, str(tmp_path / "pages" / "graph.html"), all_leaders=True)
    person_page = tmp_path / "pages" / "person.html"
    viz.write_graph_pages(store, str(person_page), view="person", focus=PAYLOAD)
    hostile_page = tmp_path / "pages" / "graph-img_src=x_onerror=alert(1).html"
    assert str(hostile_page) in paths  # the hostile "deputy" has a page, under a harmless file name
    for path in (Path(paths[0]), hostile_page, person_page):
        watched = WatchedPage(browser, path)
        node = watched.node_id(hostile)
        assert watched.evaluate("(id) => gazetteGraph.nodes.get(id).label", node) == PAYLOAD

        # hover: vis-network's tooltip shows the name as text
        point = watched.evaluate("""(id) => { const net = gazetteGraph.network;
            const p = net.canvasToDOM(net.getPosition(id));
            const box = document.getElementById("graph").getBoundingClientRect();
            return [box.left + p.x, box.top + p.y]; }""", node)
        watched.page.mouse.move(point[0] - 30, point[1] - 30)
        watched.page.mouse.move(*point, steps=5)
        watched.page.wait_for_function("""() => { const t = document.querySelector("div.vis-tooltip");
            return t && t.style.visibility !== "hidden" && t.textContent.length > 0; }""", timeout=10_000)
        tooltip = watched.evaluate("() => document.querySelector('div.vis-tooltip').textContent")
        assert PAYLOAD in tooltip
        watched.page.mouse.click(*point)
        assert watched.page.text_content("#details").startswith(PAYLOAD)

        watched.page.fill("#search", PAYLOAD)
        watched.page.press("#search", "Enter")
        assert watched.evaluate("() => gazetteGraph.network.getSelectedNodes()") == [node]

        assert watched.evaluate("() => document.querySelectorAll('img, script[src], iframe').length") == 0
        heading = watched.page.text_content("h1")
        if path.name != "graph.html":
            assert PAYLOAD in heading  # the name is shown, literally
        assert "云溪<b>公报.txt" in watched.page.text_content(".subtitle")
        assert watched.evaluate("() => document.querySelectorAll('header b').length") == 0
        watched.page.wait_for_timeout(200)  # give a would-be onerror handler its chance
        watched.assert_clean()
        screenshot(watched, tmp_path, f"hostile-{path.stem}.png")
        watched.page.close()


def test_large_graph_page_starts_still_at_the_python_layout(browser, sample_store, tmp_path):
    view = viz.whole_view(viz.read_store_graph(sample_store))
    path = tmp_path / "static.html"
    path.write_text(viz.render_page(view, static_above=50), encoding="utf-8")
    watched = WatchedPage(browser, path)
    assert watched.evaluate("() => gazetteGraph.network.physics.physicsEnabled") is False
    first = watched.evaluate("() => gazetteGraph.data.nodes[0]")
    assert watched.evaluate("(id) => gazetteGraph.network.getPosition(id)", first["id"]) == \
        {"x": first["x"], "y": first["y"]}
    assert watched.shown_counts() == (len(view.nodes), len(view.edges))
    watched.assert_clean()
