// The built page before any script runs: dist/index.html already holds the
// article (prerendered by the build from the same components), so it reads
// with JavaScript off; and nothing in it needs an inline script or style
// (for `script-src 'self'; style-src 'self'`).
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HERE, ROOT, DIST, OUT, AXE, CHROMIUM, LAUNCH_ARGS, poll, requireBuilt, start, stop } from './harness.mjs';
import fs from 'node:fs';
import path from 'node:path';

const N = 7;

let browser, server;
before(async () => ({ browser, server } = await start({ serveDist: true })));
after(() => stop({ browser, server }));

describe('prerendered page', { timeout: 120_000 }, () => {
  it('the served HTML holds the article: title, 7 sections, entity markup', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    assert.equal((html.match(/<section /g) ?? []).length, N, 'sections in the HTML as served');
    assert.match(html, /<h1 id="title">[^<]+<\/h1>/);
    assert.match(html, /<span (?=[^>]*\bclass="mention kind-person)(?=[^>]*\bdata-entity="person-[^"]+")/);
    assert.match(html, /<p id="status"[^>]*>7 of 7 sections<\/p>/);
  });

  it('no inline script, no style attribute, relative URLs only', () => {
    for (const f of ['index.html', 'embed-example.html']) {
      const html = fs.readFileSync(path.join(DIST, f), 'utf8');
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      for (const [tag, attrs, body] of scripts) {
        assert.match(attrs, /\bsrc="/, `${f}: inline script ${tag.slice(0, 80)}`);
        assert.equal(body.trim(), '', `${f}: script with a body`);
      }
      assert.doesNotMatch(html, /\sstyle="/, `${f}: a style attribute`);
      assert.doesNotMatch(html, /<style\b/, `${f}: a <style> element`);
      assert.doesNotMatch(html, /(?:src|href)="\/(?!\/)/, `${f}: an absolute /… URL`);
    }
  });

  it('the tab names the article before the wasm starts and after', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      // The wasm is held back until the title before it has been read.
      let release;
      const held = new Promise((r) => { release = r; });
      await page.route('**/*.wasm', async (route) => { await held; await route.continue(); });
      await page.goto(`${server.url}/`, { waitUntil: 'domcontentloaded' });
      const heading = await page.$eval('h1#title', (h) => h.textContent.trim());
      assert.equal(await page.title(), `${heading} · Article explorer`, 'before');
      release();
      await page.waitForSelector('.ae-app[data-ready]');
      assert.equal(await page.title(), `${heading} · Article explorer`, 'after');
    } finally {
      await context.close();
    }
  });

  it('reads with JavaScript disabled', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/`);
      assert.equal(await page.locator('main section').count(), N, 'sections');
      assert.equal(await page.locator('main section').first().getAttribute('aria-label'), 'Introduction');
      assert.ok((await page.locator('main .mention[data-entity]').count()) > 0, 'entity markup');
      assert.ok((await page.locator('aside button.entity').count()) > 0, 'entity panel');
      const shown = await page.$eval('main section p', (p) => { const r = p.getBoundingClientRect(); return r.height > 0 && getComputedStyle(p).display !== 'none'; });
      assert.ok(shown, 'the text is laid out (styles apply without scripts)');
      const heading = await page.$eval('h1#title', (h) => h.textContent.trim());
      assert.equal(await page.title(), `${heading} · Article explorer`, 'the tab names the article');
      await page.screenshot({ path: path.join(HERE, 'out', 'nojs-1280.png') });
    } finally {
      await context.close();
    }
  });
});
