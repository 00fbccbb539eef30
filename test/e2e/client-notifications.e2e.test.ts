import path from 'node:path';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../platform/config';
import { generateMessage } from '../../scenarios/messages';
import { describeIfBrowser, launchBrowser } from '../support/browser';
import { axeViolations, signInAs } from '../support/ui';
import { waitFor } from '../support/wait';

/**
 * The officer clears undelivered notifications from the client file in real Chromium against the test stack: one is
 * sent again (the worker host delivers it), the other recorded as handed over in person. Checked with axe and
 * photographed for docs/screenshots/.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const base = cfg.api.publicUrl;
const sims = `http://127.0.0.1:${cfg.simulators.port}`;
const shots = path.join(cfg.cacheDir, 'screenshots');
const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });

describeIfBrowser('undelivered notifications in the client file', () => {
  let browser: Browser;
  let clientId: number;
  let clientName: string;
  let officer: string;
  const ids: number[] = [];

  beforeAll(async () => {
    await db.connect();
    browser = await launchBrowser();
    const ruling = generateMessage('tis', {
      seed: 7373,
      measure: 'FORCED_WORK',
      hours: 50,
      municipality: 'Ogres novads',
    }) as { person: { personalCode: string } };
    const code = ruling.person.personalCode;
    expect(
      (
        await fetch(`${sims}/tis/_admin/inject`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(ruling),
        })
      ).status,
    ).toBe(201);
    const row = await waitFor(
      'the case of the new ruling',
      async () => {
        const { rows } = await db.query<{ client_id: number; client: string; case_id: number; department_id: number }>(
          `SELECT cl.id AS client_id, cl.first_name || ' ' || cl.last_name AS client, c.id AS case_id, c.department_id FROM "case" c JOIN client cl ON cl.id = c.client_id WHERE cl.personal_code = $1`,
          [code],
        );
        return rows[0];
      },
      60_000,
    );
    clientId = row.client_id;
    clientName = row.client;
    // What the dispatcher leaves after e-adrese refused twice for good (the client had no e-address then; now they have one).
    for (const [type, subject] of [
      ['WORK_SCHEDULE', 'Darba grafiks'],
      ['WARNING', 'Brīdinājums par pienākumu nepildīšanu'],
    ] as const) {
      const { rows } = await db.query<{ id: number }>(
        `INSERT INTO notification (case_id, recipient_type, recipient, notification_type, channel, subject, body, idempotency_key, status, external_id, created_at)
         VALUES ($1, 'CLIENT', $2, $3, 'E_ADDRESS', $4, 'Teksts.', $5, 'FAILED', 'error: e-adrese rejected the request (403 RECIPIENT_BLOCKED)', now() - interval '26 hours') RETURNING id`,
        [row.case_id, code, type, subject, `client-notifications-e2e:${process.pid}:${Date.now()}:${type}`],
      );
      ids.push(rows[0]!.id);
    }
    await fetch(`${sims}/e-adrese/_admin/accounts/${code}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ active: true }),
    });
    const staff = await db.query<{ username: string }>(
      `SELECT u.username FROM app_user u JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id WHERE r.code = 'officer' AND u.active AND u.department_id = $1 ORDER BY u.id LIMIT 1`,
      [row.department_id],
    );
    officer = staff.rows[0]!.username;
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await db.end();
  });

  it('sends one again and records the other as handed over, each leaving the list', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(page, base, officer);
    await page.goto(`${base}/#/clients/${clientId}`);
    const section = page.getByRole('region', { name: /Nenogādātie paziņojumi \(2\)/ });
    await section.waitFor({ timeout: 15_000 });
    expect(await section.textContent()).toContain('e-adrese rejected the request (403 RECIPIENT_BLOCKED)');
    // Opened straight after signing in: the inbox, still loading then, must not end up above the client file.
    expect(await page.locator('#view-app h1').allTextContents()).toEqual([clientName]);
    const warning = page.locator(`[data-notification-id="${ids[1]}"]`);
    await warning.getByText('Nogādāts citādi…').click();
    await warning.getByLabel('Kā nogādāts', { exact: true }).selectOption('IN_PERSON');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'client-undelivered-notifications.png'), fullPage: true });

    const schedule = page.locator(`[data-notification-id="${ids[0]}"]`);
    await schedule.getByRole('button', { name: 'Sūtīt vēlreiz' }).click();
    await page.getByText('Darba grafiks: nosūtīšana atsākta').waitFor({ timeout: 15_000 });
    expect(await schedule.count()).toBe(0);

    // A note too short to say anything is not recorded (the form's own check, or the API's answer in the page).
    await warning.getByLabel('Piezīme: kad un kā nogādāts').fill('ok');
    await warning.getByRole('button', { name: 'Saglabāt' }).click();
    await page.waitForTimeout(500);
    expect((await db.query('SELECT status FROM notification WHERE id = $1', [ids[1]])).rows).toEqual([
      { status: 'FAILED' },
    ]);
    await warning
      .getByLabel('Piezīme: kad un kā nogādāts')
      .fill('Izsniegts klientam klātienē nodaļā 23.11.2026, parakstījās.');
    await warning.getByRole('button', { name: 'Saglabāt' }).click();
    await page.getByText('Brīdinājums par pienākumu nepildīšanu: atzīmēts kā nogādāts.').waitFor({ timeout: 15_000 });
    expect(await page.getByRole('heading', { name: 'Nenogādātie paziņojumi (0)' }).count()).toBe(1);
    await page.screenshot({ path: path.join(shots, 'client-undelivered-done.png'), fullPage: true });

    const rows = await waitFor(
      'both settled in the database',
      async () => {
        const { rows: r } = await db.query<{ id: number; status: string; channel: string }>(
          'SELECT id, status, channel FROM notification WHERE id = ANY($1) ORDER BY id',
          [ids],
        );
        return r.every((n) => n.status === 'SENT') ? r : undefined;
      },
      30_000,
    );
    expect(rows).toEqual([
      { id: ids[0], status: 'SENT', channel: 'E_ADDRESS' },
      { id: ids[1], status: 'SENT', channel: 'IN_PERSON' },
    ]);
    await page.close();
  });
});
