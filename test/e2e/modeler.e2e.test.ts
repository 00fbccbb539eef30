import path from 'node:path';
import { Client } from 'pg';
import type { Browser, Page } from 'playwright-core';
import { loadConfig } from '../../platform/config';
import { generateMessage } from '../../scenarios/messages';
import { describeIfBrowser, launchBrowser } from '../support/browser';
import { waitFor } from '../support/wait';

/**
 * The analyst's modeler in real Chromium, on the Camunda 7 dialect: open the community-service diagram, see an
 * external task's topic and a user task's form in the Camunda Platform properties panel, change the task's due
 * date, break the external task (no topic) and see the lint flag it on the diagram and at the field, fix it,
 * compare, deploy the module; the migration preview lists the running instances of the previous version and
 * what the engine cannot map; new cases start on the new version while a running case stays on its version.
 * An officer cannot reach it.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const base = cfg.api.publicUrl;
const shots = path.join(cfg.cacheDir, 'screenshots');
const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });

async function signInAs(page: Page, username: string): Promise<void> {
  await page.goto(`${base}/#/status`);
  await page.goto(`${base}/auth/login?returnTo=${encodeURIComponent('/#/modeler')}`);
  await page.getByLabel('Lietotājvārds').fill(username);
  await page.getByLabel('Parole').fill('demo');
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await page.getByRole('heading', { name: 'Modelētājs' }).waitFor({ timeout: 20_000 });
}

const versionOfCase = async (personalCode: string) =>
  waitFor(
    `the case of ${personalCode} running`,
    async () => {
      const { rows } = await db.query<{ v: number }>(
        `SELECT p.process_definition_version AS v FROM "case" c JOIN client cl ON cl.id = c.client_id JOIN process_instance p ON p.process_instance_key = c.process_instance_key WHERE cl.personal_code = $1`,
        [personalCode],
      );
      return rows[0]?.v;
    },
    60_000,
  );

const startCase = async (seed: number) => {
  const ruling = generateMessage('tis', {
    seed,
    measure: 'FORCED_WORK',
    hours: 40,
    municipality: 'Bauskas novads',
  }) as { person: { personalCode: string } };
  const res = await fetch(`http://127.0.0.1:${cfg.simulators.port}/tis/_admin/inject`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ruling),
  });
  expect(res.status).toBe(201);
  return ruling.person.personalCode;
};

describeIfBrowser('analyst modeler in the browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    await db.connect();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await db.end();
  });

  it('changes a due date, sees a lint error for a broken element, fixes it, deploys a new version', async () => {
    const before = await versionOfCase(await startCase(8181));
    const page = await browser.newPage({ viewport: { width: 1500, height: 950 } });
    const cspErrors: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await signInAs(page, 'kristaps.lacis');
    await page.getByRole('link', { name: 'Sabiedriskais darbs', exact: true }).click();
    await page.locator('.modeler-canvas .djs-container').waitFor({ timeout: 20_000 });
    await page.locator('.lint .overall').first().waitFor({ timeout: 20_000 });

    // Into the planning subprocess: the external task's topic (Implementation: External).
    await page.locator('.bjs-drilldown').first().click();
    await page.locator('[data-element-id="ProposeWorkPlaces"]').first().click();
    await page.locator('.bio-properties-panel-group-header', { hasText: 'Implementation' }).click();
    const topic = page.locator('[data-entry-id="externalTopic"] input').first();
    const original = await topic.inputValue();
    expect(original).toBe('community-service.propose-work-places');
    expect(await page.locator('[data-entry-id="implementationType"] select').first().inputValue()).toBe('external');

    // The user task "Izvēlēties darba vietu": its form (Camunda Forms, by reference, bound to the deployment),
    // its candidate group, and a new due date.
    await page.locator('[data-element-id="SelectWorkPlace"]').first().click();
    await page.locator('.bio-properties-panel-header-label', { hasText: 'Izvēlēties darba vietu' }).waitFor();
    await page.locator('.bio-properties-panel-group-header', { hasText: /^Forms$/ }).click();
    expect(await page.locator('[data-entry-id="formRef"] input').first().inputValue()).toBe(
      'community-service-select-work-place',
    );
    expect(await page.locator('[data-entry-id="formRefBinding"] select').first().inputValue()).toBe('deployment');
    await page.locator('.bio-properties-panel-group-header', { hasText: 'User assignment' }).click();
    expect(await page.locator('[data-entry-id="candidateGroups"] input').first().inputValue()).toBe(
      'officer.${departmentCode}',
    );
    const due = page.locator('[data-entry-id="dueDate"] input').first();
    const dueBefore = await due.inputValue();
    expect(dueBefore).toMatch(/^\$\{durations\.dueIn\(.*rules\.due\.selectWorkPlace.*\)\}$/);
    // A change on every run, also on a stack where an earlier run deployed one.
    const extra = dueBefore.includes("'P1D'") ? 'P2D' : 'P1D';
    await due.fill(`\${durations.dueIn(durations.sum(rules.due.selectWorkPlace, '${extra}'))}`);

    // Break the external task: no topic. Our lint rule flags it on the diagram, in the list and at the field (in Latvian).
    await page.locator('[data-element-id="ProposeWorkPlaces"]').first().click();
    await topic.fill('');
    await page.locator('.lint .overall[data-state="down"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('.lint').textContent()).toMatch(
      /ProposeWorkPlaces: Ārējam uzdevumam nav tēmas \(Implementation → Topic\)/,
    );
    await page.locator('.djs-overlay-linting .cl-icon-error').first().waitFor({ timeout: 10_000 });
    await page
      .locator('[data-entry-id="externalTopic"] .bio-properties-panel-error', { hasText: 'nav tēmas' })
      .waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(shots, 'modeler.png') });
    // Deploying with lint errors is stopped in the page.
    await page.getByRole('button', { name: 'Izvietot kā jaunu versiju' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /kļūdas/ })
      .waitFor();
    await topic.fill(original);
    await page.getByText('Pārbaude: kļūdu nav.').waitFor({ timeout: 15_000 });

    await page.getByRole('button', { name: 'Salīdzināt ar izvietoto versiju' }).click();
    await page.getByText(/Pret versiju \d+: .*mainīti/).waitFor();
    await page.getByRole('button', { name: 'Izvietot kā jaunu versiju' }).click();
    const verdict = await page.getByText(/Izvietota versija \d+/).textContent({ timeout: 20_000 });
    const version = Number(/versija (\d+)/.exec(verdict ?? '')?.[1]);
    expect(version).toBe(before + 1);
    // Running instances of the previous version are offered for migration, with where each waits and what the
    // engine's plan cannot map (or that it maps everything).
    await page
      .getByRole('heading', { name: `Esošo instanču pārcelšana no v${before} uz v${version}` })
      .waitFor({ timeout: 15_000 });
    await page.locator('.migration table tbody tr').first().waitFor({ timeout: 15_000 });
    expect(await page.locator('.migration table tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.migration').textContent()).toMatch(
      /Pārceļamas \d+ no \d+|Dzinējs (var|nevar) sasaistīt/,
    );
    await page.screenshot({ path: path.join(shots, 'modeler-migration.png'), fullPage: true });
    // The diagram went to the engine as the Camunda 7 platform diagram it is, with the new due date.
    const deployed = await page.evaluate(async () => {
      const { deployed: d } = (await (await fetch('/api/models/BPMN/community-service')).json()) as {
        deployed: { content: string };
      };
      const doc = new DOMParser().parseFromString(d.content, 'application/xml');
      return {
        platform: [
          doc.documentElement.getAttribute('modeler:executionPlatform'),
          doc.documentElement.getAttribute('modeler:executionPlatformVersion'),
        ],
        topic: doc.querySelector('[id="ProposeWorkPlaces"]')?.getAttribute('camunda:topic'),
        due: doc.querySelector('[id="SelectWorkPlace"]')?.getAttribute('camunda:dueDate'),
      };
    });
    expect(deployed).toEqual({
      platform: ['Camunda Platform', '7.24.0'],
      topic: 'community-service.propose-work-places',
      due: `\${durations.dueIn(durations.sum(rules.due.selectWorkPlace, '${extra}'))}`,
    });

    // Forms open in the form-js editor.
    await page.goto(`${base}/#/modeler/FORM/community-service-confirm-hours`);
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.locator('.form-editor .fjs-editor-container').waitFor({ timeout: 20_000 });
    await page.locator('.fjs-editor-container .fjs-form-field').first().waitFor({ timeout: 10_000 });
    await page.screenshot({ path: path.join(shots, 'form-editor.png') });
    expect(pageErrors).toEqual([]);
    expect(cspErrors).toEqual([]);

    const after = await versionOfCase(await startCase(8282));
    expect(after).toBe(before + 1);
    const { rows } = await db.query<{ v: number }>(
      `SELECT p.process_definition_version AS v FROM "case" c JOIN client cl ON cl.id = c.client_id JOIN process_instance p ON p.process_instance_key = c.process_instance_key ORDER BY c.id LIMIT 1`,
    );
    expect(rows[0]!.v).toBeLessThanOrEqual(before);
    await page.close();
  });

  it('keeps officers out of the modeler', async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/auth/login?returnTo=${encodeURIComponent('/#/modeler')}`);
    await page.getByLabel('Lietotājvārds').fill('ilze.berzina');
    await page.getByLabel('Parole').fill('demo');
    await page.getByRole('button', { name: 'Pieteikties' }).click();
    await page.getByText(/do not allow this \(models:edit\)/).waitFor({ timeout: 15_000 });
    await page.close();
  });
});
