import { Client } from 'pg';
import { loadConfig } from '../platform/config';
import { signIn, type StaffSession } from '../platform/staff-sign-in';
import { caseWithFailingStartNotice, tisFaults } from '../test/support/incident-case';
import { waitFor } from '../test/support/wait';

/**
 * The supervisor's monitor through the real stack: TIS is down, so the start notice of a case fails its retries
 * and raises an incident; the department head finds the instance by "with incidents", sees the incident on the
 * called process's element, TIS comes back, the head retries with a reason, and the instance moves on (the notice
 * is registered once). An officer cannot reach the monitor; another department's head cannot see the instance.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const api = cfg.api.publicUrl;
const sim = `http://127.0.0.1:${cfg.simulators.port}`;

interface Instance {
  key: string;
  caseNumber: string;
  incidents: number;
  process: string;
}
interface Detail {
  key: string;
  process: string;
  bpmnXml: string;
  incidents: { key: string; elementId: string; errorMessage: string; state: string }[];
  children: { key: string; process: string; state: string }[];
  history: { elementId: string; state: string }[];
  takenFlows: string[];
}

let caseNumber: string;
let head: StaffSession;
let otherHead: StaffSession;

beforeAll(async () => {
  const c = await caseWithFailingStartNotice(cfg, process.env.DATABASE_URL ?? cfg.database.url, {
    seed: 6161,
    municipality: 'Tukuma novads',
  });
  caseNumber = c.caseNumber;
  head = await signIn(api, c.head);
  otherHead = await signIn(api, c.otherHead);
}, 120_000);

afterAll(() => tisFaults(cfg, null));

describe('monitor', () => {
  let instance: Instance;
  let detail: Detail;

  it('finds the instance with an incident and shows the incident on the called process’s diagram', async () => {
    instance = await waitFor(
      'the instance listed with an incident',
      async () => {
        const page = (await (
          await head.fetch(`/api/monitor/instances?incidents=true&caseNumber=${caseNumber}`)
        ).json()) as { items: Instance[] };
        return page.items[0]?.incidents ? page.items[0] : undefined;
      },
      90_000,
      1_000,
    );
    expect(instance.process).toBe('community-service');
    detail = (await (await head.fetch(`/api/monitor/instances/${instance.key}`)).json()) as Detail;
    expect(detail.bpmnXml).toContain('<bpmn:process id="community-service"');
    expect(detail.takenFlows.length).toBeGreaterThan(3);
    const notify = detail.children.find((c) => c.process === 'shared-notify-court' && c.state === 'ACTIVE')!;
    expect(notify).toBeDefined();
    const child = (await (await head.fetch(`/api/monitor/instances/${notify.key}`)).json()) as Detail;
    expect(child.incidents[0]).toMatchObject({ elementId: 'SendToTis', state: 'ACTIVE' });
    expect(child.incidents[0]!.errorMessage).toMatch(/TIS \(courts\) did not answer in \d+ tries/);
    detail = child;
  });

  it('shows variable values only to staff who may open the client file, and audits every such view (issue 17)', async () => {
    const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });
    await db.connect();
    try {
      const views = async (actor: string) =>
        Number(
          (
            await db.query<{ n: string }>(
              "SELECT count(*) AS n FROM audit_log WHERE actor = $1 AND action = 'process-instance.viewed' AND entity_id = $2 AND personal_data",
              [actor, instance.key],
            )
          ).rows[0]!.n,
        );
      const before = {
        head: await views(head.username),
        analyst: await views('kristaps.lacis'),
        admin: await views('dace.petersone'),
      };
      const own = (await (await head.fetch(`/api/monitor/instances/${instance.key}`)).json()) as Detail & {
        variables: Record<string, unknown>;
        variableNames: string[];
        variablesHidden: string | null;
      };
      expect(own.variablesHidden).toBeNull();
      expect(own.variableNames.length).toBeGreaterThan(0);
      expect(Object.keys(own.variables).sort()).toEqual(own.variableNames);
      expect(await views(head.username)).toBe(before.head + 1);
      // The analyst and the administrator may not open client files: names, no values, a sentence why, no view recorded.
      for (const username of ['kristaps.lacis', 'dace.petersone']) {
        const s = await signIn(api, username);
        const d = (await (await s.fetch(`/api/monitor/instances/${instance.key}`)).json()) as typeof own;
        expect(d.variables).toEqual({});
        expect(d.variableNames).toEqual(own.variableNames);
        expect(d.variablesHidden).toMatch(/personal data/);
      }
      expect(await views('kristaps.lacis')).toBe(before.analyst);
      expect(await views('dace.petersone')).toBe(before.admin);
    } finally {
      await db.end();
    }
  });

  it('shows analysts and administrators the instance and its incident, but not whom the case is about', async () => {
    const own = (await (await head.fetch(`/api/monitor/instances/${instance.key}`)).json()) as {
      case: { caseNumber: string | null; clientName: string | null };
      personalDataHidden: boolean;
    };
    expect(own).toMatchObject({ personalDataHidden: false, case: { caseNumber } });
    expect(own.case.clientName).not.toBeNull();
    for (const username of ['kristaps.lacis', 'dace.petersone']) {
      const s = await signIn(api, username);
      const d = (await (await s.fetch(`/api/monitor/instances/${instance.key}`)).json()) as typeof own;
      expect(d).toMatchObject({
        personalDataHidden: true,
        case: { caseNumber: null, clientId: null, clientName: null, department: expect.any(String) },
      });
      // The instance is listed (by process and incidents), its case without number and client.
      const page = (await (
        await s.fetch('/api/monitor/instances?process=community-service&incidents=true&pageSize=100')
      ).json()) as { items: (Instance & { clientName: string | null; personalDataHidden: boolean })[] };
      const row = page.items.find((i) => i.key === instance.key);
      expect(row).toMatchObject({ caseNumber: null, clientName: null, personalDataHidden: true });
      expect(page.items.every((i) => i.caseNumber === null && i.clientName === null)).toBe(true);
      const incidents = (await (await s.fetch('/api/monitor/incidents?pageSize=100')).json()) as {
        items: { rootKey: string | null; caseNumber: string | null }[];
      };
      expect(incidents.items.some((i) => i.rootKey === instance.key)).toBe(true);
      expect(incidents.items.every((i) => i.caseNumber === null)).toBe(true);
      // Searching by client or case number would tell who has a case: refused, with what to do instead.
      for (const q of [`caseNumber=${caseNumber}`, 'client=Bērziņ']) {
        const res = await s.fetch(`/api/monitor/instances?${q}`);
        expect(res.status).toBe(403);
        expect(((await res.json()) as { detail: string }).detail).toMatch(/Filter by process/);
      }
    }
  });

  it('refuses the monitor to an officer and the instance to another department’s head', async () => {
    const officer = await signIn(api, 'ilze.berzina');
    expect((await officer.fetch('/api/monitor/instances')).status).toBe(403);
    expect((await otherHead.fetch(`/api/monitor/instances/${instance.key}`)).status).toBe(403);
    const theirs = (await (await otherHead.fetch(`/api/monitor/instances?caseNumber=${caseNumber}`)).json()) as {
      total: number;
    };
    expect(theirs.total).toBe(0);
  });

  it('retries the incident after TIS is back, with a recorded reason, and the instance moves on', async () => {
    const incident = detail.incidents[0]!;
    const short = await head.fetch(`/api/monitor/incidents/${incident.key}/resolve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'x' }),
    });
    expect(short.status).toBe(422);
    await tisFaults(cfg, null);
    const ok = await head.fetch(`/api/monitor/incidents/${incident.key}/resolve`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'TIS atkal darbojas (traucējums novērsts)' }),
    });
    expect(ok.status).toBe(204);
    await waitFor(
      'the notice call to complete and the instance to move on',
      async () => {
        const d = (await (await head.fetch(`/api/monitor/instances/${detail.key}`)).json()) as Detail;
        return d.history.some((h) => h.elementId === 'SendToTis' && h.state === 'COMPLETED') &&
          d.incidents.every((i) => i.state === 'RESOLVED')
          ? d
          : undefined;
      },
      60_000,
      1_000,
    );
    const received = (await (
      await fetch(`${sim}/tis/_admin/received?endpoint=${encodeURIComponent('POST /execution-notices')}&limit=1000`)
    ).json()) as { items: { status: number; body: { kind: string; caseNumber?: string; personalCode?: string } }[] };
    expect(received.items.filter((r) => r.status < 300 && r.body.kind === 'START').length).toBeGreaterThanOrEqual(1);
    const heat = (await (await head.fetch('/api/monitor/processes/community-service')).json()) as {
      elements: { elementId: string; waiting: number }[];
      kpis: { weeks: unknown[] };
    };
    expect(heat.kpis.weeks).toHaveLength(12);
    expect(heat.elements.reduce((n, e) => n + e.waiting, 0)).toBeGreaterThan(0);
  });
});
