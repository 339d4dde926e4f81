// Read each GEXF file given with graphology-gexf's default parser and print
// one JSON line per file: node and edge attributes as graphology has them.
'use strict';
const fs = require('fs');
const Graph = require('graphology');
const gexf = require('graphology-gexf');
for (const file of process.argv.slice(2)) {
  const g = gexf.parse(Graph, fs.readFileSync(file, 'utf8'));
  const nodes = {};
  g.forEachNode((k, a) => { nodes[k] = a; });
  const edges = [];
  g.forEachEdge((k, a, s, t) => { edges.push({source: s, target: t, attributes: a}); });
  console.log(JSON.stringify({file, nodes, edges}));
}
