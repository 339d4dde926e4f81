#!/usr/bin/env node
/* Open a report in Debian's headless Chromium (puppeteer-core drives
 * /usr/bin/chromium; nothing is downloaded) and check it as a reader meets
 * it. Expectations come from the input file and from the `coalitions`
 * command, never from the page's own data.
 *
 *   node check-report.js CASES.json
 *
 * CASES.json lists the pages to check, one browser for all of them:
 *   [{"name", "page", "input", "coalitions", "shots", "node"?, "hostile"?}]
 * (page: the report; input: the JSON it was made from; coalitions: the
 * `coalitions --format csv` output for it; shots: where screenshots go;
 * node: the label of the actor to click, else the first actor; stances:
 * the page draws the two-mode network; charts: how many chart images it
 * must show; scale: the `scale --format json` output the page's ideal
 * points must match).
 *
 * Checks: the scripts run and draw every actor and coalition; clicking a
 * node shows its stances with their quotes; clicking a tie shows what the
 * two ends agree and disagree on; the tables sort; no console error, no
 * page error, no Content-Security-Policy violation; no request leaves the
 * page (every request is intercepted); on a phone-sized screen nothing
 * overflows sideways. With --hostile also: the labels, quotes and notes
 * appear as text, no element or script came from the data, no javascript:
 * or data: link exists. Screenshots go to DIR. */
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const puppeteer = require("puppeteer-core");

let failures = 0;
function check(ok, what) {
  if (ok) return;
  failures++;
  console.log("FAIL " + what);
}

/* RFC 4180, enough for `coalitions --format csv` (coalition,id,label). */
function parseCsv(text) {
  const rows = [];
  let row = [], field = "", q = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') q = false;
      else field += c;
    } else if (c === '"') q = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); rows.push(row); row = []; field = "";
    } else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

async function main() {
  const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "sg-report-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: process.env.SG_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    userDataDir: profile,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  });
  let bad = 0;
  try {
    const page = await browser.newPage();
    await page.evaluateOnNewDocument(() => {
      window.__csp = [];
      document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
    });
    await page.setRequestInterception(true);
    const state = { url: null, requests: [], problems: [] };
    page.on("request", (r) => {
      const u = r.url();
      if (u === state.url || u === "about:blank" || u.startsWith("data:")) return r.continue();
      state.requests.push(u);
      r.abort();
    });
    page.on("console", (m) => { if (/^(error|warn|warning)$/.test(m.type())) state.problems.push("console " + m.type() + ": " + m.text()); });
    page.on("pageerror", (e) => state.problems.push("page error: " + e.message));
    page.on("popup", () => state.problems.push("a popup opened"));
    for (const c of cases) {
      failures = 0;
      state.requests = [];
      state.problems = [];
      try {
        await checkCase(page, c, state);
      } catch (e) {
        check(false, String(e && e.stack || e));
      }
      for (const p of state.problems) check(false, p);
      console.log(`${c.name}: ${failures ? "FAILED (" + failures + ")" : "ok"}`);
      bad += failures > 0;
    }
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.exit(bad ? 1 : 0);
}

async function checkCase(page, a, state) {
  const input = JSON.parse(fs.readFileSync(a.input, "utf8"));
  const csv = parseCsv(fs.readFileSync(a.coalitions, "utf8"));
  const head = csv.shift();
  const ci = head.indexOf("coalition"), li = head.indexOf("label");
  const coalitions = new Map();
  for (const r of csv) {
    if (r.length < head.length) continue;
    if (!coalitions.has(r[ci])) coalitions.set(r[ci], []);
    coalitions.get(r[ci]).push(r[li]);
  }
  const groups = [...coalitions.values()].filter((m) => m.length > 1);
  /* Stability as the coalitions command gives it: per actor (its CSV's
   * stability column), and the mean with the clear-partition verdict
   * (its JSON). */
  const si = head.indexOf("stability");
  const unstableWant = csv.filter((r) => r.length >= head.length && r[si] !== "" && Number(r[si]) < 0.9)
    .map((r) => r[li] + ": unstable, " + Math.round(100 * Number(r[si])) + "%").sort();
  const cj = a.coalitionsJson ? JSON.parse(fs.readFileSync(a.coalitionsJson, "utf8")) : null;
  /* Leave the previous page first: changing the viewport reloads it. */
  await page.goto("about:blank");
  const pageUrl = state.url = "file://" + path.resolve(a.page);
  {
    await page.setViewport({ width: 1280, height: 900 });
    await page.goto(pageUrl, { waitUntil: "load" });
    await page.waitForSelector("html[data-sg-ready='1']", { timeout: 20000 });

    /* Every actor and every coalition is on the page. */
    const text = await page.evaluate(() => document.body.textContent);
    const missing = input.actors.filter((x) => !text.includes(x.label || x.id));
    check(missing.length === 0, "actors not on the page: " + missing.map((x) => JSON.stringify(x.label)).join(", "));
    const cards = await page.$$eval(".card.coalition", (cs) => cs.map((c) => [...c.querySelectorAll(".chip")].map((b) => b.textContent).sort()));
    const want = groups.map((g) => g.slice().sort());
    check(cards.length === want.length, `coalition cards: ${cards.length}, the coalitions command finds ${want.length} of two or more`);
    for (const g of want)
      check(cards.some((c) => JSON.stringify(c) === JSON.stringify(g)), "no card lists the coalition " + JSON.stringify(g));
    /* Stability: unstable members marked (in their card or among the
     * actors alone), each with its share of the runs, and no one else;
     * the plain-words warning exactly when the partition is not clear;
     * the coalition cards' and the graph's stability figures. */
    const marks = await page.$$eval(".members .unstable", (ms) => ms.map((m) => m.previousElementSibling.textContent + ": " + m.textContent).sort());
    check(JSON.stringify(marks) === JSON.stringify(unstableWant), "unstable members marked " + JSON.stringify(marks) + ", the coalitions command says " + JSON.stringify(unstableWant));
    const warned = await page.$$eval(".note.warn", (ws) => ws.map((w) => w.textContent));
    if (cj) {
      const want = cj.clear ? [] : ["The runs disagree: on average an actor sits with its coalition in only " + Math.round(100 * cj.stability) + "% of them. The data support no clear partition; read these coalitions as tentative."];
      check(JSON.stringify(warned) === JSON.stringify(want), "warning " + JSON.stringify(warned) + ", expected " + JSON.stringify(want));
      const cardStab = await page.$$eval(".card.coalition", (cs) => cs.map((c) => {
        const f = [...c.querySelectorAll("dt")].find((x) => x.textContent === "stability");
        return f ? Number(f.nextElementSibling.textContent) : null;
      }));
      const wantStab = cj.coalitions.filter((c) => c.size > 1).map((c) => c.stability);
      check(cardStab.length === wantStab.length && cardStab.every((t, i) => t !== null && Math.abs(t - wantStab[i]) < 0.0051), "card stabilities " + JSON.stringify(cardStab) + ", expected " + JSON.stringify(wantStab));
      const graphStab = await page.$$eval("dt", (ds) => ds.filter((d) => d.textContent === "stability" && !d.closest(".card")).map((d) => Number(d.nextElementSibling.textContent)));
      check(graphStab.length === 1 && Math.abs(graphStab[0] - cj.stability) < 0.0051, "graph stability " + JSON.stringify(graphStab) + ", expected " + cj.stability);
    }
    /* Names: the coalition of each named member carries its given name,
     * as text, in its card and in the legend; the others are named by
     * what they stand for ("For ..." or "Against ..."). */
    const heads = await page.$$eval(".card.coalition", (cs) => cs.map((c) => ({
      h: c.querySelector("h3").textContent, m: [...c.querySelectorAll(".chip")].map((b) => b.textContent) })));
    const legend = await page.evaluate(() => document.querySelector(".legend") ? document.querySelector(".legend").textContent : "");
    const named = a.named || {};
    for (const [member, name] of Object.entries(named)) {
      const card = heads.find((c) => c.m.includes(member));
      check(card && card.h.startsWith(" " + name + " \u00b7") || card && card.h.startsWith(name + " \u00b7"), "coalition of " + member + " not named " + JSON.stringify(name) + ": " + JSON.stringify(card && card.h));
      check(legend.includes(name), "legend lacks " + JSON.stringify(name));
    }
    for (const c of heads)
      if (!Object.keys(named).some((m) => c.m.includes(m)))
        check(/^ ?(For|Against|Coalition \d+) /.test(c.h), "coalition not named by what it stands for: " + JSON.stringify(c.h));
    const drawn = await page.$$eval("#sg-graph .node", (n) => n.length);
    const want_nodes = input.actors.length + (a.stances ? input.proposals.length : 0);
    check(drawn === want_nodes, `drawn nodes: ${drawn}, expected ${want_nodes}`);

    /* Clicking a node lists its stances with their quotes. */
    const nodeLabel = a.node || input.actors[0].label;
    const actor = input.actors.find((x) => (x.label || x.id) === nodeLabel);
    check(!!actor, "no actor " + nodeLabel);
    const handle = await page.evaluateHandle((l) => [...document.querySelectorAll("#sg-graph .node")].find((n) => n.querySelector("title").textContent === l), nodeLabel);
    check(!!(await handle.evaluate((n) => !!n)), "no node drawn for " + nodeLabel);
    await handle.click();
    const panel = await page.$eval("#sg-panel", (p) => ({ h: p.querySelector("h3").textContent, t: p.textContent }));
    check(panel.h === nodeLabel, `clicked ${JSON.stringify(nodeLabel)}, panel shows ${JSON.stringify(panel.h)}`);
    const quotes = input.stances.filter((s) => s.actor === actor.id && s.quote).map((s) => s.quote);
    check(quotes.length > 0, "the test actor has no quotes");
    for (const q of quotes) check(panel.t.includes(q), "quote not shown for " + nodeLabel + ": " + JSON.stringify(q));
    if (a.hostile) {
      /* Labels, types, groups, the title, and the clicked actor's quotes
       * and notes, character for character. */
      const texts = [input.title];
      for (const x of input.actors) texts.push(x.label, x.type, x.group);
      for (const s of input.stances.filter((s) => s.actor === actor.id)) texts.push(s.quote, s.note);
      const body = await page.evaluate(() => document.body.textContent);
      for (const t of texts.filter(Boolean)) check(body.includes(t), "not shown as text: " + JSON.stringify(t));
    }
    await page.screenshot({ path: path.join(a.shots, a.name + "-node.png") });

    /* Clicking a tie lists the proposals the two agree or disagree on. */
    const tie = await page.evaluate(() => {
      const hits = [...document.querySelectorAll("#sg-graph .hit")];
      const nodes = [...document.querySelectorAll("#sg-graph .node")].map((n) => n.getBoundingClientRect());
      /* A point on a tie away from every node, so the click lands on it. */
      for (const h of hits) {
        const x1 = +h.getAttribute("x1"), y1 = +h.getAttribute("y1"), x2 = +h.getAttribute("x2"), y2 = +h.getAttribute("y2");
        const m = h.ownerSVGElement.getScreenCTM().multiply(h.parentNode.getCTM().inverse().multiply(h.getCTM()));
        for (const t of [0.5, 0.4, 0.6, 0.3, 0.7]) {
          const p = new DOMPoint(x1 + t * (x2 - x1), y1 + t * (y2 - y1)).matrixTransform(h.getScreenCTM());
          if (document.elementFromPoint(p.x, p.y) === h && !nodes.some((r) => p.x >= r.left - 2 && p.x <= r.right + 2 && p.y >= r.top - 2 && p.y <= r.bottom + 2))
            return { x: p.x, y: p.y, i: h.dataset.tie };
        }
      }
      return null;
    });
    check(!!tie, "no tie to click");
    if (tie) {
      await page.mouse.click(tie.x, tie.y);
      const tp = await page.$eval("#sg-panel", (p) => ({ h: p.querySelector("h3").textContent, t: p.textContent, items: p.querySelectorAll(".pos-list > li").length, q: p.querySelectorAll("blockquote").length }));
      check(/ \u2014 /.test(tp.h) && (a.stances ? /(supports|opposes)/.test(tp.t) : /Agree on/.test(tp.t)), "tie panel: " + JSON.stringify(tp.h));
      check(tp.items > 0 && tp.q > 0, "tie panel lists no proposals with quotes");
    }

    /* Sorting: clicking a numeric column header orders the rows by it. */
    const sorted = await page.evaluate(() => {
      const th = [...document.querySelectorAll("table th")].find((t) => t.textContent === "statements");
      if (!th) return null;
      th.click();
      const col = [...th.parentNode.children].indexOf(th);
      return [...document.querySelectorAll("table tbody tr")].map((r) => Number(r.children[col].textContent.replace(/,/g, "")));
    });
    check(sorted && sorted.length === input.actors.length, "actors table rows");
    check(sorted && sorted.every((v, i) => i === 0 || sorted[i - 1] >= v), "statements column not sorted descending");

    /* Ideal points: one dot per actor the scale command scales, labelled,
     * at the scale command's position and 95% interval (two decimals),
     * left to right; the section is kept as a screenshot. */
    if (a.scale) {
      const sc = JSON.parse(fs.readFileSync(a.scale, "utf8"));
      const scaled = sc.actors.filter((x) => x.dim1 !== null);
      const want = scaled.map((x) => x.label + ": " + x.dim1.toFixed(2) + (x.se1 > 0 ? " \u00b1 " + (1.96 * x.se1).toFixed(2) : "")).sort();
      const pts = await page.$$eval("svg.scale .pt", (ps) => ps.map((p) => [p.querySelector("title").textContent, +p.querySelector("circle").getAttribute("cx")]));
      const got = pts.map((p) => p[0]).sort();
      check(pts.length === scaled.length, "scaled actors on the page: " + pts.length + ", the scale command scales " + scaled.length);
      for (const w of want) check(got.includes(w), "no ideal point " + JSON.stringify(w) + " on the page");
      const byX = pts.slice().sort((p, q) => p[1] - q[1]).map((p) => parseFloat(p[0].slice(p[0].lastIndexOf(": ") + 2)));
      check(byX.every((v, i) => i === 0 || byX[i - 1] <= v), "ideal points not drawn left to right by position");
      const chart = await page.$("svg.scale");
      check(!!chart, "no ideal-point chart");
      if (chart) {
        await chart.evaluate((e) => e.scrollIntoView());
        await chart.screenshot({ path: path.join(a.shots, a.name + "-scale.png") });
      }
    }

    /* Charts (the timeline's SVG) are drawn: decoded images, no broken one. */
    const charts = await page.$$eval(".chart img", (is) => is.map((i) => [i.complete, i.naturalWidth]));
    if (a.charts !== undefined) check(charts.length === a.charts, `charts: ${charts.length}, expected ${a.charts}`);
    check(charts.every((c) => c[0] && c[1] > 0), "a chart did not draw: " + JSON.stringify(charts));

    /* What the data must not do. */
    const dom = await page.evaluate(() => ({
      scripts: document.scripts.length,
      pwned: window.__pwned || null,
      /* The page's own: its stylesheet, bar fills, and chart images. */
      foreign: [...document.querySelectorAll("b, i, iframe, object, embed, img, style, link, meta[http-equiv='refresh'], form, base")]
        .filter((e) => !(e.tagName === "STYLE" && e.parentNode === document.head) &&
          !(e.tagName === "I" && e.parentNode.classList.contains("bar") && !e.firstChild) &&
          !(e.tagName === "IMG" && e.parentNode.classList.contains("chart") && /^data:image\/svg\+xml;base64,/.test(e.getAttribute("src"))))
        .map((e) => e.outerHTML.slice(0, 80)),
      styles: document.querySelectorAll("style").length,
      handlers: [...document.querySelectorAll("*")].filter((e) => [...e.attributes].some((x) => /^on/i.test(x.name))).length,
      badLinks: [...document.querySelectorAll("a[href]")].map((x) => x.href).filter((h) => !/^https?:/.test(h)),
      csp: window.__csp,
      title: document.title,
    }));
    check(dom.scripts === 2, "scripts on the page: " + dom.scripts);
    check(dom.styles === 1, "style elements: " + dom.styles);
    check(dom.pwned === null, "injected script ran: " + dom.pwned);
    check(dom.foreign.length === 0, "elements from the data: " + dom.foreign.join(" | "));
    check(dom.handlers === 0, "elements with event-handler attributes: " + dom.handlers);
    check(dom.badLinks.length === 0, "links that are not http(s): " + dom.badLinks.join(" "));
    check(dom.csp.length === 0, "CSP violations: " + dom.csp.join("; "));
    check(dom.title === input.title, "document title " + JSON.stringify(dom.title));

    /* A phone: one column, nothing wider than the screen. */
    await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    await page.reload({ waitUntil: "load" });
    await page.waitForSelector("html[data-sg-ready='1']", { timeout: 20000 });
    const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(wide <= 0, "page wider than a phone by " + wide + " px");
    await page.screenshot({ path: path.join(a.shots, a.name + "-phone.png") });
    check(state.requests.length === 0, "requests left the page: " + state.requests.join(" "));
  }
}

main().catch((e) => { console.log("FAIL " + (e && e.stack || e)); process.exit(1); });
