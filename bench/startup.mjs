// Start-up of the prerendered page in Chromium, served on loopback
// (tests/e2e/server.mjs), a fresh browser context (empty cache) per load:
//   interactive  navigation start → the app marks its root `.ae-app[data-ready]`
//                (src/app/hooks/use_ready.rs, once every part answers), seen by a MutationObserver that
//                an init script installs before the page's own scripts run;
//   FCP          navigation start → first-contentful-paint (Paint Timing API),
//                the same loads;
//   FCP, no JS   the same page with JavaScript disabled in the context;
//   wasm         when the explorer's wasm was requested and when it had arrived
//                (Resource Timing), so that a load's interactive moment splits into
//                the wait for the wasm and the start after it.
// Prints every load and the medians (after one uncounted warm-up load).
//
//   node bench/startup.mjs [LOADS]        (default 7; DIST=…, CHROMIUM=… as in browser.mjs)
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM, DIST, LAUNCH_ARGS } from '../tests/e2e/harness.mjs';
import { serve } from '../tests/e2e/server.mjs';
import { median, untilReady, watchReady } from './start-shared.mjs';

const LOADS = Number(process.argv[2] ?? 7);
const VIEWPORT = { width: 1280, height: 900 };

if (!fs.existsSync(path.join(DIST, 'index.html'))) {
  console.error(`startup: ${DIST}/index.html is missing: build with scripts/build.sh`);
  process.exit(2);
}

const fcp = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;

const server = await serve(DIST);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
const withJs = [], withoutJs = [];
try {
  console.log(`${browser.version()} (${CHROMIUM}), ${DIST}, ${LOADS} fresh loads each, viewport ${VIEWPORT.width}×${VIEWPORT.height}`);
  // One load first, not counted: the browser's own first-navigation costs.
  for (let i = -1; i < LOADS; i++) {
    // JavaScript on: interactive and FCP of the same load.
    {
      const context = await browser.newContext({ viewport: VIEWPORT });
      await context.addInitScript(watchReady);
      const page = await context.newPage();
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(server.url + '/');
      await untilReady(page);
      await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint').length > 0, null, { timeout: 10_000 });
      const r = await page.evaluate(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
        return {
          asked: wasm?.startTime ?? NaN,
          got: wasm?.responseEnd ?? NaN,
          ready: globalThis.__aeReadyAt,
          fcp: performance.getEntriesByName('first-contentful-paint')[0].startTime,
          dcl: nav.domContentLoadedEventEnd,
          load: nav.loadEventEnd,
        };
      });
      if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
      if (i >= 0) withJs.push(r);
      await context.close();
    }
    // JavaScript off: FCP only (the prerendered markup and its CSS).
    {
      const context = await browser.newContext({ viewport: VIEWPORT, javaScriptEnabled: false });
      const page = await context.newPage();
      await page.goto(server.url + '/', { waitUntil: 'load' });
      let f = null;
      for (let t = 0; t < 100 && f === null; t++) {
        f = await page.evaluate(fcp);
        if (f === null) await new Promise((r) => setTimeout(r, 50));
      }
      if (f === null) throw new Error('no first-contentful-paint entry with JavaScript disabled');
      if (i >= 0) withoutJs.push(f);
      await context.close();
      if (i < 0) continue;
    }
    const r = withJs.at(-1);
    console.log(`load ${i + 1}: FCP ${r.fcp.toFixed(1)} ms, interactive ${r.ready.toFixed(1)} ms (DOMContentLoaded ${r.dcl.toFixed(1)}, load ${r.load.toFixed(1)}, wasm asked ${r.asked.toFixed(1)}, arrived ${r.got.toFixed(1)}); no JS: FCP ${withoutJs.at(-1).toFixed(1)} ms`);
  }
} finally {
  await browser.close();
  await server.close();
}
const mFcp = median(withJs.map((r) => r.fcp));
const mReady = median(withJs.map((r) => r.ready));
const mNoJs = median(withoutJs);
const mStart = median(withJs.map((r) => r.ready - r.got));
console.log(`median of ${LOADS}: FCP ${mFcp.toFixed(1)} ms, interactive ${mReady.toFixed(1)} ms, interactive/FCP ${(mReady / mFcp).toFixed(2)}; ` +
  `wasm arrived → interactive ${mStart.toFixed(1)} ms; no JS: FCP ${mNoJs.toFixed(1)} ms`);
