// The offline file: dist/explorer-offline.html opened straight from disk
// (file://), no server, no network. It renders, searches, keeps its state in
// the URL fragment across a reload, and requests nothing but file:, data: and blob:.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HERE, ROOT, DIST, OUT, AXE, CHROMIUM, LAUNCH_ARGS, poll, requireBuilt, start, stop } from './harness.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const FILE = path.join(DIST, 'explorer-offline.html');
const T = 90_000;
const N = 7;

requireBuilt('explorer-offline.html');

let browser, server;
before(async () => ({ browser, server } = await start({ serveDist: false })));
after(() => stop({ browser, server }));


const statusText = (page) => page.$eval('#status', (e) => e.textContent.trim()).catch(() => null);

async function ready(page, log) {
  const live = await poll(() => page.locator('.ae-app[data-ready]').count(), (n) => n === 1, 20_000);
  assert.equal(live, 1, `the offline app did not start; page said: ${[...log.errors, ...log.console.map((m) => m.text)].slice(0, 5).join(' | ')}`);
}

describe('explorer-offline.html from file://', { timeout: T * 2 }, () => {
  it('is one self-contained file', () => {
    const html = fs.readFileSync(FILE, 'utf8');
    const refs = [...html.matchAll(/\b(?:src|href)="([^"#][^"]*)"/g)].map((m) => m[1]).filter((u) => !u.startsWith('data:'));
    assert.deepEqual(refs, [], 'no src/href to another file');
    assert.ok(html.includes('DecompressionStream'), 'the wasm is inflated in the page');
  });

  it('renders, searches, keeps its state in the fragment across a reload; nothing but file:, data:, blob:', { timeout: T }, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const log = { console: [], errors: [], requests: [] };
    page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
    page.on('pageerror', (e) => log.errors.push(String(e?.stack ?? e)));
    page.on('request', (r) => log.requests.push(r.url()));
    try {
      const url = pathToFileURL(FILE).href;
      await page.goto(url);
      await ready(page, log);
      assert.equal(await page.locator('main section').count(), N, `${N} sections`);
      assert.equal(await statusText(page), `${N} of ${N} sections`);
      assert.ok(await page.locator('main .mention[data-entity]').count() > 0, 'entity markup');

      await page.fill('#search', 'kabul');
      const searched = await poll(() => statusText(page), (v) => /^[1-6] of 7 sections$/.test(v ?? ''));
      assert.match(searched, /^[1-6] of 7 sections$/, 'search narrows');
      const n = await page.locator('main section').count();
      assert.equal(`${n} of ${N} sections`, searched);
      const after = new URL(await poll(() => page.url(), (u) => u.includes('#') && u.includes('q=kabul')));
      assert.equal(after.protocol, 'file:');
      assert.match(after.hash, /^#(.*&)?q=kabul(&|$)/, `state in the fragment: ${after.href}`);
      assert.equal(after.search, '', 'no query string on file://');

      // An entity too, then reload: both come back.
      const entity = page.locator('aside button.entity').first();
      const id = await entity.getAttribute('data-entity');
      await entity.click();
      await poll(() => page.url(), (u) => u.includes('e='));
      const filtered = await poll(() => statusText(page), (v) => v !== searched);
      await page.reload();
      await ready(page, log);
      assert.equal(await poll(() => page.inputValue('#search'), (v) => v === 'kabul'), 'kabul', 'search restored from the fragment');
      assert.equal(await poll(() => page.locator(`aside button.entity[data-entity="${id}"]`).getAttribute('aria-pressed'), (v) => v === 'true'), 'true', 'entity restored');
      assert.equal(await poll(() => statusText(page), (v) => v === filtered), filtered, 'the same sections after reload');

      // Back: the entity goes, the search stays.
      await page.goBack();
      assert.equal(await poll(() => statusText(page), (v) => v === searched), searched, 'back restores the previous state');

      await page.fill('#search', '');
      await page.screenshot({ path: path.join(OUT, 'offline-1280.png') });

      // A reader's own article: the engine starts from a blob: worker, the model from a data: URL.
      await page.click('.import summary');
      await page.fill('#paste', 'Ferries in Bergen\n\nAnna Lund met Erik Berg in Bergen on Monday.\n');
      await page.click('#paste-submit');
      const shown = await poll(() => page.textContent('#import-status'), (s) => /Showing your article/.test(s ?? ''), 30_000);
      assert.match(shown ?? '', /Showing your article .Ferries in Bergen./, 'read offline');
      assert.ok(await page.locator('main .mention[data-entity^="person-"]').count() > 0, 'people found offline');
      const foreign = log.requests.filter((u) => !/^(file|data|blob):/.test(u));
      assert.deepEqual(foreign, [], 'requests other than file:, data:, blob:');
      const bad = log.console.filter((m) => m.type === 'error' || m.type === 'warning').map((m) => `${m.type}: ${m.text}`);
      assert.deepEqual(bad, [], 'console errors/warnings');
      assert.deepEqual(log.errors, [], 'page errors');
    } finally {
      await context.close();
    }
  });
});
