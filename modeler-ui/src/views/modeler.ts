import BpmnModeler from 'camunda-bpmn-js/lib/camunda-platform/Modeler';
import 'camunda-bpmn-js/dist/assets/camunda-platform-modeler.css';
import lintingModule from '@camunda/linting/modeler';
import '@camunda/linting/assets/linting.css';
import { FormEditor } from '@bpmn-io/form-js-editor';
import '@bpmn-io/form-js-editor/dist/assets/form-js-editor.css';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { api, ApiError, type ApiAnswer } from '../api';
import { t } from '../i18n';
import { el, errorBox, formatDateTime, okBox, processLabel } from './dom';
import { createLinter, EXECUTION_PLATFORM, EXECUTION_PLATFORM_VERSION, localize, type LintReport } from './lint-config';

/**
 * The analyst's modeler on the Camunda 7 dialect that Operaton runs (docs/modeler.md): camunda-bpmn-js's Camunda
 * Platform modeler (properties panel for external task topics, forms by reference, candidate groups, due dates,
 * timers, messages, input/output mappings), Camunda's lint for Camunda 7 platform diagrams plus our own rules on
 * the diagram and in the properties panel, the form-js editor for forms, drafts saved with their author, a
 * comparison with the deployed version marked on the diagram, deployment of the whole process module as a new
 * version with the engine's verdict in plain words, and migration of running instances through the engine's plan.
 */
type ModelRow = ApiAnswer<'/api/models'>['items'][number];
type Model = ApiAnswer<'/api/models/{kind}/{id}'>;

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
    el(
      'table',
      { class: 'tasks' },
      el(
        'thead',
        {},
        el('tr', {}, ...(['colModel', 'colVersion', 'colDraft'] as const).map((k) => el('th', { scope: 'col' }, t(k)))),
      ),
      el(
        'tbody',
        {},
        ...list.items
          .filter((m) => m.kind === kind && !m.id.startsWith('platform'))
          .map((m) =>
            el(
              'tr',
              {},
              el(
                'td',
                {},
                el('a', { href: `#/modeler/${m.kind}/${m.id}` }, kind === 'BPMN' ? processLabel(m.id) : m.id),
                el('div', { class: 'sub' }, m.id),
              ),
              el(
                'td',
                {},
                `v${m.version}`,
                el(
                  'div',
                  { class: 'sub' },
                  `${formatDateTime(m.deployedAt)} · ${m.source === 'MODELER' ? t('fromModeler') : t('fromRepo')}`,
                ),
              ),
              el(
                'td',
                {},
                m.latestDraft && m.latestDraft.deployedVersion === null
                  ? `${m.latestDraft.author}, ${formatDateTime(m.latestDraft.savedAt)}`
                  : '—',
              ),
            ),
          ),
      ),
    );
  root.append(el('h2', {}, t('modelsProcesses')), table('BPMN'), el('h2', {}, t('modelsForms')), table('FORM'));
  return heading;
}

/** The process module of a resource (`<module>/<module>.bpmn` → `<module>`): deployed whole. */
const moduleOf = (resourceName: string): string =>
  resourceName.includes('/') ? resourceName.slice(0, resourceName.indexOf('/')) : '';

interface Definitions {
  $attrs: Record<string, string>;
}
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface Canvas {
  zoom(v: string): void;
  viewbox(): Box & { scale: number };
  viewbox(box: Box): void;
  addMarker(id: string, c: string): void;
  removeMarker(id: string, c: string): void;
}
interface Linting {
  setErrors(reports: LintReport[]): void;
  showError(report: LintReport): void;
  activate(): void;
}

export async function renderModel(root: HTMLElement, kind: 'BPMN' | 'FORM', id: string): Promise<HTMLElement> {
  const heading = el('h1', { id: 'model-title', tabindex: '-1' }, kind === 'BPMN' ? processLabel(id) : id);
  const message = el('div', { role: 'status', 'aria-live': 'polite' });
  const lint = el('div', { class: 'lint', role: 'status', 'aria-live': 'polite' });
  root.replaceChildren(el('p', {}, el('a', { href: '#/modeler' }, `← ${t('modelerTitle')}`)), heading, message);
  let model: Model;
  let all: ModelRow[];
  try {
    [model, { items: all }] = await Promise.all([
      api<Model>(`/api/models/${kind}/${id}`),
      api<{ items: ModelRow[] }>('/api/models'),
    ]);
  } catch (err) {
    root.append(errorBox(err));
    return heading;
  }
  const module = moduleOf(model.resourceName);
  // The forms deployed with this diagram: a user task may reference only those (they go to the engine together).
  const formIds = new Set(all.filter((m) => m.kind === 'FORM' && moduleOf(m.resourceName) === module).map((m) => m.id));
  let deployedContent = model.deployed.content;
  const save = el('button', { type: 'button' }, t('saveModelDraft'));
  const deploy = el('button', { type: 'button', class: 'primary' }, t('deploy'));
  const diff = el('button', { type: 'button' }, t('showDiff'));
  const metaText = (version: number, at: string, by: string | null) =>
    `v${version} · ${formatDateTime(at)}${by ? ` · ${t('deployedBy', { who: by })}` : ''} · ${t('moduleOf', { module: module || id })}`;
  const meta = el(
    'p',
    { class: 'sub' },
    metaText(model.deployed.version, model.deployed.deployedAt, model.deployed.deployedBy),
    ...(model.draft
      ? [
          ' · ',
          el('strong', {}, t('draftOpen', { author: model.draft.author, time: formatDateTime(model.draft.savedAt) })),
        ]
      : []),
  );
  const editorBox = el('div', { class: kind === 'BPMN' ? 'modeler-canvas' : 'form-editor' });
  const panel = el('div', { class: 'properties', 'aria-label': t('propertiesPanel') });
  const workspace = el('div', { class: 'modeler-workspace' }, editorBox, ...(kind === 'BPMN' ? [panel] : []));
  const historyOf = (m: Model) =>
    el(
      'details',
      {},
      el('summary', {}, `${t('historyDrafts')} (${m.drafts.length}) · ${t('versionsTitle')} (${m.versions.length})`),
      el(
        'ul',
        {},
        ...m.drafts.map((d) =>
          el(
            'li',
            {},
            `${formatDateTime(d.savedAt)} · ${d.author}${d.note ? ` · ${d.note}` : ''}${d.deployedVersion ? ` → v${d.deployedVersion}` : ''}`,
          ),
        ),
      ),
      el(
        'ul',
        {},
        ...m.versions.map((v) =>
          el('li', {}, `v${v.version} · ${formatDateTime(v.deployedAt)} · ${v.deployedBy ?? t('fromRepo')}`),
        ),
      ),
    );
  let history = historyOf(model);
  // After a save or a deployment: the drafts and versions as the API has them now.
  let refreshes = 0;
  const refreshHistory = () => {
    const mine = ++refreshes;
    void api<Model>(`/api/models/${kind}/${id}`).then(
      (m) => {
        if (mine !== refreshes) return; // a newer refresh is on its way
        const next = historyOf(m);
        history.replaceWith(next);
        history = next;
      },
      () => undefined,
    );
  };
  const migration = el('section', { class: 'migration' });
  root.append(
    meta,
    el('div', { class: 'actions' }, save, deploy, ...(kind === 'BPMN' ? [diff] : [])),
    el('p', { class: 'sub' }, t('deployModuleHint', { module: module || id })),
    lint,
    workspace,
    migration,
    history,
  );
  if (kind === 'BPMN' && model.versions.length > 1)
    void migrationSection(
      migration,
      id,
      model.versions[1]!.version,
      model.versions[0]!.version,
      elementNames(deployedContent),
    );

  const content = model.draft?.content ?? model.deployed.content;
  let getContent: () => Promise<string>;
  let lintErrors = 0;
  if (kind === 'BPMN') {
    const modeler = new BpmnModeler({
      container: editorBox,
      propertiesPanel: { parent: panel },
      linting: { active: true },
      additionalModules: [lintingModule],
    });
    const linting = modeler.get('linting') as Linting;
    const linter = createLinter(formIds);
    getContent = async () => (await modeler.saveXML({ format: true })).xml ?? '';
    // Lint what would be deployed (the saved XML), the newest edit winning; findings go on the diagram, into the
    // properties panel next to the field, and into the list above the canvas (a click shows the element and field).
    let run = 0;
    const runLint = async () => {
      const mine = ++run;
      const reports = localize(await linter.lint(await getContent()));
      if (mine !== run) return;
      linting.setErrors(reports);
      const order = { error: 0, 'rule-error': 1, warn: 2, info: 3 } as const;
      const shown = [...reports].sort((a, b) => order[a.category] - order[b.category]);
      lintErrors = reports.filter((r) => r.category === 'error').length;
      const warnings = reports.filter((r) => r.category !== 'error').length;
      const item = (r: LintReport) => {
        const b = el('button', { type: 'button', class: 'link', 'data-category': r.category }, `${r.id}: ${r.message}`);
        b.addEventListener('click', () => linting.showError(r));
        return el('li', {}, b);
      };
      lint.replaceChildren(
        reports.length
          ? el(
              'div',
              { class: 'overall', 'data-state': lintErrors ? 'down' : 'loading' },
              t('lintIssues', { errors: String(lintErrors), warnings: String(warnings) }),
              el(
                'ul',
                {},
                ...shown.slice(0, 12).map(item),
                ...(shown.length > 12 ? [el('li', {}, t('lintMore', { n: String(shown.length - 12) }))] : []),
              ),
            )
          : el('p', { class: 'overall', 'data-state': 'up' }, t('lintOk')),
      );
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const lintSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void runLint().catch((err: unknown) => lint.replaceChildren(errorBox(err))), 250);
    };
    modeler.on('commandStack.changed', lintSoon);
    await modeler.importXML(content);
    // Camunda's lint picks its rules by these two attributes, and the engine's tools read them: every diagram keeps them.
    const defs = modeler.getDefinitions() as unknown as Definitions;
    defs.$attrs['xmlns:modeler'] ??= 'http://camunda.org/schema/modeler/1.0';
    defs.$attrs['modeler:executionPlatform'] = EXECUTION_PLATFORM;
    defs.$attrs['modeler:executionPlatformVersion'] = EXECUTION_PLATFORM_VERSION;
    // The whole diagram in view, clear of the palette (left) and the minimap button (top right) over the canvas.
    const canvas = modeler.get('canvas') as Canvas;
    canvas.zoom('fit-viewport');
    const vb = canvas.viewbox();
    const [left, right, top] = [130 / vb.scale, 150 / vb.scale, 50 / vb.scale];
    canvas.viewbox({ x: vb.x - left, y: vb.y - top, width: vb.width + left + right, height: vb.height + top });
    linting.activate();
    await runLint().catch((err: unknown) => lint.replaceChildren(errorBox(err)));
    diff.addEventListener('click', async () => {
      const d = diffBpmn(deployedContent, await getContent());
      const canvas = modeler.get('canvas') as Canvas;
      const registry = modeler.get('elementRegistry') as { get(id: string): unknown };
      for (const id of d.added) if (registry.get(id)) canvas.addMarker(id, 'pf-diff-added');
      for (const id of d.changed) if (registry.get(id)) canvas.addMarker(id, 'pf-diff-changed');
      message.replaceChildren(
        el(
          'div',
          { class: 'overall', 'data-state': 'loading' },
          d.added.length + d.changed.length + d.removed.length
            ? t('diffSummary', {
                version: String(model.deployed.version),
                added: String(d.added.length),
                changed: String(d.changed.length),
                removed: String(d.removed.length),
              })
            : t('diffNone'),
          el(
            'ul',
            {},
            ...[...d.added.map((x) => `+ ${x}`), ...d.changed.map((x) => `~ ${x}`), ...d.removed.map((x) => `− ${x}`)]
              .slice(0, 20)
              .map((x) => el('li', {}, x)),
          ),
        ),
      );
    });
  } else {
    const editor = new FormEditor({ container: editorBox });
    await editor.importSchema(JSON.parse(content) as never);
    getContent = async () => JSON.stringify(editor.saveSchema(), null, 2);
  }

  const saveDraft = async (): Promise<{ id: number; content: string }> => {
    const body = await getContent();
    const d = await api<ApiAnswer<'/api/models/{kind}/{id}/drafts', 'post'>>(`/api/models/${kind}/${id}/drafts`, {
      method: 'POST',
      body: { content: body },
    });
    message.replaceChildren(okBox(t('draftSavedAs', { time: formatDateTime(d.savedAt) })));
    refreshHistory();
    return { id: d.id, content: body };
  };
  // A DOCTYPE is refused at save (entities); the UI says so in the user's language.
  const saveError = (err: unknown) =>
    err instanceof ApiError && err.type?.endsWith('/xml-doctype') ? errorBox(t('draftDoctype')) : errorBox(err);
  save.addEventListener(
    'click',
    () => void saveDraft().catch((err: unknown) => message.replaceChildren(saveError(err))),
  );
  deploy.addEventListener('click', async () => {
    try {
      if (lintErrors) {
        message.replaceChildren(errorBox(t('lintIssues', { errors: String(lintErrors), warnings: '0' })));
        return;
      }
      deploy.setAttribute('disabled', '');
      const draft = await saveDraft();
      const r = await api<ApiAnswer<'/api/models/{kind}/{id}/deploy', 'post'>>(`/api/models/${kind}/${id}/deploy`, {
        method: 'POST',
        body: { draftId: draft.id },
      });
      if (r.version === r.previousVersion) {
        message.replaceChildren(okBox(t('deployedUnchanged', { version: String(r.version) })));
        return;
      }
      message.replaceChildren(okBox(t('deployed', { version: String(r.version) })));
      refreshHistory();
      // What runs now is the comparison's base.
      deployedContent = draft.content;
      model.deployed.version = r.version;
      meta.textContent = metaText(r.version, new Date().toISOString(), null);
      // The preview of the earlier versions is out of date: nothing to click until the new one is there.
      if (kind === 'BPMN' && r.previousVersion > 0)
        migration.replaceChildren(
          el('h2', {}, t('migrationTitle', { from: String(r.previousVersion), to: String(r.version) })),
          el('p', { class: 'muted' }, '…'),
        );
      if (kind === 'BPMN' && r.previousVersion > 0)
        void migrationSection(migration, id, r.previousVersion, r.version, elementNames(deployedContent));
    } catch (err) {
      message.replaceChildren(errorBox(err));
    } finally {
      deploy.removeAttribute('disabled');
    }
  });
  return heading;
}

type MigrationPreview = ApiAnswer<'/api/models/BPMN/{id}/migration'>;

/**
 * Preview of moving running instances between versions (the engine's migration plan: which instances can move,
 * where each waits, what the engine cannot map), and the move itself with a reason.
 */
async function migrationSection(
  box: HTMLElement,
  id: string,
  from: number,
  to: number,
  names: ReadonlyMap<string, string>,
): Promise<void> {
  // An element as analysts know it: its name, with the id the engine uses.
  const label = (elementId: string) => (names.get(elementId) ? `${names.get(elementId)} (${elementId})` : elementId);
  try {
    const p = await api<MigrationPreview>(`/api/models/BPMN/${id}/migration?from=${from}&to=${to}`);
    const heading = el('h2', {}, t('migrationTitle', { from: String(from), to: String(to) }));
    const problems = p.problems ?? [];
    const problemList = problems.length
      ? el(
          'div',
          { class: 'overall', 'data-state': 'loading' },
          t('migrationProblems', { n: String(problems.length) }),
          el(
            'ul',
            { class: 'migration-problems' },
            ...problems
              .slice(0, 30)
              .map((x) =>
                el(
                  'li',
                  {},
                  el('strong', {}, x.elementId ? label(x.elementId) : t('migrationWholePlan')),
                  `: ${x.reason}`,
                ),
              ),
          ),
        )
      : el('p', { class: 'sub' }, t('migrationAllMapped'));
    if (!p.instances.length)
      return void box.replaceChildren(
        heading,
        el('p', { class: 'muted' }, t('migrationNone', { from: String(from) })),
        problemList,
      );
    const result = el('div', { role: 'status', 'aria-live': 'polite' });
    const reasonId = `migrate-reason-${id}`;
    const input = el('input', { id: reasonId, required: '', minlength: '10' }) as HTMLInputElement;
    const movable = p.instances.filter((i) => i.migratable).length;
    const submit = el('button', { type: 'submit', class: 'primary' }, t('migrate'));
    if (!movable) submit.setAttribute('disabled', '');
    const form = el(
      'form',
      { class: 'inline-form' },
      el('label', { for: reasonId }, t('reason')),
      input,
      submit,
    ) as HTMLFormElement;
    const verdicts = new Map(
      p.instances.map((i) => [
        i.key,
        el(
          'td',
          {},
          i.migratable
            ? t('yes')
            : `${t('no')} (${t('migrationNotMapped', { ids: i.missingInTarget.map(label).join(', ') })})`,
        ),
      ]),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const r = await api<ApiAnswer<'/api/models/BPMN/{id}/migration', 'post'>>(`/api/models/BPMN/${id}/migration`, {
          method: 'POST',
          body: { from, to, reason: input.value },
        });
        const caseOf = (key: string) => p.instances.find((i) => i.key === key)?.caseNumber ?? key;
        result.replaceChildren(
          okBox(
            t('migrated', {
              n: String(r.migrated.length),
              refused: String(r.refused.length),
              skipped: String(r.skipped.length),
            }),
          ),
          ...r.refused.map((x) => el('p', { class: 'sub' }, `${caseOf(x.key)}: ${x.reason}`)),
        );
        // Each row says what became of its instance; the moved ones are no longer on this version.
        for (const key of r.migrated)
          verdicts.get(key)?.replaceChildren(el('strong', {}, t('migratedTo', { to: String(to) })));
        for (const x of r.refused) verdicts.get(x.key)?.replaceChildren(`${t('no')}: ${x.reason}`);
        if (r.migrated.length) submit.setAttribute('disabled', '');
      } catch (err) {
        result.replaceChildren(errorBox(err));
      }
    });
    box.replaceChildren(
      heading,
      el('p', {}, t('migrationSummary', { movable: String(movable), total: String(p.instances.length) })),
      problemList,
      el(
        'table',
        { class: 'tasks' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...(['colCase', 'colWaitingIn', 'colMigratable'] as const).map((k) => el('th', { scope: 'col' }, t(k))),
          ),
        ),
        el(
          'tbody',
          {},
          ...p.instances
            .slice(0, 50)
            .map((i) =>
              el(
                'tr',
                {},
                el('td', {}, i.caseNumber ?? i.key),
                el('td', {}, i.waitingIn.map(label).join(', ') || '—'),
                verdicts.get(i.key)!,
              ),
            ),
        ),
      ),
      form,
      result,
    );
  } catch (err) {
    box.replaceChildren(errorBox(err));
  }
}

/** The names of a diagram's elements by id (the engine's messages and the preview name ids). */
function elementNames(xml: string): Map<string, string> {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const out = new Map<string, string>();
  doc.querySelectorAll('[id][name]').forEach((e) => {
    const name = e.getAttribute('name')!.replace(/\s+/g, ' ').trim();
    if (name && e.namespaceURI?.includes('BPMN/20100524/MODEL')) out.set(e.getAttribute('id')!, name);
  });
  return out;
}

/** Elements added, changed or removed between two BPMN files, by id (attributes and content compared). */
export function diffBpmn(before: string, after: string): { added: string[]; changed: string[]; removed: string[] } {
  const index = (xml: string) => {
    const doc = new DOMParser().parseFromString(xml, 'application/xml');
    const out = new Map<string, string>();
    // Semantic elements only: the diagram interchange (positions) is not a change in behaviour.
    doc.querySelectorAll('[id]').forEach((e) => {
      if (
        e.namespaceURI?.includes('BPMN/20100524/MODEL') &&
        e.localName !== 'definitions' &&
        e.localName !== 'process'
      ) {
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
