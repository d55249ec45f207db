// "Keep on this device" when the stored copy is not what this page wrote
// (issue 15): a damaged copy, one from the page's earlier version (bare text)
// or a later one is not read; the reader gets one sentence above the tools,
// the page works on. Two tabs of one browser keeping articles: the device
// keeps one article, the last one kept; a tab forgets only its own, never the
// other tab's, and the stored copy always reads back whole.
//
//   node --test --test-reporter=spec tests/e2e/storage.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { poll, requireBuilt, start, stop } from './harness.mjs';

requireBuilt();
const T = 90_000;
const KEY = 'article-explorer:yours';
const NOTICE = 'The article kept on this device was not read: it is damaged or from another version of this page.';
const HARBOUR = 'Harbour reopens in Bergen\n\nMayor Anna Lund said the harbour in Bergen would reopen on Monday.\n';
const FERRIES = 'Ferries return to Oslo\n\nErik Berg said the ferries to Oslo would run again.\n';
let browser, server;
before(async () => ({ browser, server } = await start()));
after(() => stop({ browser, server }));

const title = (page) => page.$eval('h1#title', (e) => e.textContent.trim()).catch(() => null);
const importStatus = (page) => page.$eval('#import-status', (e) => e.textContent.trim()).catch(() => null);
const notice = (page) => page.$$eval('.kept-notice', (els) => els.map((e) => e.textContent.trim()));
const stored = (page) => page.evaluate((key) => localStorage.getItem(key), KEY);

/** A page of `context` at `query`, with its page errors collected. */
async function open(context, query = '') {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e?.stack ?? e)));
  await page.goto(server.url + '/' + query);
  await page.waitForSelector('.ae-app[data-ready]', { timeout: 30_000 });
  return { page, errors };
}

async function paste(page, text, { keep }) {
  if (!(await page.$('details.import[open]'))) await page.click('.import summary');
  if ((await page.isChecked('#keep')) !== keep) await page.click('#keep');
  await page.fill('#paste', text);
  await page.click('#paste-submit');
  const heading = text.split('\n')[0];
  assert.equal(await poll(() => title(page), (v) => v === heading, 30_000), heading);
  const done = keep ? /^Showing your article .* It is kept on this device\.$/ : /^Showing your article [^.]*\.$/;
  assert.match(await poll(() => importStatus(page), (v) => done.test(v ?? ''), 30_000), done);
}

async function forget(page) {
  if (!(await page.$('details.import[open]'))) await page.click('.import summary');
  await page.click('#forget');
  assert.equal(await poll(() => importStatus(page), (v) => /forgotten/.test(v ?? '')), 'Your article is forgotten.');
}

describe('a kept article that is not what this page wrote', { timeout: T * 6 }, () => {
  for (const [what, copy, removed] of [
    ['damaged (cut short)', (text) => `article-explorer kept v2 ${text.length + 10} 123\n${text}`, true],
    ['damaged (not even a header)', () => 'article-explorer kept v', true],
    ['from the earlier version (bare text)', (text) => text, true],
    ['from a later version', (text) => `article-explorer kept v3 {"text":${JSON.stringify(text)}}`, false],
  ]) {
    it(`${what}: not read, one sentence, ${removed ? 'removed' : 'left for the page that wrote it'}, the page works`, { timeout: T }, async () => {
      const context = await browser.newContext();
      try {
        const value = copy(HARBOUR);
        await context.addInitScript(([key, value]) => {
          if (!sessionStorage.getItem('seeded')) {
            localStorage.setItem(key, value);
            sessionStorage.setItem('seeded', '1');
          }
        }, [KEY, value]);
        const { page, errors } = await open(context, '?a=yours');
        assert.deepEqual(await poll(() => notice(page), (v) => v.length > 0), [NOTICE]);
        assert.notEqual(await title(page), 'Harbour reopens in Bergen', 'the stored text is not shown');
        assert.equal(await stored(page), removed ? null : value);
        assert.equal(await page.locator('.ae-crash').count(), 0, 'no crash notice');
        // The page works on: the reader's own article can be read and kept again.
        await paste(page, FERRIES, { keep: true });
        assert.match(await importStatus(page), /It is kept on this device\.$/);
        await page.reload();
        await page.waitForSelector('.ae-app[data-ready]');
        assert.equal(await poll(() => title(page), (v) => v === 'Ferries return to Oslo', 30_000), 'Ferries return to Oslo');
        assert.deepEqual(await notice(page), [], 'what this page wrote reads back without a notice');
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }
});

describe('two tabs keeping articles', { timeout: T * 3 }, () => {
  it('the last one kept is the device\'s; a tab forgets only its own; the copy always reads back', { timeout: T * 2 }, async () => {
    const context = await browser.newContext();
    try {
      const a = await open(context);
      const b = await open(context);
      await paste(a.page, HARBOUR, { keep: true });
      await paste(b.page, FERRIES, { keep: true });
      assert.match(await stored(a.page), /\nFerries return to Oslo\n/, 'the last one kept is stored');
      // A forgets its article, and unticking in A does not touch B's either.
      await forget(a.page);
      assert.match(await stored(a.page) ?? '(nothing)', /\nFerries return to Oslo\n/, 'B\'s article is still kept');
      await paste(a.page, HARBOUR, { keep: false });
      assert.match(await stored(a.page) ?? '(nothing)', /\nFerries return to Oslo\n/, 'reading another article unkept in A leaves B\'s');
      // B, reloaded, still has its article, read back whole.
      await b.page.reload();
      await b.page.waitForSelector('.ae-app[data-ready]');
      assert.equal(await poll(() => title(b.page), (v) => v === 'Ferries return to Oslo', 30_000), 'Ferries return to Oslo');
      assert.deepEqual(await notice(b.page), []);
      // Both keep, in turn and at once: whatever is stored is one whole article.
      await Promise.all([paste(a.page, HARBOUR, { keep: true }), paste(b.page, FERRIES, { keep: true })]);
      const c = await open(context, '?a=yours');
      const last = await poll(() => title(c.page), (v) => v === 'Harbour reopens in Bergen' || v === 'Ferries return to Oslo', 30_000);
      assert.ok(['Harbour reopens in Bergen', 'Ferries return to Oslo'].includes(last), `a third tab shows one of them: ${last}`);
      assert.deepEqual(await notice(c.page), [], 'no damaged copy');
      // B forgets its own: then nothing of B's is kept.
      await forget(b.page);
      const left = await stored(b.page);
      assert.ok(left === null || /\nHarbour reopens in Bergen\n/.test(left), `only A's article may remain: ${left?.slice(0, 60)}`);
      for (const tab of [a, b, c]) assert.deepEqual(tab.errors, []);
    } finally {
      await context.close();
    }
  });
});
