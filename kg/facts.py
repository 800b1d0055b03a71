"""Read the `gazette-facts/1` JSON back from the RDF store with SPARQL.

Nothing here looks at the extractors' memory: what the graph holds is what
the facts file says.
"""
from __future__ import annotations

import json
from collections import defaultdict

from kg.graph.vocab import GZ
from kg.store import Store

SCHEMA = "gazette-facts/1"
ROLE_KEYS = {str(GZ.LeadLeader): "lead_leaders", str(GZ.LeadUnit): "lead_units",
             str(GZ.CooperatingUnit): "coop_units", str(GZ.Responsible): "responsible"}


def gazette_sources(store: Store) -> list[str]:
    rows = store.select("SELECT DISTINCT ?file WHERE { ?g a gz:Gazette ; gz:sourceFile ?file }")
    return sorted(r["file"] for r in rows)


def _lit(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _number(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def facts_for_source(store: Store, source: str) -> dict:
    """The facts of one gazette (by its file name) as a gazette-facts/1 dict."""
    scope = f"?doc dcterms:isPartOf ?gaz . ?gaz gz:sourceFile {_lit(source)} ."
    docs = store.select(f"""
        SELECT ?doc ?no ?title ?issuer ?date ?start WHERE {{ {scope}
          ?doc dcterms:identifier ?no ; dcterms:title ?title ; gz:start ?start .
          OPTIONAL {{ ?doc gz:issuerName ?issuer }} OPTIONAL {{ ?doc dcterms:issued ?date }} }}
        ORDER BY ?start""")
    doc_no = {r["doc"]: r["no"] for r in docs}
    documents = [{"doc_no": r["no"], "title": r["title"], "issuer": r["issuer"], "date": r["date"]} for r in docs]

    def order(rows):
        start = {r["doc"]: r["start"] for r in docs}
        return sorted(rows, key=lambda r: (start.get(r["doc"], 0), r.get("pos") or 0))

    changes = order(store.select(f"""
        SELECT ?doc ?pos ?type ?name ?post ?date ?female ?probation WHERE {{ {scope}
          ?c prov:wasDerivedFrom ?doc ; a ?type ; gz:person ?p ; gz:postAsWritten ?post ; gz:position ?pos ;
             gz:female ?female ; gz:probation ?probation .
          FILTER(?type IN (gz:Appointment, gz:Removal))
          ?p foaf:name ?name . OPTIONAL {{ ?c dcterms:date ?date }} }}"""))
    personnel = [{"doc_no": doc_no[r["doc"]], "date": r["date"], "person": r["name"],
                  "action": "appoint" if r["type"] == str(GZ.Appointment) else "remove",
                  "post": r["post"], "female": bool(r["female"]), "probation": bool(r["probation"])}
                 for r in changes]

    task_rows = order(store.select(f"""
        SELECT ?doc ?task ?pos ?ref ?text ?deadline ?title ?catpath WHERE {{ {scope}
          ?task a gz:Task ; prov:wasDerivedFrom ?doc ; gz:position ?pos ; gz:text ?text .
          OPTIONAL {{ ?task gz:ref ?ref }} OPTIONAL {{ ?task gz:deadline ?deadline }}
          OPTIONAL {{ ?task gz:title ?title }} OPTIONAL {{ ?task gz:categoryPath ?catpath }} }}"""))
    assignments = defaultdict(lambda: defaultdict(list))
    for r in store.select(f"""
        SELECT ?task ?role ?written ?pos ?name WHERE {{ {scope}
          ?task a gz:Task ; prov:wasDerivedFrom ?doc ; gz:hasAssignment ?a .
          ?a gz:role ?role ; gz:asWritten ?written ; gz:position ?pos ; gz:agent ?agent .
          OPTIONAL {{ ?agent foaf:name ?name }} }} ORDER BY ?task ?role ?pos"""):
        key = ROLE_KEYS[r["role"]]
        # people are reported by their resolved name, units as written
        assignments[r["task"]][key].append(r["name"] if key in ("lead_leaders", "responsible") and r["name"]
                                           else r["written"])
    milestones = defaultdict(list)
    for r in store.select(f"""
        SELECT ?task ?pos ?date ?text WHERE {{ {scope}
          ?task prov:wasDerivedFrom ?doc ; gz:milestone ?m . ?m gz:position ?pos ; gz:text ?text .
          OPTIONAL {{ ?m gz:date ?date }} }} ORDER BY ?task ?pos"""):
        milestones[r["task"]].append({"date": r["date"], "text": r["text"]})
    tasks = []
    for r in task_rows:
        a = assignments[r["task"]]
        task = {"doc_no": doc_no[r["doc"]], "ref": r["ref"], "text": r["text"],
                "lead_leaders": a["lead_leaders"], "lead_units": a["lead_units"], "coop_units": a["coop_units"],
                "responsible": a["responsible"], "deadline": r["deadline"]}
        if r["catpath"]:
            task["category"] = r["catpath"].split(" / ")
        if r["title"]:
            task["title"] = r["title"]
        if milestones[r["task"]]:
            task["milestones"] = milestones[r["task"]]
        tasks.append(task)

    group_rows = order(store.select(f"""
        SELECT ?doc ?group ?pos ?name WHERE {{ {scope}
          ?group a gz:WorkingGroup ; prov:wasDerivedFrom ?doc ; gz:position ?pos ; rdfs:label ?name }}"""))
    members = defaultdict(list)
    for r in store.select(f"""
        SELECT ?group ?pos ?role ?title ?name WHERE {{ {scope}
          ?group a gz:WorkingGroup ; prov:wasDerivedFrom ?doc ; gz:hasMembership ?m .
          ?m gz:roleLabel ?role ; gz:position ?pos .
          OPTIONAL {{ ?m gz:titleAsPrinted ?title }} OPTIONAL {{ ?m org:member ?p . ?p foaf:name ?name }} }}
        ORDER BY ?group ?pos"""):
        members[r["group"]].append({"person": r["name"], "role": r["role"], "title": r["title"]})
    units = defaultdict(list)
    for r in store.select(f"""
        SELECT ?group ?pos ?written WHERE {{ {scope}
          ?group a gz:WorkingGroup ; prov:wasDerivedFrom ?doc ; gz:hasMembership ?m .
          ?m a gz:UnitMembership ; gz:asWritten ?written ; gz:position ?pos }} ORDER BY ?group ?pos"""):
        units[r["group"]].append(r["written"])
    groups = [{"doc_no": doc_no[r["doc"]], "name": r["name"], "members": members[r["group"]],
               "member_units": units[r["group"]]} for r in group_rows]

    meeting_rows = order(store.select(f"""
        SELECT ?doc ?meeting ?kind ?number ?date WHERE {{ {scope}
          ?meeting a gz:Meeting ; prov:wasDerivedFrom ?doc ; gz:meetingKind ?kind .
          OPTIONAL {{ ?meeting gz:number ?number }} OPTIONAL {{ ?meeting dcterms:date ?date }} }}"""))
    parts = defaultdict(list)
    for r in store.select(f"""
        SELECT ?meeting ?pos ?role ?name ?unit WHERE {{ {scope}
          ?meeting a gz:Meeting ; prov:wasDerivedFrom ?doc ; gz:hasParticipation ?p .
          ?p gz:position ?pos ; gz:participationRole ?role ; gz:participant ?person . ?person foaf:name ?name .
          OPTIONAL {{ ?p gz:unitAsWritten ?unit }} }} ORDER BY ?meeting ?pos"""):
        parts[r["meeting"]].append(r)
    meetings = []
    for r in meeting_rows:
        ps = parts[r["meeting"]]
        by_role = lambda role: [p for p in ps if p["role"] == str(getattr(GZ, role))]  # noqa: E731
        chair = by_role("Chair")
        recorder = by_role("Recorder")
        meetings.append({
            "doc_no": doc_no[r["doc"]], "kind": r["kind"], "number": r["number"], "date": r["date"],
            "chair": chair[0]["name"] if chair else None,
            "attendees": [p["name"] for p in by_role("Attendee")],
            "observers": [{"person": p["name"], "unit": p["unit"]} for p in by_role("Observer")],
            "recorder": recorder[0]["name"] if recorder else None,
        })

    target_rows = order(store.select(f"""
        SELECT ?doc ?pos ?subject ?item ?amount ?unit WHERE {{ {scope}
          ?t a gz:Target ; prov:wasDerivedFrom ?doc ; gz:position ?pos ; gz:subjectAsWritten ?subject ;
             gz:item ?item ; gz:amount ?amount ; gz:unitOfMeasure ?unit }}"""))
    targets = [{"doc_no": doc_no[r["doc"]], "subject": r["subject"], "item": r["item"],
                "amount": _number(r["amount"]), "unit": r["unit"]} for r in target_rows]
    return {"schema": SCHEMA, "source": source, "documents": documents, "personnel_changes": personnel,
            "tasks": tasks, "groups": groups, "meetings": meetings, "targets": targets}


def read_facts(store: Store, source: str | None = None) -> list[dict]:
    """Facts of every gazette in the store, or of the one named."""
    sources = gazette_sources(store)
    if source is not None:
        matching = [s for s in sources if s == source or s.rsplit(".", 1)[0] == source]
        if not matching:
            from kg.errors import GazetteError

            raise GazetteError(f"no gazette named {source!r} in the store (it has: {', '.join(sources) or 'none'})")
        sources = matching
    return [facts_for_source(store, s) for s in sources]


def facts_json(facts: list[dict]) -> str:
    payload = facts[0] if len(facts) == 1 else facts
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
