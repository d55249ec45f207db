// End-to-end test of a huge article (issues 5 and 7): a ~10 MB file is read a
// slice at a time without freezing the page, and the reading pane draws only
// a window of it, growing as the reader scrolls. Same conventions as
// features.test.mjs. Timings are printed (not asserted) for the record:
// the longest task during the import, the core's `finish`, DOM sizes.
//
//   node --test --test-reporter=spec tests/e2e/large.test.mjs
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HERE, ROOT, DIST, OUT, poll, requireBuilt, start, stop } from './harness.mjs';
import { TITLE, longArticle } from './long-article.mjs';
import fs from 'node:fs';
import path from 'node:path';

const TEST_TIMEOUT = 300_000;

let browser, server;

requireBuilt();


const statusText = (page) => page.$eval('#status', (e) => e.textContent.replace(/\s+/g, ' ').trim()).catch(() => null);
const paragraphs = (page) => page.$$eval('main p', (els) => els.length);

// ---- The article: deterministic, real-looking, just under the 10 MB limit.

const SECTIONS = 2000; // plus the lede: 2001
const LAST_WORD = 'zanzibarite'; // only in the last section

const article = () => longArticle({ sections: SECTIONS, seed: 42, lastWord: LAST_WORD });

before(async () => ({ browser, server } = await start()));

after(() => stop({ browser, server }));

describe('a huge article', { timeout: TEST_TIMEOUT * 2 }, () => {
  it('a 10 MB file is read in slices, the page stays responsive, and the reading pane draws a window', { timeout: TEST_TIMEOUT }, async () => {
    const { text, paragraphs: total } = article();
    const buffer = Buffer.from(text, 'utf8');
    assert.ok(buffer.length > 9.5 * 1024 * 1024 && buffer.length <= 10 * 1024 * 1024, `the article is ${buffer.length} bytes`);

    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e?.stack ?? e)));
    try {
      await page.goto(server.url + '/');
      await poll(() => statusText(page), (v) => /^\d+ of \d+ sections?$/.test(v ?? ''), 20_000);
      await page.waitForSelector('.ae-app[data-ready]', { timeout: 20_000 });

      // A frame counter and a long-task recorder, before the upload.
      await page.evaluate(() => {
        window.__frames = 0;
        const tick = () => {
          window.__frames++;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        window.__longTasks = [];
        // When the app gets the file (the test's own file transfer comes before).
        document.addEventListener('change', () => { window.__changeAt = performance.now(); }, { capture: true });
        try {
          new PerformanceObserver((list) => {
            for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
          }).observe({ type: 'longtask' });
        } catch {
          window.__longTasks = null;
        }
      });

      await page.click('#import > summary');
      const t0 = Date.now();
      await page.setInputFiles('#file', { name: 'long-winter.txt', mimeType: 'text/plain', buffer });

      // While it reads: the status shows percentages, evaluate round-trips come back, frames are drawn.
      const seen = [];
      let roundTripsWhileReading = 0;
      let slowestRoundTrip = 0;
      let framesAtFirstPercent = null;
      let framesAtLastPercent = null;
      let shown = null;
      const deadline = Date.now() + 240_000;
      while (Date.now() < deadline) {
        const asked = Date.now();
        const s = await page.evaluate(() => ({
          status: document.querySelector('#import-status')?.textContent ?? '',
          title: document.querySelector('h1#title')?.textContent.trim() ?? '',
          frames: window.__frames,
        }));
        const took = Date.now() - asked;
        slowestRoundTrip = Math.max(slowestRoundTrip, took);
        if (s.title === TITLE) {
          shown = Date.now() - t0;
          break;
        }
        if (/^Reading… \d+%$/.test(s.status)) {
          roundTripsWhileReading++;
          if (seen.at(-1) !== s.status) seen.push(s.status);
          framesAtFirstPercent ??= s.frames;
          framesAtLastPercent = s.frames;
        }
        await new Promise((r) => setTimeout(r, 25));
      }
      assert.ok(shown !== null, 'the article appeared within 4 minutes');
      assert.ok(seen.length >= 2, `the status showed percentages while reading: ${JSON.stringify(seen)}`);
      assert.ok(roundTripsWhileReading >= 3, `evaluate round-trips completed while reading: ${roundTripsWhileReading}`);
      assert.ok(framesAtLastPercent > framesAtFirstPercent, `frames were drawn while reading (${framesAtFirstPercent} → ${framesAtLastPercent})`);

      // Loaded: the status counts every section, the DOM holds a window of them.
      assert.equal(await poll(() => statusText(page), (v) => v === `${SECTIONS + 1} of ${SECTIONS + 1} sections`, 30_000), `${SECTIONS + 1} of ${SECTIONS + 1} sections`);
      const metrics = await page.evaluate(() => {
        const finish = performance.getEntriesByName('article-explorer:finish').at(-1)?.duration ?? null;
        const analyse = performance.getEntriesByName('article-explorer:analyse').at(-1)?.duration ?? null;
        const tasks = window.__longTasks;
        return {
          finish, analyse,
          longestTask: tasks ? Math.max(0, ...tasks.filter((t) => t.start >= window.__changeAt).map((t) => t.duration)) : null,
          changeAt: Math.round(window.__changeAt - (performance.getEntriesByName('article-explorer:analyse-start').at(-1)?.startTime ?? 0)),
          // Each long task as [start relative to the analysis start, duration], in ms.
          longTasks: tasks ? tasks.map((t) => [Math.round(t.start - (performance.getEntriesByName('article-explorer:analyse-start').at(-1)?.startTime ?? 0)), Math.round(t.duration)]) : null,
          nodes: document.getElementsByTagName('*').length,
          marks: document.querySelectorAll('svg.map a.mark').length,
          entities: document.querySelectorAll('aside[aria-label="Entities"] button.entity').length,
        };
      });
      const before = await paragraphs(page);
      assert.ok(before > 0 && before <= 200, `a window of paragraphs is drawn: ${before} of ${total}`);
      assert.ok(await page.$('main .more'), 'a sentinel follows the window');

      // Scrolling to the end of what is drawn draws more.
      await page.$eval('main .more', (e) => e.scrollIntoView());
      const after1 = await poll(() => paragraphs(page), (n) => n > before, 10_000);
      assert.ok(after1 > before, `scrolling drew more paragraphs (${before} → ${after1})`);
      await page.$eval('main .more', (e) => e.scrollIntoView());
      const after2 = await poll(() => paragraphs(page), (n) => n > after1, 10_000);
      assert.ok(after2 > after1 && after2 < total, `and more again (${after1} → ${after2} of ${total})`);

      // On and on: the window keeps at most 12 pages, dropping them from the top, and the view stays put.
      let drawn = after2;
      let steadiest = 0;
      for (let i = 0; i < 16; i++) {
        await page.$eval('main .more.after', (e) => {
          e.scrollIntoView({ behavior: 'instant' });
          window.__last = e.previousElementSibling.lastElementChild;
          window.__lastTop = window.__last.getBoundingClientRect().top;
        });
        const next = await poll(
          () => page.evaluate(() => document.querySelector('main .more.after')?.previousElementSibling.lastElementChild !== window.__last),
          (changed) => changed,
          10_000,
        );
        assert.ok(next, 'a page was drawn');
        const shift = await page.evaluate(() => Math.abs(window.__last.getBoundingClientRect().top - window.__lastTop));
        steadiest = Math.max(steadiest, shift);
        drawn = await paragraphs(page);
      }
      assert.ok(drawn <= 12 * 30, `at most 12 pages of 30 paragraphs stay drawn: ${drawn}`);
      assert.ok(await page.$('main .more.before'), 'with a sentinel above them');
      assert.ok(steadiest < 2, `the view stayed on the same paragraph (moved ${steadiest}px)`);

      // A word only the last section has: that section alone.
      await page.fill('#search', LAST_WORD);
      assert.equal(await poll(() => statusText(page), (v) => v === `1 of ${SECTIONS + 1} sections`, 20_000), `1 of ${SECTIONS + 1} sections`);
      assert.deepEqual(await page.$$eval('main section', (els) => els.map((e) => e.id)), [`section-${SECTIONS}`]);
      assert.ok((await page.$$eval('main mark', (els) => els.map((e) => e.textContent))).includes(LAST_WORD));

      // Cleared, the window starts from the top again; the outline's last link draws up to it and focuses it.
      await page.fill('#search', '');
      await poll(() => statusText(page), (v) => v === `${SECTIONS + 1} of ${SECTIONS + 1} sections`, 20_000);
      // (From a short first page; the sentinel may already have drawn a page or two more.)
      const first = await poll(() => page.$eval('main section', (e) => e.id), (id) => id === 'section-0', 10_000);
      const restarted = await paragraphs(page);
      assert.equal(first, 'section-0', 'the window restarted from the top');
      assert.ok(restarted <= 200, `with a few pages drawn (${restarted} paragraphs)`);
      assert.equal(await page.$('main .more.before'), null, 'and nothing above it');
      assert.equal(await page.$(`main section#section-${SECTIONS}`), null, 'the last section is not drawn yet');
      console.log(
        `# huge article: ${(buffer.length / 1024 / 1024).toFixed(2)} MB, ${SECTIONS + 1} sections, ${total} paragraphs; ` +
          `shown after ${shown} ms (analyse ${metrics.analyse?.toFixed(0)} ms, of which finish ${metrics.finish?.toFixed(0)} ms); ` +
          `longest task during import ${metrics.longestTask?.toFixed(0)} ms (of those starting after the file input's change event: the test's own file transfer comes before) (all long tasks, as [start, duration] in ms from the analysis start: ${JSON.stringify(metrics.longTasks)}; change event at ${metrics.changeAt}); ` +
          `slowest evaluate round-trip ${slowestRoundTrip} ms, ${roundTripsWhileReading} while reading; statuses ${JSON.stringify(seen)}; ` +
          `<p> in main: ${before} → ${after1} → ${after2} → ${drawn} after 16 more pages (window bounded; the view moved at most ${steadiest.toFixed(1)}px); ` +
          `DOM elements after load ${metrics.nodes}, map marks ${metrics.marks}, entity buttons ${metrics.entities}`,
      );
      // The outline is windowed: its rows near the end are drawn once it is scrolled there.
      const outlineRows = await page.$$eval('nav[aria-label="Sections"] li:not(.spacer)', (ls) => ({ n: ls.length, size: ls[0].getAttribute('aria-setsize') }));
      assert.ok(outlineRows.n <= 120, `the outline draws a window of rows: ${outlineRows.n}`);
      assert.equal(outlineRows.size, String(SECTIONS + 1), 'each saying how many there are in all');
      await page.$eval('nav[aria-label="Sections"]', (nav) => { nav.scrollTop = nav.scrollHeight; });
      await poll(() => page.$(`nav[aria-label="Sections"] a[href="#section-${SECTIONS}"]`), (el) => el !== null, 10_000);
      await page.click(`nav[aria-label="Sections"] a[href="#section-${SECTIONS}"]`);
      const focused = await poll(
        () => page.evaluate(() => document.activeElement?.id ?? ''),
        (id) => id === `section-${SECTIONS}`,
        10_000,
      );
      assert.equal(focused, `section-${SECTIONS}`, 'the last section is focused');
      const finalParagraphs = await paragraphs(page);
      const where = await page.$eval(`#section-${SECTIONS}`, (e) => {
        const r = e.getBoundingClientRect();
        return { top: r.top, bottom: r.bottom, innerHeight, scrollY };
      });
      console.log(`# after the outline's last link: ${finalParagraphs} <p> in main; section at ${JSON.stringify(where)}`);
      assert.ok(where.top < where.innerHeight && where.bottom > 0, `and scrolled into view: ${JSON.stringify(where)}`);
      assert.ok(finalParagraphs <= 400, `still far fewer paragraphs than the article's: ${finalParagraphs} of ${total}`);
      assert.ok(await page.$('main .more.before'), 'a sentinel above the moved window');

      // Back to the top through the outline, then a mention-map mark far down the article: drawn, then focused.
      await page.$eval('nav[aria-label="Sections"]', (nav) => { nav.scrollTop = 0; });
      await poll(() => page.$('nav[aria-label="Sections"] a[href="#section-0"]'), (el) => el !== null, 10_000);
      await page.click('nav[aria-label="Sections"] a[href="#section-0"]');
      await poll(() => page.evaluate(() => document.activeElement?.id ?? ''), (id) => id === 'section-0', 10_000);
      const mark = await page.$$eval('svg.map a.mark', (els) => {
        const last = els.at(-1);
        last.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        return { href: last.getAttribute('href'), label: last.getAttribute('aria-label') };
      });
      const markFocus = await poll(
        () => page.evaluate(() => ({ tag: document.activeElement?.tagName, section: document.activeElement?.closest('section')?.id ?? '' })),
        (f) => f.tag === 'P' && `#${f.section}` === mark.href,
        10_000,
      );
      assert.deepEqual(markFocus, { tag: 'P', section: mark.href.slice(1) }, `the mark ${mark.label} focused its paragraph`);
      assert.ok((await paragraphs(page)) <= 400, 'the DOM stayed small');

      // The windowed outline by keyboard: Tab walks its rows one by one past the first drawn window.
      await page.$eval('nav[aria-label="Sections"]', (nav) => { nav.scrollTop = 0; });
      await poll(() => page.$('nav[aria-label="Sections"] a[href="#section-0"]'), (el) => el !== null, 10_000);
      await page.focus('nav[aria-label="Sections"] a[href="#section-0"]');
      const TABS = 110; // past the 80 rows drawn at first
      for (let i = 0; i < TABS; i++) await page.keyboard.press('Tab');
      const tabbed = await page.evaluate(() => document.activeElement?.getAttribute('href'));
      assert.equal(tabbed, `#section-${TABS}`, `Tab ${TABS} times from the first row reaches row ${TABS + 1}`);
      const drawnRows = await page.$$eval('nav[aria-label="Sections"] li:not(.spacer)', (ls) => ls.length);
      assert.ok(drawnRows <= 120, `still a window of rows (${drawnRows})`);

      // Away to the seed and back: the outline shows rows where the panel is scrolled, never a blank spacer.
      const rowAtTop = () => page.evaluate(() => {
        const nav = document.querySelector('nav[aria-label="Sections"]');
        const r = nav.querySelector('ol').getBoundingClientRect();
        const top = Math.max(r.top, nav.getBoundingClientRect().top) + 8;
        return document.elementFromPoint(r.left + 40, top)?.closest('a')?.getAttribute('href') ?? null;
      });
      await page.$eval('nav[aria-label="Sections"]', (nav) => { nav.scrollTop = nav.scrollHeight / 2; });
      assert.ok(await poll(rowAtTop, (h) => h !== null, 10_000), 'a row at the top of the scrolled panel');
      await page.selectOption('#article', { index: 0 });
      await poll(() => statusText(page), (v) => v !== `${SECTIONS + 1} of ${SECTIONS + 1} sections`, 10_000);
      await page.selectOption('#article', 'yours');
      await poll(() => statusText(page), (v) => v === `${SECTIONS + 1} of ${SECTIONS + 1} sections`, 10_000);
      const back = await poll(rowAtTop, (h) => h !== null, 10_000);
      assert.ok(back, 'back on the long article, the panel shows rows, not a blank spacer');
      assert.deepEqual(errors, []);

    } finally {
      await context.close();
    }
  });
});
