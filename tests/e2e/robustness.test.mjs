// When the app panics, the reader gets an in-page notice with a way to
// reload (not a blank or frozen page), and the panic text reaches the
// console. `?debug=panic` makes the app panic on purpose once started.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HERE, ROOT, DIST, OUT, AXE, CHROMIUM, LAUNCH_ARGS, poll, requireBuilt, start, stop } from './harness.mjs';
import fs from 'node:fs';
import path from 'node:path';

requireBuilt();

let browser, server;
before(async () => ({ browser, server } = await start({ serveDist: true })));
after(() => stop({ browser, server }));

describe('a panic inside the app', { timeout: 60_000 }, () => {
  it('shows an in-page notice with a reload button, and logs the panic text', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const consoleErrors = [];
    page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
    page.on('pageerror', () => {}); // the abort after the panic surfaces as a page error; expected here
    await page.goto(`${server.url}/?debug=panic`);
    const notice = page.locator('.ae-crash[role="alert"]');
    await notice.first().waitFor({ timeout: 20_000 });
    assert.match(await notice.first().innerText(), /Something went wrong and the explorer stopped/);
    assert.ok(consoleErrors.some((t) => t.includes('deliberate panic requested')), `console: ${consoleErrors.join(' | ')}`);
    // The article is still there to read (prerendered markup is not wiped).
    assert.ok((await page.locator('main section').count()) >= 1, 'the article stays on the page');
    // The button has focus, so a keyboard user lands on it; it reloads.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Reload the explorer');
    await page.goto(`${server.url}/?q=security`); // what a reader would reload to, minus the debug flag
    await page.locator('.ae-app[data-ready]').first().waitFor({ timeout: 20_000 });
    assert.equal(await page.locator('.ae-crash').count(), 0);
    await page.screenshot({ path: path.join(HERE, 'out', 'after-crash-reload.png') });
    await context.close();
  });

  it('reload button reloads the page', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', () => {});
    await page.goto(`${server.url}/?debug=panic`);
    await page.locator('.ae-crash button').first().waitFor({ timeout: 20_000 });
    await page.screenshot({ path: path.join(HERE, 'out', 'crash-notice.png') });
    const [nav] = await Promise.all([page.waitForNavigation({ timeout: 10_000 }), page.locator('.ae-crash button').first().click()]);
    assert.ok(nav, 'clicking the button reloaded the page');
    await context.close();
  });
});
