"""Shared by the reader round-trip tests (tests/readers/test_*).

Each test exports the hostile-strings corpus and the seed dataset, for all
three networks, with the built stancegraph, reads the file back with a real
reader and compares it with the reference: stancegraph's own JSON export,
itself checked against the source corpus read with Python's json module
(ids and labels byte for byte, every stance's pair and quote present).

Run with /usr/bin/python3: Debian's networkx and python-igraph live there.
"""
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "data", "export")
HOSTILE = os.path.join(DATA, "hostile.json")
HOSTILE_CONTROL = os.path.join(DATA, "hostile-control.json")
NETWORKS = ("stances", "actors", "proposals")


def seed_corpus():
    """The seed dataset, or the small example while it is being written."""
    for name in ("ukraine-security-guarantees-2025.json", "example.json"):
        path = os.path.join(ROOT, "graphs", name)
        if os.path.exists(path):
            return path
    raise SystemExit("FAIL: no seed dataset under graphs/")


def corpora():
    return (HOSTILE, seed_corpus())


class Failure(Exception):
    pass


def check(cond, message):
    if not cond:
        raise Failure(message)


def run(cmd, ok=True, **kw):
    """Run a command; with ok, fail unless it exits 0."""
    kw.setdefault("stdout", subprocess.PIPE)
    p = subprocess.run(cmd, stderr=subprocess.PIPE, **kw)
    if ok and p.returncode != 0:
        raise Failure("%s exited %d: %s" % (" ".join(cmd), p.returncode,
                                             p.stderr.decode("utf-8", "replace")))
    return p


def export(tool, corpus, network, fmt, out, *extra):
    run([tool, "export", corpus, "--network", network, "--format", fmt,
         "-o", out, "--quiet", *extra])


def missing(v):
    """What readers may hand back for a value the export left out."""
    return v is None or v == "" or (isinstance(v, float) and math.isnan(v))


def norm(attrs, empty_is_missing=True):
    """Attributes without the ones a reader reports as absent."""
    return {k: v for k, v in attrs.items()
            if not (missing(v) if empty_is_missing else v is None)}


class Reference:
    """stancegraph's JSON export of one network, checked against the corpus."""

    def __init__(self, tool, corpus, network, tmp):
        path = os.path.join(tmp, "reference-%s.json" % network)
        export(tool, corpus, network, "json", path)
        with open(path, encoding="utf-8") as f:
            self.doc = json.load(f)
        self.network = network
        self.nodes = {}
        for n in self.doc["nodes"]:
            attrs = dict(n)
            node_id = attrs.pop("id")
            check(node_id not in self.nodes, "duplicate node %r" % node_id)
            self.nodes[node_id] = attrs
        self.edges = {}
        for e in self.doc["links"]:
            attrs = dict(e)
            key = frozenset((attrs.pop("source"), attrs.pop("target")))
            check(len(key) == 2 and key not in self.edges, "bad edge %r" % key)
            self.edges[key] = attrs
        with open(corpus, encoding="utf-8") as f:
            self.check_corpus(json.load(f))

    def check_corpus(self, src):
        entities = {e["id"]: e for e in src["actors"] + src["proposals"]}
        actors = {a["id"] for a in src["actors"]}
        kinds = {"stances": set(entities), "actors": actors,
                 "proposals": set(entities) - actors}[self.network]
        used = {s["actor"] for s in src["stances"]} | {s["proposal"] for s in src["stances"]}
        check(set(self.nodes) <= kinds & used,
              "nodes that are no %s of the corpus: %r" %
              (self.network, sorted(set(self.nodes) - (kinds & used))[:5]))
        for node_id, attrs in self.nodes.items():
            want = entities[node_id].get("label", node_id)
            check(attrs.get("label") == want,
                  "label of %r: %r, corpus has %r" % (node_id, attrs.get("label"), want))
        if self.network != "stances":
            return
        check(set(self.nodes) == used, "stances network misses corpus nodes")
        pairs = {}
        for s in src["stances"]:
            pairs.setdefault(frozenset((s["actor"], s["proposal"])), []).append(s)
        check(set(pairs) == set(self.edges), "stance pairs differ from edges")
        for key, stances in pairs.items():
            for s in stances:
                if "quote" in s:
                    check(s["quote"] in self.edges[key].get("quotes", ""),
                          "quote of %r missing on its edge" % sorted(key))


def compare(name, nodes, edges, ref, node_extra=(), edge_extra=(),
            empty_is_missing=True, node_map=None, edge_map=None):
    """Compare a reader's nodes {id: attrs} and edges {frozenset: attrs}
    with the reference. *_extra: attributes the format adds (colours...)
    that the reference does not have; *_map: per-attribute value fixes for
    what a reader cannot tell apart (documented at the call)."""
    check(len(nodes) == len(ref.nodes),
          "%s: %d nodes, expected %d" % (name, len(nodes), len(ref.nodes)))
    check(set(nodes) == set(ref.nodes),
          "%s: node ids differ: %r" % (name, sorted(set(nodes) ^ set(ref.nodes))[:5]))
    check(len(edges) == len(ref.edges),
          "%s: %d edges, expected %d" % (name, len(edges), len(ref.edges)))
    check(set(edges) == set(ref.edges), "%s: edge pairs differ" % name)
    for what, got_all, want_all, extra, fix in (
            ("node", nodes, ref.nodes, node_extra, node_map),
            ("edge", edges, ref.edges, edge_extra, edge_map)):
        for key, got in got_all.items():
            got = {k: v for k, v in got.items() if k not in extra}
            if fix:
                got = fix(got, want_all[key])
            got = norm(got, empty_is_missing)
            want = norm(want_all[key], empty_is_missing)
            check(set(got) == set(want),
                  "%s: %s %r attributes differ: extra %r, missing %r" %
                  (name, what, shown(key), sorted(set(got) - set(want)),
                   sorted(set(want) - set(got))))
            for k, v in want.items():
                check(same(got[k], v),
                      "%s: %s %r attribute %r: got %r, expected %r" %
                      (name, what, shown(key), k, clip(got[k]), clip(v)))


def same(a, b):
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b or (a == b and type(a) == type(b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return float(a) == float(b)
    return type(a) == type(b) and a == b


def shown(key):
    return sorted(key) if isinstance(key, frozenset) else key


def clip(v):
    return v[:80] + "..." if isinstance(v, str) and len(v) > 80 else v


def main(test, tool_arg_index=1):
    """Run test(tool, corpus, network, tmpdir) over every corpus and network;
    print each failure and exit 1 when there was one."""
    if len(sys.argv) <= tool_arg_index:
        raise SystemExit("usage: %s PATH/TO/stancegraph" % sys.argv[0])
    tool = os.path.abspath(sys.argv[tool_arg_index])
    failures = 0
    for corpus in corpora():
        for network in NETWORKS:
            with tempfile.TemporaryDirectory() as tmp:
                label = "%s --network %s" % (os.path.basename(corpus), network)
                try:
                    test(tool, corpus, network, tmp)
                    print("ok   %s" % label)
                except Failure as e:
                    failures += 1
                    print("FAIL %s: %s" % (label, e))
    sys.exit(1 if failures else 0)
