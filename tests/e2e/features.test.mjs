// End-to-end tests of the reader features (quotes, mention map, entity
// graph, your own article, export, print) in Debian's Chromium, against the
// built app (DIST, default dist/). Same conventions as app.test.mjs.
//
//   node --test --test-reporter=spec tests/e2e/features.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HERE, ROOT, DIST, OUT, AXE, CHROMIUM, LAUNCH_ARGS, poll, requireBuilt, start, stop } from './harness.mjs';
import fs from 'node:fs';
import path from 'node:path';

const TEST_TIMEOUT = 90_000;
const ASIF = 'person-khawaja-asif';

let browser, server;

requireBuilt();


const statusText = (page) => page.$eval('#status', (e) => e.textContent.replace(/\s+/g, ' ').trim()).catch(() => null);
const sectionIds = (page) => page.$$eval('main section', (els) => els.map((e) => e.id));
const title = (page) => page.$eval('h1#title', (e) => e.textContent.trim()).catch(() => null);
const importStatus = (page) => page.$eval('#import-status', (e) => e.textContent.trim()).catch(() => null);

async function ready(page) {
  // The prerendered page already shows a status and the panels: wait for the app itself
  // (`data-ready`: hydrated, and the address's state shown), or a test races it under load.
  await page.waitForSelector('.ae-app[data-ready]', { timeout: 20_000 });
  const got = await poll(() => statusText(page), (v) => /^\d+ of \d+ sections?$/.test(v ?? ''), 20_000);
  assert.match(got ?? '(no #status)', /^\d+ of \d+ sections?$/, 'the app rendered a #status');
}

async function open(query = '', { viewport = { width: 1280, height: 900 }, colorScheme = 'light', permissions, init } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, acceptDownloads: true });
  if (permissions) await context.grantPermissions(permissions, { origin: server.url });
  if (init) await context.addInitScript(init);
  const page = await context.newPage();
  const log = { errors: [], dialogs: [], console: [] };
  page.on('pageerror', (e) => log.errors.push(String(e?.stack ?? e)));
  page.on('console', (m) => { if (m.type() === 'error') log.console.push(m.text()); });
  page.on('dialog', (d) => { log.dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(server.url + '/' + query);
  await ready(page);
  return { context, page, log };
}

async function withPage(query, opts, fn) {
  const s = await open(query, opts);
  try {
    return await fn(s);
  } finally {
    await s.context.close();
  }
}

/** Opens a <details> tool (import/export) if closed. */
async function openTool(page, id) {
  const isOpen = await page.$eval(`#${id}`, (d) => d.open);
  if (!isOpen) await page.click(`#${id} > summary`);
}

async function paste(page, text, { keep = false } = {}) {
  await openTool(page, 'import');
  if (keep) await page.check('#keep');
  await page.fill('#paste', text);
  await page.click('#paste-submit');
}

async function download(page, selector) {
  const [dl] = await Promise.all([page.waitForEvent('download', { timeout: 10_000 }), page.click(selector)]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

before(async () => ({ browser, server } = await start({ serveDist: true })));

after(() => stop({ browser, server }));

const MY_ARTICLE = `Harbour reopens in Bergen

Mayor Anna Lund said the harbour in Bergen would reopen on Monday. “We are ready,” Anna Lund said.

Ships return

The first ships from Oslo arrived before noon, and the Norwegian Coastal Administration praised the work.
`;

describe('reader features', { timeout: TEST_TIMEOUT * 14 }, () => {
  it('quotes: both seed quotes are attributed to Khawaja Asif; his button filters to his quotes', { timeout: TEST_TIMEOUT }, () =>
    withPage('', {}, async ({ page }) => {
      const quotes = page.locator('aside[aria-label="Quotes"] li.quote');
      const all = await quotes.evaluateAll((els) => els.map((li) => ({
        text: li.querySelector('blockquote').textContent,
        speaker: li.querySelector('.speaker').textContent.trim(),
        id: li.querySelector('.speaker')?.dataset.entity ?? null,
      })));
      for (const q of ['misleading and malicious', 'continue its decisive measures against terrorism and cross-border threats']) {
        const hit = all.find((x) => x.text.includes(q));
        assert.ok(hit, `quote “${q}” listed: ${JSON.stringify(all)}`);
        assert.equal(hit.speaker, 'Khawaja Asif', `speaker of “${q}”`);
        assert.equal(hit.id, ASIF);
      }
      const total = all.length;
      // Choose him through a speaker button: the filter and the entity panel follow.
      await page.locator(`aside[aria-label="Quotes"] button.speaker[data-entity="${ASIF}"]`).first().click();
      await poll(() => page.getAttribute(`aside button.entity[data-entity="${ASIF}"]`, 'aria-pressed'), (v) => v === 'true');
      assert.equal(await page.getAttribute(`aside button.entity[data-entity="${ASIF}"]`, 'aria-pressed'), 'true');
      assert.match(page.url(), /e=person-khawaja-asif/);
      const theirs = all.filter((x) => x.id === ASIF).length;
      assert.equal(await poll(() => quotes.count(), (n) => n === theirs), theirs, 'only his quotes are listed');
      assert.ok(theirs < total || all.every((x) => x.id === ASIF));
      // "Go to" focuses the quote's paragraph.
      await page.locator('aside[aria-label="Quotes"] a.goto').first().click();
      const focused = await poll(() => page.evaluate(() => document.activeElement?.tagName + ' ' + (document.activeElement?.textContent ?? '')),
        (v) => v.startsWith('P '));
      assert.ok(focused.startsWith('P ') && focused.includes('misleading and malicious'), `focused: ${focused.slice(0, 80)}`);
    }));

  it('mention map: marks are named links; click and keyboard jump to the paragraph', { timeout: TEST_TIMEOUT }, () =>
    withPage(`?e=${ASIF}`, { viewport: { width: 1280, height: 700 } }, async ({ page }) => {
      const marks = page.locator('nav#mention-map a.mark');
      const n = await poll(() => marks.count(), (n) => n >= 2);
      assert.ok(n >= 2, `marks for Khawaja Asif: ${n}`);
      const labels = await marks.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      assert.ok(labels.every((l) => /^Khawaja Asif, section \d+/.test(l)), labels.join(' | '));
      assert.equal(await page.locator('nav#mention-map a.mark[tabindex="0"]').count(), 1, 'one tab stop');
      // Click the last mark: its paragraph is focused and in view.
      const last = marks.nth(n - 1);
      const href = await last.getAttribute('href');
      await last.click();
      const got = await poll(() => page.evaluate(() => {
        const e = document.activeElement;
        const r = e?.getBoundingClientRect();
        return e ? { tag: e.tagName, section: e.closest('section')?.id, top: r.top, bottom: r.bottom, text: e.textContent } : null;
      }), (v) => v?.tag === 'P');
      assert.equal(got?.tag, 'P', 'a paragraph is focused');
      assert.equal(`#${got.section}`, href, 'in the mark\'s section');
      assert.ok(got.text.includes('Asif'), 'the paragraph names him');
      assert.ok(got.top < 700 && got.bottom > 0, `the paragraph is in view (${got.top}..${got.bottom})`);
      // Keyboard: focus the map's tab stop, arrow to the next mark, Enter jumps.
      await page.locator('nav#mention-map a.mark[tabindex="0"]').focus();
      const before = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
      await page.keyboard.press('Home');
      await page.keyboard.press('ArrowDown');
      const after = await page.evaluate(() => document.activeElement.getAttribute('aria-label'));
      assert.equal(after, labels[1], `ArrowDown moves to the second mark (from ${before})`);
      await page.keyboard.press('Enter');
      assert.equal(await poll(() => page.evaluate(() => document.activeElement?.tagName), (v) => v === 'P'), 'P', 'Enter jumps to the paragraph');
      await page.screenshot({ path: path.join(OUT, 'features-map-1280-light.png') });
    }));

  it('graph: pressing a node sets aria-pressed and filters like the entity button', { timeout: TEST_TIMEOUT }, async () => {
    const viaButton = await withPage(`?e=${ASIF}`, {}, async ({ page }) => sectionIds(page));
    await withPage('', {}, async ({ page }) => {
      const node = page.locator(`aside[aria-label="Entity graph"] g.node[data-entity="${ASIF}"]`);
      assert.equal(await poll(() => node.count(), (n) => n === 1), 1, 'a node for Khawaja Asif');
      assert.equal(await node.getAttribute('role'), 'button');
      assert.equal(await node.getAttribute('aria-pressed'), 'false');
      // Keyboard: focus and Enter.
      await node.focus();
      await page.keyboard.press('Enter');
      assert.equal(await poll(() => node.getAttribute('aria-pressed'), (v) => v === 'true'), 'true');
      assert.deepEqual(await poll(() => sectionIds(page), (v) => JSON.stringify(v) === JSON.stringify(viaButton)), viaButton);
      assert.equal(await page.getAttribute(`aside button.entity[data-entity="${ASIF}"]`, 'aria-pressed'), 'true');
      // The text alternative names the link to Pakistan.
      const list = await page.$eval('aside[aria-label="Entity graph"] details', (d) => d.textContent);
      assert.match(list, /(Khawaja Asif — Pakistan|Pakistan — Khawaja Asif): \d+ shared sentences?/);
      // Mouse: click again unchooses.
      await node.click();
      assert.equal(await poll(() => node.getAttribute('aria-pressed'), (v) => v === 'false'), 'false');
      await page.locator('aside[aria-label="Entity graph"]').scrollIntoViewIfNeeded();
      await node.click();
      await poll(() => node.getAttribute('aria-pressed'), (v) => v === 'true');
      await page.screenshot({ path: path.join(OUT, 'features-graph-1280-light.png'), fullPage: true });
    });
  });

  it('your article: paste shows it, the switcher offers it, kept across reloads, forgotten on request', { timeout: TEST_TIMEOUT }, () =>
    withPage('', {}, async ({ page }) => {
      const seedTitle = await title(page);
      await paste(page, MY_ARTICLE, { keep: true });
      assert.equal(await poll(() => title(page), (v) => v === 'Harbour reopens in Bergen'), 'Harbour reopens in Bergen');
      assert.equal(await poll(() => statusText(page), (v) => v === '2 of 2 sections'), '2 of 2 sections');
      const headings = await page.$$eval('main section h2', (els) => els.map((e) => e.firstChild.textContent.trim()));
      assert.deepEqual(headings, ['Ships return']);
      assert.match(page.url(), /a=yours/);
      assert.equal(await page.$eval('#article', (s) => s.value), 'yours', 'the switcher shows the extra entry');
      assert.match(await importStatus(page), /Showing your article .*kept on this device/);
      await page.screenshot({ path: path.join(OUT, 'features-yours-1280-light.png'), fullPage: true });
      // Reload: it comes back.
      await page.reload();
      await ready(page);
      assert.equal(await poll(() => title(page), (v) => v === 'Harbour reopens in Bergen', 10_000), 'Harbour reopens in Bergen', 'kept across a reload');
      // Switch to the seed and back.
      await page.selectOption('#article', { index: 0 });
      assert.equal(await poll(() => title(page), (v) => v === seedTitle), seedTitle);
      await page.selectOption('#article', 'yours');
      assert.equal(await poll(() => title(page), (v) => v === 'Harbour reopens in Bergen'), 'Harbour reopens in Bergen');
      // Forget.
      await openTool(page, 'import');
      await page.click('#forget');
      assert.equal(await poll(() => title(page), (v) => v === seedTitle), seedTitle);
      assert.equal(await page.evaluate(() => localStorage.length), 0, 'nothing left in local storage');
      await page.reload();
      await ready(page);
      await page.waitForTimeout(300);
      assert.equal(await title(page), seedTitle, 'forgotten after a reload too');
    }));

  it('your article: not kept unless asked', { timeout: TEST_TIMEOUT }, () =>
    withPage('', {}, async ({ page }) => {
      const seedTitle = await title(page);
      await paste(page, MY_ARTICLE);
      await poll(() => title(page), (v) => v === 'Harbour reopens in Bergen');
      assert.equal(await page.evaluate(() => localStorage.length), 0);
      await page.goto(server.url + '/');
      await ready(page);
      await page.waitForTimeout(300);
      assert.equal(await title(page), seedTitle);
    }));

  // Storage that refuses: full (every write throws QuotaExceededError) or disabled (as some
  // private windows do: touching localStorage at all throws SecurityError).
  const FULL = () => {
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
  };
  const DISABLED = () => {
    Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('denied', 'SecurityError'); } });
  };
  for (const [name, init] of [['full', FULL], ['disabled', DISABLED]]) {
    it(`your article with storage ${name}: a sentence says it is not kept, the article stays, nothing breaks`, { timeout: TEST_TIMEOUT }, () =>
      withPage('', { init }, async ({ page, log }) => {
        await paste(page, MY_ARTICLE, { keep: true });
        assert.equal(await poll(() => title(page), (v) => v === 'Harbour reopens in Bergen'), 'Harbour reopens in Bergen');
        assert.match(await importStatus(page), /^Showing your article .* It could not be kept: this device's storage is full or disabled\.$/);
        assert.equal(await page.isChecked('#keep'), false, 'the box does not claim it is kept');
        // Asking again, with the article shown: the same sentence, the box unticked again
        // (a click: the box does not stay ticked, which is the point).
        await page.click('#keep');
        assert.match(await poll(() => importStatus(page), (v) => /could not be kept/.test(v ?? '') && !/^Showing/.test(v)),
          /^Your article could not be kept: this device's storage is full or disabled\.$/);
        assert.equal(await page.isChecked('#keep'), false);
        assert.equal(await title(page), 'Harbour reopens in Bergen', 'the article is still shown');
        // Forgetting works without storage too.
        await page.click('#forget');
        assert.equal(await poll(() => importStatus(page), (v) => /forgotten/.test(v ?? '')), 'Your article is forgotten.');
        assert.deepEqual(log.errors, [], 'no page errors');
        assert.equal(await page.locator('.ae-crash').count(), 0, 'no crash notice');
      }));
  }

  it('files: invalid UTF-8 and an 11 MB file are refused with a message; a .md file opens', { timeout: TEST_TIMEOUT }, () =>
    withPage('', {}, async ({ page }) => {
      const seedTitle = await title(page);
      await openTool(page, 'import');
      await page.setInputFiles('#file', { name: 'bad.txt', mimeType: 'text/plain', buffer: Buffer.from([0x54, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0xff, 0xfe, 0x41]) });
      const bad = await poll(() => importStatus(page), (v) => /UTF-8/.test(v ?? ''));
      assert.match(bad, /^“bad\.txt” is not UTF-8 text \(the byte at offset 6 is not valid\)/);
      assert.equal(await title(page), seedTitle, 'nothing changed');
      assert.equal(await page.locator('#article').count(), 0, 'no extra article');
      await page.setInputFiles('#file', { name: 'big.txt', mimeType: 'text/plain', buffer: Buffer.alloc(11 * 1024 * 1024, 0x61) });
      assert.match(await poll(() => importStatus(page), (v) => /10 MB/.test(v ?? '')), /“big\.txt” is larger than 10 MB/);
      await page.setInputFiles('#file', { name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
      assert.match(await poll(() => importStatus(page), (v) => /not a text file/.test(v ?? '')), /“photo\.png” is not a text file/);
      assert.equal(await title(page), seedTitle, 'still nothing changed');
      await page.setInputFiles('#file', { name: 'mine.md', mimeType: 'text/markdown', buffer: Buffer.from('# Río news\n\nMaría Pérez spoke in Lima.\n') });
      assert.equal(await poll(() => title(page), (v) => v === 'Río news'), 'Río news', 'a UTF-8 .md file opens');
    }));

  it('markup in a pasted article shows as text and never runs', { timeout: TEST_TIMEOUT }, () =>
    withPage('', {}, async ({ page, log }) => {
      const evil = 'Title <script>alert(1)</script>\n\n<img src=x onerror=alert(1)> and <a href="javascript:alert(1)">a link</a> in [a note](javascript:alert(2)).\n';
      await paste(page, evil);
      assert.equal(await poll(() => title(page), (v) => v?.includes('<script>')), 'Title <script>alert(1)</script>');
      // The text as read, without the kind labels of any names the model marks in it.
      const main = await page.$eval('main', (m) => {
        const copy = m.cloneNode(true);
        copy.querySelectorAll('.kind-label').forEach((l) => l.remove());
        return copy.textContent;
      });
      assert.ok(main.includes('<img src=x onerror=alert(1)>'), main);
      assert.ok(main.includes('<a href="javascript:alert(1)">a link</a>'), main);
      assert.equal(await page.locator('main img, main script, main a[href^="javascript"], h1 script').count(), 0);
      await page.waitForTimeout(500);
      assert.deepEqual(log.dialogs, [], 'no dialog fired');
      assert.deepEqual(log.errors, [], 'no page errors');
    }));

  it('export: Markdown has the visible headings only; JSON has the extraction', { timeout: TEST_TIMEOUT }, () =>
    withPage('?q=taliban', { permissions: ['clipboard-read', 'clipboard-write'] }, async ({ page }) => {
      const visible = await page.$$eval('main section h2', (els) => els.map((h) => {
        const c = h.cloneNode(true);
        c.querySelectorAll('.kind-label').forEach((k) => k.remove());
        return c.textContent.trim();
      }));
      const total = Number((await statusText(page)).match(/of (\d+)/)[1]);
      await openTool(page, 'export');
      const md = await download(page, '#download-md');
      assert.match(md.name, /\.md$/);
      const headings = md.text.split('\n').filter((l) => l.startsWith('## ')).map((l) => l.slice(3));
      assert.deepEqual(headings, visible, 'the Markdown has exactly the visible headings');
      assert.ok(visible.length < total, 'the filter hides some (test sanity)');
      assert.match(md.text, /^# Pakistan vows/);
      assert.match(md.text, /\n- Search: taliban\n/);
      // Copy: the same Markdown on the clipboard.
      await page.click('#copy-md');
      assert.match(await poll(() => page.$eval('#export-status', (e) => e.textContent), (v) => /Copied|did not allow/.test(v)), /Copied/);
      assert.equal(await page.evaluate(() => navigator.clipboard.readText()), md.text);
      const json = await download(page, '#download-json');
      const data = JSON.parse(json.text);
      for (const key of ['title', 'sections', 'entities', 'mentions']) assert.ok(key in data, `JSON has ${key}`);
      assert.equal(data.sections.length, total);
      assert.ok(data.entities.some((e) => e.id === ASIF));
      assert.ok(data.mentions.length > 0);
    }));

  it('print: only the filtered text, panels and controls hidden', { timeout: TEST_TIMEOUT }, () =>
    withPage(`?e=${ASIF}`, {}, async ({ page }) => {
      await page.emulateMedia({ media: 'print' });
      const shown = await page.evaluate(() => {
        const vis = (sel) => [...document.querySelectorAll(sel)].map((e) => e.getClientRects().length > 0);
        return {
          outline: vis('nav[aria-label="Sections"]'), asides: vis('aside'), map: vis('#mention-map'),
          tools: vis('details.tool'), search: vis('#search'), main: vis('main'), h1: vis('h1'),
          labelBorder: getComputedStyle(document.querySelector('.kind-label')).borderTopStyle,
          bg: getComputedStyle(document.body).backgroundColor,
        };
      });
      assert.deepEqual(shown.outline, [false]);
      assert.ok(shown.asides.length >= 3 && shown.asides.every((v) => !v), 'asides hidden');
      assert.deepEqual(shown.map, [false]);
      assert.ok(shown.tools.every((v) => !v));
      assert.deepEqual(shown.search, [false]);
      assert.deepEqual(shown.main, [true]);
      assert.deepEqual(shown.h1, [true]);
      assert.equal(shown.labelBorder, 'none', 'kind labels lose their boxes');
      assert.equal(shown.bg, 'rgb(255, 255, 255)');
      await page.screenshot({ path: path.join(OUT, 'features-print.png'), fullPage: true });
    }));

  it('accessibility: axe finds no violations with the tools open and an entity chosen (light/dark)', { timeout: TEST_TIMEOUT }, async () => {
    const problems = [];
    for (const colorScheme of ['light', 'dark']) {
      await withPage(`?e=${ASIF}`, { colorScheme }, async ({ page }) => {
        await openTool(page, 'import');
        await openTool(page, 'export');
        await page.click('aside[aria-label="Entity graph"] details > summary');
        await page.addScriptTag({ path: AXE });
        const result = await page.evaluate(async () => (await window.axe.run(document)).violations
          .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(', ')}`));
        problems.push(...result.map((r) => `[${colorScheme}] ${r}`));
        if (colorScheme === 'dark') await page.screenshot({ path: path.join(OUT, 'features-tools-1280-dark.png'), fullPage: true });
      });
    }
    assert.deepEqual(problems, [], 'axe violations');
  });
});
