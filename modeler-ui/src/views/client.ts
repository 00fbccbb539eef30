import { api, type ApiAnswer } from '../api';
import { isTextKey, t } from '../i18n';
import { el, formatDateTime, processLabel } from './dom';
import { processOfCaseKind } from '../processes';
import { undeliveredNotifications, type NotificationRow } from './client-notifications';

/**
 * The client file: who the client is, every case with its decisions and hours, what the registers said (with
 * source and time), and the timeline of everything across all processes, filterable by kind and paged. Opening
 * it is recorded in the audit log by the API.
 */
type ClientFile = ApiAnswer<'/api/clients/{id}'>;
type TimelinePage = ApiAnswer<'/api/clients/{id}/timeline'>;
type TimelineKind = TimelinePage['items'][number]['kind'];
/** Every kind the API answers, in the order the filter offers them; a kind the API adds and this list lacks fails the type check. */
const KINDS = [
  'DECISION',
  'PROCESS',
  'TASK',
  'REGISTER',
  'DOCUMENT',
  'NOTICE',
  'HOURS',
  'CONTROL',
  'APPOINTMENT',
  'NOTIFICATION',
] as const satisfies readonly TimelineKind[];
const allKindsOffered: Exclude<TimelineKind, (typeof KINDS)[number]> extends never ? true : never = true;
void allKindsOffered;

const stateLabel = (s: string) => (isTextKey(`st${s}`) ? t(`st${s}` as never) : s);
const kindLabel = (k: string) => (isTextKey(`k${k}`) ? t(`k${k}` as never) : k);
const day = (iso: string) =>
  new Date(`${iso.slice(0, 10)}T12:00:00Z`).toLocaleDateString(
    document.documentElement.lang === 'en' ? 'en-GB' : 'lv-LV',
  );

export async function renderClient(root: HTMLElement, id: string): Promise<HTMLElement> {
  const heading = el('h1', { id: 'client-title', tabindex: '-1' }, t('loadingData'));
  const status = el('div', { role: 'status', 'aria-live': 'polite' });
  root.replaceChildren(el('p', {}, el('a', { href: '#/inbox' }, `← ${t('backToInbox')}`)), heading, status);
  const params = new URLSearchParams(location.hash.split('?')[1] ?? '');
  let file: ClientFile;
  let timeline: TimelinePage;
  let failed: { items: NotificationRow[]; total: number };
  try {
    const q = new URLSearchParams({
      pageSize: '25',
      page: params.get('page') ?? '1',
      ...(params.get('kind') ? { kind: params.get('kind')! } : {}),
    });
    [file, timeline, failed] = await Promise.all([
      api<ClientFile>(`/api/clients/${id}`),
      api<TimelinePage>(`/api/clients/${id}/timeline?${q}`),
      api<ApiAnswer<'/api/clients/{id}/notifications'>>(`/api/clients/${id}/notifications?status=FAILED&pageSize=50`),
    ]);
  } catch (err) {
    heading.textContent = t('errorTitle');
    status.replaceChildren(
      el('p', { class: 'overall', 'data-state': 'down' }, err instanceof Error ? err.message : String(err)),
    );
    return heading;
  }
  heading.textContent = `${file.firstName} ${file.lastName}`;
  document.title = `${t('clientFile')}: ${heading.textContent} — PLUS Flow`;

  // The API documents the representative as free JSON: read the two fields shown, if they are there.
  const rep = file.legalRepresentative as { firstName?: unknown; lastName?: unknown } | null | undefined;
  const facts = el(
    'dl',
    { class: 'facts' },
    el('dt', {}, t('personalCode')),
    el('dd', {}, file.personalCode),
    el('dt', {}, t('birthDate')),
    el('dd', {}, day(file.birthDate)),
    el('dt', {}, t('address')),
    el('dd', {}, [file.address, file.municipality].filter(Boolean).join(', ') || '—'),
    el('dt', {}, t('department')),
    el('dd', {}, file.department),
    el('dt', {}, t('eAddress')),
    el('dd', {}, file.hasEAddress ? t('yes') : t('no')),
    ...(rep
      ? [
          el('dt', {}, t('legalRep')),
          el('dd', {}, [rep.firstName, rep.lastName].filter((x) => typeof x === 'string' && x).join(' ') || '—'),
        ]
      : []),
    ...(file.skills.length ? [el('dt', {}, t('skills')), el('dd', {}, file.skills.join(', '))] : []),
  );

  const cases = el(
    'table',
    { class: 'tasks' },
    el('caption', { class: 'visually-hidden' }, t('casesTitle')),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...(['colCase', 'fProcess', 'colStatus', 'colHours', 'colDecision'] as const).map((k) =>
          el('th', { scope: 'col' }, t(k)),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...file.cases.map((c) =>
        el(
          'tr',
          {},
          el('td', {}, c.caseNumber, el('div', { class: 'sub' }, c.department)),
          el('td', {}, processLabel(processOfCaseKind(c.processKind)?.id ?? c.processKind)),
          el(
            'td',
            {},
            `${c.status === 'CLOSED' ? t('caseClosed') : t('caseOpen')}${c.outcome ? ` · ${c.outcome}` : ''}`,
          ),
          el('td', { class: 'nowrap' }, `${c.hoursWorked} / ${c.sentencedHours ?? '—'}`),
          el(
            'td',
            {},
            ...c.rulings.map((r) =>
              el('div', {}, `${r.issuer}${r.decisionNumber ? `, ${r.decisionNumber}` : ''}, ${day(r.decisionDate)}`),
            ),
          ),
        ),
      ),
    ),
  );

  const registers = file.registerExtracts.length
    ? el(
        'table',
        { class: 'tasks' },
        el('caption', { class: 'visually-hidden' }, t('registersTitle')),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...(['colRegister', 'colStatus', 'colCase', 'colRetrieved', 'colSaved'] as const).map((k) =>
              el('th', { scope: 'col' }, t(k)),
            ),
          ),
        ),
        el(
          'tbody',
          {},
          ...file.registerExtracts.map((x) =>
            el(
              'tr',
              {},
              el('td', {}, x.register.replace('_', ' ')),
              el('td', {}, x.status),
              el('td', {}, x.caseNumber),
              el('td', { class: 'nowrap' }, formatDateTime(x.retrievedAt)),
              el('td', { class: 'nowrap' }, x.savedAt ? formatDateTime(x.savedAt) : t('no')),
            ),
          ),
        ),
      )
    : el('p', { class: 'muted' }, '—');

  root.append(
    el('section', { class: 'card', 'aria-labelledby': 'client-title' }, facts),
    ...[undeliveredNotifications(failed.items, failed.total)].filter((x) => x !== null),
    el('h2', { id: 'cases-title' }, t('casesTitle')),
    cases,
    el('h2', {}, t('registersTitle')),
    registers,
    el('h2', { id: 'timeline-title' }, t('timelineTitle')),
    timelineFilter(id, params.get('kind')),
    timelineList(timeline),
    timelinePager(id, params, timeline),
  );
  return heading;
}

function timelineFilter(id: string, current: string | null): HTMLElement {
  const select = el(
    'select',
    { id: 'tl-kind' },
    el('option', { value: '' }, t('any')),
    ...KINDS.map((k) => el('option', { value: k, ...(current === k ? { selected: '' } : {}) }, kindLabel(k))),
  ) as HTMLSelectElement;
  select.addEventListener('change', () => {
    location.hash = `#/clients/${id}${select.value ? `?kind=${select.value}` : ''}`;
  });
  return el('div', { class: 'field inline' }, el('label', { for: 'tl-kind' }, t('timelineKind')), select);
}

function timelineList(page: TimelinePage): HTMLElement {
  if (!page.items.length) return el('p', { class: 'notice' }, t('noEvents'));
  return el(
    'ol',
    { class: 'timeline', 'aria-labelledby': 'timeline-title' },
    ...page.items.map((e) => {
      const [first = '', second = ''] = e.code.split(' ');
      const what =
        e.kind === 'TASK'
          ? `${e.title ?? first} — ${stateLabel(second)}`
          : e.kind === 'PROCESS'
            ? `${processLabel(first)} — ${stateLabel(second)}`
            : e.kind === 'DOCUMENT'
              ? e.summary
              : e.code;
      if (e.kind === 'DOCUMENT') e.summary = '';
      return el(
        'li',
        { 'data-kind': e.kind },
        el('time', { datetime: e.at }, formatDateTime(e.at)),
        el('span', { class: 'kind' }, kindLabel(e.kind)),
        el(
          'span',
          { class: 'what' },
          what,
          e.summary ? el('span', { class: 'sub' }, ` · ${e.summary}`) : '',
          ' ',
          el('span', { class: 'sub' }, e.caseNumber),
        ),
        ...(e.ref?.type === 'document'
          ? [
              el(
                'a',
                { href: `/api/documents/${e.ref.id}/content`, target: '_blank', rel: 'noopener' },
                t('openDocument'),
              ),
            ]
          : []),
      );
    }),
  );
}

function timelinePager(id: string, params: URLSearchParams, page: TimelinePage): HTMLElement {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (n: number, label: 'prev' | 'next') => {
    const p = new URLSearchParams(params);
    p.set('page', String(n));
    return el('a', { href: `#/clients/${id}?${p}` }, t(label));
  };
  return el(
    'nav',
    { class: 'pager', 'aria-label': `${page.page} / ${pages}` },
    page.page > 1 ? link(page.page - 1, 'prev') : el('span', {}),
    el('span', {}, `${page.page} / ${pages}`),
    page.page < pages ? link(page.page + 1, 'next') : el('span', {}),
  );
}
