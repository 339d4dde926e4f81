/* stancegraph report: draws the data embedded in the page as JSON.
 *
 * Every string from the data reaches the page through textContent, text
 * nodes or attribute values set one by one (never innerHTML), and links
 * only for http(s) URLs, so that labels and quotes stay text whatever they
 * contain. Nothing is fetched: the page works offline from file://. */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var D = JSON.parse(document.getElementById("sg-data").textContent);
  var root = document.getElementById("sg-report");

  /* ---- small helpers ------------------------------------------------ */

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return parent;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, String(attrs[k]));
    return e;
  }
  /* A link only for web addresses: a "javascript:" or "data:" URL in the
   * data must not become something to click. */
  function safeUrl(u) {
    if (typeof u !== "string") return null;
    try {
      var p = new URL(u);
      return p.protocol === "https:" || p.protocol === "http:" ? p.href : null;
    } catch (e) { return null; }
  }
  function link(text, url) {
    var href = safeUrl(url);
    if (!href) return el("span", null, text);
    var a = el("a", null, text);
    a.href = href;
    a.rel = "noopener noreferrer nofollow";
    a.target = "_blank";
    return a;
  }
  function fmt(v) {
    if (v === null || v === undefined) return "";
    if (typeof v === "boolean") return v ? "yes" : "no";
    if (typeof v !== "number") return String(v);
    if (Number.isInteger(v)) return v.toLocaleString("en");
    var a = Math.abs(v);
    return a >= 100 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toFixed(3);
  }
  function plural(n, one, many) { return fmt(n) + " " + (n === 1 ? one : many); }

  var coalitions = D.coalitions || [];
  function coalitionOf(kind, i) {
    var c = kind === 0 ? D.actors[i].c : D.proposals[i].c;
    return c >= 0 && c < coalitions.length ? coalitions[c] : null;
  }
  function colour(c) { return c ? c.color : "#999999"; }
  function coalitionName(c) { return c.name ? c.name : "Coalition " + c.n; }
  function swatch(c) {
    var s = el("span", "sw");
    s.style.backgroundColor = colour(c); /* CSSOM: allowed by the CSP */
    return s;
  }
  function entity(kind, i) { return kind === 0 ? D.actors[i] : D.proposals[i]; }
  function sourceLine(st) {
    var cite = el("span", "cite");
    var parts = [];
    if (st[6]) parts.push(st[6]);
    if (st[2]) parts.push(st[2]);
    add(cite, "\u2014 " + parts.join(", "));
    if (st[3] >= 0) {
      var s = D.sources[st[3]];
      if (parts.length) add(cite, ", ");
      add(cite, link(s.title || s.publisher || s.id, s.url));
      if (s.title && s.publisher) add(cite, " (" + s.publisher + ")");
    }
    return cite;
  }
  function quotes(pairIndex) {
    var p = D.pairs[pairIndex], frag = document.createDocumentFragment();
    var ids = p[6];
    for (var i = 0; i < ids.length; i++) {
      var st = D.stmts[ids[i]];
      var q = el("blockquote");
      if (st[4]) add(q, el("span", "q", "\u201c" + st[4] + "\u201d"));
      else add(q, el("span", "muted", st[0] > 0 ? "(supports, no quote)" : "(opposes, no quote)"));
      if (st[5]) add(q, el("span", "cite", "Note: " + st[5]));
      add(q, sourceLine(st));
      frag.appendChild(q);
    }
    if (p[5] > ids.length)
      frag.appendChild(el("p", "muted", "\u2026 and " + plural(p[5] - ids.length, "more statement", "more statements")));
    return frag;
  }
  function stanceTag(sign) {
    return sign > 0 ? el("span", "tag support", "supports")
      : sign < 0 ? el("span", "tag oppose", "opposes") : el("span", "tag mixed", "ambivalent");
  }

  /* ---- page skeleton ------------------------------------------------ */

  var header = el("header");
  add(header, el("h1", null, D.title || "Stance network"));
  var st = D.stats || {};
  var range = st.first ? (st.first === st.last ? st.first : st.first + " to " + st.last) : "";
  add(header, el("p", "sub", [plural(st.actors || 0, "actor", "actors"),
    plural(st.proposals || 0, "proposal", "proposals"),
    plural(st.statements || 0, "statement", "statements"),
    range].filter(Boolean).join(" \u00b7 ")));
  if (D.settings) add(header, el("p", "sub", D.settings));
  var main = el("main");
  var footer = el("footer");
  add(root, header, main, footer);

  (D.notes || []).forEach(function (n) { add(main, el("p", "note", n)); });

  /* ---- network -------------------------------------------------------- */

  var kindName = { actors: "actor network", stances: "two-mode network of actors and proposals", proposals: "proposal network" };
  add(main, el("h2", null, "The " + (kindName[D.kind] || "network")));
  add(main, el("p", "muted", D.kind === "proposals"
    ? "Proposals are tied when the same actors take the same (blue) or opposite (dashed vermillion) positions on both. Hover a proposal to see its ties, click it for its supporters and opponents, click a tie for the actors behind it. Drag to pan, scroll or pinch to zoom."
    : D.kind === "stances"
      ? "Actors (circles) are tied to the proposals (squares) they support (blue) or oppose (dashed vermillion). Hover a node to see its ties, click it for the quotes, click a tie for the statements behind it. Drag to pan, scroll or pinch to zoom."
      : "Actors are tied when they take the same (blue) or opposite (dashed vermillion) positions on proposals; thicker ties share more. Hover an actor to see its ties, click it for its stances and quotes, click a tie for what the two agree and disagree on. Drag to pan, scroll or pinch to zoom."));

  var find = el("div", "find");
  var findLabel = el("label", null, "Find: ");
  var findInput = el("input");
  findInput.type = "search";
  findInput.id = "sg-find";
  findInput.setAttribute("list", "sg-find-list");
  findInput.placeholder = "a name";
  findLabel.htmlFor = "sg-find";
  var findList = el("datalist");
  findList.id = "sg-find-list";
  add(find, findLabel, findInput, findList);
  add(main, find);

  var stage = el("div", "stage");
  var wrap = el("div", "graph-wrap");
  var panel = el("aside", "panel");
  panel.id = "sg-panel";
  panel.setAttribute("aria-live", "polite");
  add(stage, wrap, panel);
  add(main, stage);

  var nodes = D.nodes || [], ties = D.ties || [];
  /* Positions fill 1200 x 1000 units, with room on the right for labels;
   * those that would still run out of the frame run leftwards. */
  var graph = svg("svg", { id: "sg-graph", viewBox: "-40 -30 1420 1060", preserveAspectRatio: "xMidYMid meet", role: "img" });
  graph.setAttribute("aria-label", "Network drawing; the tables below list the same data");
  var view = svg("g", {});
  var gTies = svg("g", {}), gHits = svg("g", {}), gNodes = svg("g", {}), gLabels = svg("g", {});
  add(view, gTies, gHits, gNodes, gLabels);
  add(graph, view);
  var tools = el("div", "tools");
  var bIn = el("button", null, "+"), bOut = el("button", null, "\u2212"), bFit = el("button", null, "Fit");
  bIn.type = bOut.type = bFit.type = "button";
  bIn.title = "Zoom in"; bOut.title = "Zoom out"; bFit.title = "Show everything";
  bIn.setAttribute("aria-label", "Zoom in"); bOut.setAttribute("aria-label", "Zoom out");
  add(tools, bIn, bOut, bFit);
  var legend = el("div", "legend");
  add(wrap, tools, graph, legend);

  /* Bounding box of the precomputed positions, so any coordinate range
   * fills the frame. */
  var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  nodes.forEach(function (n) {
    minX = Math.min(minX, n[2]); maxX = Math.max(maxX, n[2]);
    minY = Math.min(minY, n[3]); maxY = Math.max(maxY, n[3]);
  });
  /* Stretched at most a little (1.2) to fill the landscape frame. */
  var sx = maxX - minX || 1, sy = maxY - minY || 1;
  var base = Math.min(1200 / sx, 1000 / sy);
  var ux = Math.min(1200 / sx, 1.2 * base), uy = Math.min(1000 / sy, 1.2 * base);
  function px(n) { return (n[2] - minX) * ux + (1200 - sx * ux) / 2; }
  function py(n) { return (n[3] - minY) * uy + (1000 - sy * uy) / 2; }

  /* Dense drawings: thinner, fainter ties, so that the nodes stay
   * readable. */
  var many = ties.length > 400;
  if (many) graph.classList.add("many");
  var maxNet = 0;
  ties.forEach(function (t) { maxNet = Math.max(maxNet, Math.abs(t[2])); });
  var adj = nodes.map(function () { return []; });
  var nodeEls = [], labelEls = [], tieEls = [], hitEls = [];
  var nodeOf = [{}, {}]; /* kind -> entity index -> node index */

  ties.forEach(function (t, i) {
    var a = nodes[t[0]], b = nodes[t[1]];
    var w = maxNet > 0 ? (many ? 0.4 : 0.8) + (many ? 1.6 : 4.2) * Math.sqrt(Math.abs(t[2]) / maxNet) : 1;
    var cls = t[2] > 0 ? "tie pos" : t[2] < 0 ? "tie neg" : "tie zero";
    var line = svg("line", { x1: px(a), y1: py(a), x2: px(b), y2: py(b), "class": cls, "stroke-width": w.toFixed(2), "vector-effect": "non-scaling-stroke" });
    var hit = svg("line", { x1: px(a), y1: py(a), x2: px(b), y2: py(b), "class": "hit", "stroke-width": 12, "vector-effect": "non-scaling-stroke" });
    hit.dataset.tie = i;
    add(gTies, line); add(gHits, hit);
    tieEls.push(line); hitEls.push(hit);
    adj[t[0]].push(i); adj[t[1]].push(i);
  });

  /* Labels for every node on small networks; on large ones for the
   * biggest, the others appear on hover or when zoomed in. */
  var order = nodes.map(function (n, i) { return i; }).sort(function (x, y) { return nodes[y][4] - nodes[x][4] || x - y; });
  var major = {};
  order.slice(0, nodes.length <= 80 ? nodes.length : 40).forEach(function (i) { major[i] = true; });
  nodes.forEach(function (n, i) {
    var e = entity(n[0], n[1]);
    nodeOf[n[0]][n[1]] = i;
    var r = n[4], x = px(n), y = py(n), shape;
    if (n[0] === 1 && D.kind === "stances")
      shape = svg("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r, "class": "node" });
    else
      shape = svg("circle", { cx: x, cy: y, r: r, "class": "node" });
    shape.setAttribute("fill", colour(coalitionOf(n[0], n[1])));
    shape.dataset.node = i;
    var title = svg("title", {});
    title.textContent = e.label;
    shape.appendChild(title);
    var lab = svg("text", { x: x + r + 3, y: y + 4, "class": major[i] ? "lbl" : "lbl minor" });
    lab.dataset.left = x - r - 3;
    lab.textContent = e.label.length > 60 ? e.label.slice(0, 57) + "\u2026" : e.label;
    add(gNodes, shape); add(gLabels, lab);
    nodeEls.push(shape); labelEls.push(lab);
    var opt = el("option");
    opt.value = e.label;
    findList.appendChild(opt);
  });
  if (!nodes.length)
    add(wrap, el("p", "muted", "No ties to draw: nothing passes the filters."));

  /* Legend under the drawing, never on top of it. */
  coalitions.forEach(function (c) {
    if (c.members.length < 2) return;
    add(legend, add(el("span"), swatch(c), coalitionName(c)));
  });
  if (coalitions.some(function (c) { return c.members.length < 2; }))
    add(legend, add(el("span"), swatch(null), "alone / no coalition"));
  add(legend, add(el("span"), el("span", "lt"), D.kind === "stances" ? "supports" : "agree"));
  add(legend, add(el("span"), el("span", "lt neg"), D.kind === "stances" ? "opposes" : "disagree"));

  /* ---- pan and zoom --------------------------------------------------- */

  var T = { k: 1, x: 0, y: 0 };
  function apply() {
    view.setAttribute("transform", "translate(" + T.x.toFixed(2) + " " + T.y.toFixed(2) + ") scale(" + T.k.toFixed(4) + ")");
    /* Labels about 12 px on screen at any zoom and frame size. */
    var m = graph.getScreenCTM(), px1 = m && m.a > 0 ? m.a : 1;
    var fs = (12 / px1 / T.k).toFixed(2);
    labelEls.forEach(function (l) { l.setAttribute("font-size", fs); });
    graph.classList.toggle("zoomed", T.k > 2.5);
  }
  function toSvg(cx, cy) {
    var m = graph.getScreenCTM();
    if (!m) return { x: 0, y: 0 };
    var p = new DOMPoint(cx, cy).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  }
  function zoomAt(f, cx, cy) {
    var k = Math.min(40, Math.max(0.3, T.k * f));
    f = k / T.k;
    T.x = cx - (cx - T.x) * f;
    T.y = cy - (cy - T.y) * f;
    T.k = k;
    apply();
  }
  bIn.addEventListener("click", function () { zoomAt(1.5, 600, 500); });
  bOut.addEventListener("click", function () { zoomAt(1 / 1.5, 600, 500); });
  bFit.addEventListener("click", function () { T = { k: 1, x: 0, y: 0 }; apply(); });
  graph.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var p = toSvg(ev.clientX, ev.clientY);
    zoomAt(Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015)), p.x, p.y);
  }, { passive: false });

  var pointers = {}, drag = null, moved = false;
  graph.addEventListener("pointerdown", function (ev) {
    pointers[ev.pointerId] = toSvg(ev.clientX, ev.clientY);
    var ids = Object.keys(pointers);
    if (ids.length === 1) {
      drag = { p: pointers[ev.pointerId], x: T.x, y: T.y };
      moved = false;
    } else if (ids.length === 2) {
      var a = pointers[ids[0]], b = pointers[ids[1]];
      drag = { pinch: Math.hypot(a.x - b.x, a.y - b.y) || 1, k: T.k };
    }
  });
  graph.addEventListener("pointermove", function (ev) {
    if (!(ev.pointerId in pointers) || !drag) return;
    var p = toSvg(ev.clientX, ev.clientY);
    var ids = Object.keys(pointers);
    if (ids.length === 1 && drag.p) {
      var dx = p.x - drag.p.x, dy = p.y - drag.p.y;
      if (!moved && Math.hypot(dx, dy) < 4) return;
      if (!moved) { try { graph.setPointerCapture(ev.pointerId); } catch (e) { /* ignore */ } }
      moved = true;
      graph.classList.add("dragging");
      /* pointer positions are in the outer (viewBox) coordinates, which
       * panning does not change */
      T.x = drag.x + dx; T.y = drag.y + dy;
      apply();
    } else if (ids.length === 2 && drag.pinch) {
      pointers[ev.pointerId] = p;
      var a = pointers[ids[0]], b = pointers[ids[1]];
      var d = Math.hypot(a.x - b.x, a.y - b.y) || 1;
      zoomAt(drag.k * d / drag.pinch / T.k, (a.x + b.x) / 2, (a.y + b.y) / 2);
      moved = true;
    }
  });
  function release(ev) {
    delete pointers[ev.pointerId];
    if (!Object.keys(pointers).length) { drag = null; graph.classList.remove("dragging"); }
  }
  graph.addEventListener("pointerup", release);
  graph.addEventListener("pointercancel", release);

  /* ---- highlight and selection -------------------------------------- */

  var selected = null; /* {node: i} or {tie: i} */
  function clearMarks() {
    graph.classList.remove("focus");
    graph.querySelectorAll(".hl, .sel").forEach(function (e) { e.classList.remove("hl"); e.classList.remove("sel"); });
  }
  function markNode(i) {
    graph.classList.add("focus");
    nodeEls[i].classList.add("hl"); labelEls[i].classList.add("hl");
    adj[i].forEach(function (t) {
      tieEls[t].classList.add("hl");
      var o = ties[t][0] === i ? ties[t][1] : ties[t][0];
      nodeEls[o].classList.add("hl"); labelEls[o].classList.add("hl");
    });
  }
  function markTie(t) {
    graph.classList.add("focus");
    tieEls[t].classList.add("hl"); tieEls[t].classList.add("sel");
    [ties[t][0], ties[t][1]].forEach(function (i) { nodeEls[i].classList.add("hl"); labelEls[i].classList.add("hl"); });
  }
  function restore() {
    clearMarks();
    if (!selected) return;
    if ("node" in selected) { markNode(selected.node); nodeEls[selected.node].classList.add("sel"); }
    else markTie(selected.tie);
  }
  gNodes.addEventListener("pointerover", function (ev) {
    var i = ev.target.dataset && ev.target.dataset.node;
    if (i === undefined || drag && moved) return;
    clearMarks(); markNode(+i);
  });
  gNodes.addEventListener("pointerout", restore);
  gHits.addEventListener("pointerover", function (ev) {
    var t = ev.target.dataset && ev.target.dataset.tie;
    if (t === undefined || drag && moved) return;
    clearMarks(); markTie(+t);
  });
  gHits.addEventListener("pointerout", restore);
  graph.addEventListener("click", function (ev) {
    if (moved) { moved = false; return; }
    var d = ev.target.dataset || {};
    if (d.node !== undefined) selectNode(+d.node);
    else if (d.tie !== undefined) selectTie(+d.tie);
    else { selected = null; restore(); showIntro(); }
  });

  function showIntro() {
    panel.textContent = "";
    add(panel, el("h3", null, "Details"));
    add(panel, el("p", "empty", D.kind === "proposals"
      ? "Click a proposal or a tie in the drawing, or a row of the tables below."
      : "Click an actor or a tie in the drawing, or a name in the coalitions and tables below."));
  }

  function figs(pairs) {
    var dl = el("dl", "figs");
    pairs.forEach(function (p) {
      if (p[1] === null || p[1] === undefined || p[1] === "") return;
      add(dl, el("dt", null, p[0]), el("dd", null, fmt(p[1])));
    });
    return dl;
  }
  function metric(kind, i, name) {
    var cols = kind === 0 ? D.cols.actors : D.cols.proposals;
    var row = kind === 0 ? D.am[i] : D.pm[i];
    for (var c = 0; c < cols.length; c++) if (cols[c][0] === name) return row[c];
    return null;
  }

  /* Details of an actor or a proposal: its positions with their quotes. */
  function showEntity(kind, i) {
    var e = entity(kind, i);
    panel.textContent = "";
    add(panel, el("h3", null, e.label));
    var bits = [];
    if (kind === 1) bits.push("proposal");
    if (e.type) bits.push(e.type);
    if (e.group) bits.push(e.group);
    if (e.topic) bits.push("topic: " + e.topic);
    if (bits.length) add(panel, el("p", "muted", bits.join(" \u00b7 ")));
    var c = coalitionOf(kind, i);
    if (c) {
      var cp = add(el("p"), swatch(c), " " + (kind === 0 ? "" : "backed most by ") + coalitionName(c));
      if (kind === 0 && known(e.s) && D.consensus && D.consensus.runs > 1)
        add(cp, " \u00b7 with it in " + Math.round(100 * e.s) + "% of the " + D.consensus.runs + " runs" +
          (e.s < D.consensus.stable ? " (unstable)" : ""));
      add(panel, cp);
    }
    if (kind === 0)
      add(panel, figs([["statements", metric(0, i, "statements")], ["supports", metric(0, i, "support")],
        ["opposes", metric(0, i, "oppose")], ["ties", metric(0, i, "degree")], ["betweenness", metric(0, i, "betweenness")]]));
    else
      add(panel, figs([["supporters", metric(1, i, "supporters")], ["opponents", metric(1, i, "opponents")],
        ["controversy", metric(1, i, "controversy")]]));
    var list = kind === 0 ? D.apos[i] : D.ppos[i];
    var total = kind === 0 ? D.atot[i] : D.ptot[i];
    add(panel, el("h3", null, kind === 0 ? "Stances (" + fmt(total) + ")" : "Positions of actors (" + fmt(total) + ")"));
    if (list.length < total)
      add(panel, el("p", "note", "Showing the " + fmt(list.length) + " heaviest of " + fmt(total) + " to keep the page small."));
    var ul = el("ul", "pos-list");
    list.forEach(function (pi) {
      var p = D.pairs[pi];
      var li = el("li");
      var other = kind === 0 ? D.proposals[p[1]] : D.actors[p[0]];
      add(li, add(el("div"), stanceTag(p[2]), el("strong", null, other.label)));
      li.appendChild(quotes(pi));
      ul.appendChild(li);
    });
    add(panel, ul);
  }
  function selectNode(i, scroll) {
    selected = { node: i };
    restore();
    var n = nodes[i];
    showEntity(n[0], n[1]);
    if (scroll) stage.scrollIntoView({ block: "start" });
  }
  function selectEntity(kind, i) {
    var ni = nodeOf[kind][i];
    if (ni !== undefined) selectNode(ni, true);
    else {
      selected = null; restore();
      showEntity(kind, i);
      stage.scrollIntoView({ block: "start" });
    }
  }

  function selectTie(t) {
    selected = { tie: t };
    restore();
    var tie = ties[t], det = D.tieDetail[t];
    var a = nodes[tie[0]], b = nodes[tie[1]];
    var ea = entity(a[0], a[1]), eb = entity(b[0], b[1]);
    panel.textContent = "";
    add(panel, el("h3", null, ea.label + " \u2014 " + eb.label));
    if (D.kind === "stances") {
      add(panel, add(el("p"), stanceTag(tie[2]), "weight " + fmt(Math.abs(tie[3] + tie[4])) + ", net " + fmt(tie[2])));
      var ul0 = el("ul", "pos-list"), li0 = el("li");
      li0.appendChild(quotes(det.pair));
      add(panel, add(ul0, li0));
      return;
    }
    var other = D.kind === "actors" ? "proposal" : "actor";
    add(panel, el("p", null, "Agree on " + plural(det.agree.length + (det.moreAgree || 0), other, other + "s") +
      ", disagree on " + plural(det.conflict.length + (det.moreConflict || 0), other, other + "s") +
      " (tie " + fmt(tie[2]) + ")."));
    [["They agree on", det.agree, det.moreAgree], ["They disagree on", det.conflict, det.moreConflict]].forEach(function (sec) {
      if (!sec[1].length) return;
      add(panel, el("h3", null, sec[0]));
      var ul = el("ul", "pos-list");
      sec[1].forEach(function (row) {
        var li = el("li");
        var what = D.kind === "actors" ? D.proposals[row[0]] : D.actors[row[0]];
        add(li, el("strong", null, what.label));
        [[ea, row[1]], [eb, row[2]]].forEach(function (side) {
          var p = D.pairs[side[1]];
          var who = D.kind === "actors" ? side[0].label : D.proposals[p[1]].label;
          add(li, add(el("div"), stanceTag(p[2]), D.kind === "actors" ? who : "on " + who));
          li.appendChild(quotes(side[1]));
        });
        ul.appendChild(li);
      });
      add(panel, ul);
      if (sec[2]) add(panel, el("p", "muted", "\u2026 and " + fmt(sec[2]) + " more, not shown to keep the page small."));
    });
  }

  findInput.addEventListener("change", function () {
    var v = findInput.value;
    for (var i = 0; i < nodes.length; i++)
      if (entity(nodes[i][0], nodes[i][1]).label === v) { selectNode(i); return; }
  });

  showIntro();
  apply();
  labelEls.forEach(function (l) {
    if (+l.getAttribute("x") + l.getComputedTextLength() > 1375) {
      l.setAttribute("x", l.dataset.left);
      l.setAttribute("text-anchor", "end");
    }
  });
  window.addEventListener("resize", apply);

  /* ---- coalitions ----------------------------------------------------- */

  function chip(kind, i) {
    var b = el("button", "chip", entity(kind, i).label);
    b.type = "button";
    b.addEventListener("click", function () { selectEntity(kind, i); });
    return b;
  }
  /* Stability: the share of the consensus runs in which an actor sits
   * with its coalition (null with one run). */
  var K = D.consensus || {};
  function known(v) { return v !== null && v !== undefined; }
  function pct(v) { return Math.round(100 * v) + "%"; }
  function unstable(a) { var s = D.actors[a].s; return known(s) && known(K.stable) && s < K.stable; }
  function unstableMark(a) {
    var m = el("span", "unstable", "unstable, " + pct(D.actors[a].s));
    m.title = "sits with this coalition in " + pct(D.actors[a].s) + " of the " + K.runs + " runs";
    return m;
  }
  if (coalitions.length) {
    add(main, el("h2", null, "Coalitions"));
    var g = D.graph || {};
    var many = K.runs > 1 && known(K.stability);
    add(main, el("p", "muted", "Found with " + (D.method || "?") + " on the signed actor network" +
      (many ? ", as the consensus of " + K.runs + " runs" : "") +
      ": members agree with each other more than with the rest. Cohesion is the share of the member pairs that take a position on a common proposal and agree more often than not." +
      (many ? " Stability is the share of the runs in which a member sits with its coalition (a coalition's: its members' mean); members below " +
        pct(K.stable) + " are marked unstable. Over all actors it is " + K.stability.toFixed(2) + "." : "")));
    if (many && K.clear === false) {
      var warn = el("p", "note warn", "The runs disagree: on average an actor sits with its coalition in only " + pct(K.stability) +
        " of them. The data support no clear partition; read these coalitions as tentative.");
      warn.setAttribute("role", "alert");
      add(main, warn);
    }
    var cards = el("div", "cards");
    var alone = [];
    coalitions.forEach(function (c) {
      if (c.members.length < 2) { alone.push(c.members[0]); return; }
      var card = el("section", "card coalition");
      card.style.borderTopColor = c.color;
      add(card, add(el("h3"), swatch(c), " " + coalitionName(c) + " \u00b7 " + plural(c.members.length, "actor", "actors")));
      var f = [["cohesion", c.cohesion]];
      if (known(c.stability)) f.push(["stability", c.stability]);
      if (c.unstable) f.push(["unstable members", c.unstable]);
      add(card, figs(f));
      if (known(c.stability)) {
        var bar = el("div", "bar"), fill = el("i");
        fill.style.width = Math.round(100 * Math.max(0, Math.min(1, c.stability))) + "%";
        add(card, add(bar, fill));
      }
      var mem = el("div", "members");
      c.members.forEach(function (a) {
        mem.appendChild(chip(0, a));
        if (unstable(a)) mem.appendChild(unstableMark(a));
      });
      add(card, mem);
      [["Supports", c.supports], ["Opposes", c.opposes]].forEach(function (s) {
        if (!s[1].length) return;
        add(card, el("strong", null, s[0]));
        var ul = el("ul");
        s[1].forEach(function (p) { ul.appendChild(el("li", null, D.proposals[p].label)); });
        add(card, ul);
      });
      if (!c.supports.length && !c.opposes.length)
        add(card, el("p", "muted", "No proposal that its members back or oppose nearly unanimously."));
      cards.appendChild(card);
    });
    add(main, cards);
    if (alone.length) {
      var pa = el("p", null, plural(alone.length, "actor stands", "actors stand") + " alone: ");
      var ma = el("div", "members");
      alone.slice(0, 300).forEach(function (a) {
        ma.appendChild(chip(0, a));
        if (unstable(a)) ma.appendChild(unstableMark(a));
      });
      add(main, pa, ma);
      if (alone.length > 300) add(main, el("p", "muted", "\u2026 and " + fmt(alone.length - 300) + " more, in the actors table."));
    }
  }

  /* ---- polarization, timeline, scale ---------------------------------- */

  if (D.polarization) {
    var P = D.polarization;
    add(main, el("h2", null, "Polarization"));
    if (!P.defined) {
      add(main, el("p", "muted", "Not defined here: fewer than " + (P.k + 1) + " actors, or no ties."));
    } else {
      var pw = el("div", "polar");
      add(pw, el("span", "big", P.score.toFixed(3)));
      var pbar = el("div", "bar wide"), pfill = el("i");
      pfill.style.width = Math.round(100 * Math.max(0, Math.min(1, P.score))) + "%";
      add(pw, add(pbar, pfill));
      add(main, pw);
      add(main, el("p", null, "The Discourse Network Analyzer's polarization score (Leifeld): how far the actors split into " +
        P.k + " camps of equal size that agree within and disagree across, from 0 (no such split) to 1 (perfectly polarised). " +
        (P.exact ? "This is the exact maximum over all " + fmt(Math.round(P.partitions)) + " balanced splits."
          : "The split below is the best of " + P.restarts + " local searches (" + P.hits + " reached it), not a proven maximum.")));
      add(main, figs([["score", P.score], ["raw score", P.raw], ["camps", P.k]]));
      var pc = el("div", "cards");
      P.camps.forEach(function (camp, ci) {
        var card = el("section", "card");
        add(card, el("h3", null, "Camp " + (ci + 1) + " \u00b7 " + plural(camp.length, "actor", "actors")));
        var mem = el("div", "members");
        camp.forEach(function (a) { mem.appendChild(chip(0, a)); });
        add(pc, add(card, mem));
      });
      add(main, pc);
    }
  }
  if (D.timeline) {
    add(main, el("h2", null, "Over time"));
    if (D.timeline.summary) add(main, el("p", "muted", D.timeline.summary));
    var tc = el("div", "chart"), timg = el("img");
    timg.src = D.timeline.chart; /* an SVG as a data: URL, drawn as an image */
    timg.alt = "Timeline of the debate";
    add(main, add(tc, timg));
  }
  /* Ideal points: one row per actor, left to right on the first
   * dimension, with a 95% interval; big corpora as a strip of dots. */
  if (D.scale) {
    var Z = D.scale;
    add(main, el("h2", null, "Where the actors stand"));
    add(main, el("p", "muted", "Ideal points from the actors' stances alone (a roll-call scaling: support as yea, opposition as nay), on a scale with mean 0 and standard deviation 1; the bars are 95% intervals. " +
      fmt(Z.scaledActors) + " actors and " + fmt(Z.scaledProposals) + " proposals scaled; the model classifies " +
      (100 * Z.classified).toFixed(1) + "% of the " + fmt(Z.votes) + " stances right (APRE " + fmt(Z.apre) + ", GMP " + fmt(Z.gmp) + ")" +
      (Z.converged ? "." : "; the fit did not converge.")));
    var rows = Z.actors.slice().sort(function (p, q) { return p[1] - q[1] || p[0] - q[0]; });
    var lo = Infinity, hi = -Infinity;
    rows.forEach(function (r) { lo = Math.min(lo, r[1] - 1.96 * (r[2] || 0)); hi = Math.max(hi, r[1] + 1.96 * (r[2] || 0)); });
    if (!(hi > lo)) { lo -= 1; hi += 1; }
    var few = rows.length <= 80, rowH = 18, W = 1000, left = few ? 260 : 20, right = 20;
    var H = few ? rows.length * rowH + 40 : 80;
    var chart = svg("svg", { viewBox: "0 0 " + W + " " + H, "class": "scale", role: "img" });
    chart.setAttribute("aria-label", "Ideal points of the actors");
    function sxp(v) { return left + (W - left - right) * (v - lo) / (hi - lo); }
    [Math.ceil(lo), 0, Math.floor(hi)].filter(function (v, i, a) { return a.indexOf(v) === i && v >= lo && v <= hi; }).forEach(function (v) {
      add(chart, svg("line", { x1: sxp(v), x2: sxp(v), y1: 0, y2: H - 20, "class": v === 0 ? "axis zero" : "axis" }));
      var t = svg("text", { x: sxp(v), y: H - 6, "class": "tick", "text-anchor": "middle" });
      t.textContent = String(v);
      add(chart, t);
    });
    rows.forEach(function (r, k) {
      var y = few ? 14 + k * rowH : 30;
      var se = r[2] || 0;
      var g = svg("g", { "class": "pt" });
      if (se > 0) add(g, svg("line", { x1: sxp(r[1] - 1.96 * se), x2: sxp(r[1] + 1.96 * se), y1: y, y2: y, "class": "ci" }));
      var dot = svg("circle", { cx: sxp(r[1]), cy: y, r: few ? 5 : 4, "class": "node" });
      dot.setAttribute("fill", colour(coalitionOf(0, r[0])));
      var tt = svg("title", {});
      tt.textContent = D.actors[r[0]].label + ": " + r[1].toFixed(2) + (se > 0 ? " \u00b1 " + (1.96 * se).toFixed(2) : "");
      add(dot, tt);
      add(g, dot);
      if (few) {
        var lt = svg("text", { x: left - 8, y: y + 4, "class": "lbl", "text-anchor": "end", "font-size": 12 });
        lt.textContent = D.actors[r[0]].label.length > 40 ? D.actors[r[0]].label.slice(0, 39) + "\u2026" : D.actors[r[0]].label;
        add(g, lt);
      }
      g.addEventListener("click", function () { selectEntity(0, r[0]); });
      add(chart, g);
    });
    add(main, add(el("div", "chart"), chart));
  }

  /* ---- metrics tables ----------------------------------------------- */

  add(main, el("h2", null, "Metrics"));
  if (D.graph) {
    var gm = D.graph;
    add(main, figs([["nodes", gm.nodes], ["ties", gm.edges], ["positive ties", gm.positive], ["negative ties", gm.negative],
      ["density", gm.density], ["coalitions", gm.coalitions]].concat(D.consensus && D.consensus.runs > 1 &&
      D.consensus.stability !== null ? [["stability", D.consensus.stability]] : []).concat([["signed modularity", gm.modularity],
      ["structural balance", gm.balance], ["frustration", gm.frustration], ["ties against the partition", gm.violations]])));
  }
  var tabs = el("div", "tabs");
  tabs.setAttribute("role", "tablist");
  var tableHost = el("div", "table-wrap");
  add(main, tabs, tableHost);
  var tables = [["Actors", 0, D.actors, D.cols.actors, D.am], ["Proposals", 1, D.proposals, D.cols.proposals, D.pm]];
  var tabButtons = [];
  function showTable(ti) {
    tabButtons.forEach(function (b, j) { b.setAttribute("aria-selected", j === ti ? "true" : "false"); });
    tableHost.textContent = "";
    tableHost.appendChild(buildTable(tables[ti]));
  }
  tables.forEach(function (t, ti) {
    var b = el("button", null, t[0] + " (" + fmt(t[2].length) + ")");
    b.type = "button";
    b.setAttribute("role", "tab");
    b.addEventListener("click", function () { showTable(ti); });
    tabButtons.push(b);
    tabs.appendChild(b);
  });

  function buildTable(spec) {
    var kind = spec[1], rows = spec[2], cols = spec[3], vals = spec[4];
    var table = el("table"), thead = el("thead"), tbody = el("tbody"), hr = el("tr");
    var heads = [["name", "s"]].concat(cols);
    heads.forEach(function (h, hi) {
      var th = el("th", null, h[0].replace(/_/g, " "));
      th.tabIndex = 0;
      th.scope = "col";
      if (h[1] !== "s") th.className = "num";
      th.addEventListener("click", function () { sortBy(hi); });
      th.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); sortBy(hi); } });
      hr.appendChild(th);
    });
    add(thead, hr);
    add(table, thead, tbody);
    var idx = rows.map(function (r, i) { return i; });
    var sortCol = -1, dir = 1;
    function cell(i, hi) {
      if (hi === 0) return rows[i].label;
      var v = vals[i][hi - 1];
      if (heads[hi][0] === "coalition" && typeof v === "number") return v;
      return v;
    }
    function render() {
      tbody.textContent = "";
      var frag = document.createDocumentFragment();
      idx.forEach(function (i) {
        var tr = el("tr");
        heads.forEach(function (h, hi) {
          var v = cell(i, hi);
          var td = el("td", hi === 0 ? "name" : h[1] !== "s" ? "num" : null);
          if (hi > 0 && h[0] === "coalition" && typeof v === "number") {
            var c = coalitions[v - 1];
            if (c) td.appendChild(swatch(c));
            td.appendChild(document.createTextNode(" " + v));
          } else td.textContent = fmt(v);
          tr.appendChild(td);
        });
        tr.addEventListener("click", function () { selectEntity(kind, i); });
        frag.appendChild(tr);
      });
      tbody.appendChild(frag);
    }
    function sortBy(hi) {
      dir = sortCol === hi ? -dir : (hi === 0 || heads[hi][1] === "s" ? 1 : -1);
      sortCol = hi;
      idx.sort(function (x, y) {
        var a = cell(x, hi), b = cell(y, hi);
        var am = a === null || a === undefined || a === "", bm = b === null || b === undefined || b === "";
        if (am || bm) return am && bm ? x - y : am ? 1 : -1; /* missing last */
        var r = typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b));
        return r * dir || x - y;
      });
      hr.childNodes.forEach(function (th, j) {
        if (j === hi) th.setAttribute("aria-sort", dir > 0 ? "ascending" : "descending");
        else th.removeAttribute("aria-sort");
      });
      render();
    }
    render();
    return table;
  }
  showTable(0);

  /* ---- sources and footer ------------------------------------------ */

  if ((D.sources || []).length) {
    add(main, el("h2", null, "Sources"));
    var ul = el("ul", "sources");
    D.sources.forEach(function (s) {
      var li = el("li");
      add(li, link(s.title || s.publisher || s.id, s.url));
      var meta = [s.title ? s.publisher : null, s.date].filter(Boolean).join(", ");
      if (meta) add(li, " \u2014 " + meta);
      ul.appendChild(li);
    });
    add(main, ul);
    if (D.sourcesTotal > D.sources.length)
      add(main, el("p", "muted", "\u2026 and " + fmt(D.sourcesTotal - D.sources.length) + " more sources."));
  }
  add(footer, el("p", null, "Made with " + (D.generator || "stancegraph") + ". " +
    "This page is self-contained: it loads nothing from the network."));

  document.documentElement.setAttribute("data-sg-ready", "1");
})();
