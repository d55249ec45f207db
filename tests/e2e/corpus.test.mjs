// Corpus mode (issue 14): a static site built by scripts/site.sh from articles
// this test writes; the library lists them, searches across them, lists the
// articles that mention an entity, opens an article in the explorer with the
// query carried over, and back/forward and reload restore it all. Broken
// corpus files give one sentence and leave the rest working; nothing is
// requested outside the site's folder. Run plain and under the strict CSP.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AXE, poll, requireBuilt, ROOT, start, stop } from './harness.mjs';
import { serve } from './server.mjs';

requireBuilt('library.html');
const T = 60_000;
const ARTICLES = {
  'harbour.txt': '# Storm floods the harbour in Lisbon\n\nMaria Costa said the storm hit Lisbon on Monday. The harbour flooded twice and the harbour wall broke.\n\n## Repairs\n\nEngineers from Portugal began work on the harbour on Tuesday.\n',
  'markets.txt': '# Markets calm in Berlin\n\nTraders in Berlin said prices held steady on Monday.\n\n## Travel\n\nFlights from Lisbon resumed, Maria Costa said. The harbour at Lisbon reopened.\n',
  'ferries.md': '# Ferries return to Piraeus\n\nFerries sailed again from Piraeus on Wednesday, Nikos Pappas said.\n',
};

let browser, server, site;
before(async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-corpus-'));
  const articles = path.join(dir, 'articles');
  fs.mkdirSync(articles);
  for (const [name, text] of Object.entries(ARTICLES)) fs.writeFileSync(path.join(articles, name), text);
  site = path.join(dir, 'site');
  execFileSync('bash', [path.join(ROOT, 'scripts/site.sh'), site, articles], { stdio: ['ignore', 'ignore', 'inherit'] });
  ({ browser } = await start({ serveDist: false }));
  const headers = process.env.E2E_CSP ? { 'Content-Security-Policy': process.env.E2E_CSP } : {};
  server = await serve(site, { headers });
});
after(async () => {
  await stop({ browser, server });
  if (site) fs.rmSync(path.dirname(site), { recursive: true, force: true });
});

const text = (page, sel) => page.$eval(sel, (e) => e.textContent.replace(/\s+/g, ' ').trim()).catch(() => null);
const texts = (page, sel) => page.$$eval(sel, (es) => es.map((e) => e.textContent.replace(/\s+/g, ' ').trim()));

async function open(page, address = '/') {
  const requests = [];
  const errors = [];
  page.on('request', (r) => requests.push(new URL(r.url()).pathname));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(server.url + address);
  await page.waitForSelector('.library[data-ready], .library-nav', { timeout: 30_000 });
  return { requests, errors };
}

async function search(page, query) {
  const before = await text(page, '#library-status');
  await page.fill('#library-search', query);
  const answered = (s) => s != null && s !== before && s !== 'Searching…';
  return poll(() => text(page, '#library-status'), answered, 15_000);
}

describe('a corpus site', { timeout: T * 8 }, () => {
  it('lists every article with its sections and leading entities, and passes axe', { timeout: T }, async () => {
    const page = await browser.newPage();
    try {
      const { requests, errors } = await open(page);
      await poll(() => page.locator('.article-list li.article').count(), (n) => n === 3);
      const titles = await texts(page, '.article-list h3 a');
      assert.deepEqual(titles.sort(), ['Ferries return to Piraeus', 'Markets calm in Berlin', 'Storm floods the harbour in Lisbon']);
      assert.match(await text(page, '.article-list li.article:has(a:text("Storm floods")) .figures'), /^2 sections$/);
      assert.ok((await texts(page, '.salient a')).some((t) => /^Lisbon \(place\) 2 articles$/.test(t)), 'Lisbon is in two articles');
      assert.equal(await page.getAttribute('#library-search', 'type'), 'search');
      assert.equal(await text(page, 'label[for="library-search"]'), 'Search every article');
      await page.evaluate(fs.readFileSync(AXE, 'utf8'));
      const violations = await page.evaluate(async () => (await window.axe.run(document)).violations.map((v) => v.id));
      assert.deepEqual(violations, []);
      assert.ok(requests.every((p) => !/article-explorer-[0-9a-f]+\.js|\/ner-|\/engine-|\/reader-/.test(p)), `only the library's code: ${requests}`);
      assert.ok(requests.some((p) => /^\/corpus\/articles-0-[0-9a-f]{16}\.json$/.test(p)), 'the first article list');
      assert.ok(!requests.some((p) => /\/corpus\/(terms|entities|analysis|text)-/.test(p)), 'no shard nor article before it is needed');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('searches across articles, opens a result with the query carried over, and back/forward and reload restore it', { timeout: T * 2 }, async () => {
    const page = await browser.newPage();
    try {
      const { requests, errors } = await open(page);
      const status = await search(page, 'harbour');
      assert.equal(status, '2 articles match “harbour”');
      await poll(() => page.locator('.results > li h3 a').count(), (n) => n === 2); // their titles may follow the count
      const results = await texts(page, '.results > li h3 a');
      assert.deepEqual(results, ['Storm floods the harbour in Lisbon', 'Markets calm in Berlin'], 'most matches first');
      assert.match(await text(page, '.results > li:first-child .figures'), /^3 matches in 2 sections$/);
      await poll(() => page.locator('.results .snippet mark').count(), (n) => n >= 3);
      assert.deepEqual(
        [...new Set((await texts(page, '.results .snippet mark')).map((m) => m.toLowerCase()))],
        ['harbour'],
        'the hit in <mark>',
      );
      assert.ok(requests.some((p) => /^\/corpus\/terms-ha-/.test(p)), 'the "ha" shard');
      assert.ok(!requests.some((p) => /^\/corpus\/terms-(?!ha-)/.test(p)), 'and no other');
      assert.equal(new URL(page.url()).search, '?q=harbour');

      await page.click('.results > li:nth-child(2) h3 a');
      await page.waitForSelector('.library-nav + .ae-app [data-ready], .ae-app[data-ready] .masthead h1', { timeout: 15_000 });
      await poll(() => text(page, '#title'), (t) => t === 'Markets calm in Berlin');
      assert.equal(await page.inputValue('#search'), 'harbour', 'the query carried over');
      assert.ok((await page.locator('.reading mark').count()) >= 1, 'hits marked in the article');
      assert.match(new URL(page.url()).search, /^\?q=harbour&a=markets&n=\d+$/);

      await page.goBack();
      await poll(() => page.locator('.results > li').count(), (n) => n === 2);
      assert.equal(await page.inputValue('#library-search'), 'harbour', 'back: the library and its query');
      await page.goForward();
      await poll(() => text(page, '#title'), (t) => t === 'Markets calm in Berlin');
      await page.reload();
      await poll(() => text(page, '#title'), (t) => t === 'Markets calm in Berlin', 20_000);
      await page.click('.library-nav a');
      await poll(() => page.locator('.results > li').count(), (n) => n === 2);
      assert.equal(await search(page, 'zebra'), '0 articles match “zebra”');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('works from the keyboard alone: search, open a result, go back, and the focus follows', { timeout: T }, async () => {
    const page = await browser.newPage();
    try {
      const { errors } = await open(page);
      const active = () => page.evaluate(() => {
        const e = document.activeElement;
        return { id: e?.id ?? '', text: (e?.textContent ?? '').replace(/\s+/g, ' ').trim(), tag: e?.tagName ?? '' };
      });
      /** Presses Tab until `wanted(focused)`; fails after `most` presses. */
      const tabTo = async (wanted, most = 12) => {
        for (let i = 0; i < most; i++) {
          await page.keyboard.press('Tab');
          const now = await active();
          if (wanted(now)) return now;
        }
        assert.fail(`Tab never reached it; focus is on ${JSON.stringify(await active())}`);
      };
      await tabTo((a) => a.id === 'library-search');
      await page.keyboard.type('harbour');
      await poll(() => text(page, '#library-status'), (s) => s === '2 articles match “harbour”');
      const first = await tabTo((a) => a.tag === 'A' && /^article-\d+$/.test(a.id));
      assert.equal(first.text, 'Storm floods the harbour in Lisbon', 'the first result is the next stop after the box');
      await page.keyboard.press('Enter');
      await poll(() => text(page, '#title'), (t) => t === 'Storm floods the harbour in Lisbon');
      assert.equal((await active()).text, '← Back to the library', 'the focus moves into the opened article');
      await page.keyboard.press('Enter');
      await poll(() => page.locator('.results > li').count(), (n) => n === 2);
      await poll(active, (a) => a.id === first.id);
      assert.equal((await active()).text, first.text, 'and back to the link it came from');
      assert.equal(await page.inputValue('#library-search'), 'harbour');
      await page.keyboard.press('Shift+Tab');
      await tabTo((a) => a.tag === 'A' && /^Lisbon \(place\)/.test(a.text), 20);
      await page.keyboard.press('Enter');
      await poll(() => text(page, '#library-status'), (s) => /^2 articles mention Lisbon$/.test(s ?? ''));
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('lists every article that mentions an entity, with counts, from the library or an article', { timeout: T }, async () => {
    const page = await browser.newPage();
    try {
      const { errors } = await open(page);
      await page.click('.salient a:has-text("Maria Costa")');
      const mentions = (s) => /^\d+ articles? mentions? /.test(s ?? '');
      const status = await poll(() => text(page, '#library-status'), mentions);
      assert.equal(status, '2 articles mention Maria Costa');
      assert.equal(await text(page, '#library-heading'), 'Articles that mention Maria Costa');
      assert.deepEqual((await texts(page, '.results > li .figures')).map((f) => /mention/.test(f)), [true, true]);
      assert.match(new URL(page.url()).search, /^\?e=person-maria-costa$/);
      // From an article's leading entities too.
      await page.click('button.clear');
      await poll(() => page.locator('.article-list li.article').count(), (n) => n === 3);
      await page.click('.article-list li.article:has(a:text("Ferries")) .leading a:has-text("Piraeus")');
      assert.equal(await poll(() => text(page, '#library-status'), mentions), '1 article mentions Piraeus');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  it('an article reader that cannot be downloaded gives one sentence; opening the article again works', { timeout: T }, async () => {
    const page = await browser.newPage();
    try {
      await page.route(/\/reader-[0-9a-f]+\.(js|wasm)$/, (route) => route.abort());
      const { errors } = await open(page);
      await page.click('.article-list li.article:has(a:text("Ferries")) h3 a');
      await poll(() => text(page, '.failure[role="alert"]'), (t) => t != null);
      assert.match(await text(page, '.failure[role="alert"]'), /^The article reader could not be downloaded/);
      await page.unroute(/\/reader-[0-9a-f]+\.(js|wasm)$/);
      await page.click('.library-nav a');
      await page.click('.article-list li.article:has(a:text("Ferries")) h3 a');
      assert.equal(await poll(() => text(page, '#title'), (t) => t === 'Ferries return to Piraeus'), 'Ferries return to Piraeus');
      assert.equal(await page.locator('.ae-crash').count(), 0);
      assert.deepEqual(errors.filter((e) => !/Failed to load resource|reader-[0-9a-f]+\.js/.test(e)), []);
    } finally {
      await page.close();
    }
  });

  it('a host page with a library and a plain explorer: the library starts, and the reader starts the explorer', { timeout: T }, async () => {
    // embed.js and embed.css come from the build beside the site's files (site.sh leaves them out).
    for (const f of ['embed.js', 'embed.css']) fs.copyFileSync(path.join(ROOT, 'dist', f), path.join(site, f));
    fs.writeFileSync(path.join(site, 'host.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<link rel="stylesheet" href="./embed.css"><script type="module" src="./embed.js"></script></head>
<body><main><div id="lib" data-article-explorer data-corpus="corpus/"></div><div id="one" data-article-explorer></div></main></body></html>`);
    const page = await browser.newPage();
    try {
      const errors = [];
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(server.url + '/host.html');
      await page.waitForSelector('#lib .library[data-ready]', { timeout: 30_000 });
      await page.waitForSelector('#one .ae-app[data-ready] .masthead h1', { timeout: 30_000 });
      assert.ok((await text(page, '#one .masthead h1')).length > 0, 'the plain explorer shows the seed');
      assert.equal(await page.locator('#one .library').count(), 0);
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  for (const [what, body, sentence] of [
    ['missing', null, /terms-ha-[0-9a-f]{16}\.json is missing from the server \(404\)/],
    ['truncated', (b) => b.subarray(0, Math.floor(b.length / 2)), /terms-ha-[0-9a-f]{16}\.json is cut short/],
    ['non-JSON', () => Buffer.from('<html>oops</html>'), /terms-ha-[0-9a-f]{16}\.json is not a search index shard/],
    ['wrong-version', (b) => Buffer.from(b.toString().replace('"version":5', '"version":9')), /format version 9, but this reader reads version 5/],
  ]) {
    it(`a ${what} shard gives one sentence and the rest keeps working`, { timeout: T }, async () => {
      const page = await browser.newPage();
      try {
        await page.route(/\/corpus\/terms-ha-/, async (route) => {
          if (!body) return route.fulfill({ status: 404, body: 'Not found' });
          const response = await route.fetch();
          return route.fulfill({ response, body: body(await response.body()) });
        });
        const { errors } = await open(page);
        const status = await search(page, 'harbour');
        assert.match(status, sentence);
        assert.match(await text(page, '.failure[role="alert"]'), sentence);
        assert.equal(await search(page, 'ferries'), '1 article matches “ferries”', 'other searches still work');
        assert.equal(await page.locator('.ae-crash').count(), 0);
        assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
      } finally {
        await page.close();
      }
    });
  }

  it('a broken manifest gives one sentence; a manifest that points outside the folder is never followed', { timeout: T }, async () => {
    const page = await browser.newPage();
    try {
      await page.route(/\/corpus\/manifest\.json$/, (route) => route.fulfill({ status: 200, body: '{"version":5,"articles":' }));
      await open(page);
      await poll(() => text(page, '.failure'), (t) => t != null);
      assert.match(await text(page, '.failure'), /^manifest\.json is cut short/);
      await page.unroute(/\/corpus\/manifest\.json$/);
      const manifest = fs.readFileSync(path.join(site, 'corpus/manifest.json'), 'utf8');
      for (const escape of ['../../secret-', 'https://elsewhere.example/x-', '//elsewhere.example/x-']) {
        await page.route(/\/corpus\/manifest\.json$/, (route) => route.fulfill({ status: 200, body: manifest.replace(/"terms-ha-/, `"${escape}`) }));
        const requests = [];
        page.on('request', (r) => requests.push(r.url()));
        await page.goto(server.url + '/?q=harbour');
        await poll(() => text(page, '.failure'), (t) => t != null);
        assert.match(await text(page, '.failure'), /not a plain file name/);
        assert.ok(requests.every((u) => u.startsWith(server.url + '/') && !u.includes('secret') && !u.includes('elsewhere')), `${requests}`);
        await page.unroute(/\/corpus\/manifest\.json$/);
      }
    } finally {
      await page.close();
    }
  });
});

describe('a corpus whose manifest is split into pages', { timeout: T * 4 }, () => {
  let pagedServer, pagedDir;
  before(async () => {
    pagedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ae-paged-'));
    const articles = path.join(pagedDir, 'articles');
    fs.mkdirSync(articles);
    for (const [name, body] of Object.entries(ARTICLES)) fs.writeFileSync(path.join(articles, name), body);
    // A manifest limit of 0 and pages of one entry: every list of the manifest is paged,
    // and two articles to a list and to a titles file give it more than one of each.
    const layout = ['--manifest-limit', '0', '--page', '1', '--list-size', '2', '--titles-size', '2'];
    const out = path.join(pagedDir, 'site');
    execFileSync('bash', [path.join(ROOT, 'scripts/site.sh'), ...layout, out, articles], { stdio: ['ignore', 'ignore', 'inherit'] });
    const headers = process.env.E2E_CSP ? { 'Content-Security-Policy': process.env.E2E_CSP } : {};
    pagedServer = await serve(out, { headers });
  });
  after(async () => {
    await stop({ server: pagedServer });
    if (pagedDir) fs.rmSync(pagedDir, { recursive: true, force: true });
  });

  const mentioned = (s) => /^\d+ articles? mentions? /.test(s ?? '');

  async function openPaged(page) {
    const requests = [];
    const errors = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(pagedServer.url + '/');
    await page.waitForSelector('.library[data-ready], .library-nav', { timeout: 30_000 });
    const paths = () => requests.map((u) => new URL(u).pathname);
    return { requests, paths, errors };
  }

  it('lists, searches and finds entities, reading only the pages each needs', { timeout: T }, async () => {
    const page = await browser.newPage();
    try {
      const { paths, errors } = await openPaged(page);
      await poll(() => page.locator('.article-list li.article').count(), (n) => n === 2);
      assert.ok(paths().some((p) => /^\/corpus\/pages-chunks-0-[0-9a-f]{16}\.json$/.test(p)), `the first list's page: ${paths()}`);
      assert.ok(!paths().some((p) => /\/corpus\/pages-(terms|entities|titles)-/.test(p)), 'no other page before it is needed');
      await page.click('button:has-text("More articles")');
      await poll(() => page.locator('.article-list li.article').count(), (n) => n === 3);
      assert.ok(paths().some((p) => /^\/corpus\/pages-chunks-1-/.test(p)), 'the next list through its page');

      assert.equal(await search(page, 'harbour'), '2 articles match “harbour”');
      await poll(() => texts(page, '.results > li h3 a'), (t) => t.length === 2);
      assert.deepEqual(await texts(page, '.results > li h3 a'), ['Storm floods the harbour in Lisbon', 'Markets calm in Berlin']);
      assert.ok(paths().some((p) => /^\/corpus\/pages-terms-\d+-/.test(p)), 'the page naming the "ha" shard');
      assert.ok(paths().some((p) => /^\/corpus\/terms-ha-/.test(p)));

      await page.fill('#library-search', '');
      await page.click('.salient a:has-text("Maria Costa")');
      assert.equal(await poll(() => text(page, '#library-status'), mentioned), '2 articles mention Maria Costa');
      assert.ok(paths().some((p) => /^\/corpus\/pages-entities-\d+-/.test(p)), 'the page naming the entity shard');
      assert.deepEqual(errors, []);
    } finally {
      await page.close();
    }
  });

  for (const [what, body, sentence] of [
    ['a truncated page', (b) => b.subarray(0, Math.floor(b.length / 2)), /pages-terms-\d+-[0-9a-f]{16}\.json is cut short/],
    ['a page naming a file outside the folder', (b) => Buffer.from(b.toString().replace('"terms-', '"../../terms-')), /not a plain file name/],
  ]) {
    it(`${what} gives one sentence and the rest keeps working`, { timeout: T }, async () => {
      const page = await browser.newPage();
      try {
        await page.route(/\/corpus\/pages-terms-/, async (route) => {
          const response = await route.fetch();
          return route.fulfill({ response, body: body(await response.body()) });
        });
        const { requests, errors } = await openPaged(page);
        const status = await search(page, 'harbour');
        assert.match(status, sentence);
        assert.match(await text(page, '.failure[role="alert"]'), sentence);
        await page.fill('#library-search', '');
        await page.click('.salient a:has-text("Maria Costa")');
        assert.equal(await poll(() => text(page, '#library-status'), mentioned), '2 articles mention Maria Costa');
        assert.ok(requests.every((u) => u.startsWith(pagedServer.url + '/') && !u.includes('/terms-ha-')), `${requests}`);
        assert.equal(await page.locator('.ae-crash').count(), 0);
        assert.deepEqual(errors.filter((e) => !/Failed to load resource/.test(e)), []);
      } finally {
        await page.close();
      }
    });
  }
});
