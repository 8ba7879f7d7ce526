"""The reference for `braid lineage show/impact/path`: a plain breadth-first search over the same
SQLite tables, in Python, printing what the Braid command prints with --json.

    python3 lineage_bfs.py CACHE show NODE_ID upstream|downstream DEPTH
    python3 lineage_bfs.py CACHE impact NODE_ID
    python3 lineage_bfs.py CACHE path FROM_ID TO_ID

One query per node reached for its neighbours (through the edge table's primary key downstream,
its upstream index upstream), then one query per node for its kind, name and status. Written as
anyone would write it first; no batching, no caching between runs. It keeps the one rule of
Braid's walks that a plain search would not know (ADR 8): a dataset's `version` edges are followed
downstream only from the start, and upstream a node reached only through a `version` edge is
reported but not walked past.
"""
import json
import sqlite3
import sys
from collections import deque

UNBOUNDED = 1000
MAX_PATH_LENGTH = 64


def neighbours(db, node, direction):
    """(neighbour, edge kind) pairs of node."""
    if direction == "downstream":
        sql = "SELECT DISTINCT to_id, kind FROM lineage_edges WHERE from_id = ?"
    else:
        sql = "SELECT DISTINCT from_id, kind FROM lineage_edges WHERE to_id = ?"
    return db.execute(sql, (node,)).fetchall()


def walk(db, start, direction, max_depth):
    depth = {start: 0}
    walkable = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        if depth[node] == max_depth or node not in walkable:
            continue
        for near, kind in neighbours(db, node, direction):
            version = kind == "version"
            if version and direction == "downstream" and node != start:
                continue
            if near not in depth:
                depth[near] = depth[node] + 1
                queue.append(near)
            if depth[near] == depth[node] + 1 and not (version and direction == "upstream"):
                walkable.add(near)
    return depth


def node_row(db, node_id):
    row = db.execute("SELECT kind, name, status FROM lineage_nodes WHERE id = ?", (node_id,)).fetchone()
    return row if row else (node_id.split(":", 1)[0], node_id, "")


def print_reached(db, depth, direction, skip_start):
    out = sys.stdout
    for node_id, d in depth.items():
        if skip_start and d == 0:
            continue
        kind, name, status = node_row(db, node_id)
        out.write(json.dumps({"id": node_id, "kind": kind, "name": name, "depth": d,
                              "direction": "self" if d == 0 else direction, "status": status},
                             separators=(",", ":")) + "\n")


def shortest_path(db, start, end):
    if start == end:
        return [start]
    parent = {start: None}
    queue = deque([(start, 0)])
    while queue:
        node, d = queue.popleft()
        if d == MAX_PATH_LENGTH:
            continue
        for near, kind in neighbours(db, node, "downstream"):
            if kind == "version" and node != start:
                continue
            if near not in parent:
                parent[near] = node
                if near == end:
                    path = [end]
                    while parent[path[-1]] is not None:
                        path.append(parent[path[-1]])
                    return path[::-1]
                queue.append((near, d + 1))
    return None


def main():
    db = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
    what = sys.argv[2]
    if what == "show":
        node, direction, max_depth = sys.argv[3], sys.argv[4], int(sys.argv[5])
        print_reached(db, walk(db, node, direction, max_depth), direction, False)
    elif what == "impact":
        print_reached(db, walk(db, sys.argv[3], "downstream", UNBOUNDED), "downstream", True)
    elif what == "path":
        path = shortest_path(db, sys.argv[3], sys.argv[4])
        if path is None:
            sys.exit(1)
        nodes = []
        for node_id in path:
            kind, name, _ = node_row(db, node_id)
            nodes.append({"id": node_id, "kind": kind, "name": name})
        sys.stdout.write(json.dumps({"length": len(path) - 1, "nodes": nodes}, separators=(",", ":")) + "\n")
    else:
        sys.exit("unknown question " + what)


if __name__ == "__main__":
    main()
