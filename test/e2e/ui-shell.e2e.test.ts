import path from 'node:path';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../platform/config';
import { describeIfBrowser, launchBrowser } from '../support/browser';

/** The UI shell against the running test stack, in real Chromium: Latvian by default, live status, English switch. */
const cfg = loadConfig(process.env);
// Every run refreshes these; the ones in docs/screenshots/ are copied from here when the UI changes.
const shots = path.join(cfg.cacheDir, 'screenshots');

describeIfBrowser('web UI shell', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('shows every component as up in Latvian, then in English after the switch', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
    await page.goto(`${cfg.api.publicUrl}/#/status`);
    expect(await page.getAttribute('html', 'lang')).toBe('lv');
    await page.getByText('Visas komponentes darbojas.').waitFor({ timeout: 15_000 });
    expect(await page.locator('#checks .badge.up').count()).toBe(3);
    await page.screenshot({ path: path.join(shots, 'ui-shell-lv.png'), fullPage: true });

    await page.getByRole('button', { name: 'EN' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByText('All components are up.').waitFor();
    expect(await page.getByRole('button', { name: 'EN' }).getAttribute('aria-pressed')).toBe('true');
    await page.reload();
    await page.getByText('All components are up.').waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('serves the API docs page without CSP violations', async () => {
    const page = await browser.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    await page.goto(`${cfg.api.publicUrl}/api/docs`);
    await page.getByText('PLUS Flow API').first().waitFor({ timeout: 15_000 });
    await page.getByText('/api/tasks/{taskKey}/complete').first().waitFor();
    await page.screenshot({ path: path.join(shots, 'api-docs.png') });
    expect(violations).toEqual([]);
    await page.close();
  });
});
