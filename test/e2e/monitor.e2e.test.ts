import path from 'node:path';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../platform/config';
import { describeIfBrowser, launchBrowser } from '../support/browser';
import { axeViolations, signInAs as signInAt } from '../support/ui';
const signInAs = (page: Parameters<typeof signInAt>[0], username: string) => signInAt(page, base, username);
import { caseWithFailingStartNotice, tisFaults } from '../support/incident-case';
import { waitFor } from '../support/wait';

/**
 * The department head's monitor in real Chromium: TIS is down, a case's start notice fails into an incident; the
 * head finds the instance with incidents, sees the incident highlighted on the called process's diagram, retries
 * it with a reason after TIS is back, and sees the step completed. An officer cannot reach the monitor.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const base = cfg.api.publicUrl;
const shots = path.join(cfg.cacheDir, 'screenshots');
describeIfBrowser('supervisor monitor in the browser', () => {
  let browser: Browser;
  let setup: Awaited<ReturnType<typeof caseWithFailingStartNotice>>;

  beforeAll(async () => {
    browser = await launchBrowser();
    setup = await caseWithFailingStartNotice(cfg, process.env.DATABASE_URL ?? cfg.database.url, {
      seed: 7272,
      municipality: 'Jelgava',
    });
  }, 120_000);
  afterAll(async () => {
    await tisFaults(cfg, null);
    await browser?.close();
  });

  it('finds the instance with an incident, sees it on the diagram, retries it after TIS is back', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await signInAs(page, setup.head);
    await page.getByRole('link', { name: 'Uzraudzība' }).click();
    await page.getByRole('heading', { name: 'Procesu instances', exact: false }).waitFor();
    await page.getByLabel('Lietas numurs').fill(setup.caseNumber);
    await page.getByLabel('ar kļūdām').check();
    // The incident comes after the notice job used up its retries: filter until the instance is listed.
    await waitFor(
      'the instance listed with an incident',
      async () => {
        await page.getByRole('button', { name: 'Atlasīt' }).click();
        await page.waitForTimeout(1_000);
        return (await page.locator('table.instances tbody tr').count()) === 1 ? true : undefined;
      },
      90_000,
      500,
    );
    expect(await axeViolations(page, ['.djs-container'])).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'monitor-list.png'), fullPage: true });

    await page.locator('table.instances tbody tr a').first().click();
    await page.locator('.diagram .djs-container').waitFor({ timeout: 15_000 });
    await page.getByRole('link', { name: 'Paziņojums tiesai vai prokuratūrai' }).click();
    await page.locator('.djs-element.pf-incident').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.pf-badge.incident').count()).toBeGreaterThan(0);
    expect(await page.locator('ul.incidents li.active').textContent()).toContain('did not answer in');
    expect(await axeViolations(page, ['.djs-container'])).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'monitor-instance.png'), fullPage: true });

    await tisFaults(cfg, null);
    await page.getByLabel('Iemesls (vismaz 10 rakstzīmes)').fill('TIS atkal darbojas, traucējums novērsts');
    await page.getByRole('button', { name: 'Mēģināt vēlreiz' }).click();
    await page.getByText('Kļūda atrisināta; process mēģina vēlreiz.').waitFor({ timeout: 15_000 });
    await waitFor(
      'the step completed on the diagram',
      async () => {
        await page.reload();
        await page.locator('.diagram .djs-container').waitFor({ timeout: 15_000 });
        return (await page.locator('.djs-element.pf-incident').count()) === 0 &&
          (await page.locator('[data-element-id="SendToTis"].pf-done').count()) === 1
          ? true
          : undefined;
      },
      60_000,
      1_000,
    );
    expect(cspErrors).toEqual([]);
    await page.close();
  });

  it('shows the process heat map with KPIs', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, setup.head);
    await page.goto(`${base}/#/monitor/processes/community-service`);
    await page.locator('.diagram .djs-container').waitFor({ timeout: 15_000 });
    await page.locator('.pf-badge.count').first().waitFor({ timeout: 15_000 });
    await page.getByText('Sākti un pabeigti pa nedēļām').waitFor();
    expect(await axeViolations(page, ['.djs-container'])).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'monitor-heat.png'), fullPage: true });
    await page.close();
  });

  it('shows the analyst where the instance is, but not whom it concerns nor its variable values (issue 17)', async () => {
    const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });
    await db.connect();
    const key = await db
      .query<{ key: string }>('SELECT process_instance_key AS key FROM "case" WHERE case_number = $1', [
        setup.caseNumber,
      ])
      .then((r) => r.rows[0]!.key)
      .finally(() => db.end());
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, 'kristaps.lacis');
    await page.goto(`${base}/#/monitor`);
    await page.getByRole('heading', { name: 'Procesu instances', exact: false }).waitFor();
    // No search by client or case number for staff who may not open client files; the list says "paslēpts".
    expect(await page.getByLabel('Lietas numurs').count()).toBe(0);
    expect(await page.getByLabel('Klients (vārds vai personas kods)').count()).toBe(0);
    await page.locator('table.instances tbody tr').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('table.instances tbody').textContent()).toContain('paslēpts');
    expect(await page.locator('table.instances tbody').textContent()).not.toContain(setup.caseNumber);
    await page.screenshot({ path: path.join(shots, 'monitor-list-analyst.png'), fullPage: true });

    await page.goto(`${base}/#/monitor/instances/${key}`);
    await page.locator('.vars-hidden').waitFor({ timeout: 15_000 });
    expect(await page.locator('dl.facts').textContent()).toContain('paslēpts');
    expect(await page.locator('dl.facts').textContent()).not.toContain(setup.caseNumber);
    expect(await page.locator('.vars-hidden .note').textContent()).toContain('personas dati');
    expect(await page.locator('.var-names li').count()).toBeGreaterThan(0);
    expect(await page.locator('pre.vars').count()).toBe(0);
    expect(await axeViolations(page, ['.djs-container'])).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'monitor-variables-hidden.png'), fullPage: true });
    await page.close();
  });

  it('keeps officers out of the monitor', async () => {
    const page = await browser.newPage();
    await signInAs(page, 'ilze.berzina');
    await page.goto(`${base}/#/monitor`);
    await page.getByText(/do not allow this \(monitor:read\)/).waitFor({ timeout: 15_000 });
    await page.close();
  });
});
