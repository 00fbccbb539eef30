import path from 'node:path';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../platform/config';
import { generateMessage } from '../../scenarios/messages';
import { caseProcesses } from '../../processes/registry';
import { describeIfBrowser, launchBrowser } from '../support/browser';
import { axeViolations, signInAs as signInAt } from '../support/ui';
const signInAs = (page: Parameters<typeof signInAt>[0], username: string) => signInAt(page, base, username);
import { waitFor } from '../support/wait';

/**
 * The officer's day in real Chromium against the test stack: sign in through the OpenID provider, find a task by
 * filter, open its form, complete it; an officer of another department neither sees nor opens it. Every page is
 * checked with axe (WCAG 2.1 AA) and photographed for docs/screenshots/.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const base = cfg.api.publicUrl;
const shots = path.join(cfg.cacheDir, 'screenshots');
const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });
describeIfBrowser('officer inbox in the browser', () => {
  let browser: Browser;
  let caseNumber: string;
  let clientName: string;
  let officer: string;
  let outsider: string;

  beforeAll(async () => {
    await db.connect();
    browser = await launchBrowser();
    const ruling = generateMessage('tis', {
      seed: 5151,
      measure: 'FORCED_WORK',
      hours: 60,
      municipality: 'Valmieras novads',
    }) as { person: { personalCode: string } };
    const res = await fetch(`http://127.0.0.1:${cfg.simulators.port}/tis/_admin/inject`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ruling),
    });
    expect(res.status).toBe(201);
    const row = await waitFor(
      'the register review task in the projection',
      async () => {
        const { rows } = await db.query<{ case_number: string; client: string; dept: number }>(
          `SELECT c.case_number, cl.first_name || ' ' || cl.last_name AS client, c.department_id AS dept FROM user_task t
         JOIN "case" c ON c.process_instance_key = t.root_process_instance_key JOIN client cl ON cl.id = c.client_id
         WHERE cl.personal_code = $1 AND t.element_id = 'ReviewRegisterData' AND t.state = 'CREATED'`,
          [ruling.person.personalCode],
        );
        return rows[0];
      },
      60_000,
    );
    caseNumber = row.case_number;
    clientName = row.client;
    const { rows } = await db.query<{ inside: string; outside: string }>(
      `SELECT (SELECT u.username FROM app_user u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id WHERE r.code = 'officer' AND u.department_id = $1 ORDER BY u.id LIMIT 1) AS inside,
              (SELECT u.username FROM app_user u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id WHERE r.code = 'officer' AND u.department_id <> $1 ORDER BY u.id LIMIT 1) AS outside`,
      [row.dept],
    );
    officer = rows[0]!.inside;
    outsider = rows[0]!.outside;
  });
  afterAll(async () => {
    await browser?.close();
    await db.end();
  });

  it('shows an officer of another department neither the task in the list nor the task itself', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    await signInAs(page, outsider);
    await page.goto(`${base}/#/inbox?scope=group&caseNumber=${caseNumber}`);
    await page.getByText('Atlasei neatbilst neviens uzdevums.').first().waitFor({ timeout: 15_000 });
    const { rows } = await db.query<{ key: string }>(
      `SELECT t.user_task_key::text AS key FROM user_task t JOIN "case" c ON c.process_instance_key = t.root_process_instance_key WHERE c.case_number = $1 AND t.state = 'CREATED' LIMIT 1`,
      [caseNumber],
    );
    expect(rows[0]).toBeDefined();
    await page.goto(`${base}/#/tasks/${rows[0]!.key}`);
    await page.getByText(/your own department/).waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(shots, 'task-other-department.png') });
    await page.close();
  });

  it('signs in, finds the task by case number, opens its form, completes it', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await signInAs(page, officer);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'inbox.png'), fullPage: true });
    // The process filter offers the case processes of the registry (GET /api/processes), by their short names.
    const processOptions = () =>
      page
        .locator('#f-process option')
        .evaluateAll((os) => os.slice(1).map((o) => [(o as HTMLOptionElement).value, o.textContent]));
    expect(await processOptions()).toEqual(caseProcesses().map((m) => [m.id, m.label.lv]));
    await page.getByRole('button', { name: 'EN' }).click();
    await waitFor('the filter in English', async () =>
      JSON.stringify(await processOptions()) === JSON.stringify(caseProcesses().map((m) => [m.id, m.label.en]))
        ? true
        : undefined,
    );
    await page.screenshot({ path: path.join(shots, 'inbox-en.png'), fullPage: true });
    await page.getByRole('button', { name: 'LV' }).click();
    await page.getByLabel('Lietas numurs').waitFor();

    await page.getByLabel('Lietas numurs').fill(caseNumber);
    await page.getByRole('button', { name: 'Atlasīt' }).click();
    const row = page.locator('table.tasks tbody tr');
    await waitFor('exactly the filtered task', async () =>
      (await row.count()) === 1 && (await row.first().textContent())?.includes(caseNumber) ? true : undefined,
    );
    expect(await row.first().textContent()).toContain(clientName);
    expect(page.url()).toContain(`caseNumber=${caseNumber}`);

    await row.first().getByRole('link').click();
    await page.getByRole('heading', { name: 'Pārskatīt reģistru datus' }).waitFor({ timeout: 15_000 });
    await page.locator('.fjs-form').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // Submitting the empty form shows the form's own validation; nothing is sent.
    await page.getByRole('button', { name: 'Pabeigt uzdevumu' }).click();
    await page.getByText('Veidlapā ir kļūdas').waitFor();

    await page.getByLabel('Saglabāt izglītības datus lietā').check();
    await page.getByRole('radio').first().check();
    await page.screenshot({ path: path.join(shots, 'task-form.png'), fullPage: true });
    await page.getByRole('button', { name: 'Pabeigt uzdevumu' }).click();
    await page.getByText('Uzdevums pabeigts. Process turpinās.').waitFor({ timeout: 15_000 });

    // The client's timeline shows the completed task (engine history) next to the case's documents and decisions.
    await page.getByRole('link', { name: clientName }).click();
    await page.getByRole('heading', { name: clientName }).waitFor({ timeout: 15_000 });
    await waitFor(
      'the completed task on the client timeline',
      async () => {
        const text = (await page.locator('ol.timeline').textContent()) ?? '';
        if (text.includes('Pārskatīt reģistru datus — pabeigts')) return true;
        await page.reload();
        await page.getByRole('heading', { name: clientName }).waitFor({ timeout: 15_000 });
        return undefined;
      },
      30_000,
      500,
    );
    expect(await page.locator('ol.timeline').textContent()).toContain('Nolēmums saņemts');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'client-file.png'), fullPage: true });
    expect(cspErrors).toEqual([]);
    await page.close();
  });
});
