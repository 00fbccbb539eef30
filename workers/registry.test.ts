import { loadProcessResources } from '../processes/catalog';
import { indexBpmn } from '../processes/model-index';
import { ALL_WORKERS } from './registry';

// A job type in a deployed diagram without a worker would leave its instances waiting forever.
describe('worker registry', () => {
  it('has a registered job worker for every service task type', async () => {
    const registered = new Set(ALL_WORKERS.map((w) => w.type));
    const missing: string[] = [];
    for (const r of (await loadProcessResources()).filter((x) => x.kind === 'bpmn')) {
      for (const type of indexBpmn(r.content).jobTypes) if (!registered.has(type)) missing.push(`${r.name}: ${type}`);
    }
    expect(missing).toEqual([]);
  });
});
