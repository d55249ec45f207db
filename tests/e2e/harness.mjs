// What every browser test file shares: where things are, how Chromium is
// started here (Debian's, with the flags this machine's closed network
// needs), dist/ served on loopback (with a Content-Security-Policy header on
// every response when E2E_CSP is set), and polling for a condition.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

export const HERE = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(HERE, '../..');
export const DIST = path.resolve(ROOT, process.env.DIST ?? 'dist');
export const OUT = path.join(HERE, 'out');
export const AXE = path.join(ROOT, 'node_modules/axe-core/axe.min.js');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const LAUNCH_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

/** Fails the file at once, saying what to do, when the build is missing. */
export function requireBuilt(file = 'index.html') {
  const p = path.join(DIST, file);
  if (!fs.existsSync(p)) throw new Error(`${p} is missing: build it first with scripts/build.sh`);
  return p;
}

/** The explorer's wasm-bindgen glue module (`article-explorer-….js`) the build's boot script imports
 * (`boot-<hash>.js`, the explorer's page's; corpus pages have `boot-corpus-<hash>.js`). */
export function glueModule() {
  const boot = fs.readdirSync(DIST).find((f) => /^boot-[0-9a-f]+\.js$/.test(f));
  const m = boot && /load\('\.\/([^']+\.js)'/.exec(fs.readFileSync(path.join(DIST, boot), 'utf8'));
  const glue = m && m[1];
  if (!glue) throw new Error(`no boot-*.js naming the JS glue in ${DIST}: rebuild (scripts/build.sh)`);
  return glue;
}

/** Calls `get` until `ok` holds of its value or `ms` pass; returns the last value. */
export async function poll(get, ok, ms = 8000) {
  const end = Date.now() + ms;
  let value;
  for (;;) {
    value = await get();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** A browser, and (unless `serveDist` is false) dist/ served on loopback. */
export async function start({ serveDist = true } = {}) {
  const headers = process.env.E2E_CSP ? { 'Content-Security-Policy': process.env.E2E_CSP } : {};
  const server = serveDist ? await serve(DIST, { headers }) : undefined;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS });
  fs.mkdirSync(OUT, { recursive: true });
  return { browser, server };
}

export async function stop({ browser, server }) {
  await browser?.close();
  await server?.close();
}
