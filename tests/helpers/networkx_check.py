"""Reads the graph exports with NetworkX, as an analyst would, and prints what NetworkX made of each as JSON.

    python3 networkx_check.py graphml=G.graphml gexf=G.gexf csv=NODES.csv,EDGES.csv zip=G.csv.zip json=G.json

GraphML and GEXF go through NetworkX's own readers (nx.read_graphml, nx.read_gexf); the CSV files (loose or in
the zip) through the csv module into a MultiDiGraph; the JSON through the json module and nx.node_link_graph.
For each file it prints the counts, every node with its attributes (lists split again) and its degree as
NetworkX counts it, and every edge as [source, target, label, year, id], sorted: tests/integration/export.test.ts
compares that with the API's `graph` query. Works with NetworkX 2.8 (Debian's python3-networkx) and 3.x.
"""

import csv
import io
import json
import sys
import zipfile

import networkx as nx

LIST_SEPARATOR = "|"


def split_list(value, item=str):
    """A list attribute: the formats without lists write it joined by LIST_SEPARATOR, JSON as a list."""
    if value is None or value == "":
        return []
    if isinstance(value, list):
        return [item(part) for part in value]
    return [item(part) for part in str(value).split(LIST_SEPARATOR)]


def optional_int(value):
    return None if value is None or value == "" else int(value)


def node_summary(graph, node, data):
    years = split_list(data.get("years"), int)
    summary = {
        "label": data.get("label"),
        "kind": data.get("kind"),
        "country": data.get("country") or None,
        "degree": int(data["degree"]),
        "years": years,
        "themes": split_list(data.get("themes")),
        "networkxDegree": graph.degree(node),
    }
    # The flat formats repeat the years as numbers; they must agree with the list.
    if "firstYear" in data or "lastYear" in data or years:
        if not isinstance(data.get("years"), list):
            first, last = optional_int(data.get("firstYear")), optional_int(data.get("lastYear"))
            if (first, last) != (min(years, default=None), max(years, default=None)):
                raise ValueError(f"{node}: firstYear/lastYear {first}/{last} do not match years {years}")
    return summary


def summary(graph):
    edges = []
    for source, target, key, data in graph.edges(keys=True, data=True):
        edges.append([source, target, data.get("label"), optional_int(data.get("year")), str(data.get("id", key))])
    edges.sort(key=lambda edge: (edge[4], edge[0], edge[1]))
    return {
        "directed": graph.is_directed(),
        "nodeCount": graph.number_of_nodes(),
        "edgeCount": graph.number_of_edges(),
        "nodes": {node: node_summary(graph, node, data) for node, data in graph.nodes(data=True)},
        "edges": edges,
    }


def as_multigraph(graph):
    """read_graphml and read_gexf give a DiGraph when no two edges join the same pair: keys come from `id`."""
    if graph.is_multigraph():
        return graph
    multi = nx.MultiDiGraph()
    multi.add_nodes_from(graph.nodes(data=True))
    for source, target, data in graph.edges(data=True):
        multi.add_edge(source, target, key=data.get("id"), **data)
    return multi


def from_csv(nodes_text, edges_text):
    graph = nx.MultiDiGraph()
    for row in csv.DictReader(io.StringIO(nodes_text, newline="")):
        node = row.pop("id")
        graph.add_node(node, **{name: value for name, value in row.items() if value != ""})
    for row in csv.DictReader(io.StringIO(edges_text, newline="")):
        source, target, edge = row.pop("source"), row.pop("target"), row["id"]
        if source not in graph or target not in graph:
            raise ValueError(f"edge {edge} names a node that nodes.csv does not have")
        graph.add_edge(source, target, key=edge, **{name: value for name, value in row.items() if value != ""})
    return graph


def read_text(path):
    with open(path, encoding="utf-8", newline="") as file:
        return file.read()


def from_zip(path):
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        nodes = [name for name in names if name.endswith(".nodes.csv")]
        edges = [name for name in names if name.endswith(".edges.csv")]
        if len(names) != 2 or len(nodes) != 1 or len(edges) != 1:
            raise ValueError(f"the zip should hold one .nodes.csv and one .edges.csv, not {names}")
        graph = from_csv(archive.read(nodes[0]).decode("utf-8"), archive.read(edges[0]).decode("utf-8"))
        return graph, names


def from_json(path):
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    try:
        return nx.node_link_graph(data, edges="edges")
    except TypeError:
        # NetworkX 2.x names the key of the edge list `link`.
        return nx.node_link_graph(data, link="edges")


def main(arguments):
    result = {"networkx": nx.__version__, "python": sys.version.split()[0], "exports": {}}
    for argument in arguments:
        kind, _, paths = argument.partition("=")
        extra = {}
        if kind == "graphml":
            graph = as_multigraph(nx.read_graphml(paths))
        elif kind == "gexf":
            graph = as_multigraph(nx.read_gexf(paths))
        elif kind == "csv":
            nodes_path, edges_path = paths.split(",")
            graph = from_csv(read_text(nodes_path), read_text(edges_path))
        elif kind == "zip":
            graph, names = from_zip(paths)
            extra["files"] = sorted(names)
        elif kind == "json":
            graph = from_json(paths)
        else:
            raise SystemExit(f"unknown export kind {kind!r}")
        result["exports"][kind] = {**summary(graph), **extra}
    json.dump(result, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
