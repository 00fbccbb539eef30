import { api, currentUser } from '../api';
import { viewTexts } from '../i18n';
import { el, errorBox, formatDateTime, navigate, okBox } from './dom';

/**
 * The intake quarantine for supervisors (docs/intake.md): messages from TIS, ProIS and IeVP IS, why one was
 * quarantined, every version of it side by side (a resend with other content, a supervisor's correction) with the
 * changed fields, a correction form (original kept, every change audited), reprocess and dismiss. Its texts live
 * here (`viewTexts`), Latvian first with English available, like the partner panel.
 */
interface Msg {
  id: number;
  system: string;
  messageId: string;
  messageType: string;
  status: string;
  receivedAt: string;
  issues: string[];
  duplicateCount: number;
  version: number;
  caseId: number | null;
  caseLink: 'OPENED' | 'SAME_RULING' | 'DECISION' | null;
  resolvedBy: string | null;
  resolutionNote: string | null;
}
interface Detail extends Msg {
  payload: unknown;
}
interface Change {
  path: string;
  before?: unknown;
  after?: unknown;
}
interface Version {
  version: number;
  origin: 'RECEIVED' | 'CORRECTED';
  createdBy: string;
  createdAt: string;
  note: string | null;
  changes: Change[];
}

const TEXTS = {
  lv: {
    title: 'Saņemtie ziņojumi',
    detailTitle: 'Ziņojums {id}',
    status: 'Statuss',
    system: 'Sistēma',
    any: 'visi',
    apply: 'Atlasīt',
    colId: 'Nr.',
    colMessage: 'Ziņojuma ID',
    colType: 'Veids',
    colReceived: 'Saņemts',
    colVersion: 'Versija',
    colCase: 'Lieta / iemesls',
    none: 'Nav ziņojumu ar šādiem nosacījumiem.',
    opened: 'atvēra lietu {case}',
    sameRuling: 'piesaistīts lietai {case}, tas pats nolēmums',
    decision: 'nodots lietai {case}',
    QUARANTINED: 'karantīnā',
    ACCEPTED: 'pieņemts',
    REPROCESSED: 'apstrādāts atkārtoti',
    DISMISSED: 'noraidīts',
    reasons: 'Kāpēc karantīnā',
    versions: 'Versijas',
    received: 'saņemta no sistēmas',
    corrected: 'labojis {who}',
    versionLine: 'Versija {n} · {origin} · {at}',
    firstVersion: 'kā saņemta pirmoreiz',
    field: 'Lauks',
    before: 'Bija',
    after: 'Kļūst',
    payload: 'Pašreizējais saturs (versija {n})',
    duplicates: 'Atkārtoti saņemts ar to pašu saturu: {n}',
    correctTitle: 'Labot laukus',
    correctHelp:
      'Oriģināls paliek saglabāts; katra izmaiņa tiek reģistrēta auditā. Pēc labošanas apstrādājiet ziņojumu atkārtoti.',
    path: 'Lauks (ceļš)',
    value: 'Jaunā vērtība',
    addField: 'Pievienot lauku',
    note: 'Pamatojums un avots (vismaz 10 zīmes)',
    saveCorrection: 'Saglabāt labojumu',
    savedCorrection: 'Labojums saglabāts kā versija {n}.',
    reprocess: 'Apstrādāt atkārtoti',
    reprocessed: 'Ziņojums apstrādāts.',
    dismissReason: 'Noraidīšanas iemesls (vismaz 10 zīmes)',
    dismiss: 'Noraidīt',
    dismissed: 'Ziņojums noraidīts.',
    back: '← Visi ziņojumi',
  },
  en: {
    title: 'Inbound messages',
    detailTitle: 'Message {id}',
    status: 'Status',
    system: 'System',
    any: 'all',
    apply: 'Apply',
    colId: 'No.',
    colMessage: 'Message id',
    colType: 'Type',
    colReceived: 'Received',
    colVersion: 'Version',
    colCase: 'Case / reason',
    none: 'No messages match.',
    opened: 'opened case {case}',
    sameRuling: 'linked to case {case}, same ruling',
    decision: 'passed to case {case}',
    QUARANTINED: 'quarantined',
    ACCEPTED: 'accepted',
    REPROCESSED: 'reprocessed',
    DISMISSED: 'dismissed',
    reasons: 'Why it is quarantined',
    versions: 'Versions',
    received: 'received from the system',
    corrected: 'corrected by {who}',
    versionLine: 'Version {n} · {origin} · {at}',
    firstVersion: 'as first received',
    field: 'Field',
    before: 'Was',
    after: 'Becomes',
    payload: 'Current content (version {n})',
    duplicates: 'Received again with the same content: {n}',
    correctTitle: 'Correct fields',
    correctHelp: 'The original is kept; every change is audited. Reprocess the message after correcting it.',
    path: 'Field (path)',
    value: 'New value',
    addField: 'Add a field',
    note: 'Reason and source (at least 10 characters)',
    saveCorrection: 'Save correction',
    savedCorrection: 'Correction saved as version {n}.',
    reprocess: 'Reprocess',
    reprocessed: 'Message reprocessed.',
    dismissReason: 'Reason for dismissing (at least 10 characters)',
    dismiss: 'Dismiss',
    dismissed: 'Message dismissed.',
    back: '← All messages',
  },
} as const;
type Key = keyof (typeof TEXTS)['lv'];
const tx = viewTexts(TEXTS);
const statusText = (s: string) => (s in TEXTS.lv ? tx(s as Key) : s);

/** What an accepted row did with its case: opened it, or was linked to it (the same ruling under another id). */
export function caseText(m: Pick<Msg, 'caseId' | 'caseLink'>): string {
  if (m.caseId === null) return '';
  const k: Key = m.caseLink === 'SAME_RULING' ? 'sameRuling' : m.caseLink === 'DECISION' ? 'decision' : 'opened';
  return tx(k, { case: m.caseId });
}

const show = (v: unknown) => (v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

export async function renderIntake(root: HTMLElement): Promise<HTMLElement> {
  const heading = el('h1', { id: 'intake-title', tabindex: '-1' }, tx('title'));
  const q = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const status = q.get('status') ?? 'QUARANTINED';
  const query = new URLSearchParams({
    pageSize: '100',
    ...(status ? { status } : {}),
    ...(q.get('system') ? { system: q.get('system')! } : {}),
  });
  let page: { items: Msg[]; total: number };
  try {
    page = await api<typeof page>(`/api/intake/messages?${query}`);
  } catch (err) {
    root.replaceChildren(heading, errorBox(err));
    return heading;
  }
  const select = (name: string, label: Key, values: string[], current: string) =>
    el(
      'div',
      { class: 'field' },
      el('label', { for: `i-${name}` }, tx(label)),
      el(
        'select',
        { id: `i-${name}`, name },
        el('option', { value: '' }, tx('any')),
        ...values.map((v) =>
          el('option', { value: v, ...(v === current ? { selected: '' } : {}) }, name === 'status' ? statusText(v) : v),
        ),
      ),
    );
  const form = el(
    'form',
    { class: 'filters', role: 'search' },
    select('status', 'status', ['QUARANTINED', 'ACCEPTED', 'REPROCESSED', 'DISMISSED'], status),
    select('system', 'system', ['TIS', 'PROIS', 'IEVP'], q.get('system') ?? ''),
    el('div', { class: 'actions' }, el('button', { type: 'submit', class: 'primary' }, tx('apply'))),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string') next.set(k, v);
    navigate(`#/intake?${next}`);
  });
  const table = page.items.length
    ? el(
        'table',
        { class: 'tasks' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...(
              ['colId', 'system', 'colMessage', 'colType', 'colReceived', 'status', 'colVersion', 'colCase'] as const
            ).map((k) => el('th', { scope: 'col' }, tx(k))),
          ),
        ),
        el(
          'tbody',
          {},
          ...page.items.map((m) =>
            el(
              'tr',
              { 'data-message-id': m.messageId },
              el('td', {}, el('a', { href: `#/intake/${m.id}` }, String(m.id))),
              el('td', {}, m.system),
              el('td', {}, m.messageId),
              el('td', {}, m.messageType),
              el('td', { class: 'nowrap' }, formatDateTime(m.receivedAt)),
              el('td', {}, statusText(m.status)),
              el('td', { class: 'num' }, String(m.version)),
              el('td', {}, m.caseId !== null ? caseText(m) : (m.issues[0] ?? '')),
            ),
          ),
        ),
      )
    : el('p', { class: 'notice' }, tx('none'));
  root.replaceChildren(heading, form, table);
  return heading;
}

/** Field paths the reasons name ("MALFORMED person.personalCode: …"): the first candidates to correct. */
export function pathsInIssues(issues: string[]): string[] {
  const out = issues
    .map((i) => /^[A-Z_]+ ([\w.]+):/.exec(i)?.[1])
    .filter((p): p is string => !!p && p !== 'messageType');
  return [...new Set(out)];
}

function valueAt(payload: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
      payload,
    );
}

export async function renderIntakeMessage(root: HTMLElement, id: string): Promise<HTMLElement> {
  const heading = el('h1', { id: 'intake-title', tabindex: '-1' }, tx('detailTitle', { id }));
  let m: Detail;
  let versions: Version[];
  try {
    [m, { items: versions }] = await Promise.all([
      api<Detail>(`/api/intake/messages/${id}`),
      api<{ items: Version[] }>(`/api/intake/messages/${id}/versions`),
    ]);
  } catch (err) {
    root.replaceChildren(heading, errorBox(err));
    return heading;
  }
  heading.textContent = tx('detailTitle', { id: `${m.system} ${m.messageId}` });
  const message = el('div', { role: 'status', 'aria-live': 'polite' });
  const mayAct = (currentUser()?.permissions.includes('intake:manage') ?? false) && m.status === 'QUARANTINED';
  const act = async (button: HTMLButtonElement, call: () => Promise<unknown>, done: () => string, reload = true) => {
    if (button.disabled) return;
    button.disabled = true;
    try {
      await call();
      message.replaceChildren(okBox(done()));
      if (reload) setTimeout(() => navigate(`#/intake/${m.id}`), 800);
    } catch (err) {
      message.replaceChildren(errorBox(err));
    } finally {
      button.disabled = false;
    }
  };

  const facts = el(
    'dl',
    { class: 'facts' },
    el('dt', {}, tx('status')),
    el('dd', {}, `${statusText(m.status)}${m.caseId !== null ? ` · ${caseText(m)}` : ''}`),
    el('dt', {}, tx('colType')),
    el('dd', {}, m.messageType),
    el('dt', {}, tx('colReceived')),
    el('dd', {}, formatDateTime(m.receivedAt)),
    el('dt', {}, tx('colVersion')),
    el('dd', {}, String(m.version)),
    ...(m.duplicateCount ? [el('dt', {}, ''), el('dd', {}, tx('duplicates', { n: m.duplicateCount }))] : []),
  );
  const reasons = m.issues.length
    ? [el('h2', {}, tx('reasons')), el('ul', { class: 'issues' }, ...m.issues.map((i) => el('li', {}, i)))]
    : [];

  const versionCards = versions.map((v) =>
    el(
      'li',
      { class: 'card version', 'data-version': String(v.version) },
      el(
        'h3',
        {},
        tx('versionLine', {
          n: v.version,
          origin: v.origin === 'CORRECTED' ? tx('corrected', { who: v.createdBy }) : tx('received'),
          at: formatDateTime(v.createdAt),
        }),
      ),
      ...(v.note ? [el('p', {}, v.note)] : []),
      v.changes.length
        ? el(
            'table',
            { class: 'tasks diff' },
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', { scope: 'col' }, tx('field')),
                el('th', { scope: 'col' }, tx('before')),
                el('th', { scope: 'col' }, tx('after')),
              ),
            ),
            el(
              'tbody',
              {},
              ...v.changes.map((c) =>
                el(
                  'tr',
                  {},
                  el('td', {}, el('code', {}, c.path)),
                  el('td', { class: 'before' }, el('del', {}, show(c.before))),
                  el('td', { class: 'after' }, el('ins', {}, show(c.after))),
                ),
              ),
            ),
          )
        : el('p', { class: 'sub' }, tx('firstVersion')),
    ),
  );

  const actions: HTMLElement[] = [];
  if (mayAct) {
    const rows = el('div', { class: 'correction-fields' });
    const addRow = (path = '') => {
      const n = rows.children.length;
      const current = path ? valueAt(m.payload, path) : undefined;
      rows.append(
        el(
          'div',
          { class: 'field-row' },
          el(
            'div',
            { class: 'field' },
            el('label', { for: `c-path-${n}` }, tx('path')),
            el('input', { id: `c-path-${n}`, name: 'path', value: path }),
          ),
          el(
            'div',
            { class: 'field' },
            el('label', { for: `c-value-${n}` }, tx('value')),
            el('input', { id: `c-value-${n}`, name: 'value', value: current === undefined ? '' : show(current) }),
          ),
        ),
      );
    };
    const named = pathsInIssues(m.issues);
    (named.length ? named : ['']).forEach(addRow);
    const add = el('button', { type: 'button' }, tx('addField'));
    add.addEventListener('click', () => addRow());
    const note = el('textarea', { id: 'c-note', name: 'note', rows: '2' }) as HTMLTextAreaElement;
    const save = el('button', { type: 'submit', class: 'primary' }, tx('saveCorrection')) as HTMLButtonElement;
    const form = el(
      'form',
      { class: 'correction', 'aria-labelledby': 'correct-title' },
      el('h2', { id: 'correct-title' }, tx('correctTitle')),
      el('p', { class: 'notice' }, tx('correctHelp')),
      rows,
      add,
      el('div', { class: 'field' }, el('label', { for: 'c-note' }, tx('note')), note),
      el('div', { class: 'actions' }, save),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const paths = [...form.querySelectorAll<HTMLInputElement>('input[name="path"]')].map((i) => i.value.trim());
      const values = [...form.querySelectorAll<HTMLInputElement>('input[name="value"]')].map((i) => i.value);
      // A field that holds a number stays a number.
      const fields = paths
        .map((path, i) => ({
          path,
          value:
            typeof valueAt(m.payload, path) === 'number' && values[i]!.trim() !== '' && !Number.isNaN(Number(values[i]))
              ? Number(values[i])
              : values[i]!,
        }))
        .filter((f) => f.path);
      let version = 0;
      void act(
        save,
        async () => {
          version = (
            await api<Detail>(`/api/intake/messages/${m.id}/corrections`, {
              method: 'POST',
              body: { fields, note: note.value },
            })
          ).version;
        },
        () => tx('savedCorrection', { n: version }),
      );
    });
    const reprocess = el('button', { type: 'button', class: 'primary' }, tx('reprocess')) as HTMLButtonElement;
    reprocess.addEventListener(
      'click',
      () =>
        void act(
          reprocess,
          () => api(`/api/intake/messages/${m.id}/reprocess`, { method: 'POST' }),
          () => tx('reprocessed'),
        ),
    );
    const reason = el('input', { id: 'd-reason', name: 'reason' }) as HTMLInputElement;
    const dismiss = el('button', { type: 'button' }, tx('dismiss')) as HTMLButtonElement;
    dismiss.addEventListener(
      'click',
      () =>
        void act(
          dismiss,
          () => api(`/api/intake/messages/${m.id}/dismiss`, { method: 'POST', body: { reason: reason.value } }),
          () => tx('dismissed'),
        ),
    );
    actions.push(
      form,
      el('div', { class: 'actions' }, reprocess),
      el('div', { class: 'field' }, el('label', { for: 'd-reason' }, tx('dismissReason')), reason),
      el('div', { class: 'actions' }, dismiss),
    );
  }
  root.replaceChildren(
    el('p', {}, el('a', { href: '#/intake' }, tx('back'))),
    heading,
    facts,
    ...reasons,
    message,
    el('h2', {}, tx('versions')),
    el('ol', { class: 'cards versions' }, ...versionCards),
    ...actions,
    el(
      'details',
      {},
      el('summary', {}, tx('payload', { n: m.version })),
      el('pre', {}, JSON.stringify(m.payload, null, 2)),
    ),
  );
  return heading;
}
