// Download budget, as Chromium requests it: dist/ served on loopback, the page
// opened and left until the app is ready and the network has been quiet for a
// second; every file the browser asked for, gzip -9 (what a compressing host
// sends), must stay within the budget. Then the reader's path: "Your own
// article" opened and a short text read, and what that added (the engine's
// worker and wasm, the entity model), reported beside it, not budgeted.
// Prints both breakdowns; exits 1 when the first visit is over the budget.
//
// A corpus site (scripts/site.sh: a folder with corpus/manifest.json) is measured
// as its library's first visit: the app's files within the budget, the corpus's
// (the manifest and the first article list) reported beside them; then the first
// article is opened and what that adds (the reader's wasm, the article's two
// files) is reported, not budgeted.
//
// KB here is 1,000 bytes (the stricter reading of "200 KB"), gzip -9 sizes.
//
// Usage: node scripts/budget.mjs [DIST|SITE] [--budget-kb 200]
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const args = process.argv.slice(2);
const dist = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--budget-kb') ?? 'dist';
const budgetAt = args.indexOf('--budget-kb');
const budgetKb = budgetAt >= 0 ? Number(args[budgetAt + 1]) : 200;
if (!existsSync(join(dist, 'index.html'))) {
  console.error(`budget: ${dist}/index.html is missing: build it first with scripts/build.sh`);
  process.exit(2);
}
process.env.DIST = dist;
const { start, stop, poll } = await import('../tests/e2e/harness.mjs');

const corpusSite = existsSync(join(dist, 'corpus', 'manifest.json'));
const env = await start();
const requested = [];
let phase = 'first visit';
const quiet = async () => {
  let last = requested.length;
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    if (requested.length === last) return;
    last = requested.length;
  }
};
const inCorpus = (r) => new URL(r.url).pathname.startsWith('/corpus/');
if (corpusSite) try {
  const page = await env.browser.newPage();
  page.on('request', (r) => requested.push({ url: r.url(), phase }));
  await page.goto(env.server.url + '/');
  await page.waitForSelector('.library[data-ready] .article-list li', { timeout: 30_000 });
  await quiet();

  phase = 'opening an article';
  await page.click('.article-list li a');
  await page.waitForSelector('.reader .ae-app[data-ready]', { timeout: 30_000 });
  await quiet();
} finally {
  await stop(env);
} else try {
  const page = await env.browser.newPage();
  page.on('request', (r) => requested.push({ url: r.url(), phase }));
  await page.goto(env.server.url + '/');
  await page.waitForSelector('.ae-app[data-ready]', { timeout: 30_000 });
  await quiet();

  phase = "reader's article";
  await page.click('.import summary');
  await page.fill('#paste', 'A title\n\nJane Doe flew from Nairobi to Oslo on Monday.\n');
  await page.click('#paste-submit');
  const status = await poll(() => page.textContent('#import-status'), (s) => /Showing your article/.test(s ?? ''), 60_000);
  if (!/Showing your article/.test(status ?? '')) throw new Error(`the reader's article was not read: "${status}"`);
  await quiet();
} finally {
  await stop(env);
}

const origin = env.server.url;
function table(title, entries) {
  const seen = new Map();
  for (const { url } of entries) {
    if (!url.startsWith(origin)) {
      if (!url.startsWith('data:') && !url.startsWith('blob:')) throw new Error(`a request outside the site: ${url}`);
      continue;
    }
    const file = decodeURIComponent(new URL(url).pathname).replace(/^\//, '') || 'index.html';
    if (seen.has(file) || !existsSync(join(dist, file))) continue;
    const bytes = readFileSync(join(dist, file));
    seen.set(file, { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length });
  }
  let raw = 0, gz = 0;
  console.log(`${title}\n${'  file'.padEnd(50)} ${'bytes'.padStart(9)} ${'gzip -9'.padStart(9)}`);
  for (const [file, s] of [...seen].sort((a, b) => b[1].gz - a[1].gz)) {
    console.log(`  ${file.padEnd(48)} ${String(s.raw).padStart(9)} ${String(s.gz).padStart(9)}`);
    raw += s.raw; gz += s.gz;
  }
  return { raw, gz };
}

const first = table('first visit (as Chromium requested it)', requested.filter((r) => r.phase === 'first visit' && !inCorpus(r)));
const KB = 1000;
const kb = (bytes) => (bytes / KB).toFixed(1);
const within = first.gz <= budgetKb * KB;
console.log(`  ${'total'.padEnd(48)} ${String(first.raw).padStart(9)} ${String(first.gz).padStart(9)}  = ${kb(first.gz)} KB of ${budgetKb} KB: ${within ? 'within budget' : 'OVER BUDGET'}`);
if (corpusSite) {
  const corpus = table("the corpus files a library's first visit reads", requested.filter((r) => r.phase === 'first visit' && inCorpus(r)));
  console.log(`  ${'total'.padEnd(48)} ${String(corpus.raw).padStart(9)} ${String(corpus.gz).padStart(9)}  = ${kb(corpus.gz)} KB beside the app's ${kb(first.gz)} KB`);
  const opening = table('opening the first article: what it adds (the reader and the article)', requested.filter((r) => r.phase !== 'first visit'));
  console.log(`  ${'total'.padEnd(48)} ${String(opening.raw).padStart(9)} ${String(opening.gz).padStart(9)}  = ${kb(opening.gz)} KB more`);
  process.exit(within ? 0 : 1);
}
const reader = table("reader's own article: what it adds", requested.filter((r) => r.phase !== 'first visit'));
console.log(`  ${'total'.padEnd(48)} ${String(reader.raw).padStart(9)} ${String(reader.gz).padStart(9)}  = ${kb(reader.gz)} KB more, ${kb(first.gz + reader.gz)} KB in all`);
process.exit(within ? 0 : 1);
