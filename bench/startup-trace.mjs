// Where a start's time goes after the wasm arrives: a Chromium trace of fresh
// loads of the prerendered page (as in bench/startup.mjs), and for each task
// on the page's main thread from the wasm's streaming compilation to
// `data-ready`: its length, how many wasm functions V8 compiled in it on
// their first call (lazy compilation) and for how long, and the browser's
// rendering work in it (style, layout, paint). Tracing slows every task, so
// read its milliseconds for proportions; bench/startup.mjs gives the times.
//
//   node bench/startup-trace.mjs [LOADS]     (default 3; DIST=…, CHROMIUM=… as in browser.mjs)
import { chromium } from 'playwright-core';
import { CHROMIUM, LAUNCH_ARGS, requireBuilt, DIST } from '../tests/e2e/harness.mjs';
import { serve } from '../tests/e2e/server.mjs';
import { median, untilReady, watchReady } from './start-shared.mjs';

const LOADS = Number(process.argv[2] ?? 3);
const CATEGORIES = [
  'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.wasm', 'blink.user_timing', 'loading',
];
const RENDERING = new Set(['UpdateLayoutTree', 'Layout', 'PrePaint', 'Paint', 'Layerize', 'Commit']);

requireBuilt();
const server = await serve(DIST);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
const totals = { span: [], tasks: [], lazy: [], lazyMs: [], rendering: [] };
const ms = (us) => us / 1000;
try {
  console.log(`${browser.version()}, ${DIST}, ${LOADS} traced fresh loads (one more first, not counted)`);
  for (let i = -1; i < LOADS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(watchReady);
    const page = await context.newPage();
    await browser.startTracing(page, { categories: CATEGORIES });
    await page.goto(server.url + '/');
    await untilReady(page);
    const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    await context.close();
    if (i < 0) continue;
    const ready = events.find((e) => e.name === 'ae-ready');
    const compile = events.find((e) => e.name === 'wasm.StartStreamingCompilation' && e.pid === ready?.pid);
    if (!ready || !compile) throw new Error('the trace has no data-ready mark or no wasm compilation');
    const main = events.filter((e) => e.pid === ready.pid && e.tid === compile.tid && e.ph === 'X');
    const within = (t) => (e) => e.ts >= t.ts && e.ts < t.ts + t.dur;
    const tasks = main.filter((e) => e.name === 'RunTask' && e.ts + e.dur >= compile.ts && e.ts <= ready.ts && e.dur >= 500);
    const row = { span: ms(ready.ts - compile.ts), tasks: 0, lazy: 0, lazyMs: 0, rendering: 0 };
    console.log(`load ${i + 1}: wasm compilation start → data-ready ${row.span.toFixed(1)} ms`);
    for (const t of tasks) {
      const inner = main.filter(within(t));
      const lazy = inner.filter((e) => e.name === 'wasm.CompileLazy');
      const lazyMs = ms(lazy.reduce((s, e) => s + e.dur, 0));
      const rendering = ms(inner.filter((e) => RENDERING.has(e.name)).reduce((s, e) => s + e.dur, 0));
      Object.assign(row, { tasks: row.tasks + ms(t.dur), lazy: row.lazy + lazy.length, lazyMs: row.lazyMs + lazyMs, rendering: row.rendering + rendering });
      console.log(`  at +${ms(t.ts - compile.ts).toFixed(0).padStart(4)} ms: task ${ms(t.dur).toFixed(1).padStart(5)} ms, ` +
        `${String(lazy.length).padStart(3)} functions compiled on first call (${lazyMs.toFixed(1)} ms), rendering ${rendering.toFixed(1)} ms`);
    }
    for (const k of Object.keys(totals)) totals[k].push(row[k]);
  }
} finally {
  await browser.close();
  await server.close();
}
const show = (xs, unit = ' ms') => `${median(xs).toFixed(1)}${unit} (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
console.log(`median (range) of ${LOADS}: compilation start → data-ready ${show(totals.span)}; tasks ${show(totals.tasks)}; ` +
  `functions compiled on first call ${show(totals.lazy, '')}, ${show(totals.lazyMs)}; rendering ${show(totals.rendering)}`);
