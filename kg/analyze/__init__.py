"""Analyses that read the RDF store only (never the extractors): who leads what,
which units work together, where coordination concentrates.

``kg.analyze.views`` reads the store with SPARQL into plain records and builds
networkx graphs; ``kg.analyze.workload`` measures leaders and units;
``kg.analyze.hubs`` ranks units of the coordination graph.
"""
from kg.analyze.hubs import HubMeasure, coordination_hubs
from kg.analyze.views import WorkloadData, read_workload_data
from kg.analyze.workload import LeaderWorkload, UnitWorkload, leader_workloads, unit_workloads

__all__ = ["read_workload_data", "WorkloadData", "leader_workloads", "unit_workloads", "LeaderWorkload",
           "UnitWorkload", "coordination_hubs", "HubMeasure"]
