"""Coordination hubs: the units that most tasks route through.

Measures on the unit coordination graph (units linked by shared tasks):
degree (how many other units a unit works with), weighted degree (how many
unit–unit task links), betweenness (how often it lies on the shortest path
between two other units; unweighted, normalised) and the Louvain community.
Collectives (市直相关单位, 各镇政府 …) are not units: a shared "all relevant units"
would make them hubs of everything, so they are left out of the ranking by
default and flagged when asked for.
"""
from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kg.analyze.views import TaskView, unit_coordination_graph
from kg.analyze.workload import units_on_tasks

LOUVAIN_SEED = 7  # fixed: the same graph always gives the same communities


@dataclass(frozen=True)
class HubMeasure:
    iri: str
    name: str
    collective: bool
    degree: int
    weighted_degree: int
    betweenness: float
    community: int  # 1-based, communities numbered by size then by first member
    tasks_led: int
    tasks_cooperated: int
    leaders: tuple[str, ...]  # names of the leaders whose tasks it serves

    @property
    def is_bridge(self) -> bool:
        """Serves the portfolios of two or more leaders."""
        return len(self.leaders) >= 2


def communities(graph: nx.Graph) -> list[list[str]]:
    """Louvain communities with a fixed seed, largest first, members sorted."""
    if graph.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(graph, weight="weight", seed=LOUVAIN_SEED)
    groups = [sorted(c) for c in found]
    return sorted(groups, key=lambda members: (-len(members), members[0]))


def _ordered_copy(graph: nx.Graph) -> nx.Graph:
    """Louvain visits nodes in insertion order: rebuild the graph sorted so the
    result does not depend on how the caller built it."""
    ordered = nx.Graph()
    ordered.add_nodes_from(sorted(graph.nodes(data=True)))
    ordered.add_edges_from(sorted((min(a, b), max(a, b), d) for a, b, d in graph.edges(data=True)))
    return ordered


RANKINGS = {
    "degree": lambda h: (-h.degree, -h.weighted_degree, -h.betweenness, h.name, h.iri),
    "weighted": lambda h: (-h.weighted_degree, -h.degree, -h.betweenness, h.name, h.iri),
    "betweenness": lambda h: (-h.betweenness, -h.degree, -h.weighted_degree, h.name, h.iri),
}


def coordination_hubs(tasks: list[TaskView], include_collectives: bool = False,
                      rank_by: str = "degree") -> list[HubMeasure]:
    """Every unit of the coordination graph with its measures, best hub first:
    by ``rank_by`` (degree, weighted or betweenness), ties broken by the others, then name."""
    if rank_by not in RANKINGS:
        raise ValueError(f"rank_by must be one of {sorted(RANKINGS)}")
    graph = _ordered_copy(unit_coordination_graph(tasks, include_collectives=include_collectives))
    betweenness = nx.betweenness_centrality(graph, normalized=True) if graph.number_of_nodes() else {}
    community_of = {iri: i for i, members in enumerate(communities(graph), 1) for iri in members}
    involvement = {u.iri: u for u in units_on_tasks(tasks)}
    hubs = [HubMeasure(iri=iri, name=data["label"], collective=bool(data["collective"]),
                       degree=graph.degree(iri), weighted_degree=int(graph.degree(iri, weight="weight")),
                       betweenness=round(betweenness.get(iri, 0.0), 6), community=community_of.get(iri, 0),
                       tasks_led=involvement[iri].tasks_led, tasks_cooperated=involvement[iri].tasks_cooperated,
                       leaders=involvement[iri].leaders)
            for iri, data in graph.nodes(data=True)]
    return sorted(hubs, key=RANKINGS[rank_by])


def portfolio_bridges(hubs: list[HubMeasure]) -> list[HubMeasure]:
    """Units that serve two or more leaders, most leaders first."""
    return sorted((h for h in hubs if h.is_bridge), key=lambda h: (-len(h.leaders), h.name, h.iri))
