import pino from 'pino';
import type { ProcessResource } from './catalog';
import { withoutModelerOverrides } from './deploy';

/** Start-up must not undo an analyst's deployment by deploying an older repository file again. */
const res = (name: string, text: string): ProcessResource => ({
  name,
  kind: 'bpmn',
  content: Buffer.from(text),
  sha256: '',
});
const db = (rows: { resource_name: string; content: string; source: string; version: number }[]) => ({
  query: async <R>() => ({
    rows: rows.map((r) => ({
      ...r,
      latest: Math.max(...rows.filter((x) => x.resource_name === r.resource_name).map((x) => x.version)),
    })) as R[],
  }),
});
const log = pino({ level: 'silent' });

describe('withoutModelerOverrides', () => {
  it('deploys the analyst’s version instead of a repository file the analyst has replaced, keeps files a developer changed since and everything else', async () => {
    const rows = [
      { resource_name: 'a/a.bpmn', content: 'A1', source: 'REPO', version: 1 },
      { resource_name: 'a/a.bpmn', content: 'A2 by analyst', source: 'MODELER', version: 2 },
      { resource_name: 'b/b.bpmn', content: 'B1', source: 'REPO', version: 1 },
      { resource_name: 'b/b.bpmn', content: 'B2 by analyst', source: 'MODELER', version: 2 },
      { resource_name: 'c/c.bpmn', content: 'C1', source: 'REPO', version: 1 },
    ];
    const kept = await withoutModelerOverrides(
      db(rows),
      [res('a/a.bpmn', 'A1'), res('b/b.bpmn', 'B3 by developer'), res('c/c.bpmn', 'C1'), res('d/d.bpmn', 'D1')],
      log,
    );
    expect(kept.map((r) => [r.name, r.content.toString('utf8')])).toEqual([
      ['a/a.bpmn', 'A2 by analyst'],
      ['b/b.bpmn', 'B3 by developer'],
      ['c/c.bpmn', 'C1'],
      ['d/d.bpmn', 'D1'],
    ]);
  });
});
