// The entity model on demand (issue 12): a first visit requests neither the
// reader's engine nor the model; a reader's own article waits for them (with a
// status line), and when the model cannot be had (blocked, missing, altered)
// the reader gets one sentence, keeps their text, and "Try again" reads it once
// the model can be had.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { poll, requireBuilt, start, stop } from './harness.mjs';

requireBuilt();
const T = 60_000;
const ARTICLE = 'Ferries in Bergen\n\nAnna Lund met Erik Berg in Bergen on Monday.\n';
let browser, server;
before(async () => ({ browser, server } = await start()));
after(() => stop({ browser, server }));

const importStatus = (page) => page.$eval('#import-status', (e) => e.textContent.trim()).catch(() => null);
const isModel = (url) => /\/ner-[0-9a-f]{16}\.bin$/.test(url);
const isEngine = (url) => /\/engine-[0-9a-f]{16}\.(js|wasm)$/.test(url);

async function open(page) {
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(r.url()));
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url + '/');
  await page.waitForSelector('.ae-app[data-ready]', { timeout: 30_000 });
  return { requests, errors };
}

async function paste(page, text) {
  if (!(await page.$('details.import[open]'))) await page.click('.import summary');
  await page.fill('#paste', text);
  await page.click('#paste-submit');
}

describe('the entity model on demand', { timeout: T * 10 }, () => {
  it('a first visit loads neither the engine nor the model; a pasted article loads both once', { timeout: T }, async () => {
    const page = await browser.newPage();
    try {
      const { requests, errors } = await open(page);
      // Wait as a reader would before doing anything.
      await new Promise((r) => setTimeout(r, 1000));
      assert.deepEqual(requests.filter((u) => isModel(u) || isEngine(u)), [], 'nothing of the reader\'s path on a first visit');
      await paste(page, ARTICLE);
      const status = await poll(() => importStatus(page), (s) => /Showing your article/.test(s ?? ''), 30_000);
      assert.match(status, /Showing your article .Ferries in Bergen./);
      assert.ok(await page.locator('main .mention[data-entity="person-anna-lund"]').count() > 0, 'entities found by the model');
      await paste(page, 'Second\n\nMaria Berg visited Oslo.\n');
      await poll(() => importStatus(page), (s) => /Showing your article .Second./.test(s ?? ''), 30_000);
      assert.equal(requests.filter(isModel).length, 1, 'the model is fetched once');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  for (const [what, route, sentence] of [
    ['a blocked', (r) => r.abort('blockedbyclient'), /could not be downloaded: the connection failed or was blocked/],
    ['a missing', (r) => r.fulfill({ status: 404, body: 'Not found' }), /missing from this site \(HTTP 404\)/],
    ['an altered', async (r) => {
      const res = await r.fetch();
      const body = Buffer.from(await res.body());
      body[body.length >> 1] ^= 0xff;
      await r.fulfill({ response: res, body });
    }, /not the one this page was built with/],
    ['a truncated', async (r) => {
      const res = await r.fetch();
      const body = Buffer.from(await res.body());
      await r.fulfill({ response: res, body: body.subarray(0, body.length >> 1) });
    }, /arrived incomplete/],
    ['a page instead of the', (r) => r.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Welcome</title>' }),
      /The file served as the entity model is not one\./],
    ['a newer-format', async (r) => {
      const res = await r.fetch();
      const body = Buffer.from(await res.body());
      body[4] = 9; // the format version, little-endian, after the magic
      await r.fulfill({ response: res, body });
    }, /The entity model is format 9, which this page cannot read\./],
    // Over the engine's 32 MB limit: refused before it is copied into the worker's memory.
    ['a 33 MB', (r) => r.fulfill({ status: 200, contentType: 'application/octet-stream', body: Buffer.alloc(33 << 20, 7) }),
      /far larger than the model; it was not read\./],
  ]) {
    it(`${what} model: one sentence, the text kept, and "Try again" reads it once the model can be had`, { timeout: T }, async () => {
      const page = await browser.newPage();
      try {
        await page.route(isModel, route);
        const { errors } = await open(page);
        await paste(page, ARTICLE);
        const status = await poll(() => importStatus(page), (s) => sentence.test(s ?? ''), 30_000);
        assert.match(status, sentence);
        assert.match(status, /Your text is kept here; try again\.$/);
        assert.equal(await page.inputValue('#paste'), ARTICLE, 'the pasted text is still there');
        assert.notEqual(await page.textContent('h1'), 'Ferries in Bergen');
        await page.unroute(isModel);
        await page.click('#retry');
        const shown = await poll(() => importStatus(page), (s) => /Showing your article/.test(s ?? ''), 30_000);
        assert.match(shown, /Showing your article .Ferries in Bergen./);
        assert.equal(await page.locator('#retry').count(), 0, 'no retry button once read');
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
      }
    });
  }

  it('a blocked engine: one sentence and the text kept', { timeout: T }, async () => {
    const page = await browser.newPage();
    try {
      await page.route(isEngine, (r) => r.abort('blockedbyclient'));
      await open(page);
      await paste(page, ARTICLE);
      const status = await poll(() => importStatus(page), (s) => /could not be loaded/.test(s ?? ''), 30_000);
      assert.match(status, /The article reader could not be loaded or stopped: the connection failed or was blocked\. Your text is kept here; try again\./);
      assert.equal(await page.inputValue('#paste'), ARTICLE);
    } finally {
      await page.close();
    }
  });
});
