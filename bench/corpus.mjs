// Corpus mode at scale (issue 14): a site of N articles served on loopback
// with 0 ms and with 50 ms added to every answer; for each query, typed a
// key at a time, the time from each keystroke (from the second letter on) to
// the results drawn with their titles, and the files and bytes fetched,
// with a cold cache (a fresh page) and a warm one (the same query again
// after clearing the box). Numbers only; nothing asserts a timing.
//
//   python3 bench/make-library.py target/library-10k 10000
//   bash scripts/site.sh target/site-10k target/library-10k
//   node bench/corpus.mjs target/site-10k [RUNS]
//   SLOWEST=12 node bench/corpus.mjs …   # also names the slowest cold keystrokes at each delay
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS } from '../tests/e2e/harness.mjs';
import { serve } from '../tests/e2e/server.mjs';

const site = process.argv[2];
const runs = Number(process.argv[3] ?? 3);
if (!site || !fs.existsSync(path.join(site, 'corpus/manifest.json'))) {
  console.error('usage: node bench/corpus.mjs SITE_DIR [RUNS] (SITE_DIR from scripts/site.sh)');
  process.exit(2);
}
const QUERIES = ['china', 'president', 'police said', 'oil prices', 'world cup', 'minister', 'bank', 'election results', 'gold', 'share'];

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
const sizeOf = (p) => {
  try {
    return fs.statSync(path.join(site, decodeURIComponent(p))).size;
  } catch {
    return 0;
  }
};

/** Types `text` into the library's box, a key at a time; per keystroke (from the 2nd), ms to results with titles (`.at` names the keystroke). */
async function type(page, text) {
  const times = [];
  for (let i = 1; i <= text.length; i++) {
    const ms = await page.evaluate((value) => {
      const input = document.querySelector('#library-search');
      const status = document.querySelector('#library-status');
      const done = () => /match/.test(status.textContent) && !document.querySelector('.result.pending') &&
        status.textContent.includes(`“${value.trim()}”`);
      const t0 = performance.now();
      input.value = value;
      input.dispatchEvent(new InputEvent('input', { bubbles: true }));
      return new Promise((resolve) => {
        const check = () => (done() ? resolve(performance.now() - t0) : requestAnimationFrame(check));
        check();
      });
    }, text.slice(0, i));
    if (i >= 2 && text[i - 1] !== ' ') times.push(Object.assign(new Number(ms), { at: text.slice(0, i) }));
  }
  return times;
}

const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
const manifestBytes = fs.statSync(path.join(site, 'corpus/manifest.json')).size;
console.log(`site ${site}: manifest ${manifestBytes} bytes; ${runs} runs; ${new Date().toISOString()}`);
for (const delay of [0, 50]) {
  const server = await serve(site, { delay });
  const cold = [];
  const warm = [];
  const named = [];
  const perQuery = [];
  for (let run = 0; run < runs; run++) {
    for (const q of QUERIES) {
      const page = await browser.newPage();
      await page.goto(server.url + '/');
      await page.waitForSelector('.library[data-ready]', { timeout: 60_000 });
      await page.waitForSelector('.article-list li.article', { timeout: 60_000 });
      const before = server.requests.length;
      const c = await type(page, q);
      const fetched = server.requests.slice(before).map((r) => r.split(' ')[1]).filter((p) => p.startsWith('/corpus/'));
      await type(page, '');
      const w = await type(page, q);
      cold.push(...c.map(Number));
      warm.push(...w.map(Number));
      named.push(...c);
      if (run === 0) {
        perQuery.push({ q, files: fetched.length, bytes: fetched.reduce((n, p) => n + sizeOf(p), 0), coldP95: pct(c, 95), warmP95: pct(w, 95) });
      }
      await page.close();
    }
  }
  await server.close();
  console.log(`\n${delay} ms per request: keystroke → results with titles, cold p50 ${pct(cold, 50).toFixed(1)} p95 ${pct(cold, 95).toFixed(1)} ms (n=${cold.length}); warm p50 ${pct(warm, 50).toFixed(1)} p95 ${pct(warm, 95).toFixed(1)} ms`);
  if (process.env.SLOWEST) {
    const slowest = named.sort((a, b) => b - a).slice(0, Number(process.env.SLOWEST));
    console.log(`slowest cold keystrokes: ${slowest.map((x) => `"${x.at}" ${Number(x).toFixed(1)}`).join(', ')}`);
  }
  if (delay === 0) {
    console.log('query | files fetched (typing it, cold) | bytes | cold p95 ms | warm p95 ms');
    for (const r of perQuery) console.log(`${r.q} | ${r.files} | ${r.bytes} | ${r.coldP95.toFixed(1)} | ${r.warmP95.toFixed(1)}`);
  }
}
await browser.close();
