import path from 'node:path';
import { Client } from 'pg';
import type { Browser } from 'playwright-core';
import { loadConfig } from '../../platform/config';
import { ScenarioSchema } from '../../scenarios/format';
import { ScenarioRunner } from '../../scenarios/runner';
import { generateMessage } from '../../scenarios/messages';
import { createWorkflowFromConfig } from '../../workflow';
import { hasChromium, launchBrowser } from '../support/browser';
import { stepsToAgreement, tisFaults } from '../support/incident-case';
import { axeViolations, signInAs } from '../support/ui';
import { waitFor } from '../support/wait';

/**
 * Issue 18 in real Chromium. TIS is down: the department head sees it in the monitor's partner panel with the
 * notice waiting and /health says degraded (200); a day later on the engine's clock the notice becomes one incident
 * whose text says what to do, and the head retries it once TIS is back. A supervisor compares the versions of a
 * court message that was sent again corrected, and corrects a quarantined message's field and reprocesses it.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const base = cfg.api.publicUrl;
const dbUrl = process.env.DATABASE_URL ?? cfg.database.url;
const shots = path.join(cfg.cacheDir, 'screenshots');
const sim = `http://127.0.0.1:${cfg.simulators.port}`;
const run = Date.now() % 1_000_000;
const describeIfBrowser = hasChromium() ? describe : describe.skip;

const inject = async (message: unknown, query = '') => {
  const res = await fetch(`${sim}/tis/_admin/inject${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(message),
  });
  if (res.status !== 201) throw new Error(`inject: ${res.status}`);
  return (await res.json()) as { messageId: string };
};

describeIfBrowser('partner outages and intake corrections in the browser', () => {
  let browser: Browser;
  const db = new Client({ connectionString: dbUrl });

  beforeAll(async () => {
    browser = await launchBrowser();
    await db.connect();
  }, 60_000);
  // TIS back after each test, also after a failed one: intake reads the next test's messages from its outbox.
  afterEach(() => tisFaults(cfg, null));
  afterAll(async () => {
    await tisFaults(cfg, null);
    await browser?.close();
    await db.end();
  });

  it('shows TIS unreachable with the notice waiting, then one incident a supervisor can act on', async () => {
    const runner = new ScenarioRunner(cfg, dbUrl);
    let caseNumber: string;
    let departmentCode: string;
    try {
      const result = await runner.run(
        ScenarioSchema.parse({
          name: 'a case whose start notice waits for TIS',
          steps: [
            ...stepsToAgreement({
              seed: run + 11,
              municipality: 'Jelgava',
              beforeAgreement: [{ setFault: { system: 'tis', config: { errorRate: 1, errorStatus: 503 } } }],
            }),
            { expectPartner: { system: 'tis', state: 'unreachable', waitingAtLeast: 1, timeoutMs: 120_000 } },
          ],
        }),
      );
      if (!result.ok) throw new Error(result.error);
      ({ caseNumber, departmentCode } = runner.bound('case') as { caseNumber: string; departmentCode: string });
    } finally {
      await runner.close();
    }
    const { rows } = await db.query<{ username: string }>(
      `SELECT u.username FROM app_user u JOIN department d ON d.id = u.department_id JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id
       WHERE r.code = 'supervisor' AND d.code = $1 ORDER BY u.id LIMIT 1`,
      [departmentCode],
    );
    const head = rows[0]!.username;

    // Degraded, not down: nothing here would get better by restarting PLUS.
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'degraded',
      checks: { partners: { status: 'degraded', detail: expect.stringContaining('TIS (courts) unreachable since') } },
    });

    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await signInAs(page, base, head);
    await page.getByRole('link', { name: 'Uzraudzība' }).click();
    const tis = page.locator('[data-partner="tis"]');
    await tis.locator('.partner-sentence').waitFor({ timeout: 15_000 });
    expect(await tis.locator('.partner-sentence').textContent()).toMatch(
      /^TIS \(tiesas\) nav sasniedzama kopš .+, gaida \d+ paziņojum/,
    );
    expect(await tis.locator('table.tasks tbody tr').count()).toBeGreaterThan(0);
    // The waiting step by its name in the diagram, as staff know it, not the worker's English description.
    expect(await tis.locator('table.tasks tbody tr td a').first().textContent()).toBe(
      'Nosūtīt paziņojumu tiesai (TIS)',
    );
    expect(await axeViolations(page)).toEqual([]);
    await tis.screenshot({ path: path.join(shots, 'monitor-partners.png') });

    // A day later on the engine's clock the notice's next try is past TIS's horizon: one incident.
    await createWorkflowFromConfig(cfg).engine.clock!.advance(25 * 3_600_000);
    const child = await waitFor(
      'the incident',
      async () => {
        const { rows: inc } = await db.query<{ process_instance_key: string; error_message: string }>(
          `SELECT i.process_instance_key, i.error_message FROM incident i JOIN "case" c ON c.process_instance_key = i.root_process_instance_key WHERE c.case_number = $1 AND i.state = 'ACTIVE'`,
          [caseNumber],
        );
        return inc.length === 1 ? inc[0] : undefined;
      },
      120_000,
      1_000,
    );
    expect(child.error_message).toContain('TIS (courts) did not answer in');
    expect(child.error_message).toContain('press "Retry" on this incident');
    await page.goto(`${base}/#/monitor/instances/${child.process_instance_key}`);
    await page.locator('ul.incidents li.active').waitFor({ timeout: 15_000 });
    expect(await page.locator('ul.incidents li.active').textContent()).toContain('did not answer in');
    await page.locator('ul.incidents').screenshot({ path: path.join(shots, 'monitor-partner-incident.png') });

    await tisFaults(cfg, null);
    await page.getByLabel('Iemesls (vismaz 10 rakstzīmes)').fill('TIS atkal darbojas, traucējums novērsts');
    await page.getByRole('button', { name: 'Mēģināt vēlreiz' }).click();
    await page.getByText('Kļūda atrisināta; process mēģina vēlreiz.').waitFor({ timeout: 15_000 });
    await page.close();
  });

  it('compares the versions of a corrected resend, corrects a field and reprocesses', async () => {
    const good = generateMessage('tis', { seed: run + 12, measure: 'FORCED_WORK', hours: 60 });
    const messageId = `tis-ui-correction-${run}`;
    await inject(
      { ...good, person: { ...(good.person as object), personalCode: '1'.repeat(32) } },
      `?raw=1&messageId=${messageId}`,
    );
    await inject(good, `?messageId=${messageId}`);
    const unknown = await inject(
      generateMessage('tis', { seed: run + 13, measure: 'FORCED_WORK', hours: 60, municipality: 'Nekurienes novads' }),
    );
    const idOf = (mid: string, version = 1) =>
      waitFor(
        `message ${mid}`,
        async () => {
          const { rows } = await db.query<{ id: number }>(
            `SELECT id FROM inbound_message WHERE message_id = $1 AND version >= $2 AND cardinality(issues) > 0`,
            [mid, version],
          );
          return rows[0]?.id;
        },
        60_000,
        500,
      );
    const resent = await idOf(messageId, 2);
    const toCorrect = await idOf(unknown.messageId);

    const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
    await signInAs(page, base, 'inese.zarina');
    await page.getByRole('link', { name: 'Saņemtie ziņojumi' }).click();
    await page.locator(`tr[data-message-id="${messageId}"]`).waitFor({ timeout: 15_000 });
    await page.goto(`${base}/#/intake/${resent}`);
    await page.locator('li.version[data-version="2"] table.diff').waitFor({ timeout: 15_000 });
    expect(await page.locator('li.version[data-version="2"] table.diff tbody tr').count()).toBe(1);
    expect(await page.locator('li.version[data-version="2"] table.diff code').textContent()).toBe(
      'person.personalCode',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(shots, 'intake-versions.png'), fullPage: true });

    await page.goto(`${base}/#/intake/${toCorrect}`);
    await page.getByLabel('Lauks (ceļš)').first().waitFor({ timeout: 15_000 });
    expect(await page.getByLabel('Lauks (ceļš)').first().inputValue()).toBe('person.municipality');
    await page.getByLabel('Jaunā vērtība').first().fill('Ogres novads');
    await page.getByLabel('Pamatojums un avots (vismaz 10 zīmes)').fill('Pārbaudīts Iedzīvotāju reģistrā');
    await page.getByRole('button', { name: 'Saglabāt labojumu' }).click();
    await page.getByText('Labojums saglabāts kā versija 2.').waitFor({ timeout: 15_000 });
    await page.locator('li.version[data-version="2"] table.diff').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: path.join(shots, 'intake-correction.png'), fullPage: true });
    await page.getByRole('button', { name: 'Apstrādāt atkārtoti' }).click();
    await page.getByText('Ziņojums apstrādāts.').waitFor({ timeout: 30_000 });
    const { rows } = await db.query<{ status: string; case_link: string }>(
      'SELECT status, case_link FROM inbound_message WHERE id = $1',
      [toCorrect],
    );
    expect(rows[0]).toEqual({ status: 'REPROCESSED', case_link: 'OPENED' });
    const { rows: audit } = await db.query(
      'SELECT action FROM audit_log WHERE entity_type = $1 AND entity_id = $2 ORDER BY id',
      ['inbound-message', String(toCorrect)],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['intake.corrected', 'intake.reprocessed']);
    await page.close();
  });
});
