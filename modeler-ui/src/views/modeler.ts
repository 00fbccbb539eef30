import BpmnModeler from 'camunda-bpmn-js/lib/camunda-cloud/Modeler';
import 'camunda-bpmn-js/dist/assets/camunda-cloud-modeler.css';
import lintModule from 'bpmn-js-bpmnlint';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { api } from '../api';
import { t } from '../i18n';
import { el, errorBox, formatDateTime, okBox, processLabel } from './dom';
import { bpmnlintConfig } from './lint-config';

/**
 * The analyst's modeler: the Camunda 8 modeler (camunda-bpmn-js: properties panel for job types, forms,
 * candidate groups, timers, messages) with Camunda's lint rules on the diagram, the form-js editor for forms,
 * drafts saved with their author, a comparison with the deployed version marked on the diagram, and deployment
 * as a new version with the engine's verdict in plain words.
 */
interface ModelRow { kind: 'BPMN' | 'FORM'; id: string; version: number; deployedAt: string; source: string; latestDraft: { author: string; savedAt: string; deployedVersion: number | null } | null }
interface Model {
  kind: 'BPMN' | 'FORM'; id: string; resourceName: string;
  deployed: { version: number; content: string; deployedAt: string; source: string; deployedBy: string | null };
  draft: { id: number; content: string; author: string; savedAt: string } | null;
  drafts: { id: number; author: string; savedAt: string; note: string | null; deployedVersion: number | null }[];
  versions: { version: number; deployedAt: string; source: string; deployedBy: string | null }[];
}


export async function renderModels(root: HTMLElement): Promise<HTMLElement> {
  const heading = el('h1', { id: 'modeler-title', tabindex: '-1' }, t('modelerTitle'));
  root.replaceChildren(heading);
  let list: { items: ModelRow[] };
  try {
    list = await api('/api/models');
  } catch (err) {
    root.append(errorBox(err));
    return heading;
  }
  const table = (kind: 'BPMN' | 'FORM') =>
    el('table', { class: 'tasks' },
      el('thead', {}, el('tr', {}, ...(['colModel', 'colVersion', 'colDraft'] as const).map((k) => el('th', { scope: 'col' }, t(k))))),
      el('tbody', {}, ...list.items.filter((m) => m.kind === kind && !m.id.startsWith('platform')).map((m) => el('tr', {},
        el('td', {}, el('a', { href: `#/modeler/${m.kind}/${m.id}` }, kind === 'BPMN' ? processLabel(m.id) : m.id), el('div', { class: 'sub' }, m.id)),
        el('td', {}, `v${m.version}`, el('div', { class: 'sub' }, `${formatDateTime(m.deployedAt)} · ${m.source === 'MODELER' ? 'modelētājs' : t('fromRepo')}`)),
        el('td', {}, m.latestDraft && m.latestDraft.deployedVersion === null ? `${m.latestDraft.author}, ${formatDateTime(m.latestDraft.savedAt)}` : '—'),
      ))));
  root.append(el('h2', {}, t('modelsProcesses')), table('BPMN'), el('h2', {}, t('modelsForms')), table('FORM'));
  return heading;
}

export async function renderModel(root: HTMLElement, kind: 'BPMN' | 'FORM', id: string): Promise<HTMLElement> {
  const heading = el('h1', { id: 'model-title', tabindex: '-1' }, kind === 'BPMN' ? processLabel(id) : id);
  const message = el('div', { role: 'status', 'aria-live': 'polite' });
  const lint = el('div', { class: 'lint', role: 'status', 'aria-live': 'polite' });
  root.replaceChildren(el('p', {}, el('a', { href: '#/modeler' }, `← ${t('modelerTitle')}`)), heading, message);
  let model: Model;
  try {
    model = await api<Model>(`/api/models/${kind}/${id}`);
  } catch (err) {
    root.append(errorBox(err));
    return heading;
  }
  const save = el('button', { type: 'button' }, t('saveModelDraft'));
  const deploy = el('button', { type: 'button', class: 'primary' }, t('deploy'));
  const diff = el('button', { type: 'button' }, t('showDiff'));
  const meta = el('p', { class: 'sub' }, `v${model.deployed.version} · ${formatDateTime(model.deployed.deployedAt)}${model.deployed.deployedBy ? ` · ${t('deployedBy', { who: model.deployed.deployedBy })}` : ''}`);
  const editorBox = el('div', { class: kind === 'BPMN' ? 'modeler-canvas' : 'form-editor' });
  const panel = el('div', { class: 'properties', 'aria-label': 'Properties' });
  const workspace = el('div', { class: 'modeler-workspace' }, editorBox, ...(kind === 'BPMN' ? [panel] : []));
  const history = el('details', {}, el('summary', {}, `${t('historyDrafts')} (${model.drafts.length}) · ${t('versionsTitle')} (${model.versions.length})`),
    el('ul', {}, ...model.drafts.map((d) => el('li', {}, `${formatDateTime(d.savedAt)} · ${d.author}${d.note ? ` · ${d.note}` : ''}${d.deployedVersion ? ` → v${d.deployedVersion}` : ''}`))),
    el('ul', {}, ...model.versions.map((v) => el('li', {}, `v${v.version} · ${formatDateTime(v.deployedAt)} · ${v.deployedBy ?? t('fromRepo')}`))));
  const migration = el('section', { class: 'migration' });
  root.append(meta, el('div', { class: 'actions' }, save, deploy, ...(kind === 'BPMN' ? [diff] : [])), lint, workspace, migration, history);
  if (kind === 'BPMN' && model.versions.length > 1) void migrationSection(migration, id, model.versions[1]!.version, model.versions[0]!.version);

  const content = model.draft?.content ?? model.deployed.content;
  let getContent: () => Promise<string>;
  let lintErrors = 0;
  if (kind === 'BPMN') {
    const modeler = new BpmnModeler({ container: editorBox, propertiesPanel: { parent: panel }, linting: { bpmnlint: bpmnlintConfig, active: true }, additionalModules: [lintModule] });
    modeler.on('linting.completed', (e: { issues: Record<string, { category: string; message: string; id: string }[]> }) => {
      const all = Object.values(e.issues).flat();
      lintErrors = all.filter((i) => i.category === 'error').length;
      const warnings = all.filter((i) => i.category === 'warn').length;
      lint.replaceChildren(all.length
        ? el('div', { class: 'overall', 'data-state': lintErrors ? 'down' : 'loading' }, t('lintIssues', { errors: String(lintErrors), warnings: String(warnings) }),
            el('ul', {}, ...all.slice(0, 12).map((i) => el('li', {}, `${i.id}: ${i.message}`))))
        : el('p', { class: 'overall', 'data-state': 'up' }, t('lintOk')));
    });
    await modeler.importXML(content);
    (modeler.get('canvas') as { zoom(v: string): void }).zoom('fit-viewport');
    getContent = async () => (await modeler.saveXML({ format: true })).xml ?? '';
    diff.addEventListener('click', async () => {
      const d = diffBpmn(model.deployed.content, await getContent());
      const canvas = modeler.get('canvas') as { addMarker(id: string, c: string): void; removeMarker(id: string, c: string): void };
      const registry = modeler.get('elementRegistry') as { get(id: string): unknown };
      for (const id of d.added) if (registry.get(id)) canvas.addMarker(id, 'pf-diff-added');
      for (const id of d.changed) if (registry.get(id)) canvas.addMarker(id, 'pf-diff-changed');
      message.replaceChildren(el('div', { class: 'overall', 'data-state': 'loading' },
        d.added.length + d.changed.length + d.removed.length
          ? t('diffSummary', { version: String(model.deployed.version), added: String(d.added.length), changed: String(d.changed.length), removed: String(d.removed.length) })
          : t('diffNone'),
        el('ul', {}, ...[...d.added.map((x) => `+ ${x}`), ...d.changed.map((x) => `~ ${x}`), ...d.removed.map((x) => `− ${x}`)].slice(0, 20).map((x) => el('li', {}, x)))));
    });
  } else {
    const editor = new FormEditor({ container: editorBox });
    await editor.importSchema(JSON.parse(content) as never);
    getContent = async () => JSON.stringify(editor.saveSchema(), null, 2);
  }

  const saveDraft = async (): Promise<number> => {
    const d = await api<{ id: number; savedAt: string }>(`/api/models/${kind}/${id}/drafts`, { method: 'POST', body: { content: await getContent() } });
    message.replaceChildren(okBox(t('draftSavedAs', { time: formatDateTime(d.savedAt) })));
    return d.id;
  };
  save.addEventListener('click', () => void saveDraft().catch((err: unknown) => message.replaceChildren(errorBox(err))));
  deploy.addEventListener('click', async () => {
    try {
      if (lintErrors) {
        message.replaceChildren(errorBox(t('lintIssues', { errors: String(lintErrors), warnings: '0' })));
        return;
      }
      deploy.setAttribute('disabled', '');
      const draftId = await saveDraft();
      const r = await api<{ version: number }>(`/api/models/${kind}/${id}/deploy`, { method: 'POST', body: { draftId } });
      message.replaceChildren(okBox(t('deployed', { version: String(r.version) })));
      meta.textContent = `v${r.version}`;
      if (kind === 'BPMN' && r.version > 1) void migrationSection(migration, id, r.version - 1, r.version);
    } catch (err) {
      message.replaceChildren(errorBox(err));
    } finally {
      deploy.removeAttribute('disabled');
    }
  });
  return heading;
}

/** Preview of moving running instances between versions, and the move itself with a reason. */
async function migrationSection(box: HTMLElement, id: string, from: number, to: number): Promise<void> {
  try {
    const p = await api<{ instances: { key: string; caseNumber: string | null; waitingIn: string[]; missingInTarget: string[]; migratable: boolean }[] }>(`/api/models/BPMN/${id}/migration?from=${from}&to=${to}`);
    const heading = el('h2', {}, t('migrationTitle', { from: String(from), to: String(to) }));
    if (!p.instances.length) return void box.replaceChildren(heading, el('p', { class: 'muted' }, t('migrationNone', { from: String(from) })));
    const result = el('div', { role: 'status', 'aria-live': 'polite' });
    const reasonId = `migrate-reason-${id}`;
    const input = el('input', { id: reasonId, required: '', minlength: '10' }) as HTMLInputElement;
    const form = el('form', { class: 'inline-form' }, el('label', { for: reasonId }, t('reason')), input, el('button', { type: 'submit', class: 'primary' }, t('migrate'))) as HTMLFormElement;
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const r = await api<{ migrated: string[]; refused: { key: string; reason: string }[]; skipped: string[] }>(`/api/models/BPMN/${id}/migration`, { method: 'POST', body: { from, to, reason: input.value } });
        result.replaceChildren(okBox(t('migrated', { n: String(r.migrated.length), refused: String(r.refused.length), skipped: String(r.skipped.length) })), ...r.refused.map((x) => el('p', { class: 'sub' }, `${x.key}: ${x.reason}`)));
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    });
    box.replaceChildren(heading,
      el('table', { class: 'tasks' },
        el('thead', {}, el('tr', {}, ...(['colCase', 'colWaitingIn', 'colMigratable'] as const).map((k) => el('th', { scope: 'col' }, t(k))))),
        el('tbody', {}, ...p.instances.slice(0, 50).map((i) => el('tr', {}, el('td', {}, i.caseNumber ?? i.key), el('td', {}, i.waitingIn.join(', ') || '—'), el('td', {}, i.migratable ? t('yes') : `${t('no')} (${i.missingInTarget.join(', ')})`))))),
      form, result);
  } catch (err) {
    box.replaceChildren(errorBox(err));
  }
}

/** Elements added, changed or removed between two BPMN files, by id (attributes and content compared). */
export function diffBpmn(before: string, after: string): { added: string[]; changed: string[]; removed: string[] } {
  const index = (xml: string) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const out = new Map<string, string>();
    // Semantic elements only: the diagram interchange (positions) is not a change in behaviour.
    doc.querySelectorAll('[id]').forEach((e) => {
      if (e.namespaceURI?.includes('BPMN/20100524/MODEL') && e.localName !== 'definitions' && e.localName !== 'process') {
        out.set(e.getAttribute('id')!, new XMLSerializer().serializeToString(e).replace(/\s+/g, ' '));
      }
    });
    return out;
  };
  const a = index(before);
  const b = index(after);
  return {
    added: [...b.keys()].filter((k) => !a.has(k)),
    changed: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)),
    removed: [...a.keys()].filter((k) => !b.has(k)),
  };
}
