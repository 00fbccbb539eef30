import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { api, currentUser, type ApiAnswer } from '../api';
import { t, type TextKey } from '../i18n';
import { el, errorBox, formatDateTime, navigate, processLabel } from './dom';
import { renderPartners } from './partners';

/**
 * The supervisor's monitor: processes with their load, instances with filters (kept in the address), one
 * instance on its diagram (path taken, active elements, incidents, overdue tasks), and a process's heat map with
 * KPIs. Retry and cancel ask for a reason, which the API records.
 */
type InstancePage = ApiAnswer<'/api/monitor/instances'>;
// The API documents an instance's detail and a process's heat map as open objects (MonitorInstanceDetail,
// ProcessHeat in api-types.ts), so their fields are spelled out here until it documents them fully.
interface Detail extends ApiAnswer<'/api/monitor/instances/{key}'> {
  key: string;
  rootKey: string;
  parentKey: string | null;
  process: string;
  version: number | null;
  state: string;
  startedAt: string;
  endedAt: string | null;
  /** caseNumber, clientId and clientName are null when `personalDataHidden` (staff who may not open the client file). */
  case: {
    id: number;
    caseNumber: string | null;
    clientId: number | null;
    clientName: string | null;
    department: string;
  } | null;
  personalDataHidden: boolean;
  bpmnXml: string | null;
  history: { elementId: string; type: string; state: string; startedAt: string; endedAt: string | null }[];
  takenFlows: string[];
  incidents: {
    key: string;
    elementId: string | null;
    errorType: string | null;
    errorMessage: string;
    state: string;
    createdAt: string;
  }[];
  tasks: { key: string; elementId: string | null; state: string; overdue: boolean; dueDate: string | null }[];
  children: { key: string; process: string; state: string; startedAt: string }[];
  variables: Record<string, unknown>;
  /** Names always; values only for staff who may open the client file (`variablesHidden` says why otherwise). */
  variableNames: string[];
  variablesHidden: string | null;
}
interface Heat extends ApiAnswer<'/api/monitor/processes/{process}'> {
  process: string;
  version: number;
  versions: number[];
  bpmnXml: string;
  elements: { elementId: string; waiting: number; overdue: number }[];
  kpis: {
    weeks: { week: string; started: number; completed: number }[];
    leadTime: { completed: number; medianSeconds: number | null };
    taskLeadTimes: { elementId: string; completed: number; averageSeconds: number }[];
    overdueByDepartment: { department: string; overdue: number }[];
  };
}

/** In place of a client's name or case number the caller may not see: the word "hidden", with why on hover. */
const hidden = () => el('span', { class: 'sub', title: t('personalHiddenWhy') }, t('personalHidden'));

const duration = (s: number | null) =>
  s == null
    ? '—'
    : s >= 86_400
      ? `${(s / 86_400).toFixed(1)} d`
      : s >= 3_600
        ? `${(s / 3_600).toFixed(1)} h`
        : `${Math.round(s / 60)} min`;
const query = () => new URLSearchParams(location.hash.split('?')[1] ?? '');

interface Shape {
  id: string;
  businessObject: { id: string; name?: string; $parent?: Shape['businessObject'] };
}
interface Canvas {
  addMarker(id: string, cls: string): void;
  zoom(v: string): void;
  findRoot(e: Shape): unknown;
  getRootElement(): unknown;
}

async function showDiagram(
  container: HTMLElement,
  xml: string,
): Promise<{
  canvas: Canvas;
  overlays: { add(id: string, o: object): void };
  registry: { get(id: string): Shape | undefined };
}> {
  const viewer = new NavigatedViewer({ container });
  await viewer.importXML(xml);
  const canvas = viewer.get('canvas') as Canvas;
  canvas.zoom('fit-viewport');
  return { canvas, overlays: viewer.get('overlays') as never, registry: viewer.get('elementRegistry') as never };
}

/**
 * The shape on the top-level plane that shows an element: itself, or the collapsed subprocess it is inside
 * (whose contents are drawn on their own plane, reached by drilling down).
 */
function visibleOnTop(
  canvas: Canvas,
  registry: { get(id: string): Shape | undefined },
  id: string,
): string | undefined {
  const top = canvas.getRootElement();
  for (let bo = registry.get(id)?.businessObject; bo; bo = bo.$parent) {
    const shape = registry.get(bo.id);
    if (shape && canvas.findRoot(shape) === top) return bo.id;
  }
  return undefined;
}

/** Element names from the diagram into cells marked data-element-id (the history table). */
function nameCells(root: HTMLElement, registry: { get(id: string): Shape | undefined }): void {
  root.querySelectorAll<HTMLElement>('[data-element-id-cell]').forEach((cell) => {
    const name = registry.get(cell.dataset.elementIdCell!)?.businessObject.name;
    if (name) cell.firstChild!.textContent = name.replace(/\s+/g, ' ');
  });
}

// ------------------------------------------------------------------ list

export async function renderMonitor(root: HTMLElement): Promise<HTMLElement> {
  const heading = el('h1', { id: 'monitor-title', tabindex: '-1' }, t('monitorTitle'));
  root.replaceChildren(heading, el('p', { role: 'status' }, t('loadingData')));
  const p = query();
  const q = new URLSearchParams(
    [...p].filter(([k]) =>
      [
        'process',
        'version',
        'state',
        'department',
        'client',
        'caseNumber',
        'from',
        'to',
        'overdue',
        'incidents',
        'page',
      ].includes(k),
    ),
  );
  q.set('pageSize', '25');
  let processes: ApiAnswer<'/api/monitor/processes'>;
  let page: InstancePage;
  let partners: HTMLElement;
  try {
    [processes, page, partners] = await Promise.all([
      api<typeof processes>('/api/monitor/processes'),
      api<typeof page>(`/api/monitor/instances?${q}`),
      renderPartners(),
    ]);
  } catch (err) {
    root.replaceChildren(heading, errorBox(err));
    return heading;
  }
  const cards = el(
    'ul',
    { class: 'cards' },
    ...processes.items
      .filter((x) => !x.process.startsWith('platform'))
      .map((x) =>
        el(
          'li',
          { class: 'card mini' },
          el('a', { href: `#/monitor/processes/${x.process}` }, processLabel(x.process)),
          el('div', { class: 'sub' }, `v${x.latestVersion} · ${x.active} ${t('active')}`),
          x.incidents
            ? el('span', { class: 'badge overdue' }, `${x.incidents} ${t('colIncidents').toLowerCase()}`)
            : '',
        ),
      ),
  );

  const field = (name: string, label: TextKey, type = 'search') =>
    el(
      'div',
      { class: 'field' },
      el('label', { for: `m-${name}` }, t(label)),
      el('input', { id: `m-${name}`, name, type, value: p.get(name) ?? '' }),
    );
  const check = (name: string, label: TextKey) =>
    el(
      'div',
      { class: 'field check' },
      el('input', {
        id: `m-${name}`,
        name,
        type: 'checkbox',
        value: 'true',
        ...(p.get(name) === 'true' ? { checked: '' } : {}),
      }),
      el('label', { for: `m-${name}` }, t(label)),
    );
  const procSelect = el(
    'select',
    { id: 'm-process', name: 'process' },
    el('option', { value: '' }, t('any')),
    ...processes.items.map((x) =>
      el(
        'option',
        { value: x.process, ...(p.get('process') === x.process ? { selected: '' } : {}) },
        processLabel(x.process),
      ),
    ),
  );
  const stateSelect = el(
    'select',
    { id: 'm-state', name: 'state' },
    ...[
      ['', t('any')],
      ['ACTIVE', t('stACTIVE')],
      ['COMPLETED', t('stCOMPLETED')],
      ['TERMINATED', t('stTERMINATED')],
    ].map(([v, l]) => el('option', { value: v!, ...(p.get('state') === v ? { selected: '' } : {}) }, l!)),
  );
  const form = el(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('filters') },
    el('div', { class: 'field' }, el('label', { for: 'm-process' }, t('fProcess')), procSelect),
    field('version', 'colVersion', 'number'),
    el('div', { class: 'field' }, el('label', { for: 'm-state' }, t('fState')), stateSelect),
    ...(currentUser()?.department ? [] : [field('department', 'fDepartment')]),
    // Searching by client is for staff who may open client files (the API refuses it to others).
    ...(currentUser()?.permissions.includes('clients:read')
      ? [field('client', 'fClient'), field('caseNumber', 'fCase')]
      : []),
    field('from', 'fFrom', 'date'),
    field('to', 'fTo', 'date'),
    check('incidents', 'fWithIncidents'),
    check('overdue', 'fOverdue'),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, t('apply'))),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v) next.set(k, v);
    navigate(`#/monitor?${next}`);
  });

  const table = page.items.length
    ? el(
        'table',
        { class: 'tasks instances' },
        el('caption', { class: 'visually-hidden' }, t('instancesTitle')),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...(
              [
                'colProcess',
                'colCase',
                'colClient',
                'department',
                'colStarted',
                'fState',
                'colIncidents',
                'colOverdue',
              ] as const
            ).map((k) => el('th', { scope: 'col' }, t(k))),
          ),
        ),
        el(
          'tbody',
          {},
          ...page.items.map((r) =>
            el(
              'tr',
              { ...(r.incidents ? { class: 'overdue' } : {}) },
              el(
                'td',
                {},
                el('a', { href: `#/monitor/instances/${r.key}` }, processLabel(r.process)),
                el('div', { class: 'sub' }, `v${r.version ?? '?'} · ${r.key}`),
              ),
              el('td', {}, r.personalDataHidden ? hidden() : (r.caseNumber ?? '—')),
              el('td', {}, r.personalDataHidden ? hidden() : (r.clientName ?? '—')),
              el('td', {}, r.department ?? '—'),
              el('td', { class: 'nowrap' }, formatDateTime(r.startedAt)),
              el('td', {}, t(`st${r.state}` as TextKey)),
              el('td', {}, r.incidents ? el('span', { class: 'badge overdue' }, `! ${r.incidents}`) : '0'),
              el('td', {}, r.overdue ? el('span', { class: 'badge soon' }, String(r.overdue)) : '0'),
            ),
          ),
        ),
      )
    : el('p', { class: 'notice' }, t('noTasks'));
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const pageLink = (n: number, label: 'prev' | 'next') => {
    const x = new URLSearchParams(p);
    x.set('page', String(n));
    return el('a', { href: `#/monitor?${x}` }, t(label));
  };
  root.replaceChildren(
    heading,
    partners,
    el('h2', {}, t('processesTitle')),
    cards,
    el('h2', {}, `${t('instancesTitle')} (${page.total})`),
    form,
    table,
    el(
      'nav',
      { class: 'pager', 'aria-label': `${page.page} / ${pages}` },
      page.page > 1 ? pageLink(page.page - 1, 'prev') : el('span', {}),
      el('span', {}, `${page.page} / ${pages}`),
      page.page < pages ? pageLink(page.page + 1, 'next') : el('span', {}),
    ),
  );
  return heading;
}

// ------------------------------------------------------------------ one instance

export async function renderInstance(root: HTMLElement, key: string): Promise<HTMLElement> {
  const heading = el('h1', { id: 'instance-title', tabindex: '-1' }, t('instanceTitle', { key }));
  const message = el('div', { role: 'status', 'aria-live': 'polite' });
  root.replaceChildren(el('p', {}, el('a', { href: '#/monitor' }, `← ${t('monitorTitle')}`)), heading, message);
  let d: Detail;
  try {
    d = await api<Detail>(`/api/monitor/instances/${key}`);
  } catch (err) {
    root.append(errorBox(err));
    return heading;
  }
  heading.textContent = `${processLabel(d.process)} v${d.version ?? '?'} — ${t(`st${d.state}` as TextKey)}`;
  const facts = el(
    'dl',
    { class: 'facts' },
    el('dt', {}, t('colCase')),
    el(
      'dd',
      {},
      ...(d.case ? [d.personalDataHidden ? hidden() : (d.case.caseNumber ?? ''), ` · ${d.case.department}`] : ['—']),
    ),
    el('dt', {}, t('colClient')),
    el(
      'dd',
      {},
      !d.case
        ? '—'
        : d.personalDataHidden || d.case.clientId === null
          ? hidden()
          : el('a', { href: `#/clients/${d.case.clientId}` }, d.case.clientName ?? ''),
    ),
    el('dt', {}, t('colStarted')),
    el('dd', {}, formatDateTime(d.startedAt)),
    ...(d.parentKey
      ? [el('dt', {}, '↑'), el('dd', {}, el('a', { href: `#/monitor/instances/${d.parentKey}` }, d.parentKey))]
      : []),
  );
  const canvasBox = el('div', { class: 'diagram' });
  const canvasText = `${processLabel(d.process)}: ${t('legendActive')} ${
    d.history
      .filter((h) => h.state === 'ACTIVE')
      .map((h) => h.elementId)
      .join(', ') || t('none')
  }; ${t('legendIncident')} ${
    d.incidents
      .filter((i) => i.state === 'ACTIVE')
      .map((i) => i.elementId)
      .join(', ') || t('none')
  }`;
  const legend = el(
    'p',
    { class: 'legend' },
    ...(['legendDone', 'legendActive', 'legendIncident', 'legendOverdue'] as const).map((k) =>
      el('span', { class: `key ${k}` }, t(k)),
    ),
  );

  const reasonForm = (label: TextKey, onSubmit: (reason: string) => Promise<void>) => {
    const id = `reason-${Math.random().toString(36).slice(2, 8)}`;
    const input = el('input', { id, name: 'reason', required: '', minlength: '10' }) as HTMLInputElement;
    const f = el(
      'form',
      { class: 'inline-form' },
      el('label', { for: id }, t('reason')),
      input,
      el('button', { type: 'submit', class: 'primary' }, t(label)),
    ) as HTMLFormElement;
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await onSubmit(input.value);
      } catch (err) {
        message.replaceChildren(errorBox(err));
      }
    });
    return f;
  };
  const incidents = d.incidents.length
    ? el(
        'ul',
        { class: 'incidents' },
        ...d.incidents.map((i) =>
          el(
            'li',
            { class: i.state === 'ACTIVE' ? 'active' : '' },
            el(
              'strong',
              {},
              `${i.elementId ?? '?'} · ${i.errorType ?? ''} · ${t(i.state === 'ACTIVE' ? 'legendIncident' : 'stCOMPLETED')}`,
            ),
            el('pre', {}, i.errorMessage),
            ...(i.state === 'ACTIVE' && currentUser()?.permissions.includes('monitor:act')
              ? [
                  reasonForm('retry', async (reason) => {
                    await api(`/api/monitor/incidents/${i.key}/resolve`, { method: 'POST', body: { reason } });
                    message.replaceChildren(el('p', { class: 'overall', 'data-state': 'up' }, t('retried')));
                  }),
                ]
              : []),
          ),
        ),
      )
    : el('p', { class: 'muted' }, t('none'));
  const cancel =
    d.state === 'ACTIVE' && !d.parentKey && currentUser()?.permissions.includes('monitor:act')
      ? el(
          'details',
          {},
          el('summary', {}, t('cancelInstance')),
          reasonForm('cancelInstance', async (reason) => {
            await api(`/api/monitor/instances/${key}/cancel`, { method: 'POST', body: { reason } });
            message.replaceChildren(el('p', { class: 'overall', 'data-state': 'up' }, t('cancelled')));
          }),
        )
      : '';
  const children = d.children.length
    ? el(
        'ul',
        {},
        ...d.children.map((c) =>
          el(
            'li',
            {},
            el('a', { href: `#/monitor/instances/${c.key}` }, processLabel(c.process)),
            ` — ${t(`st${c.state}` as TextKey)} · ${formatDateTime(c.startedAt)}`,
          ),
        ),
      )
    : el('p', { class: 'muted' }, t('none'));
  const history = el(
    'table',
    { class: 'tasks' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...(['colElement', 'fState', 'colStarted', 'colEnded'] as const).map((k) => el('th', { scope: 'col' }, t(k))),
      ),
    ),
    el(
      'tbody',
      {},
      ...d.history.map((h) =>
        el(
          'tr',
          {},
          el(
            'td',
            { 'data-element-id-cell': h.elementId },
            h.elementId,
            el('div', { class: 'sub' }, `${h.elementId} · ${h.type}`),
          ),
          el('td', {}, t(`st${h.state}` as TextKey)),
          el('td', { class: 'nowrap' }, formatDateTime(h.startedAt)),
          el('td', { class: 'nowrap' }, h.endedAt ? formatDateTime(h.endedAt) : '—'),
        ),
      ),
    ),
  );
  const variables = d.variablesHidden
    ? el(
        'details',
        { class: 'vars-hidden', open: '' },
        el('summary', {}, `${t('variablesTitle')} (${d.variableNames.length})`),
        el('p', { class: 'note', role: 'note' }, t('variablesHiddenNote')),
        el(
          'ul',
          { class: 'var-names' },
          ...d.variableNames.map((n) =>
            el('li', {}, el('code', {}, n), ' ', el('span', { class: 'muted' }, t('valueHidden'))),
          ),
        ),
      )
    : el(
        'details',
        {},
        el('summary', {}, `${t('variablesTitle')} (${d.variableNames.length})`),
        el('pre', { class: 'vars' }, JSON.stringify(d.variables, null, 2)),
      );

  root.append(
    el('section', { class: 'card' }, facts, cancel),
    legend,
    el('figure', { class: 'diagram-figure' }, canvasBox, el('figcaption', { class: 'visually-hidden' }, canvasText)),
    el('h2', {}, t('incidentsTitle')),
    incidents,
    el('h2', {}, t('childrenTitle')),
    children,
    el('h2', {}, t('historyTitle')),
    history,
    variables,
  );

  if (d.bpmnXml) {
    try {
      const { canvas, overlays, registry } = await showDiagram(canvasBox, d.bpmnXml);
      nameCells(root, registry);
      const mark = (id: string, cls: string) => registry.get(id) && canvas.addMarker(id, cls);
      for (const f of d.takenFlows) mark(f, 'pf-flow-taken');
      for (const h of d.history) mark(h.elementId, h.state === 'ACTIVE' ? 'pf-active' : 'pf-done');
      for (const tk of d.tasks.filter((x) => x.overdue))
        if (tk.elementId) {
          mark(tk.elementId, 'pf-overdue');
          if (registry.get(tk.elementId))
            overlays.add(tk.elementId, {
              position: { top: -12, right: 12 },
              html: el('span', { class: 'pf-badge overdue', title: t('legendOverdue') }, '⏱'),
            });
        }
      for (const i of d.incidents.filter((x) => x.state === 'ACTIVE'))
        if (i.elementId) {
          mark(i.elementId, 'pf-incident');
          if (registry.get(i.elementId))
            overlays.add(i.elementId, {
              position: { top: -12, left: -12 },
              html: el('span', { class: 'pf-badge incident', title: i.errorMessage }, '!'),
            });
        }
    } catch (err) {
      canvasBox.replaceChildren(errorBox(err));
    }
  }
  return heading;
}

// ------------------------------------------------------------------ a process's heat map

export async function renderProcess(root: HTMLElement, process: string): Promise<HTMLElement> {
  const heading = el('h1', { id: 'process-title', tabindex: '-1' }, processLabel(process));
  root.replaceChildren(el('p', {}, el('a', { href: '#/monitor' }, `← ${t('monitorTitle')}`)), heading);
  const version = query().get('version');
  let h: Heat;
  try {
    h = await api<Heat>(`/api/monitor/processes/${process}${version ? `?version=${version}` : ''}`);
  } catch (err) {
    root.append(errorBox(err));
    return heading;
  }
  heading.textContent = `${processLabel(process)} — ${t('heat')} (v${h.version})`;
  const versions = el(
    'p',
    {},
    `${t('colVersion')}: `,
    ...h.versions.map((v) =>
      v === h.version
        ? el('strong', {}, ` v${v} `)
        : el('a', { href: `#/monitor/processes/${process}?version=${v}` }, ` v${v} `),
    ),
  );
  const canvasBox = el('div', { class: 'diagram tall' });
  const canvasText =
    h.elements
      .map((e) => `${e.elementId}: ${e.waiting} ${t('waiting')}, ${e.overdue} ${t('legendOverdue')}`)
      .join('; ') || t('none');
  const max = Math.max(1, ...h.kpis.weeks.map((w) => Math.max(w.started, w.completed)));
  const weeks = el(
    'table',
    { class: 'tasks kpi' },
    el('caption', {}, t('kpiWeeks')),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col' }, t('week')),
        el('th', { scope: 'col' }, t('started')),
        el('th', { scope: 'col' }, t('completedN')),
      ),
    ),
    el(
      'tbody',
      {},
      ...h.kpis.weeks.map((w) =>
        el(
          'tr',
          {},
          el('td', { class: 'nowrap' }, w.week),
          el('td', {}, el('span', { class: 'bar started' }, ''), ` ${w.started}`),
          el('td', {}, el('span', { class: 'bar completed' }, ''), ` ${w.completed}`),
        ),
      ),
    ),
  );
  // Bar widths through CSSOM (the CSP allows no inline style attributes).
  weeks.querySelectorAll<HTMLElement>('tbody tr').forEach((tr, i) => {
    const w = h.kpis.weeks[i]!;
    (tr.querySelector('.bar.started') as HTMLElement).style.width = `${(w.started / max) * 8}rem`;
    (tr.querySelector('.bar.completed') as HTMLElement).style.width = `${(w.completed / max) * 8}rem`;
  });
  const tasks = el(
    'table',
    { class: 'tasks kpi' },
    el('caption', {}, t('kpiTaskLead')),
    el(
      'tbody',
      {},
      ...h.kpis.taskLeadTimes.map((x) =>
        el(
          'tr',
          {},
          el('td', { 'data-element-id-cell': x.elementId }, x.elementId),
          el('td', { class: 'nowrap' }, duration(x.averageSeconds)),
          el('td', { class: 'sub' }, `n=${x.completed}`),
        ),
      ),
    ),
  );
  const depts = el(
    'table',
    { class: 'tasks kpi' },
    el('caption', {}, t('kpiOverdue')),
    el(
      'tbody',
      {},
      ...(h.kpis.overdueByDepartment.length
        ? h.kpis.overdueByDepartment.map((x) =>
            el('tr', {}, el('td', {}, x.department), el('td', {}, String(x.overdue))),
          )
        : [el('tr', {}, el('td', {}, t('none')))]),
    ),
  );
  root.append(
    versions,
    el('figure', { class: 'diagram-figure' }, canvasBox, el('figcaption', { class: 'visually-hidden' }, canvasText)),
    el('h2', {}, t('kpiTitle')),
    el(
      'p',
      {},
      t('kpiLead', { value: duration(h.kpis.leadTime.medianSeconds) }),
      el('span', { class: 'sub' }, ` (n=${h.kpis.leadTime.completed})`),
    ),
    el('div', { class: 'kpis' }, weeks, tasks, depts),
  );
  try {
    const { canvas, overlays, registry } = await showDiagram(canvasBox, h.bpmnXml);
    nameCells(root, registry);
    const badge = (id: string, waiting: number, overdue: number) =>
      overlays.add(id, {
        position: { bottom: 14, left: -8 },
        html: el(
          'span',
          {
            class: `pf-badge count${overdue ? ' overdue' : ''}`,
            title: `${waiting} ${t('waiting')}, ${overdue} ${t('legendOverdue')}`,
          },
          `${waiting}${overdue ? ` / ⏱${overdue}` : ''}`,
        ),
      });
    // Work inside a collapsed subprocess is also summed on the subprocess, so the top level shows all of it.
    const rolled = new Map<string, { waiting: number; overdue: number }>();
    for (const e of h.elements) {
      if (!registry.get(e.elementId)) continue;
      canvas.addMarker(e.elementId, e.overdue ? 'pf-overdue' : 'pf-active');
      badge(e.elementId, e.waiting, e.overdue);
      const top = visibleOnTop(canvas, registry, e.elementId);
      if (top && top !== e.elementId) {
        const r = rolled.get(top) ?? { waiting: 0, overdue: 0 };
        rolled.set(top, { waiting: r.waiting + e.waiting, overdue: r.overdue + e.overdue });
      }
    }
    for (const [id, r] of rolled) {
      canvas.addMarker(id, r.overdue ? 'pf-overdue' : 'pf-active');
      badge(id, r.waiting, r.overdue);
    }
  } catch (err) {
    canvasBox.replaceChildren(errorBox(err));
  }
  return heading;
}
