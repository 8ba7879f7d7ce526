"""The reference for `braid lineage import FILE`: Python's json module and a SQLite bulk insert of
the same nodes and edges Braid's importer writes, into the same tables, with the same durability
(WAL, synchronous=NORMAL, one transaction per batch of 5,000 events).

    python3 lineage_import.py EVENTS.jsonl DB

Each line is parsed with json.loads and mapped as OpenLineageMapper maps it: job, job run (status
from eventType), parent job and run, repository and commit of sourceCodeLocation, datasets, their
versions and column lineage. Nodes are upserted (a newer status wins), edges and column links
inserted once with their earliest time. Lines that do not parse, or lack runId/eventTime/job, are
counted and skipped. What Braid does besides (validation against the spec, the canonical hash that
makes repeats no-ops, keeping each raw event) is not done here. Prints one JSON line of counts.
"""
import json
import re
import sqlite3
import sys
from datetime import datetime

BATCH = 5000
SHA = re.compile(r"^[0-9a-fA-F]{4,64}$")
STATUS = {"START": "RUNNING", "RUNNING": "RUNNING", "COMPLETE": "COMPLETE", "FAIL": "FAILED", "ABORT": "ABORTED"}
SCHEMA = """
CREATE TABLE IF NOT EXISTS lineage_nodes (id TEXT PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT '', status_at INTEGER NOT NULL DEFAULT 0, properties TEXT NOT NULL DEFAULT '{}',
    updated_at INTEGER NOT NULL) STRICT, WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS lineage_edges (from_id TEXT NOT NULL, to_id TEXT NOT NULL, kind TEXT NOT NULL,
    asserted_by TEXT NOT NULL, asserted_at INTEGER NOT NULL, properties TEXT NOT NULL DEFAULT '{}',
    PRIMARY KEY (from_id, to_id, kind, asserted_by)) STRICT, WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS lineage_edges_upstream ON lineage_edges(to_id, from_id, asserted_at);
CREATE INDEX IF NOT EXISTS lineage_edges_by_source ON lineage_edges(asserted_by);
CREATE TABLE IF NOT EXISTS lineage_columns (dataset_id TEXT NOT NULL, field TEXT NOT NULL,
    input_dataset_id TEXT NOT NULL, input_field TEXT NOT NULL, transformation TEXT NOT NULL DEFAULT '',
    asserted_by TEXT NOT NULL, asserted_at INTEGER NOT NULL,
    PRIMARY KEY (dataset_id, field, input_dataset_id, input_field)) STRICT, WITHOUT ROWID;
"""
NODE = """INSERT INTO lineage_nodes(id, kind, name, status, status_at, properties, updated_at) VALUES (?,?,?,?,?,?,?)
    ON CONFLICT(id) DO UPDATE SET name = excluded.name, properties = excluded.properties,
    updated_at = excluded.updated_at,
    status = CASE WHEN excluded.status <> '' AND excluded.status_at >= lineage_nodes.status_at THEN excluded.status
                  ELSE lineage_nodes.status END,
    status_at = CASE WHEN excluded.status <> '' AND excluded.status_at >= lineage_nodes.status_at THEN excluded.status_at
                     ELSE lineage_nodes.status_at END"""
EDGE = """INSERT INTO lineage_edges(from_id, to_id, kind, asserted_by, asserted_at) VALUES (?,?,?, 'openlineage', ?)
    ON CONFLICT DO UPDATE SET asserted_at = excluded.asserted_at WHERE excluded.asserted_at < lineage_edges.asserted_at"""
COLUMN = """INSERT INTO lineage_columns VALUES (?,?,?,?,?, 'openlineage', ?)
    ON CONFLICT DO UPDATE SET asserted_at = excluded.asserted_at WHERE excluded.asserted_at < lineage_columns.asserted_at"""


def millis(text):
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def dataset_id(namespace, name):
    return namespace.strip().rstrip("/") + ":" + name.strip().strip("/")


class Batch:
    def __init__(self):
        self.nodes, self.edges, self.columns = [], [], []

    def node(self, node_id, name, status, at, props):
        self.nodes.append((node_id, node_id.split(":", 1)[0], name, status, at if status else 0,
                           json.dumps(props, separators=(",", ":")), at))

    def edge(self, a, b, kind, at):
        self.edges.append((a, b, kind, at))


def repo_key(url):
    m = re.match(r"^[a-zA-Z][\w+.-]*://(?:[^@/]*@)?([^/:]+)(?::\d+)?/(.*)$", url)
    if m:
        return m.group(1).lower() + "/" + re.sub(r"\.git$", "", m.group(2).strip("/"))
    return url.strip().rstrip("/")


def map_event(e, out):
    at = millis(e["eventTime"])
    job = e["job"]
    job_id = "job:" + job["namespace"].strip() + ":" + job["name"].strip()
    out.node(job_id, job["name"], "", at, {"namespace": job["namespace"]})
    run_id = e["run"]["runId"].lower()
    run = "job-run:" + run_id
    etype = e.get("eventType", "OTHER")
    props = {"runId": run_id, "job": job_id}
    facets = e["run"].get("facets", {})
    error = facets.get("errorMessage")
    if isinstance(error, dict):
        props["error"] = error.get("message", "")[:4000]
    out.node(run, job["name"] + " #" + run_id[-8:], STATUS.get(etype, ""), at, props)
    out.edge(job_id, run, "run-of", at)
    parent = facets.get("parent")
    if isinstance(parent, dict):
        pjob = "job:" + parent["job"]["namespace"] + ":" + parent["job"]["name"]
        prun = "job-run:" + parent["run"]["runId"].lower()
        out.node(pjob, parent["job"]["name"], "", at, {"namespace": parent["job"]["namespace"]})
        out.node(prun, parent["job"]["name"] + " #" + prun[-8:], "", at, {"runId": parent["run"]["runId"]})
        out.edge(pjob, prun, "run-of", at)
        out.edge(prun, run, "parent", at)
    location = job.get("facets", {}).get("sourceCodeLocation")
    if isinstance(location, dict) and SHA.match(location.get("version", "")):
        repo = location.get("repoUrl") or location.get("url", "")
        key = repo_key(repo)
        commit = "commit:" + key + ":" + location["version"].lower()
        out.node("repo:" + key, key, "", at, {"url": repo})
        out.node(commit, location["version"][:12].lower(), "", at,
                 {"sha": location["version"].lower(), "repository": key, "path": location.get("path", "")})
        out.edge("repo:" + key, commit, "contains", at)
        out.edge(commit, run, "built-from", at)
    for inputs, key in ((True, "inputs"), (False, "outputs")):
        for d in e.get(key, []):
            ds = dataset_id(d["namespace"], d["name"])
            dfacets = d.get("facets", {})
            fields = dfacets.get("schema", {}).get("fields", [])
            schema = ", ".join((f["name"] + (" " + f["type"] if f.get("type") else "")) for f in fields if f.get("name"))
            out.node("dataset:" + ds, d["name"], "", at, {"namespace": d["namespace"], "uri": ds, "schema": schema})
            node = "dataset:" + ds
            version = dfacets.get("version", {}).get("datasetVersion")
            if isinstance(version, str):
                node = "dataset-version:" + ds + "@" + version.strip()
                out.node(node, d["name"] + "@" + version[:12], "", at, {"version": version, "dataset": "dataset:" + ds})
                out.edge("dataset:" + ds, node, "version", at)
            if inputs:
                out.edge(node, run, "input", at)
            else:
                out.edge(run, node, "output", at)
                if node != "dataset:" + ds:
                    out.edge(run, "dataset:" + ds, "output", at)
                for field, spec in dfacets.get("columnLineage", {}).get("fields", {}).items():
                    for i in spec.get("inputFields", []):
                        out.columns.append(("dataset:" + ds, field, "dataset:" + dataset_id(i["namespace"], i["name"]),
                                            i["field"], spec.get("transformationType", ""), at))


def flush(db, batch):
    with db:
        db.executemany(NODE, batch.nodes)
        db.executemany(EDGE, batch.edges)
        db.executemany(COLUMN, batch.columns)


def main():
    db = sqlite3.connect(sys.argv[2], isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")
    db.execute("PRAGMA cache_size = -32768")
    db.executescript(SCHEMA)
    db.isolation_level = ""
    events = refused = 0
    batch = Batch()
    pending = 0
    with open(sys.argv[1], "rb") as f:
        for line in f:
            try:
                e = json.loads(line)
                map_event(e, batch)
            except (ValueError, KeyError, TypeError, AttributeError):
                refused += 1
                continue
            events += 1
            pending += 1
            if pending == BATCH:
                flush(db, batch)
                batch, pending = Batch(), 0
    flush(db, batch)
    nodes = db.execute("SELECT count(*) FROM lineage_nodes").fetchone()[0]
    edges = db.execute("SELECT count(*) FROM lineage_edges").fetchone()[0]
    columns = db.execute("SELECT count(*) FROM lineage_columns").fetchone()[0]
    db.close()
    print(json.dumps({"events": events, "refused": refused, "nodes": nodes, "edges": edges, "columns": columns}))


if __name__ == "__main__":
    main()
