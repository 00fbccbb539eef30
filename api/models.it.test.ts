import { Client } from 'pg';
import { loadConfig } from '../platform/config';
import { createWorkflowFromConfig } from '../workflow';
import { signIn, type StaffSession } from '../platform/staff-sign-in';
import { waitFor } from '../test/support/wait';

/**
 * The analyst's drafts and deployments through the real engine: a broken draft is refused by the engine with its
 * reason and nothing is deployed; the fixed one becomes a new version, deployed with the rest of its module (its
 * form gets a new version in the same deployment); new instances start on it while a running one stays on its
 * version until it is migrated. Officers cannot save or deploy.
 */
const cfg = loadConfig({ ...process.env, PLUSFLOW_STACK: 'test' });
const api = cfg.api.publicUrl;
const db = new Client({ connectionString: process.env.DATABASE_URL ?? cfg.database.url });
const json = { 'content-type': 'application/json' };

let analyst: StaffSession;
beforeAll(async () => {
  await db.connect();
  analyst = await signIn(api, 'kristaps.lacis');
});
afterAll(() => db.end());

interface Model {
  deployed: { version: number; content: string };
  draft: { id: number; content: string } | null;
  drafts: { id: number; author: string }[];
  versions: { version: number; source: string }[];
}

describe('models', () => {
  it('refuses a broken draft at deployment with the engine’s reason, deploys the fixed one as a new version', async () => {
    const engine = (await createWorkflowFromConfig(cfg)).engine;
    const businessKey = `models-it-${Date.now()}`;
    const running = await engine.startProcess('platform-smoke', {
      businessKey,
      variables: { candidateGroup: 'officer.riga-centre', receiptNote: 'before the change' },
    });
    const formVersion = async () =>
      (
        await db.query<{ v: number | null }>(
          "SELECT max(version) AS v FROM deployed_resource WHERE kind = 'FORM' AND resource_id = 'platform-smoke-review'",
        )
      ).rows[0]?.v ?? 0;
    const formBefore = await formVersion();
    const list = (await (await analyst.fetch('/api/models')).json()) as {
      items: { kind: string; id: string; version: number }[];
    };
    expect(list.items).toContainEqual(expect.objectContaining({ kind: 'BPMN', id: 'platform-smoke' }));
    const model = (await (await analyst.fetch('/api/models/BPMN/platform-smoke')).json()) as Model;
    const v = model.deployed.version;

    // Broken: the external service task loses its topic.
    const broken = model.deployed.content.replace(/\s+camunda:topic="[^"]*"/, '');
    expect(broken).not.toBe(model.deployed.content);
    const saved = await analyst.fetch('/api/models/BPMN/platform-smoke/drafts', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ content: broken, note: 'bojāts' }),
    });
    expect(saved.status).toBe(201);
    const brokenDraft = (await saved.json()) as { id: number; author: string };
    expect(brokenDraft.author).toBe('kristaps.lacis');
    const refused = await analyst.fetch('/api/models/BPMN/platform-smoke/deploy', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ draftId: brokenDraft.id }),
    });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/topic/i);
    expect(((await (await analyst.fetch('/api/models/BPMN/platform-smoke')).json()) as Model).deployed.version).toBe(v);
    expect(await formVersion()).toBe(formBefore);
    // Nothing of the refused deployment was recorded: no audit row, the draft not marked deployed.
    expect(
      (
        await db.query("SELECT 1 FROM audit_log WHERE action = 'model.deployed' AND details->>'draftId' = $1", [
          String(brokenDraft.id),
        ])
      ).rowCount,
    ).toBe(0);
    expect(
      (
        await db.query<{ deployed_version: number | null }>('SELECT deployed_version FROM model_draft WHERE id = $1', [
          brokenDraft.id,
        ])
      ).rows[0]?.deployed_version,
    ).toBeNull();

    // Fixed: the task is renamed, the job type is there.
    const fixed = model.deployed.content.replace(
      'name="Pārbaudīt saņemšanu"',
      'name="Pārbaudīt saņemšanu (jauns nosaukums)"',
    );
    const second = (await (
      await analyst.fetch('/api/models/BPMN/platform-smoke/drafts', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ content: fixed }),
      })
    ).json()) as { id: number };
    const deployed = await analyst.fetch('/api/models/BPMN/platform-smoke/deploy', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ draftId: second.id }),
    });
    expect(deployed.status).toBe(200);
    const answer = (await deployed.json()) as { version: number; previousVersion: number; deploymentKey: string };
    expect(answer).toMatchObject({ version: v + 1, previousVersion: v });
    // The module went together: its form is versioned in the same deployment, so the new task finds its form.
    const form = await db.query<{ version: number; deployment_key: string; resource_key: string }>(
      "SELECT version, deployment_key, resource_key FROM deployed_resource WHERE kind = 'FORM' AND resource_id = 'platform-smoke-review' ORDER BY version DESC LIMIT 1",
    );
    expect(form.rows[0]).toMatchObject({
      version: formBefore + 1,
      deployment_key: answer.deploymentKey,
      resource_key: `${answer.deploymentKey}:platform-smoke/platform-smoke-review.form`,
    });
    const after = (await (await analyst.fetch('/api/models/BPMN/platform-smoke')).json()) as Model;
    expect(after.versions[0]).toMatchObject({ version: v + 1, source: 'MODELER' });
    expect(after.drafts.map((d) => d.id)).toEqual(expect.arrayContaining([brokenDraft.id, second.id]));

    // New instances run the new version; the running one stays on its own.
    const fresh = await engine.startProcess('platform-smoke', {
      businessKey,
      variables: { candidateGroup: 'officer.riga-centre', receiptNote: 'after the change' },
    });
    const versionOf = (key: string) =>
      waitFor(`instance ${key} in the read model`, async () => {
        const { rows } = await db.query<{ v: number }>(
          'SELECT process_definition_version AS v FROM process_instance WHERE process_instance_key = $1',
          [key],
        );
        return rows[0]?.v;
      });
    expect(await versionOf(running.instanceId)).toBe(v);
    expect(await versionOf(fresh.instanceId)).toBe(v + 1);
    const audit = await db.query<{ details: { deploymentKey: string; version: number } }>(
      "SELECT details FROM audit_log WHERE action = 'model.deployed' AND entity_id = 'platform-smoke' AND actor = 'kristaps.lacis' ORDER BY id DESC LIMIT 1",
    );
    expect(audit.rows[0]?.details).toMatchObject({ deploymentKey: answer.deploymentKey, version: v + 1 });

    // Migration: the running instance waits in a task that exists in the new version, so it may move.
    const preview = await waitFor('the running instance waiting in its task', async () => {
      const res = await analyst.fetch(`/api/models/BPMN/platform-smoke/migration?from=${v}`);
      if (res.status !== 200) throw new Error(`preview answered ${res.status}: ${await res.text()}`);
      const p = (await res.json()) as {
        to: { version: number };
        instances: { key: string; waitingIn: string[]; migratable: boolean }[];
      };
      const mine = p.instances.find((i) => i.key === running.instanceId);
      return mine?.waitingIn.includes('ReviewReceipt') ? { p, mine } : undefined;
    });
    expect(preview.p.to.version).toBe(v + 1);
    expect(preview.mine.migratable).toBe(true);
    const moved = await analyst.fetch('/api/models/BPMN/platform-smoke/migration', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ from: v, to: v + 1, reason: 'Jaunais nosaukums arī esošajām instancēm' }),
    });
    expect(moved.status).toBe(200);
    expect(((await moved.json()) as { migrated: string[] }).migrated).toContain(running.instanceId);
    await waitFor('the migrated instance on the new version', async () =>
      (await versionOf(running.instanceId)) === v + 1 ? true : undefined,
    );
    await engine.cancelInstance(running.instanceId, 'models test done');
    await engine.cancelInstance(fresh.instanceId, 'models test done');
  });

  it('keeps officers out: no list, no save, no deploy', async () => {
    const officer = await signIn(api, 'ilze.berzina');
    expect((await officer.fetch('/api/models')).status).toBe(403);
    expect(
      (
        await officer.fetch('/api/models/BPMN/platform-smoke/drafts', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ content: '<x/>'.repeat(10) }),
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await officer.fetch('/api/models/BPMN/platform-smoke/deploy', {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ draftId: 1 }),
        })
      ).status,
    ).toBe(403);
  });

  it('refuses a draft that is not a diagram, or renames the process', async () => {
    const bad = await analyst.fetch('/api/models/BPMN/platform-smoke/drafts', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ content: '<bpmn:definitions><unclosed></bpmn:definitions>' }),
    });
    expect(bad.status).toBe(422);
    const model = (await (await analyst.fetch('/api/models/BPMN/platform-smoke')).json()) as Model;
    const renamed = await analyst.fetch('/api/models/BPMN/platform-smoke/drafts', {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ content: model.deployed.content.replace('id="platform-smoke"', 'id="other-process"') }),
    });
    expect(renamed.status).toBe(422);
    expect(((await renamed.json()) as { detail: string }).detail).toContain('other-process');
  });

  it('refuses hostile diagrams at save with 422 and a sentence, and saves none of them (issue 17)', async () => {
    const model = (await (await analyst.fetch('/api/models/BPMN/platform-smoke')).json()) as Model;
    const real = model.deployed.content;
    const withDoctype = (dtd: string, use = '') =>
      real
        .replace(/^(<\?xml[^>]*\?>)?/, (decl) => `${decl}<!DOCTYPE definitions [${dtd}]>`)
        .replace('</bpmn:process>', `${use}</bpmn:process>`);
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`).join('');
    const hostile: [string, string, RegExp][] = [
      [
        'external entity',
        withDoctype('<!ENTITY x SYSTEM "file:///etc/passwd">', '<bpmn:documentation>&x;</bpmn:documentation>'),
        /DOCTYPE/,
      ],
      [
        'entity expansion',
        withDoctype(`<!ENTITY l0 "lol">${laughs}`, '<bpmn:documentation>&l9;</bpmn:documentation>'),
        /DOCTYPE/,
      ],
      [
        'huge nesting',
        real.replace('</bpmn:process>', `${'<x>'.repeat(100_000)}${'</x>'.repeat(100_000)}</bpmn:process>`),
        /nests elements more than 200 levels/,
      ],
      ['parameter entity', withDoctype('<!ENTITY % p SYSTEM "http://127.0.0.1:3100/health"> %p;'), /DOCTYPE/],
    ];
    const drafts = async () =>
      Number(
        (await db.query<{ n: string }>("SELECT count(*) AS n FROM model_draft WHERE resource_id = 'platform-smoke'"))
          .rows[0]!.n,
      );
    const before = await drafts();
    for (const [what, content, sentence] of hostile) {
      const res = await analyst.fetch('/api/models/BPMN/platform-smoke/drafts', {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ content }),
      });
      expect({ what, status: res.status }).toEqual({ what, status: 422 });
      const problem = (await res.json()) as { detail: string };
      expect(problem.detail).toMatch(sentence);
      expect(problem.detail).toContain('Nothing was saved');
    }
    expect(await drafts()).toBe(before);
  });
});
