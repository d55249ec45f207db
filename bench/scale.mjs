// Scale in the browser (issue 5): a ~5 MB article of 1,000 sections imported
// into the app (dist/, through the file input), then, with the article loaded:
//   typing     four queries typed into #search a character at a time
//              (`keyboard.type`, 150 ms apart); for every keystroke, the time
//              from the `input` event (a capture listener on window, so before
//              the app's handler) to the first DOM mutation in `main` or
//              #status (a MutationObserver; its callback runs once the app's
//              render has finished), to the next animation frame after it
//              (requestAnimationFrame) and to the end of that frame (a
//              MessageChannel message posted from the frame callback, so after
//              its style, layout and paint);
//   entities   five entity buttons chosen in turn, the all/any switch on and
//              off, the five cleared again: the same, from `click`;
//   long tasks every `longtask` (and `long-animation-frame`) entry that starts
//              after the import, i.e. during the two steps above;
//   memory     the wasm linear memory (`memory.buffer.byteLength` of the
//              instance: the glue module's `init()` returns the exports of the
//              instance the boot script made), before and after the import and
//              at the end (linear memory never shrinks: the end is the peak);
//              also the JS heap (CDP Runtime.getHeapUsage) and DOM node count.
// Also the Event Timing API's durations (event → next paint, 8 ms steps).
// Prints each run and the medians and ranges over the runs.
//
//   node bench/scale.mjs [RUNS]        (default 3; DIST=…, CHROMIUM=… as in the e2e harness)
//   PROFILE=/tmp/scale node bench/scale.mjs 1
//                                      also writes a CPU profile of the typing and clicking
//                                      (/tmp/scale.1.cpuprofile); `node bench/profile-summary.mjs`
//                                      lists where the time went (build with function names:
//                                      data-wasm-opt="0" keeps the wasm's name section)
import fs from 'node:fs';
import path from 'node:path';
import { DIST, glueModule, poll, requireBuilt, start, stop } from '../tests/e2e/harness.mjs';
import { longArticle } from '../tests/e2e/long-article.mjs';

requireBuilt();
const RUNS = Number(process.argv[2] ?? 3);
const PROFILE = process.env.PROFILE;
const SECTIONS = 1000; // plus the lede: 1001
const QUERIES = ['harbour', 'Ingrid Dahl', 'lighthouse', 'zanzibarite'];
const ENTITIES = 5;

const GLUE = glueModule();

// ---- The article: tests/e2e/large.test.mjs's generator, half the sections,
// plus a rarer word: in 1 section of 40 (25 sections).
const article = () =>
  longArticle({
    sections: SECTIONS,
    seed: 7,
    lastWord: 'zanzibarite',
    extra: (n, pick) => (n % 40 === 0 ? `The old lighthouse at ${pick(['Bergen', 'Oslo', 'Lisbon'])} was lit again, officials said.` : ''),
  }).text;

// ---- In the page: the recorders.
function install() {
  const S = (window.__scale = { events: [], pending: [], longTasks: [], loafs: [], timing: [], from: performance.now() });
  const begin = (kind, label) => {
    // An earlier input that changed nothing in main or #status (e.g. a trailing space) must not
    // take this one's mutation: it is timed by its own task and frame instead (below).
    for (const p of S.pending.splice(0)) p.nomut = true;
    const r = { kind, label, t0: performance.now(), mut: null, raf: null, done: null, frameBefore: null, nomut: false, taskEnd: null, evRaf: null, evDone: null };
    // After this event's task and its microtasks (where the app renders): a message.
    const ch = new MessageChannel();
    ch.port1.onmessage = () => { r.taskEnd = performance.now(); };
    ch.port2.postMessage(0);
    // The first frame after the event, and its end. A frame that starts before any mutation
    // means the update was not done within the event's task.
    requestAnimationFrame(() => {
      r.evRaf = performance.now();
      r.frameBefore = r.mut === null;
      const c2 = new MessageChannel();
      c2.port1.onmessage = () => { r.evDone = performance.now(); };
      c2.port2.postMessage(0);
    });
    S.events.push(r);
    S.pending.push(r);
  };
  addEventListener('keydown', (e) => { if (e.target.id === 'search') S.lastKeydown = performance.now(); }, true);
  addEventListener('input', (e) => { if (e.target.id === 'search') begin('key', e.target.value); }, true);
  addEventListener('click', (e) => {
    const b = e.target.closest?.('button.entity, #match-mode');
    if (b) begin(b.id === 'match-mode' ? 'mode' : 'entity', b.dataset.entity ?? b.id);
  }, true);
  addEventListener('keydown', (e) => { if (e.target.id === 'search' && e.key === 'Escape') begin('clear', ''); }, true);
  const mo = new MutationObserver(() => {
    const now = performance.now();
    const rs = S.pending.splice(0);
    for (const r of rs) r.mut = now;
    if (!rs.length) return;
    requestAnimationFrame(() => {
      const raf = performance.now();
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        const done = performance.now();
        for (const r of rs) { r.raf = raf; r.done = done; }
      };
      ch.port2.postMessage(0);
    });
  });
  const opts = { subtree: true, childList: true, attributes: true, characterData: true };
  mo.observe(document.querySelector('main'), opts);
  mo.observe(document.querySelector('#status'), opts);
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) if (e.startTime >= S.from) S.longTasks.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
  try {
    new PerformanceObserver((l) => {
      for (const e of l.getEntries()) {
        if (e.startTime < S.from) continue;
        // Where a long frame's time went: scripts (≥ 5 ms each, the app's handlers and render),
        // and the rendering phase (rAF callbacks, style, layout, paint).
        const script = e.scripts.reduce((a, x) => a + x.duration, 0);
        const rendering = e.renderStart ? e.startTime + e.duration - e.renderStart : 0;
        S.loafs.push([e.startTime, e.duration, script, rendering]);
      }
    }).observe({ type: 'long-animation-frame', buffered: true });
  } catch { S.loafs = null; }
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) {
      if (e.startTime >= S.from && ['keydown', 'input', 'click', 'pointerdown', 'pointerup', 'keyup'].includes(e.name)) {
        S.timing.push([e.name, e.duration, e.processingEnd - e.processingStart]);
      }
    }
  }).observe({ type: 'event', durationThreshold: 16, buffered: true });
}

const statusText = (page) => page.$eval('#status', (e) => e.textContent.replace(/\s+/g, ' ').trim()).catch(() => null);
const wasmBytes = (page) => page.evaluate(async (glue) => {
  const exports = await (await import(`/${glue}`)).default();
  return exports.memory.buffer.byteLength;
}, GLUE);
const settle = async (page) => {
  await poll(() => page.evaluate(() => window.__scale.events.every((r) => r.done !== null || r.evDone !== null && (r.nomut || performance.now() - r.t0 > 2000))), (v) => v, 10_000);
  await new Promise((r) => setTimeout(r, 250));
};

function pct(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
}
const stats = (xs) => ({ n: xs.length, p50: pct(xs, 50), p95: pct(xs, 95), max: Math.max(...xs) });
const median = (xs) => [...xs].sort((a, b) => a - b)[(xs.length - 1) >> 1];
const f1 = (x) => (x == null || Number.isNaN(x) ? '–' : x.toFixed(1));
const MB = (b) => (b / 1048576).toFixed(1);

async function run(i, buffer) {
  const h = await start();
  try {
    const context = await h.browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e?.stack ?? e)));
    await page.goto(h.server.url + '/');
    await page.waitForSelector('.ae-app[data-ready]', { timeout: 30_000 });
    const cdp = await context.newCDPSession(page);
    const wasmSeed = await wasmBytes(page);

    await page.click('#import > summary');
    const t0 = Date.now();
    await page.setInputFiles('#file', { name: 'long-winter.txt', mimeType: 'text/plain', buffer });
    const want = `${SECTIONS + 1} of ${SECTIONS + 1} sections`;
    const got = await poll(() => statusText(page), (v) => v === want, 240_000);
    if (got !== want) throw new Error(`the import did not finish: status ${JSON.stringify(got)}`);
    const importMs = Date.now() - t0;
    await new Promise((r) => setTimeout(r, 1000));
    const wasmLoaded = await wasmBytes(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heapLoaded = (await cdp.send('Runtime.getHeapUsage')).usedSize;

    await page.evaluate(install);
    if (PROFILE) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); await cdp.send('Profiler.start'); }
    // Typing.
    await page.focus('#search');
    for (const q of QUERIES) {
      await page.keyboard.type(q, { delay: 150 });
      await settle(page);
      await page.keyboard.press('Escape');
      await poll(() => statusText(page), (v) => v === want, 20_000);
      await settle(page);
    }
    // Entities: five on, any, all, five off.
    const ids = await page.$$eval('aside[aria-label="Entities"] button.entity', (bs, n) => bs.slice(0, n).map((b) => b.dataset.entity), ENTITIES);
    const clickEntity = async (id) => { await page.click(`button.entity[data-entity="${id}"]`); await settle(page); };
    for (const id of ids) await clickEntity(id);
    const statusAll = await statusText(page);
    await page.click('#match-mode'); await settle(page);
    const statusAny = await statusText(page);
    await page.click('#match-mode'); await settle(page);
    for (const id of ids) await clickEntity(id);

    if (PROFILE) {
      const { profile } = await cdp.send('Profiler.stop');
      fs.writeFileSync(`${PROFILE}.${i + 1}.cpuprofile`, JSON.stringify(profile));
      console.log(`CPU profile of the typing and clicking: ${PROFILE}.${i + 1}.cpuprofile`);
    }
    const S = await page.evaluate(() => window.__scale);
    const wasmEnd = await wasmBytes(page);
    const heapEnd = (await cdp.send('Runtime.getHeapUsage')).usedSize;
    const nodes = (await cdp.send('Memory.getDOMCounters')).nodes;
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    await context.close();

    // An input with no mutation of its own is timed to the end of its task (DOM: nothing to
    // update) and to its own next frame.
    const fallback = { mut: 'taskEnd', raf: 'evRaf', done: 'evDone' };
    const at = (r, field) => (r.nomut || r.mut === null ? r[fallback[field]] : r[field]);
    const pick = (kinds, field) => S.events.filter((r) => kinds.includes(r.kind) && at(r, field) !== null).map((r) => at(r, field) - r.t0);
    const r = {
      bytes: buffer.length, importMs, wasmSeed, wasmLoaded, wasmEnd, heapLoaded, heapEnd, nodes,
      entities: ids, statusAll, statusAny,
      keys: { mut: stats(pick(['key'], 'mut')), raf: stats(pick(['key'], 'raf')), done: stats(pick(['key'], 'done')) },
      clicks: { mut: stats(pick(['entity', 'mode'], 'mut')), raf: stats(pick(['entity', 'mode'], 'raf')), done: stats(pick(['entity', 'mode'], 'done')) },
      clears: stats(pick(['clear'], 'mut')),
      unmatched: S.events.filter((e) => e.nomut || e.mut === null).length,
      lateRender: S.events.filter((e) => e.frameBefore).length,
      events: S.events.length,
      longTasks: S.longTasks.length, longest: Math.max(0, ...S.longTasks.map((t) => t[1])),
      loafs: S.loafs?.length ?? null, longestLoaf: S.loafs ? Math.max(0, ...S.loafs.map((t) => t[1])) : null,
      loafScript: S.loafs?.length ? Math.max(...S.loafs.map((t) => t[2])) : null,
      loafRendering: S.loafs?.length ? Math.max(...S.loafs.map((t) => t[3])) : null,
      loafScriptShare: S.loafs?.length ? S.loafs.reduce((a, t) => a + t[2], 0) / S.loafs.reduce((a, t) => a + t[1], 0) : null,
      eventTiming: Math.max(0, ...S.timing.map((t) => t[1])),
      slowestPerKind: Object.fromEntries(['key', 'entity', 'mode', 'clear'].map((k) => [k, S.events.filter((e) => e.kind === k).map((e) => [e.label, +(at(e, 'mut') - e.t0).toFixed(1)]).sort((a, b) => b[1] - a[1]).slice(0, 3)])),
    };
    console.log(`run ${i + 1}: ${(r.bytes / 1e6).toFixed(2)} MB imported in ${importMs} ms; ` +
      `keystrokes (${r.keys.mut.n}) → DOM p50 ${f1(r.keys.mut.p50)} p95 ${f1(r.keys.mut.p95)} max ${f1(r.keys.mut.max)}, ` +
      `→ next frame p50 ${f1(r.keys.raf.p50)} p95 ${f1(r.keys.raf.p95)} max ${f1(r.keys.raf.max)}, → frame done p95 ${f1(r.keys.done.p95)} ms; ` +
      `clicks (${r.clicks.mut.n}) → DOM p50 ${f1(r.clicks.mut.p50)} p95 ${f1(r.clicks.mut.p95)} max ${f1(r.clicks.mut.max)}, ` +
      `→ next frame p95 ${f1(r.clicks.raf.p95)}, → frame done p95 ${f1(r.clicks.done.p95)} ms; Esc-clears → DOM max ${f1(r.clears.max)} ms; ` +
      `long tasks ${r.longTasks} (longest ${f1(r.longest)} ms), long animation frames ${r.loafs} (longest ${f1(r.longestLoaf)} ms; in them scripts ≤ ${f1(r.loafScript)} ms each, ${(100 * r.loafScriptShare).toFixed(0)} % of their time, rendering phase ≤ ${f1(r.loafRendering)} ms), longest Event Timing duration ${r.eventTiming} ms; ` +
      `wasm memory ${MB(wasmSeed)} → ${MB(wasmLoaded)} after import → ${MB(wasmEnd)} MB at the end; JS heap ${MB(heapLoaded)} → ${MB(heapEnd)} MB; DOM nodes ${nodes}; ` +
      `${r.unmatched} of ${r.events} inputs without a mutation of their own (timed to the end of their task), ${r.lateRender} rendered after a frame; entities ${ids.join(', ')}: all → "${statusAll}", any → "${statusAny}"; ` +
      `slowest ${JSON.stringify(r.slowestPerKind)}`);
    return r;
  } finally {
    await stop(h);
  }
}

const buffer = Buffer.from(article(), 'utf8');
console.log(`${buffer.length} bytes, ${SECTIONS + 1} sections; queries ${JSON.stringify(QUERIES)} typed 150 ms apart; ${ENTITIES} entities; ${RUNS} runs, a fresh browser each`);
const runs = [];
for (let i = 0; i < RUNS; i++) runs.push(await run(i, buffer));
const row = (label, get, unit = 'ms', fmt = f1) => {
  const xs = runs.map(get);
  console.log(`${label.padEnd(44)} median ${fmt(median(xs))} ${unit}  (range ${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`);
};
console.log(`\nover ${RUNS} runs:`);
row('keystroke → DOM mutation p50', (r) => r.keys.mut.p50);
row('keystroke → DOM mutation p95', (r) => r.keys.mut.p95);
row('keystroke → DOM mutation max', (r) => r.keys.mut.max);
row('keystroke → next frame p50', (r) => r.keys.raf.p50);
row('keystroke → next frame p95', (r) => r.keys.raf.p95);
row('keystroke → end of next frame p95', (r) => r.keys.done.p95);
row('entity/all-any click → DOM mutation p50', (r) => r.clicks.mut.p50);
row('entity/all-any click → DOM mutation p95', (r) => r.clicks.mut.p95);
row('entity/all-any click → DOM mutation max', (r) => r.clicks.mut.max);
row('entity/all-any click → next frame p95', (r) => r.clicks.raf.p95);
row('entity/all-any click → end of next frame p95', (r) => r.clicks.done.p95);
row('long tasks after the import (count)', (r) => r.longTasks, '', (x) => String(x));
row('longest task after the import', (r) => r.longest);
row('long animation frames: longest scripts part', (r) => r.loafScript);
row('long animation frames: longest rendering part', (r) => r.loafRendering);
row('long animation frames: scripts share (%)', (r) => 100 * r.loafScriptShare, '%');
row('longest Event Timing duration', (r) => r.eventTiming);
row('wasm linear memory at the end (peak)', (r) => r.wasmEnd / 1048576, 'MiB');
row('wasm linear memory after the import', (r) => r.wasmLoaded / 1048576, 'MiB');
row('JS heap used at the end', (r) => r.heapEnd / 1048576, 'MiB');
row('import (setInputFiles → full status)', (r) => r.importMs);
