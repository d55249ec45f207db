// A long session in Chromium (issue 15): N different ~1 MB articles (default
// 50) pasted one after another into one page, each read by the engine, shown,
// then forgotten. After each one is forgotten it records:
//   wasm       the page's wasm linear memory and the engine worker's (linear
//              memory never shrinks: a leak shows as growth, reuse as a plateau);
//   JS heap    CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage;
//   DOM        CDP Memory.getDOMCounters after the same collection: nodes
//              (attached or not yet collected), documents, JS event listeners;
//   observers  Mutation/Intersection/ResizeObservers alive (constructed and
//              not disconnected: the page's constructors are counted);
// and compares them with the seed page's (before any article) and, for the
// wasm memory, with the peak of one ~10 MB import in a fresh page.
// Prints the curve (every 5th article) and the verdicts.
//
//   node bench/soak.mjs [N]      (DIST=…, CHROMIUM=… as in the e2e harness)
import { glueModule, poll, requireBuilt, start, stop } from '../tests/e2e/harness.mjs';
import { countObservers, leakCounts, putText } from '../tests/e2e/leaks.mjs';
import { longArticle, TITLE } from '../tests/e2e/long-article.mjs';

requireBuilt();
const N = Number(process.argv[2] ?? 50);
const GLUE = glueModule();
const MB = (b) => (b / 1048576).toFixed(1);

/** An article of about `bytes` bytes, different for each `n`. */
function article(n, bytes) {
  let sections = Math.max(1, Math.round(bytes / 5000));
  let text;
  for (;;) {
    text = longArticle({ sections, seed: 1000 + n, lastWord: `soakword${n}` }).text.replace(TITLE, `${TITLE}, part ${n}`);
    if (text.length <= bytes || sections === 1) return text;
    sections -= Math.max(1, Math.ceil((text.length - bytes) / 5000));
  }
}

const wasmBytes = (page) => page.evaluate(async (glue) => (await (await import(`/${glue}`)).default()).memory.buffer.byteLength, GLUE);
// The engine's worker (wasm-bindgen's no-modules glue): calling init again returns the instance's exports.
const engineBytes = async (page) => {
  const worker = page.workers()[0];
  // (`wasm_bindgen` is a global `let` of the worker's script, not a property of `self`.)
  // eslint-disable-next-line no-undef
  return worker ? worker.evaluate(async () => (await wasm_bindgen()).memory.buffer.byteLength).catch(() => NaN) : 0;
};
const importStatus = (page) => page.$eval('#import-status', (e) => e.textContent.trim()).catch(() => null);

async function open(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(countObservers);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e?.stack ?? e)));
  await page.goto(url);
  await page.waitForSelector('.ae-app[data-ready]', { timeout: 30_000 });
  await page.click('#import > summary');
  const cdp = await context.newCDPSession(page);
  return { context, page, cdp, errors };
}

/** Everything counted, after a full garbage collection. */
async function counts({ page, cdp }) {
  return { ...(await leakCounts(page, cdp)), wasm: await wasmBytes(page), engine: await engineBytes(page) };
}

async function read(page, text, how) {
  const heading = text.slice(0, text.indexOf('\n'));
  if (how === 'file') {
    await page.setInputFiles('#file', { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.from(text) });
  } else {
    await putText(page, '#paste', text);
    await page.click('#paste-submit');
  }
  const done = (v) => (v ?? '').startsWith(`Showing your article “${heading}”`);
  const got = await poll(() => importStatus(page), (v) => done(v) || /try again|not UTF-8|larger than/.test(v ?? ''), 300_000);
  if (!done(got)) throw new Error(`"${heading}" was not read: ${got}`);
}

async function forget(page) {
  await page.click('#forget');
  await poll(() => importStatus(page), (v) => v === 'Your article is forgotten.', 20_000);
}

const h = await start();
try {
  // One ~10 MB import, in a fresh page: the peak the soak is held to.
  const big = article(0, 10 * 1024 * 1024 - 4096);
  const one = await open(h.browser, h.server.url + '/');
  await read(one.page, big, 'file');
  const peak = await counts(one);
  await forget(one.page);
  const peakAfter = await counts(one);
  await one.context.close();
  console.log(`one ${MB(big.length)} MB import: wasm ${MB(peak.wasm)} MiB, engine ${MB(peak.engine)} MiB (after forgetting: ${MB(peakAfter.wasm)}, ${MB(peakAfter.engine)})`);

  const s = await open(h.browser, h.server.url + '/');
  const seed = await counts(s);
  const rows = [];
  const t0 = Date.now();
  for (let n = 1; n <= N; n++) {
    const text = article(n, 1024 * 1024);
    await read(s.page, text, 'paste');
    await forget(s.page);
    rows.push({ n, bytes: text.length, ...(await counts(s)) });
  }
  const seconds = (Date.now() - t0) / 1000;
  if (s.errors.length) throw new Error(`page errors: ${s.errors.join('; ')}`);
  await s.context.close();

  const show = (r) => `${String(r.n).padStart(3)} ${MB(r.wasm).padStart(9)} ${MB(r.engine).padStart(10)} ${MB(r.heap).padStart(8)} ${String(r.nodes).padStart(6)} ${String(r.attached).padStart(9)} ${String(r.listeners).padStart(10)} ${String(r.observers).padStart(10)}`;
  console.log(`\n  n  wasm MiB engine MiB heap MiB  nodes  attached  listeners  observers`);
  console.log(show({ n: 0, ...seed }).replace(/^ {2}0/, 'seed'));
  for (const r of rows.filter((r) => r.n <= 3 || r.n % 5 === 0 || r.n === N)) console.log(show(r));

  const settled = rows.filter((r) => r.n > 5);
  const maxOf = (key) => Math.max(...settled.map((r) => r[key]));
  const limit = (key) => 1.1 * peak[key];
  const verdicts = [
    [`page wasm after the 5th ≤ 110% of one 10 MB import's peak (${MB(maxOf('wasm'))} ≤ ${MB(limit('wasm'))} MiB)`, maxOf('wasm') <= limit('wasm')],
    [`engine wasm after the 5th ≤ 110% of one 10 MB import's peak (${MB(maxOf('engine'))} ≤ ${MB(limit('engine'))} MiB)`, maxOf('engine') <= limit('engine')],
    [`page wasm flat from the 5th to the last (${MB(rows[4].wasm)} → ${MB(rows.at(-1).wasm)} MiB)`, rows.at(-1).wasm === rows[4].wasm],
    // What the first article leaves for good (yew's element templates, one per tag it has
    // made; the engine's worker and its listener, kept for the next article) is not a leak;
    // growth after it is.
    [`DOM nodes alive: the first article's ≤ the seed's + 40, none more after (seed ${seed.nodes}; after: ${Math.min(...rows.map((r) => r.nodes))}–${Math.max(...rows.map((r) => r.nodes))})`, rows[0].nodes <= seed.nodes + 40 && rows.every((r) => r.nodes <= rows[0].nodes)],
    [`elements in the document back to the seed's (${seed.attached})`, rows.every((r) => r.attached === seed.attached)],
    [`JS event listeners: none more after the first article (seed ${seed.listeners}; after: ${Math.min(...rows.map((r) => r.listeners))}–${Math.max(...rows.map((r) => r.listeners))})`, rows.every((r) => r.listeners <= rows[0].listeners)],
    [`live observers back to the seed's (${seed.observers})`, rows.every((r) => r.observers === seed.observers)],
  ];
  console.log(`\n${N} articles of ~1 MB in ${seconds.toFixed(0)} s`);
  for (const [what, ok] of verdicts) console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  process.exitCode = verdicts.every(([, ok]) => ok) ? 0 : 1;
} finally {
  await stop(h);
}
