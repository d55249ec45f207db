// End-to-end tests of the built app (dist/) in Debian's Chromium, written
// against docs/DOM.md. One browser per file, a fresh context per test.
//
//   node --test --test-reporter=spec tests/e2e/     (or scripts/e2e.sh)
//   DIST=/tmp/other-dist node --test tests/e2e/
//   E2E_CSP="default-src 'self'" node --test tests/e2e/   (serve with a CSP)
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HERE, ROOT, DIST, OUT, AXE, CHROMIUM, LAUNCH_ARGS, poll, requireBuilt, start, stop } from './harness.mjs';
import fs from 'node:fs';
import path from 'node:path';

const SEED_FILE = path.join(ROOT, 'seeds/000_e886c33bbeede175.txt');
const TEST_TIMEOUT = 90_000;

// ---------------------------------------------------------------- the seed

/** Folds like src/core/fold.rs: case, accents, curly quotes, dashes, odd spaces. */
function fold(s) {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u200b-\u200d\ufeff\u00ad]/g, '')
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4]/g, "'")
    .replace(/[\u201c-\u201f\u2033\u00ab\u00bb]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00a0\u2000-\u200a\u202f]/g, ' ')
    .replace(/æ/gi, 'ae').replace(/ß/g, 'ss').replace(/þ/gi, 'th')
    .toLowerCase();
}

/** The seed: title, then sections of {heading, paragraphs}; the lede has no heading. */
function readSeed() {
  const lines = fs.readFileSync(SEED_FILE, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const [title, ...rest] = lines;
  // A heading is a short line without closing sentence punctuation.
  const isHeading = (l) => l.length < 120 && !/[.!?…:"”’)]$/.test(l);
  const sections = [];
  for (const line of rest) {
    if (isHeading(line)) sections.push({ heading: line, paragraphs: [] });
    else {
      if (sections.length === 0) sections.push({ heading: null, paragraphs: [] });
      sections.at(-1).paragraphs.push(line);
    }
  }
  return { title, sections, text: (s) => [s.heading, ...s.paragraphs].filter(Boolean).join('\n') };
}
const SEED = readSeed();
const N = SEED.sections.length;

/** Indices of the sections a search for `query` keeps: every word occurs (folded, substring). */
function expectedForQuery(query) {
  const terms = fold(query).split(/\s+/).filter(Boolean);
  return SEED.sections
    .map((s, i) => [i, fold(SEED.sections[i] && SEED.text(s))])
    .filter(([, t]) => terms.every((term) => t.includes(term)))
    .map(([i]) => i);
}

/** Indices of the sections whose text matches `re` (run on folded text). */
function expectedForRegex(re) {
  return SEED.sections.map((s, i) => [i, fold(SEED.text(s))]).filter(([, t]) => re.test(t)).map(([i]) => i);
}

// ---------------------------------------------------------------- harness

let browser, server;

const statusText = (page) => page.$eval('#status', (e) => e.textContent.replace(/\s+/g, ' ').trim()).catch(() => null);
const sectionIds = (page) => page.$$eval('main section', (els) => els.map((e) => e.id));
const idsOf = (indices) => indices.map((i) => `section-${i}`);

async function expectStatus(page, expected, what = '') {
  const got = await poll(() => statusText(page), (v) => v === expected);
  assert.equal(got, expected, `#status ${what}`);
}

async function expectSections(page, indices, what = '') {
  const want = idsOf(indices);
  const got = await poll(() => sectionIds(page), (v) => JSON.stringify(v) === JSON.stringify(want));
  assert.deepEqual(got, want, `visible <section>s ${what}`);
}

/**
 * Waits until the app has rendered: a status that reads "x of y sections", and the
 * app running (the prerendered page shows the status before the wasm hydrates it;
 * the app marks its root `data-ready` once mounted).
 */
async function ready(page, log) {
  const live = await poll(() => page.$('.ae-app[data-ready]').then((e) => !!e).catch(() => false), (v) => v, 20_000);
  const got = live ? await poll(() => statusText(page), (v) => /^\d+ of \d+ sections?$/.test(v ?? ''), 20_000) : null;
  const why = log ? [...log.errors, ...log.console.filter((m) => m.type === 'error').map((m) => m.text), ...log.bad].slice(0, 5) : [];
  assert.match(got ?? '(no #status)', /^\d+ of \d+ sections?$/,
    `the app did not render a #status within 20 s${why.length ? `; page said:\n  ${why.join('\n  ')}` : ''}`);
}

/**
 * A fresh context and page at `query` (e.g. "?q=x"); collects console
 * messages, page errors, requests and failed responses for later asserts.
 */
async function open(query = '', { viewport = { width: 1280, height: 900 }, colorScheme = 'light', wait = true } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const log = { console: [], errors: [], requests: [], bad: [], failed: [] };
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text(), loc: m.location() }));
  page.on('pageerror', (e) => log.errors.push(String(e?.stack ?? e)));
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) log.bad.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => log.failed.push(`${r.failure()?.errorText} ${r.url()}`));
  await page.goto(server.url + '/' + query);
  if (wait) await ready(page, log);
  return { context, page, log, close: () => context.close() };
}

/** Runs `fn` with a fresh page and always closes its context. */
async function withPage(query, opts, fn) {
  const s = await open(query, opts);
  try {
    return await fn(s);
  } finally {
    await s.close();
  }
}

/** The entity button for `id`, else the first entity button whose text matches `re`; null if neither. */
async function findEntity(page, id, re, kind) {
  const exact = page.locator(`aside button.entity[data-entity="${id}"]`);
  if (await exact.count()) return { id, button: exact.first() };
  const all = await page.$$eval('aside button.entity', (els) => els.map((e) => ({ id: e.dataset.entity, text: e.textContent })));
  const hit = all.find((e) => re.test(e.text) && (!kind || e.id?.startsWith(kind + '-')));
  if (!hit) return null;
  return { id: hit.id, button: page.locator(`aside button.entity[data-entity="${hit.id}"]`).first() };
}

const entityIds = (page) => page.$$eval('aside button.entity', (els) => els.map((e) => e.dataset.entity));
const pressed = (locator) => locator.getAttribute('aria-pressed');

// Fail loudly, before any test starts, when there is nothing to test.
requireBuilt();

before(async () => ({ browser, server } = await start({ serveDist: true })));

after(() => stop({ browser, server }));

// ---------------------------------------------------------------- tests

describe('article-explorer', { timeout: TEST_TIMEOUT * 12 }, () => {
  it('1. loads the article: title, all sections, status and figures', { timeout: TEST_TIMEOUT }, () =>
    withPage('', {}, async ({ page }) => {
      const h1 = await page.$eval('header.masthead h1#title', (e) => e.textContent.trim()).catch(() => null);
      assert.equal(h1, SEED.title, '<h1 id="title"> in <header class="masthead"> is the seed\'s first line');
      assert.equal(N, 7, 'the seed parses into 7 sections (test sanity)');
      await expectSections(page, [...Array(N).keys()], 'on load');
      await expectStatus(page, `${N} of ${N} sections`);
      const figures = await page.$eval('header.masthead p.figures', (e) => e.textContent.replace(/\s+/g, ' ').trim()).catch(() => null);
      assert.ok(figures, '<p class="figures"> is present in the masthead');
      assert.match(figures, new RegExp(`^${N} sections · \\d+ words · \\d+ min read · \\d+ entit(y|ies)$`), 'figures line format');
      const words = Number(figures.match(/(\d+) words/)[1]);
      const seedWords = SEED.sections.flatMap((s) => SEED.text(s).split(/\s+/)).filter(Boolean).length;
      assert.ok(Math.abs(words - seedWords) <= seedWords * 0.1, `figures say ${words} words; the body has about ${seedWords}`);
      const entities = Number(figures.match(/(\d+) entit/)[1]);
      assert.equal(entities, (await entityIds(page)).length, 'figures\' entity count equals the number of entity buttons');
      // The lede is labelled, the others have an <h2> heading equal to the seed's.
      assert.equal(await page.getAttribute('#section-0', 'aria-label'), 'Introduction');
      const headings = await page.$$eval('main section', (els) => els.map((e) => {
        const h = e.querySelector('h2')?.cloneNode(true);
        h?.querySelectorAll('.kind-label').forEach((k) => k.remove());
        return h ? h.textContent.replace(/\s+/g, ' ').trim() : null;
      }));
      assert.deepEqual(headings, SEED.sections.map((s) => s.heading), 'section headings');
    }));

  it('2. search narrows the sections and highlights the term', { timeout: TEST_TIMEOUT }, () =>
    withPage('', {}, async ({ page }) => {
      // "Civilians": other case; "kabul's": straight apostrophe vs "Kabul’s"; "BORDERS": several sections.
      for (const term of ['Civilians', "kabul's", 'BORDERS']) {
        const want = expectedForQuery(term);
        assert.ok(want.length > 0 && want.length < N, `test sanity: "${term}" occurs in some sections only (${want})`);
        await page.fill('#search', term);
        await expectSections(page, want, `for "${term}"`);
        await expectStatus(page, `${want.length} of ${N} sections`, `for "${term}"`);
        // Every visible section shows the term in <mark>s (marks may be split around a mention).
        const marks = await page.$$eval('main section', (els) => els.map((s) => [...s.querySelectorAll('mark')].map((m) => {
          const c = m.cloneNode(true);
          c.querySelectorAll('.kind-label').forEach((k) => k.remove());
          return c.textContent;
        })));
        marks.forEach((ms, i) => {
          assert.ok(ms.length > 0, `section ${want[i]} has <mark>s for "${term}"`);
          for (const m of ms) assert.ok(fold(term).includes(fold(m).trim()) && m.trim(), `<mark>${m}</mark> is (part of) "${term}"`);
          assert.ok(fold(ms.join('')).includes(fold(term)), `marks in section ${want[i]} spell "${term}": ${JSON.stringify(ms)}`);
        });
        // The outline marks hidden sections.
        const outline = await page.$$eval('nav[aria-label="Sections"] a[href^="#section-"]', (as) =>
          as.map((a) => ({ href: a.getAttribute('href'), disabled: a.getAttribute('aria-disabled') === 'true' })));
        assert.equal(outline.length, N, 'one outline link per section');
        for (const { href, disabled } of outline) {
          const i = Number(href.slice('#section-'.length));
          assert.equal(disabled, !want.includes(i), `outline link ${href} aria-disabled while "${term}" is searched`);
        }
      }
    }));

  it('3. nothing matches: empty state, and reset restores everything', { timeout: TEST_TIMEOUT }, () =>
    withPage('', {}, async ({ page }) => {
      await page.fill('#search', 'zqxjvw');
      await page.waitForSelector('main #empty', { timeout: 8000 });
      assert.equal(await page.getAttribute('main #empty', 'role'), 'note');
      await expectSections(page, [], 'when nothing matches');
      await expectStatus(page, `0 of ${N} sections`);
      const reset = page.locator('main #empty button#reset');
      assert.equal(await reset.count(), 1, '#reset button inside #empty');
      await reset.click();
      await expectSections(page, [...Array(N).keys()], 'after reset');
      await expectStatus(page, `${N} of ${N} sections`, 'after reset');
      assert.equal(await page.inputValue('#search'), '', 'reset clears the search input');
      assert.equal(await page.locator('#empty').count(), 0, '#empty is gone after reset');
      assert.ok(!/[?&]q=/.test(page.url()), `URL has no q= after reset: ${page.url()}`);
    }));

  it('4. entity buttons filter by mention; all/any switch', { timeout: TEST_TIMEOUT }, (t) =>
    withPage('', {}, async ({ page }) => {
      const asif = await findEntity(page, 'person-khawaja-asif', /asif/i, 'person');
      if (!asif) return t.skip(`no Khawaja Asif entity button; buttons: ${(await entityIds(page)).join(', ')}`);
      const all = [...Array(N).keys()];
      const asifSections = expectedForRegex(/\basif\b/);
      assert.equal(await pressed(asif.button), 'false');
      await asif.button.click();
      assert.equal(await poll(() => pressed(asif.button), (v) => v === 'true'), 'true', 'aria-pressed after a press');
      await expectSections(page, asifSections, `for ${asif.id} (sections mentioning "Asif" in any form)`);
      await expectStatus(page, `${asifSections.length} of ${N} sections`);
      const chosen = await page.$$eval('main section', (els, id) =>
        els.map((s) => s.querySelectorAll(`.mention.chosen[data-entity="${id}"]`).length), asif.id);
      chosen.forEach((n, i) => assert.ok(n > 0, `section ${asifSections[i]} highlights ${asif.id} as .mention.chosen`));
      await asif.button.click();
      assert.equal(await poll(() => pressed(asif.button), (v) => v === 'false'), 'false', 'aria-pressed after a second press');
      await expectSections(page, all, 'after un-choosing');

      // A second entity: Pakistan, else any other entity.
      let other = await findEntity(page, 'place-pakistan', /pakistan/i, 'place');
      if (!other || other.id === asif.id) {
        const id = (await entityIds(page)).find((e) => e !== asif.id);
        if (!id) return t.skip('only one entity button: cannot combine two');
        other = { id, button: page.locator(`aside button.entity[data-entity="${id}"]`).first() };
      }
      await other.button.click();
      await poll(() => pressed(other.button), (v) => v === 'true');
      await poll(() => page.url(), (u) => new URL(u).searchParams.get('e') === other.id);
      await page.waitForTimeout(200);
      const otherIds = await sectionIds(page);
      assert.ok(otherIds.length > 0, `${other.id} is mentioned in some section`);
      await asif.button.click();
      const want = idsOf(asifSections).filter((id) => otherIds.includes(id));
      const both = await poll(() => sectionIds(page), (v) => JSON.stringify(v) === JSON.stringify(want));
      assert.deepEqual(both, want, `all: sections mentioning both ${asif.id} and ${other.id}`);

      const mode = page.locator('aside button#match-mode');
      assert.equal(await mode.count(), 1, '#match-mode button in the entity panel');
      assert.equal(await pressed(mode), 'false', '#match-mode starts at "all"');
      await mode.click();
      assert.equal(await poll(() => pressed(mode), (v) => v === 'true'), 'true', '#match-mode pressed = any');
      const union = idsOf(all.filter((i) => asifSections.includes(i) || otherIds.includes(`section-${i}`)));
      const any = await poll(() => sectionIds(page), (v) => JSON.stringify(v) === JSON.stringify(union));
      assert.deepEqual(any, union, 'any: sections mentioning either');
      assert.ok(any.length >= both.length, 'switching to any never hides sections');
      await expectStatus(page, `${union.length} of ${N} sections`, 'in any mode');
    }));

  it('5. hiding a kind removes its entity buttons and mention highlights', { timeout: TEST_TIMEOUT }, (t) =>
    withPage('', {}, async ({ page }) => {
      const kinds = await page.$$eval('aside .kind-group', (gs) => gs.map((g) => g.dataset.kind));
      if (kinds.length === 0) return t.skip('no entity kinds listed');
      const kind = kinds.includes('place') ? 'place' : kinds[0];
      const buttons = () => page.locator(`aside button.entity[data-entity^="${kind}-"]`).count();
      const mentions = () => page.locator(`main .mention.kind-${kind}`).count();
      const others = () => page.locator(`main .mention:not(.kind-${kind})`).count();
      const toggle = page.locator(`aside button.kind-toggle[data-kind="${kind}"]`);
      assert.equal(await toggle.count(), 1, `a kind-toggle for ${kind}`);
      assert.equal(await pressed(toggle), 'true', `${kind} is shown at first`);
      const before = { buttons: await buttons(), mentions: await mentions(), others: await others() };
      assert.ok(before.buttons > 0, `${kind} entity buttons before hiding`);
      assert.ok(before.mentions > 0, `.mention.kind-${kind} highlights before hiding`);
      await toggle.click();
      assert.equal(await poll(() => pressed(toggle), (v) => v === 'false'), 'false', 'toggle aria-pressed=false once hidden');
      assert.equal(await poll(buttons, (v) => v === 0), 0, `no ${kind} entity buttons while hidden`);
      assert.equal(await poll(mentions, (v) => v === 0), 0, `no .mention.kind-${kind} while hidden`);
      assert.equal(await others(), before.others, 'other kinds keep their highlights');
      await expectSections(page, [...Array(N).keys()], 'hiding a kind does not filter sections');
      assert.match(page.url(), new RegExp(`[?&]hide=([^&]*,)?${kind}\\b`), 'URL records the hidden kind');
      await toggle.click();
      assert.equal(await poll(buttons, (v) => v === before.buttons), before.buttons, `${kind} buttons come back`);
      assert.equal(await poll(mentions, (v) => v === before.mentions), before.mentions, `${kind} highlights come back`);
    }));

  it('6. the URL records the filter; reload, back and pasted links restore it', { timeout: TEST_TIMEOUT }, (t) =>
    withPage('', {}, async ({ page, context, log }) => {
      const term = 'borders';
      const searched = expectedForQuery(term);
      await page.fill('#search', term);
      await expectSections(page, searched, `for "${term}"`);
      const ent = (await findEntity(page, 'person-khawaja-asif', /asif/i, 'person')) ?? (await findEntity(page, '', /./));
      if (!ent) return t.skip('no entity buttons');
      await ent.button.click();
      await poll(() => page.url(), (u) => (new URL(u).searchParams.get('e') ?? '').includes(ent.id));
      await page.waitForTimeout(300);
      const both = await sectionIds(page);
      const url = new URL(page.url());
      assert.equal(url.searchParams.get('q'), term, `q= in ${page.url()}`);
      assert.ok((url.searchParams.get('e') ?? '').split(',').includes(ent.id), `e=${ent.id} in ${page.url()}`);

      await page.reload();
      await ready(page, log);
      assert.equal(await page.inputValue('#search'), term, 'search input restored on reload');
      const btn = page.locator(`aside button.entity[data-entity="${ent.id}"]`);
      assert.equal(await poll(() => pressed(btn), (v) => v === 'true'), 'true', 'entity button pressed after reload');
      assert.deepEqual(await poll(() => sectionIds(page), (v) => v.length === both.length), both, 'sections after reload');
      await expectStatus(page, `${both.length} of ${N} sections`, 'after reload');

      await page.goBack();
      await expectSections(page, searched, 'after back (search only, no entity)');
      assert.equal(await poll(() => pressed(btn), (v) => v === 'false'), 'false', 'entity button not pressed after back');
      assert.equal(await page.inputValue('#search'), term, 'search input kept after back');
      assert.equal(new URL(page.url()).searchParams.get('e'), null, `no e= after back: ${page.url()}`);

      await page.goForward();
      await expectSections(page, both.map((s) => Number(s.slice(8))), 'after forward');

      // A pasted link opens filtered.
      const pasted = await context.newPage();
      await pasted.goto(`${server.url}/?q=${term}`);
      await ready(pasted);
      await expectSections(pasted, searched, 'from a pasted ?q= link');
      assert.equal(await pasted.inputValue('#search'), term, 'search input filled from the link');
      await expectStatus(pasted, `${searched.length} of ${N} sections`, 'from a pasted link');
      // A link to an entity this article does not have shows the empty state.
      await pasted.goto(`${server.url}/?e=person-nobody-at-all`);
      await ready(pasted);
      await pasted.waitForSelector('main #empty', { timeout: 8000 });
      await expectStatus(pasted, `0 of ${N} sections`, 'for an unknown entity id');
    }));

  it('7. keyboard: "/" focuses search, Esc clears, Tab order with visible focus', { timeout: TEST_TIMEOUT }, () =>
    withPage('', {}, async ({ page }) => {
      await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
      await page.keyboard.press('/');
      assert.equal(await poll(() => page.evaluate(() => document.activeElement?.id), (v) => v === 'search'), 'search', '"/" focuses #search');
      assert.equal(await page.inputValue('#search'), '', 'the "/" itself is not typed into the field');
      await page.keyboard.type('kabul');
      await expectStatus(page, `${expectedForQuery('kabul').length} of ${N} sections`, 'after typing "kabul"');
      await page.keyboard.press('Escape');
      assert.equal(await poll(() => page.inputValue('#search'), (v) => v === ''), '', 'Escape clears the search');
      await expectStatus(page, `${N} of ${N} sections`, 'after Escape');
      // "/" typed inside the field is just a character.
      await page.keyboard.type('a/b');
      assert.equal(await page.inputValue('#search'), 'a/b', '"/" while typing in the field is text');
      await page.keyboard.press('Escape');

      // Tab from the top reaches the search, outline links and entity buttons, each with a visible focus style.
      await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
      const seen = { search: null, outline: null, entity: null };
      for (let i = 0; i < 80 && !(seen.search && seen.outline && seen.entity); i++) {
        await page.keyboard.press('Tab');
        const f = await page.evaluate(() => {
          const e = document.activeElement;
          if (!e || e === document.body) return null;
          const cs = getComputedStyle(e);
          const kind = e.id === 'search' ? 'search'
            : e.matches('nav[aria-label="Sections"] a') ? 'outline'
            : e.matches('aside button.entity') ? 'entity' : null;
          // Is the outline ring cut off at the sides by a scrolling/clipping ancestor?
          const ring = cs.outlineStyle !== 'none' ? parseFloat(cs.outlineWidth) + parseFloat(cs.outlineOffset || 0) : 0;
          const r = e.getBoundingClientRect();
          let clippedBy = null;
          for (let a = e.parentElement; a && a !== document.documentElement && !clippedBy; a = a.parentElement) {
            const as = getComputedStyle(a);
            if (as.overflowX === 'visible') continue;
            const ar = a.getBoundingClientRect();
            const left = ar.left + a.clientLeft;
            const right = left + a.clientWidth;
            if (r.left - ring < left - 0.5 || r.right + ring > right + 0.5) {
              clippedBy = `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''}${a.className ? '.' + String(a.className).trim().split(/\s+/).join('.') : ''} (overflow-x: ${as.overflowX}; ring ${r.left - ring}..${r.right + ring}, box ${left}..${right})`;
            }
          }
          return {
            kind, tag: e.tagName, id: e.id, cls: e.className, clippedBy,
            outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
            visible: (cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== 'none',
            focusVisible: e.matches(':focus-visible'), boxShadow: cs.boxShadow,
          };
        });
        if (f?.kind && !seen[f.kind]) seen[f.kind] = f;
      }
      const problems = [];
      for (const k of ['search', 'outline', 'entity']) {
        const f = seen[k];
        if (!f) { problems.push(`Tab never reaches a ${k} control`); continue; }
        if (!f.focusVisible) problems.push(`${k} does not match :focus-visible after Tab`);
        if (!f.visible) problems.push(`${k} has no visible focus style (outline: ${f.outline}; box-shadow: ${f.boxShadow})`);
        if (f.clippedBy) problems.push(`${k}'s focus outline is cut off at the sides by ${f.clippedBy}`);
      }
      assert.deepEqual(problems, [], 'focus visibility while tabbing');
    }));

  it('8. outline links focus and scroll to their section', { timeout: TEST_TIMEOUT }, () =>
    withPage('', { viewport: { width: 1280, height: 600 } }, async ({ page }) => {
      for (const i of [N - 1, 3]) {
        const link = page.locator(`nav[aria-label="Sections"] a[href="#section-${i}"]`);
        assert.equal(await link.count(), 1, `outline link to #section-${i}`);
        const name = (await link.evaluate((a) => { const c = a.cloneNode(true); c.querySelector('.count')?.remove(); return c.textContent.trim(); }));
        assert.equal(name, SEED.sections[i].heading ?? 'Introduction', `outline link text for section ${i}`);
        await link.click();
        const focused = await poll(() => page.evaluate(() => document.activeElement?.id), (v) => v === `section-${i}`);
        assert.equal(focused, `section-${i}`, 'the section gets focus');
        const inView = await poll(
          () => page.$eval(`#section-${i}`, (e) => { const r = e.getBoundingClientRect(); return r.top >= -2 && r.top < innerHeight - 20; }),
          (v) => v === true);
        assert.ok(inView, `#section-${i} is scrolled into view`);
      }
      const link0 = page.locator('nav[aria-label="Sections"] a[href="#section-0"]');
      assert.equal((await link0.textContent()).trim(), 'Introduction', 'the lede is "Introduction" in the outline');
    }));

  it('9. accessibility: axe finds no violations (light/dark, 1280/360 px, filtered)', { timeout: TEST_TIMEOUT * 2 }, async () => {
    const problems = [];
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [1280, 360]) {
        for (const query of ['', '?q=borders&e=person-khawaja-asif', '?q=zqxjvw']) {
          await withPage(query, { viewport: { width, height: 800 }, colorScheme }, async ({ page }) => {
            await page.emulateMedia({ colorScheme });
            // Evaluated through the driver, not as an inline <script>: works under E2E_CSP too.
            await page.evaluate(fs.readFileSync(AXE, 'utf8'));
            const result = await page.evaluate(async () => {
              const r = await window.axe.run(document);
              return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 6), more: Math.max(0, v.nodes.length - 6) }));
            });
            for (const v of result) {
              problems.push(`[${colorScheme} ${width}px ${query || '(no filter)'}] ${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.join('\n    ')}${v.more ? `\n    … and ${v.more} more` : ''}`);
            }
          });
        }
      }
    }
    assert.equal(problems.length, 0, `axe violations:\n${problems.join('\n')}`);
  });

  it('10. network: only same-origin requests, nothing 4xx/5xx, favicon served', { timeout: TEST_TIMEOUT }, () =>
    withPage('', {}, async ({ page, log, context }) => {
      await page.fill('#search', 'security');
      await expectStatus(page, `${expectedForQuery('security').length} of ${N} sections`);
      await page.reload();
      await ready(page, log);
      await page.waitForLoadState('networkidle');
      const origin = new URL(server.url).origin;
      const foreign = log.requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin);
      assert.deepEqual(foreign, [], 'requests to other origins');
      assert.deepEqual(log.bad, [], 'responses with status >= 400');
      assert.deepEqual(log.failed, [], 'failed requests');
      const icon = await page.evaluate(() => document.querySelector('link[rel~="icon"]')?.href ?? null);
      if (icon?.startsWith('data:')) return;
      const iconUrl = icon ?? `${origin}/favicon.ico`;
      assert.equal(new URL(iconUrl).origin, origin, `favicon is same-origin: ${iconUrl}`);
      const res = await context.request.get(iconUrl);
      assert.equal(res.status(), 200, `favicon ${iconUrl} (${icon ? 'from <link rel=icon>' : 'no <link rel=icon>, default path'})`);
      assert.match(res.headers()['content-type'] ?? '', /^image\//, 'favicon is served as an image');
    }));

  it('11. console: no errors, warnings or page errors while using the app', { timeout: TEST_TIMEOUT }, () =>
    withPage('', {}, async ({ page, log }) => {
      await page.fill('#search', "kabul's");
      await expectStatus(page, `${expectedForQuery("kabul's").length} of ${N} sections`);
      await page.fill('#search', '');
      await expectStatus(page, `${N} of ${N} sections`);
      const first = page.locator('aside button.entity').first();
      if (await first.count()) {
        await first.click();
        await poll(() => pressed(first), (v) => v === 'true');
        await page.locator('aside button#match-mode').click().catch(() => {});
        const toggle = page.locator('aside button.kind-toggle').first();
        if (await toggle.count()) { await toggle.click(); await toggle.click(); }
      }
      await page.fill('#search', 'zqxjvw');
      await page.waitForSelector('#empty', { timeout: 8000 }).catch(() => {});
      await page.reload();
      await ready(page, log);
      await page.goBack();
      await page.waitForTimeout(300);
      const bad = log.console.filter((m) => m.type === 'error' || m.type === 'warning')
        .map((m) => `${m.type}: ${m.text} (${m.loc?.url ?? ''}:${m.loc?.lineNumber ?? ''})`);
      assert.deepEqual(bad, [], 'console errors/warnings');
      assert.deepEqual(log.errors, [], 'uncaught page errors');
    }));

  it('12. screenshots of the main view (light, dark, narrow, filtered)', { timeout: TEST_TIMEOUT }, async () => {
    const shots = [
      ['main-1280-light.png', '', { width: 1280, height: 900 }, 'light'],
      ['main-1280-dark.png', '', { width: 1280, height: 900 }, 'dark'],
      ['main-390-light.png', '', { width: 390, height: 844 }, 'light'],
      ['filtered-1280-light.png', '?q=borders&e=person-khawaja-asif', { width: 1280, height: 900 }, 'light'],
      ['filtered-1280-dark.png', '?q=borders&e=person-khawaja-asif', { width: 1280, height: 900 }, 'dark'],
      ['empty-390-dark.png', '?q=zqxjvw', { width: 390, height: 844 }, 'dark'],
    ];
    for (const [name, query, viewport, colorScheme] of shots) {
      await withPage(query, { viewport, colorScheme }, async ({ page }) => {
        await page.evaluate(() => document.fonts?.ready);
        const file = path.join(OUT, name);
        await page.screenshot({ path: file, fullPage: true });
        assert.ok(fs.statSync(file).size > 5000, `${name} is a real image`);
        // Nothing should overflow sideways at any width.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name}: the page scrolls sideways by ${overflow}px`);
      });
    }
  });
  it('13. the outline and the side panels answer the moment data-ready is set, before their turn redraws them', { timeout: TEST_TIMEOUT }, async () => {
    // Clicks `selector` from the observer that sees `data-ready` appear: in the task that set
    // it, before any later turn of the take-over (the graph's nodes come last); then runs
    // `check` on the page, with what was clicked, and closes it.
    const clickAtReady = async (selector, check) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        await context.addInitScript((sel) => {
          const mo = new MutationObserver(() => {
            if (!document.querySelector('.ae-app[data-ready]')) return;
            mo.disconnect();
            const el = document.querySelector(sel);
            globalThis.__atReady = { found: !!el, entity: el?.dataset.entity ?? null, graphDrawn: !!document.querySelector('svg.graph-svg .node') };
            el?.click();
          });
          mo.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-ready'] });
        }, selector);
        const page = await context.newPage();
        const errors = [];
        page.on('pageerror', (e) => errors.push(String(e)));
        await page.goto(server.url + '/');
        await page.waitForSelector('svg.graph-svg .node');
        const at = await page.evaluate(() => globalThis.__atReady);
        assert.ok(at?.found, `${selector} was there at data-ready`);
        assert.equal(at.graphDrawn, false, 'the click came before the take-over ended');
        await check(page, at);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    };

    // An entity button: chosen once (a second handler would unchoose it), and the filter applies.
    await clickAtReady('aside button.entity', async (page, at) => {
      const button = page.locator(`aside button.entity[data-entity="${at.entity}"]`);
      assert.equal(await poll(() => pressed(button), (v) => v === 'true'), 'true', `${at.entity} is chosen`);
      assert.match(page.url(), new RegExp(`[?&]e=${at.entity}`), 'the address records it');
      const shown = await poll(() => statusText(page), (v) => /^\d+ of \d+ sections$/.test(v ?? ''));
      const mentioning = await page.$$eval('main section', (els, id) => els.every((s) => s.querySelector(`.mention[data-entity="${id}"]`)), at.entity);
      assert.ok(mentioning, `every section shown mentions ${at.entity} (${shown})`);
    });
    // A kind's toggle: the kind is hidden.
    await clickAtReady('aside button.kind-toggle[data-kind="person"]', async (page) => {
      const toggle = page.locator('aside button.kind-toggle[data-kind="person"]');
      assert.equal(await poll(() => pressed(toggle), (v) => v === 'false'), 'false', 'people hidden');
      assert.equal(await page.locator('aside button.entity.kind-person').count(), 0, 'no person buttons');
    });
    // An outline row: its section is focused, and the address does not take the link's fragment.
    await clickAtReady(`nav[aria-label="Sections"] a[href="#section-${N - 1}"]`, async (page) => {
      const focused = await poll(() => page.evaluate(() => document.activeElement?.id), (v) => v === `section-${N - 1}`);
      assert.equal(focused, `section-${N - 1}`, 'the section gets focus');
      assert.doesNotMatch(page.url(), /#section-/, 'the app went there, not the browser');
    });
  });
});
