// Parse a GEXF export with the stock graphology-gexf parser (what Gephi Lite
// and sigma.js use) and compare it with stancegraph's JSON export of the
// same network: node ids, labels byte for byte, typed attribute values,
// viz colour, size and position, edge weights and attributes.
//   node gexf_graphology.js REFERENCE.json EXPORT.gexf
// Exits 1 with the first difference.
'use strict';
const fs = require('fs');
const Graph = require('graphology');
const {parse} = require('graphology-gexf');

const [refPath, gexfPath] = process.argv.slice(2);
const ref = JSON.parse(fs.readFileSync(refPath, 'utf8'));
const graph = parse(Graph, fs.readFileSync(gexfPath, 'utf8'));

function fail(msg) {
  console.log('graphology-gexf: ' + msg);
  process.exit(1);
}

function missing(v) {
  return v === null || v === undefined || v === '' || Number.isNaN(v);
}

function present(attrs) {
  const out = {};
  for (const [k, v] of Object.entries(attrs)) if (!missing(v)) out[k] = v;
  return out;
}

function compare(what, got, want) {
  got = present(got);
  want = present(want);
  const g = Object.keys(got).sort(), w = Object.keys(want).sort();
  if (g.join('\0') !== w.join('\0'))
    fail(`${what}: attributes ${JSON.stringify(g)}, expected ${JSON.stringify(w)}`);
  for (const k of w) {
    const a = got[k], b = want[k];
    const same = typeof b === 'number' ? typeof a === 'number' && a === b : a === b;
    if (!same)
      fail(`${what} attribute ${k}: got ${JSON.stringify(a).slice(0, 80)} ` +
           `(${typeof a}), expected ${JSON.stringify(b).slice(0, 80)} (${typeof b})`);
  }
}

if (graph.order !== ref.nodes.length)
  fail(`${graph.order} nodes, expected ${ref.nodes.length}`);
if (graph.size !== ref.links.length)
  fail(`${graph.size} edges, expected ${ref.links.length}`);
for (const node of ref.nodes) {
  const {id, ...want} = node;
  if (!graph.hasNode(id)) fail(`node ${JSON.stringify(id)} missing`);
  const {color, size, z, ...got} = graph.getNodeAttributes(id);
  if (z !== 0) fail(`node ${id} z ${z}`);
  if (!/^rgb\(\d+,\d+,\d+\)$/.test(color)) fail(`node ${id} colour ${color}`);
  if (!(size >= 10 && size <= 50)) fail(`node ${id} size ${size}`);
  if (typeof got.x !== 'number' || typeof got.y !== 'number')
    fail(`node ${JSON.stringify(id)} has no viz:position`);
  compare(`node ${JSON.stringify(id).slice(0, 60)}`, got, want);
}
for (const link of ref.links) {
  const {source, target, ...want} = link;
  const e = graph.edge(source, target);
  if (e === undefined) fail(`edge ${source} -- ${target} missing`);
  const {color, shape, ...got} = graph.getEdgeAttributes(e);
  if (!/^rgb\(\d+,\d+,\d+\)$/.test(color)) fail(`edge colour ${color}`);
  if (!['solid', 'dashed', 'dotted'].includes(shape)) fail(`edge shape ${shape}`);
  compare(`edge ${JSON.stringify(source).slice(0, 40)} -- ${JSON.stringify(target).slice(0, 40)}`,
          got, want);
}
console.log(`graphology-gexf read ${graph.order} nodes, ${graph.size} edges`);
