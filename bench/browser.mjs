// Extraction speed in the browser: the app's wasm core (`analyse_for_benchmark`,
// src/app/bench.rs: parse, entity model, resolution, quotes, index) against
// compromise's browser build (`nlp(text)` + people, places, organisations), on
// the same texts, in the same page of one Chromium run. Best of 5 rounds each.
//
//   python3 bench/make-corpus.py && node bench/browser.mjs [FILE...]
//   DIST=/tmp/other-dist CHROMIUM=/usr/bin/chromium node bench/browser.mjs
//
// Serves a temporary directory on loopback (tests/e2e/server.mjs): dist/'s files,
// the texts under bench-texts/, and compromise.js, all from one origin.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, DIST, glueModule, LAUNCH_ARGS, ROOT } from '../tests/e2e/harness.mjs';
import { serve } from '../tests/e2e/server.mjs';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const COMPROMISE = path.join(ROOT, 'node_modules/compromise/builds/compromise.js');

const files = process.argv.slice(2).length
  ? process.argv.slice(2)
  : ['conll-dev.txt', 'seed-x300.txt'].map((f) => path.join(ROOT, 'target/bench', f)).filter((f) => fs.existsSync(f));
if (!files.length) {
  console.error('browser: no input texts: run `python3 bench/make-corpus.py` first (writes target/bench/*.txt)');
  process.exit(2);
}
if (!fs.existsSync(path.join(DIST, 'index.html'))) {
  console.error(`browser: ${DIST}/index.html is missing: build with scripts/build.sh`);
  process.exit(2);
}
const glue = glueModule();
if (!fs.readFileSync(path.join(DIST, glue), 'utf8').includes('export function analyse_for_benchmark')) {
  console.error(`browser: ${glue} does not export analyse_for_benchmark: rebuild (scripts/build.sh)`);
  process.exit(2);
}

// One origin: dist's files, the texts and compromise, linked into a temporary directory.
const stage = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-bench-'));
for (const f of fs.readdirSync(DIST)) fs.symlinkSync(path.join(DIST, f), path.join(stage, f));
fs.mkdirSync(path.join(stage, 'bench-texts'));
const names = files.map((f, i) => {
  const name = `${i}-${path.basename(f)}`;
  fs.symlinkSync(path.resolve(f), path.join(stage, 'bench-texts', name));
  return name;
});
fs.symlinkSync(COMPROMISE, path.join(stage, 'compromise.js'));

const server = await serve(stage);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
let failed = false;
try {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + '/');
  await page.waitForSelector('.ae-app[data-ready]', { timeout: 30_000 });
  await page.addScriptTag({ url: '/compromise.js' });
  const compromiseVersion = await page.evaluate(() => globalThis.nlp?.version ?? '?');
  console.log(`${browser.version()} (${CHROMIUM}), compromise ${compromiseVersion} (browser build), best of ${ROUNDS}`);
  console.log(`${'input'.padEnd(28)} ${'bytes'.padStart(10)} ${'wasm MB/s'.padStart(10)} ${'mentions'.padStart(9)} ${'compromise MB/s'.padStart(16)} ${'found'.padStart(7)} ${'ratio'.padStart(7)}`);
  for (const name of names) {
    // The glue module is the one the boot script imported: already initialised.
    const r = await page.evaluate(async ({ glue, name, rounds }) => {
      const wasm = await import(`/${glue}`);
      // The entity model is fetched on demand (as for a reader's own article): once, before timing.
      await wasm.load_model_for_benchmark();
      const text = await (await fetch(`/bench-texts/${name}`)).text();
      const bytes = new TextEncoder().encode(text).length;
      const time = (f) => {
        let best = Infinity, out;
        for (let i = 0; i < rounds; i++) {
          const t0 = performance.now();
          out = f();
          best = Math.min(best, performance.now() - t0);
        }
        return { ms: best, out };
      };
      const w = time(() => wasm.analyse_for_benchmark(text));
      const c = time(() => {
        const doc = globalThis.nlp(text);
        return doc.people().length + doc.places().length + doc.organizations().length;
      });
      return { bytes, wasmMs: w.ms, mentions: w.out, nlpMs: c.ms, found: c.out };
    }, { glue, name, rounds: ROUNDS });
    const mbs = (ms) => r.bytes / (ms / 1000) / 1e6;
    console.log(`${name.replace(/^\d+-/, '').padEnd(28)} ${String(r.bytes).padStart(10)} ${mbs(r.wasmMs).toFixed(2).padStart(10)} ${String(r.mentions).padStart(9)} ${mbs(r.nlpMs).toFixed(3).padStart(16)} ${String(r.found).padStart(7)} ${(r.nlpMs / r.wasmMs).toFixed(0).padStart(6)}×`);
  }
  if (errors.length) { failed = true; console.error(`page errors:\n  ${errors.join('\n  ')}`); }
  await context.close();
} finally {
  await browser.close();
  await server.close();
  fs.rmSync(stage, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
