// The explorer embedded in a host page (dist/embed-example.html, from
// examples/host.html): two instances under a deliberately hostile host
// stylesheet. Both render, filter independently and keep their own state; the
// host's elements keep the host's styles; the app's marks and buttons look
// like the full page's; ids never repeat; no console errors, no foreign
// requests; axe finds nothing within the instances. Honours E2E_CSP like app.test.mjs.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HERE, ROOT, DIST, OUT, AXE, CHROMIUM, LAUNCH_ARGS, poll, requireBuilt, start, stop } from './harness.mjs';
import fs from 'node:fs';
import path from 'node:path';

const T = 90_000;
const N = 7;

requireBuilt('embed-example.html');

let browser, server;

before(async () => ({ browser, server } = await start({ serveDist: true })));

after(() => stop({ browser, server }));


async function open(file, { viewport = { width: 1280, height: 900 }, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const log = { console: [], errors: [], requests: [], bad: [], failed: [] };
  page.on('console', (m) => log.console.push({ type: m.type(), text: m.text() }));
  page.on('pageerror', (e) => log.errors.push(String(e?.stack ?? e)));
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('response', (r) => { if (r.status() >= 400) log.bad.push(`${r.status()} ${r.url()}`); });
  page.on('requestfailed', (r) => log.failed.push(`${r.failure()?.errorText} ${r.url()}`));
  await page.goto(`${server.url}/${file}`);
  return { context, page, log };
}

/** Waits for `count` mounted explorers. */
async function ready(page, log, count) {
  const n = await poll(() => page.locator('.ae-app[data-ready]').count(), (v) => v >= count, 20_000);
  assert.equal(n, count, `${count} explorers mounted; page said: ${[...log.errors, ...log.console.map((m) => m.text)].slice(0, 5).join(' | ')}`);
}

const status = (page, slot) => page.$eval(`#${slot} [role="status"]`, (e) => e.textContent.trim()).catch(() => null);
const sections = (page, slot) => page.$$eval(`#${slot} .reading section`, (els) => els.map((e) => e.id));

async function expectStatus(page, slot, re, what) {
  const got = await poll(() => status(page, slot), (v) => re.test(v ?? ''));
  assert.match(got ?? '(none)', re, `${slot}: status ${what}`);
  return got;
}

describe('embedding: two explorers in a hostile host page', { timeout: T * 6 }, () => {
  it('both render, with their own ids, options and state, and filter independently', { timeout: T }, async () => {
    const { context, page, log } = await open('embed-example.html');
    try {
      await ready(page, log, 2);
      // Ids: prefixed per instance, none repeated on the page.
      const ids = await page.$$eval('[id]', (els) => els.map((e) => e.id));
      const dup = ids.filter((id, i) => ids.indexOf(id) !== i);
      assert.deepEqual(dup, [], 'duplicate element ids');
      for (const [slot, p] of [['first', 'ae1-'], ['second', 'ae2-']]) {
        for (const name of ['search', 'status', 'title', 'reading']) {
          assert.equal(await page.locator(`#${slot} #${p}${name}`).count(), 1, `#${p}${name} inside #${slot}`);
        }
        const secIds = await sections(page, slot);
        assert.ok(secIds.every((id) => id.startsWith(`${p}section-`)), `${slot}: section ids ${secIds}`);
        const hrefs = await page.$$eval(`#${slot} nav.outline a`, (as) => as.map((a) => a.getAttribute('href')));
        assert.equal(hrefs.length, N, `${slot}: one outline link per section`);
        assert.ok(hrefs.every((h) => h.startsWith(`#${p}section-`)), `${slot}: outline links ${hrefs}`);
      }
      // Options: the first starts searched (data-query), the second with an entity chosen (data-entities).
      assert.equal(await page.inputValue('#ae1-search'), 'borders');
      const first0 = await expectStatus(page, 'first', new RegExp(`^[1-6] of ${N} sections$`), 'from data-query="borders"');
      assert.equal((await sections(page, 'first')).length, Number(first0.split(' ')[0]));
      const asif = page.locator('#second button.entity[data-entity="person-khawaja-asif"]');
      assert.equal(await poll(() => asif.getAttribute('aria-pressed'), (v) => v === 'true'), 'true', 'data-entities chose the entity');
      const second0 = await expectStatus(page, 'second', new RegExp(`^[1-6] of ${N} sections$`), 'from data-entities');
      assert.ok(await page.$eval('#second .ae-app', (e) => e.classList.contains('ae-compact') && e.classList.contains('ae-theme-dark')), 'second: compact, dark');
      assert.ok(await page.$eval('#first .ae-app', (e) => e.classList.contains('ae-theme-light')), 'first: light');

      // Filter the first: the second does not move.
      const firstSections0 = await sections(page, 'first');
      await page.fill('#ae1-search', 'kabul');
      await poll(() => sections(page, 'first'), (v) => JSON.stringify(v) !== JSON.stringify(firstSections0));
      const first1 = await expectStatus(page, 'first', new RegExp(`^[1-6] of ${N} sections$`), 'after searching "kabul"');
      assert.notDeepEqual(await sections(page, 'first'), firstSections0, 'the first instance re-filtered');
      assert.equal(await status(page, 'second'), second0, 'the second instance is untouched by the first');
      assert.equal(await page.inputValue('#ae2-search'), '', 'the second search box is its own');
      // The first owns the URL, in the fragment.
      const url1 = new URL(await poll(() => page.url(), (u) => u.includes('q=kabul')));
      assert.equal(url1.search, '', 'the query string is left to the host');
      assert.match(url1.hash, /q=kabul/, `state in the fragment: ${url1.href}`);

      // Filter the second: the first does not move, and the URL does not change.
      await asif.click();
      await expectStatus(page, 'second', new RegExp(`^${N} of ${N} sections$`), 'after un-choosing the entity');
      await page.fill('#ae2-search', 'zqxjvw');
      await page.waitForSelector('#second #ae2-empty', { timeout: 8000 });
      assert.equal(await page.locator('#first #ae1-empty').count(), 0, 'no empty state in the first');
      assert.equal(await status(page, 'first'), first1, 'the first instance is untouched by the second');
      assert.equal(page.url(), url1.href, 'the second instance (data-url="none") never writes the URL');
      await page.click('#ae2-reset');
      await expectStatus(page, 'second', new RegExp(`^${N} of ${N} sections$`), 'after reset');

      // "/" goes to the instance that holds the focus, else the first.
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('/');
      assert.equal(await poll(() => page.evaluate(() => document.activeElement?.id), (v) => v === 'ae1-search'), 'ae1-search');
      await page.focus('#second button.entity');
      await page.keyboard.press('/');
      assert.equal(await poll(() => page.evaluate(() => document.activeElement?.id), (v) => v === 'ae2-search'), 'ae2-search');

      // A reload: the first comes back from the fragment, the second from its attributes.
      await page.reload();
      await ready(page, log, 2);
      assert.equal(await page.inputValue('#ae1-search'), 'kabul', 'the first restores its search from the fragment');
      await expectStatus(page, 'first', new RegExp(`^${first1}$`), 'after reload');
      await expectStatus(page, 'second', new RegExp(`^${second0}$`), 'the second starts again from its attributes');

      const bad = log.console.filter((m) => m.type === 'error' || m.type === 'warning').map((m) => `${m.type}: ${m.text}`);
      assert.deepEqual(bad, [], 'console errors/warnings');
      assert.deepEqual(log.errors, [], 'page errors');
      const origin = new URL(server.url).origin;
      assert.deepEqual(log.requests.filter((u) => !/^(data|blob):/.test(u) && new URL(u).origin !== origin), [], 'requests to other origins');
      assert.deepEqual(log.bad, [], 'responses >= 400');
    } finally {
      await context.close();
    }
  });

  it('host styles stay the host\'s; the app looks like the app', { timeout: T }, async () => {
    const { context, page, log } = await open('embed-example.html');
    const full = await open('');
    try {
      await ready(page, log, 2);
      await ready(full.page, full.log, 1);
      const host = await page.evaluate(() => {
        const cs = (sel) => getComputedStyle(document.querySelector(sel));
        return {
          text: [cs('.host-text').fontSize, cs('.host-text').color, cs('.host-text').textTransform],
          mark: cs('.host-mark').backgroundColor,
          section: cs('.host-section').display,
          button: [cs('.host-button').backgroundColor, cs('.host-button').borderTopStyle, cs('.host-button').paddingTop],
          link: cs('.host-link').color,
          title: [cs('.host-title').fontSize, cs('.host-title').borderTopStyle],
        };
      });
      assert.deepEqual(host, {
        text: ['30px', 'rgb(255, 0, 0)', 'uppercase'],
        mark: 'rgb(0, 0, 0)',
        section: 'none',
        button: ['rgba(0, 0, 0, 0)', 'none', '0px'],
        link: 'rgb(0, 255, 0)',
        title: ['60px', 'dotted'],
      }, 'the host page\'s own elements keep the host styles');

      // The same things in the full page and in the first (light) instance.
      const probe = async (p, root) => p.evaluate((root) => {
        const q = (sel) => document.querySelector(`${root} ${sel}`);
        const pick = (el, props) => el ? Object.fromEntries(props.map((k) => [k, getComputedStyle(el)[k]])) : null;
        return {
          root: pick(q('.ae-app'), ['fontFamily', 'color', 'backgroundColor', 'lineHeight', 'letterSpacing']),
          section: pick(q('.reading section'), ['display', 'boxSizing']),
          paragraph: pick(q('.reading section p'), ['fontSize', 'fontFamily', 'color', 'textTransform', 'marginTop', 'letterSpacing']),
          heading: pick(q('.reading section h2'), ['fontSize', 'borderTopStyle']),
          mention: pick(q('.reading .mention'), ['backgroundColor', 'textDecorationStyle', 'paddingLeft', 'whiteSpace']),
          entity: pick(q('aside button.entity'), ['backgroundColor', 'borderTopStyle', 'borderTopWidth', 'borderRadius', 'paddingTop', 'paddingLeft', 'fontSize', 'display', 'cursor']),
          search: pick(q('input[type="search"]'), ['borderTopWidth', 'backgroundColor', 'fontSize']),
          list: pick(q('aside ul'), ['listStyleType', 'paddingLeft']),
        };
      }, root);
      await page.fill('#ae1-search', '');
      await expectStatus(page, 'first', new RegExp(`^${N} of ${N} sections$`), 'cleared');
      const embedded = await probe(page, '#first');
      const alone = await probe(full.page, '#app');
      assert.deepEqual(embedded, alone, 'computed styles in the embedded (light) instance equal the full page\'s');
      // And marks: search both for the same word.
      await page.fill('#ae1-search', 'borders');
      await full.page.fill('#search', 'borders');
      const markLook = (p, root) => p.waitForSelector(`${root} .reading mark`).then(() => p.$eval(`${root} .reading mark`, (m) => {
        const cs = getComputedStyle(m);
        return [cs.backgroundColor, cs.color, cs.fontSize, cs.paddingLeft];
      }));
      assert.deepEqual(await markLook(page, '#first'), await markLook(full.page, '#app'), '<mark> looks like the app\'s, not the host\'s black');
      // The dark instance is dark whatever the system says.
      const dark = await page.$eval('#second .ae-app', (e) => getComputedStyle(e).backgroundColor);
      assert.equal(dark, 'rgb(19, 22, 25)', 'data-theme="dark" on a light system');

      await page.fill('#ae1-search', '');
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: path.join(OUT, 'embed-example-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: path.join(OUT, 'embed-example-390.png'), fullPage: false });
      const overflow = await page.evaluate(() => [...document.querySelectorAll('.ae-app')].map((e) => e.scrollWidth - e.clientWidth));
      assert.ok(overflow.every((o) => o <= 0), `explorers overflow sideways at 390 px: ${overflow}`);
    } finally {
      await context.close();
      await full.context.close();
    }
  });

  it('every app style rule is scoped under .ae-app', { timeout: T }, async () => {
    const { context, page, log } = await open('embed-example.html');
    try {
      await ready(page, log, 2);
      const loose = await page.evaluate(() => {
        const out = [];
        const sheet = [...document.styleSheets].find((s) => /\/embed\.css$/.test(s.href ?? ''));
        if (!sheet) return ['embed.css not found'];
        const walk = (rules) => {
          for (const r of rules) {
            if (r.selectorText) {
              for (const s of r.selectorText.split(/,(?![^(]*\))/).map((x) => x.trim())) {
                if (!s.startsWith('.ae-app') && !s.startsWith('[data-article-explorer] > .ae-app')) out.push(s);
              }
            }
            if (r.cssRules) walk(r.cssRules);
          }
        };
        walk(sheet.cssRules);
        return out;
      });
      assert.deepEqual(loose, [], 'selectors outside .ae-app in embed.css');
    } finally {
      await context.close();
    }
  });

  it('axe: no violations within the instances (light and dark system)', { timeout: T }, async () => {
    const problems = [];
    for (const colorScheme of ['light', 'dark']) {
      const { context, page, log } = await open('embed-example.html', { colorScheme });
      try {
        await ready(page, log, 2);
        await page.evaluate(fs.readFileSync(AXE, 'utf8'));
        const result = await page.evaluate(async () => {
          const r = await window.axe.run({ include: [['#first'], ['#second']] });
          return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).slice(0, 6).join('\n    ')}`);
        });
        problems.push(...result.map((r) => `[${colorScheme}] ${r}`));
      } finally {
        await context.close();
      }
    }
    assert.deepEqual(problems, [], 'axe violations in the embedded explorers');
  });
});
