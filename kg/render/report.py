"""The workload report (``kg report workload``): an overview of every leader and
a page per deputy mayor, in Markdown, HTML and CSV, read from the store only.

Every task links to its evidence: in HTML a ``<details>`` with the quoted
source text, in Markdown a footnote with the quote. All text that comes from a
document is escaped (Jinja2 autoescape in HTML; ``<``/``>`` and table pipes in
Markdown). Output is deterministic: same store, same bytes.
"""
from __future__ import annotations

import base64
import csv
import html
import io
import os
import re
from dataclasses import dataclass, field
from urllib.parse import quote as url_quote

from jinja2 import DictLoader, Environment, StrictUndefined

from kg.analyze.hubs import HubMeasure, communities, coordination_hubs, portfolio_bridges
from kg.analyze.views import Evidence, TaskView, read_workload_data, unit_coordination_graph
from kg.analyze.workload import LeaderWorkload, UnitWorkload, find_leader, leader_workloads, unit_workloads
from kg.errors import GazetteError
from kg.query import display_width
from kg.render.charts import bar_chart_png
from kg.store import Store, atomic_write

FORMATS = ("md", "html", "csv")
TOP_HUBS = 10
ROLE_LABELS = {"mayor": "mayor", "executive-deputy": "executive deputy", "deputy": "deputy",
               "other-leader": "other leader"}


# --- the report's content ----------------------------------------------------

@dataclass
class LeaderPage:
    workload: LeaderWorkload
    slug: str
    category_chart: bytes = b""
    deadline_chart: bytes = b""


@dataclass
class WorkloadReport:
    sources: list[str]
    leaders: list[LeaderWorkload]
    units: list[UnitWorkload]
    hubs: list[HubMeasure]  # real units, best first
    collective_hubs: list[HubMeasure]  # collectives, measured in the graph that includes them
    communities: list[list[str]]  # unit names per community (real units)
    bridges: list[HubMeasure]
    task_count: int
    pages: list[LeaderPage] = field(default_factory=list)

    @property
    def isolated_units(self) -> int:
        return sum(1 for members in self.communities if len(members) == 1)

    def hub_rank(self, iri: str) -> int | None:
        for i, hub in enumerate(self.hubs, 1):
            if hub.iri == iri:
                return i
        return None

    def hub(self, iri: str) -> HubMeasure | None:
        return next((h for h in self.hubs + self.collective_hubs if h.iri == iri), None)

    def page_of(self, leader_iri: str) -> LeaderPage | None:
        return next((p for p in self.pages if p.workload.iri == leader_iri), None)


def page_slug(name: str) -> str:
    """A file-name-safe form of a person's name (Chinese kept)."""
    return re.sub(r"[\s/\\:*?\"<>|#%~]+", "_", name).strip("_") or "leader"


def build_workload_report(store: Store, leader: str | None = None) -> WorkloadReport:
    """Read the store and compute everything the report shows. Pages go to every
    deputy mayor, or only to ``leader`` (a name) when given."""
    data = read_workload_data(store)
    if not data.sources:
        raise GazetteError(f"{store.spec}: the store holds no gazette; run `kg build FILE --store {store.spec}` first")
    leaders = leader_workloads(data)
    hubs = coordination_hubs(data.tasks)
    with_collectives = coordination_hubs(data.tasks, include_collectives=True)
    graph = unit_coordination_graph(data.tasks, include_collectives=False)
    labels = dict(graph.nodes(data="label"))
    report = WorkloadReport(
        sources=data.sources, leaders=leaders, units=unit_workloads(data), hubs=hubs,
        collective_hubs=[h for h in with_collectives if h.collective],
        communities=[[labels[iri] for iri in members] for members in communities(graph)],
        bridges=portfolio_bridges(hubs), task_count=len(data.tasks))
    if leader is not None:
        chosen = find_leader(leaders, leader)
        if chosen is None:
            known = "、".join(w.name for w in leaders) or "none"
            raise GazetteError(f"no leader named {leader!r} in {store.spec}; leaders: {known}")
        selected = [chosen]
    else:
        selected = [w for w in leaders if w.is_deputy]
    for w in selected:
        page = LeaderPage(w, page_slug(w.name))
        if w.tasks:
            page.category_chart = bar_chart_png(w.by_category, f"{w.name}: tasks by category")
            if w.by_month:
                page.deadline_chart = bar_chart_png(w.by_month, f"{w.name}: deadlines by month", horizontal=False)
        report.pages.append(page)
    return report


# --- shared formatting -------------------------------------------------------

def role_label(w: LeaderWorkload) -> str:
    return ROLE_LABELS.get(w.role, w.role) if w.role else "—"


def page_heading(w: LeaderWorkload) -> str:
    if w.leadership and w.leadership.title:
        return f"{w.name} — {w.leadership.title}"
    return f"{w.name} — {role_label(w)}" if w.role else w.name


def share_text(value) -> str:
    return f"{float(value):.2f}"


def evidence_place(ev: Evidence) -> str:
    doc = f"{ev.doc_no}《{ev.doc_title}》" if ev.doc_title else ev.doc_no
    return f"{doc}, {ev.source} characters {ev.start}–{ev.end}"


def task_label(task: TaskView) -> str:
    return f"{task.doc_no} #{task.ref}" if task.ref else task.doc_no


def names(agents) -> str:
    return "、".join(a.name for a in agents)


def text_table(headers: list[str], rows: list[list], right: set[int] = frozenset()) -> str:
    """A plain-text table aligned by display width (Chinese counts double)."""
    cells = [[str(c) for c in headers]] + [[str(c) for c in row] for row in rows]
    widths = [max(display_width(r[i]) for r in cells) for i in range(len(headers))]

    def line(row):
        parts = []
        for i, cell in enumerate(row):
            pad = " " * (widths[i] - display_width(cell))
            parts.append(pad + cell if i in right else cell + pad)
        return "  ".join(parts).rstrip()

    out = [line(cells[0]), "  ".join("-" * w for w in widths)]
    out += [line(r) for r in cells[1:]]
    return "\n".join(out)


# --- Markdown ------------------------------------------------------------------

def md_text(text: str) -> str:
    """Document text made safe for a Markdown table cell."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    return text.replace("|", "\\|").replace("[", "\\[").replace("]", "\\]")


def md_table(headers: list[str], rows: list[list]) -> list[str]:
    out = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def _md_overview(report: WorkloadReport) -> str:
    lines = ["# Workload of leaders", "",
             f"Gazettes: {md_text('、'.join(report.sources))}. Tasks in the graph: {report.task_count}.", "",
             "Title evidence: *printed* where the gazette prints the leader's title, *inferred* where the "
             "resolve stage deduced it (e.g. from attending the executive meeting and leading tasks), "
             "*unknown* for people who lead tasks but hold no recorded leadership role.", "",
             "## Leaders", ""]
    notes = []
    rows = []
    for w in report.leaders:
        page = report.page_of(w.iri)
        name = f"[{md_text(w.name)}]({url_quote(page.slug)}.md)" if page else md_text(w.name)
        evidence = w.title_evidence
        if w.leadership and w.leadership.quotes:
            notes.append(w.leadership.quotes[0])
            evidence += f" [^t{len(notes)}]"
        rows.append([name, role_label(w), md_text(w.leadership.title or "") if w.leadership else "", evidence,
                     len(w.tasks), w.alone, w.shared, share_text(w.weighted_share), w.lead_unit_count,
                     w.coop_unit_count, len(w.groups_chaired), len(w.meetings_attended)])
    lines += md_table(["Leader", "Role", "Title", "Title evidence", "Tasks", "Alone", "Shared", "Weighted share",
                       "Lead units", "Coop units", "Groups chaired", "Meetings"], rows)
    lines += ["", "## Coordination hubs", "",
              "Units linked by shared tasks; degree = partner units, weighted = shared task links, "
              "betweenness normalised. Collectives are listed apart.", ""]
    lines += md_table(["#", "Unit", "Degree", "Weighted", "Betweenness", "Community", "Led", "Cooperated", "Leaders"],
                      [[i, md_text(h.name), h.degree, h.weighted_degree, f"{h.betweenness:.3f}", h.community,
                        h.tasks_led, h.tasks_cooperated, len(h.leaders)] for i, h in enumerate(report.hubs[:TOP_HUBS], 1)])
    if report.collective_hubs:
        lines += ["", "Collectives (not ranked):", ""]
        lines += md_table(["Collective", "Degree", "Weighted", "Led", "Cooperated"],
                          [[md_text(h.name), h.degree, h.weighted_degree, h.tasks_led, h.tasks_cooperated]
                           for h in report.collective_hubs])
    lines += ["", "## Communities of units", "", "Louvain communities of the coordination graph (units that "
              f"share no task with another unit are left out: {report.isolated_units}).", ""]
    lines += [f"{i}. {md_text('、'.join(members))}" for i, members in enumerate(report.communities, 1)
              if len(members) > 1] or ["(none)"]
    lines += ["", "## Bridges between leaders' portfolios", "", "Units serving two or more leaders.", ""]
    lines += md_table(["Unit", "Leaders", "Count"],
                      [[md_text(h.name), md_text("、".join(h.leaders)), len(h.leaders)] for h in report.bridges])
    lines += ["", "## Units", ""]
    lines += md_table(["Unit", "Collective", "Tasks led", "Tasks cooperated", "Leaders"],
                      [[md_text(u.name), "yes" if u.collective else "", u.tasks_led, u.tasks_cooperated,
                        md_text("、".join(u.leaders))] for u in report.units])
    if notes:
        lines.append("")
        lines += [f"[^t{i}]: {md_text(evidence_place(ev))}: “{md_text(ev.quote)}”" for i, ev in enumerate(notes, 1)]
    return "\n".join(lines) + "\n"


def _md_page(report: WorkloadReport, page: LeaderPage) -> str:
    w = page.workload
    lines = [f"# {md_text(page_heading(w))}", "", "[Back to the overview](workload.md)", ""]
    if w.leadership and w.leadership.quotes:
        ev = w.leadership.quotes[0]
        lines += [f"Title {w.title_evidence}: {md_text(evidence_place(ev))}", "", f"> {md_text(ev.quote)}", ""]
    lines += [f"- Tasks led: {len(w.tasks)} ({w.alone} alone, {w.shared} shared); weighted share "
              f"{share_text(w.weighted_share)}",
              f"- Units relied on: {w.lead_unit_count} leading, {w.coop_unit_count} cooperating",
              f"- Groups chaired: {md_text('；'.join(f'{g}（{r}）' for g, r in w.groups_chaired)) or 'none'}",
              f"- Meetings attended: {len(w.meetings_attended)}"
              + (f" ({md_text('、'.join(w.meetings_attended))})" if w.meetings_attended else ""),
              f"- Co-leaders: {md_text('、'.join(f'{n} ({c})' for n, c in w.co_leaders)) or 'none'}",
              f"- Betweenness among co-leaders: {w.co_leadership_betweenness:.3f}", ""]
    if page.category_chart:
        lines += [f"![Tasks by category](charts/{url_quote(page.slug)}-categories.png)", ""]
    if page.deadline_chart:
        lines += [f"![Deadlines by month](charts/{url_quote(page.slug)}-deadlines.png)", ""]
    lines += _md_hub_position(report, w)
    lines += ["## Tasks", ""]
    rows, notes = [], []
    for i, t in enumerate(w.tasks, 1):
        note = ""
        if t.evidence:
            notes.append(t.evidence)
            note = f" [^e{len(notes)}]"
        co = [a for a in t.leaders if a.iri != w.iri]
        rows.append([i, md_text(task_label(t)), md_text(t.text) + note, md_text(names(t.lead_units)),
                     md_text(names(t.coop_units)), t.deadline or "", md_text(names(co))])
    lines += md_table(["#", "Document", "Task", "Lead units", "Cooperating units", "Deadline", "Co-leaders"], rows)
    if notes:
        lines.append("")
        lines += [f"[^e{i}]: {md_text(evidence_place(ev))}: “{md_text(ev.quote)}”" for i, ev in enumerate(notes, 1)]
    return "\n".join(lines) + "\n"


def _md_hub_position(report: WorkloadReport, w: LeaderWorkload) -> list[str]:
    top = {h.iri for h in report.hubs[:TOP_HUBS]}
    served = [u.name for u in w.units if u.iri in top]
    lines = ["## Units relied on and their place among hubs", "",
             f"{len(served)} of the top {min(TOP_HUBS, len(report.hubs))} hubs work on this leader's tasks"
             + (f": {md_text('、'.join(served))}." if served else "."), ""]
    rows = []
    for u in w.units:
        hub = report.hub(u.iri)
        rank = report.hub_rank(u.iri)
        rows.append([md_text(u.name) + (" (collective)" if u.collective else ""), u.as_lead, u.as_coop,
                     f"{rank}/{len(report.hubs)}" if rank else "—", hub.degree if hub else "",
                     hub.community if hub and not hub.collective else "", len(hub.leaders) if hub else ""])
    lines += md_table(["Unit", "As lead", "As cooperating", "Hub rank", "Degree", "Community", "Leaders served"], rows)
    return lines + [""]


def render_markdown(report: WorkloadReport, overview: bool = True) -> dict[str, bytes]:
    files = {}
    if overview:
        files["workload.md"] = _md_overview(report).encode("utf-8")
    for page in report.pages:
        files[f"{page.slug}.md"] = _md_page(report, page).encode("utf-8")
        if page.category_chart:
            files[f"charts/{page.slug}-categories.png"] = page.category_chart
        if page.deadline_chart:
            files[f"charts/{page.slug}-deadlines.png"] = page.deadline_chart
    return files


# --- HTML --------------------------------------------------------------------

_BASE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<title>{{ title }}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; margin: 2em; color: #222; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #f0f3f7; }
td.n { text-align: right; }
details summary { cursor: pointer; color: #3b6ea5; }
blockquote { margin: 0.3em 0; padding-left: 0.6em; border-left: 3px solid #ccc; white-space: pre-wrap; }
.muted { color: #777; }
</style>
</head>
<body>
{% block body %}{% endblock %}
</body>
</html>
"""

_EVIDENCE = """{% macro evidence(ev, label) -%}
{% if ev %}<details><summary>{{ label }}</summary><blockquote>{{ ev.quote }}</blockquote>
<div class="muted">{{ place(ev) }}</div></details>{% else %}<span class="muted">no evidence</span>{% endif %}
{%- endmacro %}"""

_OVERVIEW = """{% extends "base.html" %}{% from "evidence.html" import evidence %}
{% block body %}
<h1>Workload of leaders</h1>
<p>Gazettes: {{ report.sources | join("、") }}. Tasks in the graph: {{ report.task_count }}.</p>
<p class="muted">Title evidence: <em>printed</em> where the gazette prints the leader's title, <em>inferred</em>
where the resolve stage deduced it (e.g. from attending the executive meeting and leading tasks), <em>unknown</em>
for people who lead tasks but hold no recorded leadership role.</p>
<h2>Leaders</h2>
<table>
<tr><th>Leader</th><th>Role</th><th>Title</th><th>Title evidence</th><th>Tasks</th><th>Alone</th><th>Shared</th>
<th>Weighted share</th><th>Lead units</th><th>Coop units</th><th>Groups chaired</th><th>Meetings</th></tr>
{% for w in report.leaders %}{% set page = report.page_of(w.iri) %}
<tr><td>{% if page %}<a href="{{ page.slug | urlencode }}.html">{{ w.name }}</a>{% else %}{{ w.name }}{% endif %}</td>
<td>{{ role_label(w) }}</td><td>{{ w.leadership.title if w.leadership and w.leadership.title else "" }}</td>
<td>{% if w.leadership and w.leadership.quotes %}{{ evidence(w.leadership.quotes[0], w.title_evidence) }}{% else %}{{ w.title_evidence }}{% endif %}</td>
<td class="n">{{ w.tasks | length }}</td><td class="n">{{ w.alone }}</td><td class="n">{{ w.shared }}</td>
<td class="n">{{ share(w.weighted_share) }}</td><td class="n">{{ w.lead_unit_count }}</td><td class="n">{{ w.coop_unit_count }}</td>
<td class="n">{{ w.groups_chaired | length }}</td><td class="n">{{ w.meetings_attended | length }}</td></tr>
{% endfor %}
</table>
<h2>Coordination hubs</h2>
<p class="muted">Units linked by shared tasks; degree = partner units, weighted = shared task links, betweenness normalised.
Collectives are listed apart.</p>
<table>
<tr><th>#</th><th>Unit</th><th>Degree</th><th>Weighted</th><th>Betweenness</th><th>Community</th><th>Led</th><th>Cooperated</th><th>Leaders</th></tr>
{% for h in report.hubs[:top] %}
<tr><td class="n">{{ loop.index }}</td><td>{{ h.name }}</td><td class="n">{{ h.degree }}</td><td class="n">{{ h.weighted_degree }}</td>
<td class="n">{{ "%.3f" | format(h.betweenness) }}</td><td class="n">{{ h.community }}</td><td class="n">{{ h.tasks_led }}</td>
<td class="n">{{ h.tasks_cooperated }}</td><td class="n">{{ h.leaders | length }}</td></tr>
{% endfor %}
</table>
{% if report.collective_hubs %}
<p>Collectives (not ranked):</p>
<table><tr><th>Collective</th><th>Degree</th><th>Weighted</th><th>Led</th><th>Cooperated</th></tr>
{% for h in report.collective_hubs %}<tr><td>{{ h.name }}</td><td class="n">{{ h.degree }}</td><td class="n">{{ h.weighted_degree }}</td>
<td class="n">{{ h.tasks_led }}</td><td class="n">{{ h.tasks_cooperated }}</td></tr>
{% endfor %}</table>
{% endif %}
<h2>Communities of units</h2>
<p class="muted">Louvain communities of the coordination graph (units that share no task with another unit are left
out: {{ report.isolated_units }}).</p>
<ol>{% for members in report.communities if members | length > 1 %}<li>{{ members | join("、") }}</li>{% else %}<li>(none)</li>{% endfor %}</ol>
<h2>Bridges between leaders' portfolios</h2>
<p class="muted">Units serving two or more leaders.</p>
<table><tr><th>Unit</th><th>Leaders</th><th>Count</th></tr>
{% for h in report.bridges %}<tr><td>{{ h.name }}</td><td>{{ h.leaders | join("、") }}</td><td class="n">{{ h.leaders | length }}</td></tr>
{% endfor %}</table>
<h2>Units</h2>
<table><tr><th>Unit</th><th>Collective</th><th>Tasks led</th><th>Tasks cooperated</th><th>Leaders</th></tr>
{% for u in report.units %}<tr><td>{{ u.name }}</td><td>{{ "yes" if u.collective else "" }}</td><td class="n">{{ u.tasks_led }}</td>
<td class="n">{{ u.tasks_cooperated }}</td><td>{{ u.leaders | join("、") }}</td></tr>
{% endfor %}</table>
{% endblock %}
"""

_PAGE = """{% extends "base.html" %}{% from "evidence.html" import evidence %}
{% block body %}{% set w = page.workload %}
<p><a href="workload.html">Back to the overview</a></p>
<h1>{{ heading(w) }}</h1>
{% if w.leadership and w.leadership.quotes %}<p>Title {{ w.title_evidence }}:</p>{{ evidence(w.leadership.quotes[0], place(w.leadership.quotes[0])) }}{% endif %}
<ul>
<li>Tasks led: {{ w.tasks | length }} ({{ w.alone }} alone, {{ w.shared }} shared); weighted share {{ share(w.weighted_share) }}</li>
<li>Units relied on: {{ w.lead_unit_count }} leading, {{ w.coop_unit_count }} cooperating</li>
<li>Groups chaired: {% for g, r in w.groups_chaired %}{{ g }}（{{ r }}）{% if not loop.last %}；{% endif %}{% else %}none{% endfor %}</li>
<li>Meetings attended: {{ w.meetings_attended | length }}{% if w.meetings_attended %} ({{ w.meetings_attended | join("、") }}){% endif %}</li>
<li>Co-leaders: {% for n, c in w.co_leaders %}{{ n }} ({{ c }}){% if not loop.last %}、{% endif %}{% else %}none{% endfor %}</li>
<li>Betweenness among co-leaders: {{ "%.3f" | format(w.co_leadership_betweenness) }}</li>
</ul>
{% if page.category_chart %}<img alt="Tasks by category" src="data:image/png;base64,{{ png(page.category_chart) }}">{% endif %}
{% if page.deadline_chart %}<img alt="Deadlines by month" src="data:image/png;base64,{{ png(page.deadline_chart) }}">{% endif %}
{% if w.without_deadline %}<p class="muted">{{ w.without_deadline }} tasks name no deadline.</p>{% endif %}
<h2>Units relied on and their place among hubs</h2>
{% set served = hubs_served(w) %}
<p>{{ served | length }} of the top {{ [top, report.hubs | length] | min }} hubs work on this leader's tasks{% if served %}: {{ served | join("、") }}{% endif %}.</p>
<table><tr><th>Unit</th><th>As lead</th><th>As cooperating</th><th>Hub rank</th><th>Degree</th><th>Community</th><th>Leaders served</th></tr>
{% for u in w.units %}{% set hub = report.hub(u.iri) %}{% set rank = report.hub_rank(u.iri) %}
<tr><td>{{ u.name }}{% if u.collective %} <span class="muted">(collective)</span>{% endif %}</td><td class="n">{{ u.as_lead }}</td>
<td class="n">{{ u.as_coop }}</td><td class="n">{{ "%d/%d" | format(rank, report.hubs | length) if rank else "—" }}</td>
<td class="n">{{ hub.degree if hub else "" }}</td><td class="n">{{ hub.community if hub and not hub.collective else "" }}</td>
<td class="n">{{ hub.leaders | length if hub else "" }}</td></tr>
{% endfor %}</table>
<h2>Tasks</h2>
<table><tr><th>#</th><th>Task</th><th>Lead units</th><th>Cooperating units</th><th>Deadline</th><th>Co-leaders</th><th>Evidence</th></tr>
{% for t in w.tasks %}
<tr><td class="n">{{ loop.index }}</td><td>{{ t.text }}</td><td>{{ names(t.lead_units) }}</td><td>{{ names(t.coop_units) }}</td>
<td>{{ t.deadline or "" }}</td><td>{{ names(co_leaders(t, w)) }}</td><td>{{ evidence(t.evidence, task_label(t)) }}</td></tr>
{% endfor %}</table>
{% endblock %}
"""


def _environment(report: WorkloadReport) -> Environment:
    env = Environment(loader=DictLoader({"base.html": _BASE, "evidence.html": _EVIDENCE, "overview.html": _OVERVIEW,
                                         "page.html": _PAGE}),
                      autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    top = {h.iri for h in report.hubs[:TOP_HUBS]}
    env.globals.update(
        role_label=role_label, heading=page_heading, share=share_text, place=evidence_place, names=names, task_label=task_label,
        png=lambda data: base64.b64encode(data).decode("ascii"), top=TOP_HUBS,
        co_leaders=lambda t, w: [a for a in t.leaders if a.iri != w.iri],
        hubs_served=lambda w: [u.name for u in w.units if u.iri in top])
    return env


def render_html(report: WorkloadReport, overview: bool = True) -> dict[str, bytes]:
    env = _environment(report)
    files = {}
    if overview:
        files["workload.html"] = env.get_template("overview.html").render(
            report=report, title="Workload of leaders").encode("utf-8")
    for page in report.pages:
        files[f"{page.slug}.html"] = env.get_template("page.html").render(
            report=report, page=page, title=f"{page.workload.name}: workload").encode("utf-8")
    return files


# --- CSV ---------------------------------------------------------------------

def _csv(rows: list[list]) -> bytes:
    """UTF-8 with a BOM so that Excel reads Chinese correctly; CRLF as RFC 4180 asks."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _task_rows(leaders: list[LeaderWorkload]) -> list[list]:
    rows = [["leader", "source", "document", "ref", "task", "category", "lead_units", "coop_units", "co_leaders",
             "deadline", "evidence_start", "evidence_end", "evidence_quote"]]
    for w in leaders:
        for t in w.tasks:
            ev = t.evidence
            rows.append([w.name, t.source, t.doc_no, t.ref or "", t.text, " / ".join(t.category), names(t.lead_units),
                         names(t.coop_units), names(a for a in t.leaders if a.iri != w.iri), t.deadline or "",
                         ev.start if ev else "", ev.end if ev else "", ev.quote if ev else ""])
    return rows


def render_csv(report: WorkloadReport, overview: bool = True) -> dict[str, bytes]:
    files = {}
    if overview:
        files["workload.csv"] = _csv(
            [["leader", "role", "title", "title_evidence", "tasks", "alone", "shared", "weighted_share", "lead_units",
              "coop_units", "groups_chaired", "meetings_attended", "top_categories"]]
            + [[w.name, w.role or "", (w.leadership.title or "") if w.leadership else "", w.title_evidence,
                len(w.tasks), w.alone, w.shared, share_text(w.weighted_share), w.lead_unit_count, w.coop_unit_count,
                len(w.groups_chaired), len(w.meetings_attended),
                "; ".join(f"{c} {n}" for c, n in w.by_category)] for w in report.leaders])
        files["workload-tasks.csv"] = _csv(_task_rows(report.leaders))
        files["units.csv"] = _csv(
            [["unit", "collective", "tasks_led", "tasks_cooperated", "leaders"]]
            + [[u.name, "yes" if u.collective else "", u.tasks_led, u.tasks_cooperated, "、".join(u.leaders)]
               for u in report.units])
        files["hubs.csv"] = _csv(
            [["rank", "unit", "collective", "degree", "weighted_degree", "betweenness", "community", "tasks_led",
              "tasks_cooperated", "leaders"]]
            + [[i if not h.collective else "", h.name, "yes" if h.collective else "", h.degree, h.weighted_degree,
                f"{h.betweenness:.6f}", h.community if not h.collective else "", h.tasks_led, h.tasks_cooperated,
                "、".join(h.leaders)]
               for i, h in list(enumerate(report.hubs, 1)) + [(0, h) for h in report.collective_hubs]])
    else:
        for page in report.pages:
            files[f"{page.slug}-tasks.csv"] = _csv(_task_rows([page.workload]))
    return files


RENDERERS = {"md": render_markdown, "html": render_html, "csv": render_csv}


# --- writing -----------------------------------------------------------------

def write_workload_report(store: Store, output_dir: str, formats=FORMATS, leader: str | None = None) -> list[str]:
    """Write the report in each format to ``output_dir``; returns the paths written.
    With ``leader``, only that leader's page."""
    unknown = [f for f in formats if f not in RENDERERS]
    if unknown:
        raise GazetteError(f"unknown report format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    report = build_workload_report(store, leader)
    written = []
    for fmt in formats:
        for name, data in sorted(RENDERERS[fmt](report, overview=leader is None).items()):
            path = os.path.join(output_dir, *name.split("/"))
            atomic_write(path, data)
            written.append(path)
    return written


def write_products(store: Store, output_dir: str) -> list[str]:
    """Called by ``kg run``: the workload report in md, html and csv under output_dir/report/."""
    return write_workload_report(store, os.path.join(output_dir, "report"))


def hubs_table(store: Store, top: int = 10, include_collectives: bool = False, rank_by: str = "degree") -> str:
    """The top coordination hubs as an aligned text table (``kg analyze hubs``)."""
    data = read_workload_data(store)
    if not data.sources:
        raise GazetteError(f"{store.spec}: the store holds no gazette; run `kg build FILE --store {store.spec}` first")
    hubs = coordination_hubs(data.tasks, include_collectives=include_collectives, rank_by=rank_by)
    if not hubs:
        return "no units on any task in the graph"
    rows = [[i, h.name + (" *" if h.collective else ""), h.degree, h.weighted_degree, f"{h.betweenness:.3f}",
             h.community, h.tasks_led, h.tasks_cooperated, len(h.leaders)]
            for i, h in enumerate(hubs[:top], 1)]
    table = text_table(["#", "unit", "degree", "weighted", "betweenness", "community", "led", "cooperated",
                        "leaders"], rows, right={0, 2, 3, 4, 5, 6, 7, 8})
    note = f"\n{len(hubs)} units ranked by {rank_by}"
    if include_collectives:
        note += "; * marks a collective (市直相关单位 …), not a single unit"
    return table + note
