import { loadManifests, loadProcessResources } from './catalog';
import { indexBpmn } from './model-index';

// Consistency of everything that is deployed: a form id without a form would leave a user task that nobody can
// complete (that every job type has a worker is checked by the worker host, workers/registry.test.ts).
describe('process catalog', () => {
  it('has a manifest for every process folder, and drafts parse', async () => {
    const manifests = await loadManifests();
    expect(manifests.map((m) => m.id)).toContain('platform-smoke');
    for (const m of manifests) expect(['active', 'draft']).toContain(m.status);
    for (const r of (await loadProcessResources(undefined, { includeDrafts: true })).filter((x) => x.kind === 'bpmn')) {
      expect(indexBpmn(r.content).processIds.length).toBeGreaterThan(0);
    }
  });

  it('finds diagrams and forms in processes/<process>/', async () => {
    const resources = await loadProcessResources();
    expect(resources.some((r) => r.kind === 'bpmn')).toBe(true);
    for (const r of resources) expect(r.name).toMatch(/^[a-z0-9-]+\/[a-z0-9-]+\.(bpmn|form)$/);
  });

  it('has a deployed form for every linked form id, and every form has a unique id', async () => {
    const resources = await loadProcessResources();
    const formIds = resources
      .filter((r) => r.kind === 'form')
      .map((r) => (JSON.parse(r.content.toString()) as { id: string }).id);
    expect(new Set(formIds).size).toBe(formIds.length);
    const missing: string[] = [];
    for (const r of resources.filter((x) => x.kind === 'bpmn')) {
      for (const id of indexBpmn(r.content).formIds) if (!formIds.includes(id)) missing.push(`${r.name}: ${id}`);
    }
    expect(missing).toEqual([]);
  });

  it('indexes a BPMN document', () => {
    const xml = `<?xml version="1.0"?><bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn">
      <bpmn:message id="m" name="ruling-received"/>
      <bpmn:process id="p1"><bpmn:serviceTask id="s" camunda:type="external" camunda:topic="a.b"/>
      <bpmn:sendTask id="n" camunda:type="external" camunda:topic="a.c"/>
      <bpmn:userTask id="u" camunda:formRef="f1" camunda:formRefBinding="deployment" camunda:candidateGroups="officer.x"/></bpmn:process>
    </bpmn:definitions>`;
    expect(indexBpmn(xml)).toEqual({
      processIds: ['p1'],
      jobTypes: ['a.b', 'a.c'],
      formIds: ['f1'],
      userTaskIds: ['u'],
      messageNames: ['ruling-received'],
    });
  });
});
