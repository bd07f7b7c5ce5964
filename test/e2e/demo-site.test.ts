// In real Chromium: `topstory demo` serves a site that shows the demo outlets it follows, is
// keyboard-usable (skip link moves focus to the content) and works with JavaScript off.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../support/browser.js';
import { startDemo, type DemoProcess } from '../support/demo-process.js';

describe('demo site in Chromium', () => {
  let demo: DemoProcess;
  let browser: Browser;
  before(async () => {
    demo = await startDemo();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    const code = await demo?.stop();
    assert.equal(code, 0, 'the demo exits cleanly on SIGTERM');
  });

  it('prints the outlets and the admin password, and the front page lists the six outlets', async () => {
    assert.match(demo.output(), /Admin user: admin, password: \S{12,}/);
    const page = await browser.newPage();
    const response = await page.goto(demo.url + '/');
    assert.equal(response?.status(), 200);
    assert.equal(await page.title(), 'Topstory');
    const outlets = await page.locator('table tbody tr td:first-child').allTextContents();
    assert.deepEqual(outlets.sort(), ['Meridian News', 'Metro Pulse', 'Northfield Notes', 'The Daily Harbor', 'The Ledger', 'Вести Приозерья'].sort());
    await page.getByRole('link', { name: 'Вести Приозерья' }).click();
    await page.waitForURL(/\/sources\/vesti-priozerya$/);
    assert.equal(await page.locator('h1').textContent(), 'Вести Приозерья');
    await page.close();
  });

  it('ingests the demo outlets: real stories and articles appear on the front page', async () => {
    const page = await browser.newPage();
    let stories = 0;
    for (let i = 0; i < 240 && stories < 5; i++) {
      await page.goto(demo.url + '/');
      stories = await page.locator('#top-stories + ol > li').count();
      if (stories < 5) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.ok(stories >= 5, `stories on the front page: ${stories}`);
    const latest = await page.locator('#latest + ul > li a').first();
    const href = await latest.getAttribute('href');
    assert.match(href ?? '', /^http:\/\/127\.0\.0\.1:\d+\//, 'latest articles link to their outlet');
    const counts = await page.locator('table tbody tr td:nth-child(3)').allTextContents();
    assert.ok(counts.some((n) => Number(n) > 0), `articles stored per outlet: ${counts.join(', ')}`);
    await page.close();
  });

  it('the skip link is the first Tab stop and moves focus to the main content', async () => {
    const page = await browser.newPage();
    await page.goto(demo.url + '/');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement?.textContent'), 'Skip to content');
    const box = await page.locator('a.skip').boundingBox();
    assert.ok(box && box.x >= 0, 'the focused skip link is on screen');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement?.id'), 'main');
    await page.close();
  });

  it('works with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(demo.url + '/');
    assert.equal(await page.locator('table tbody tr').count(), 6);
    const missing = await page.goto(demo.url + '/sources/nowhere');
    assert.equal(missing?.status(), 404);
    assert.match((await page.locator('h1').textContent()) ?? '', /Page not found/);
    await context.close();
  });
});
