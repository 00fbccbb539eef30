import { api, currentUser, type ApiAnswer } from '../api';
import { currentLang, LOCALES, t, type TextKey } from '../i18n';
import { el, formatDateTime, navigate, processLabel } from './dom';
import { caseProcesses } from '../processes';

/**
 * The officer's inbox: my tasks / my groups' tasks / the department's tasks, filters that stay in the address
 * (a filtered inbox can be bookmarked and shared), counts per view, overdue and due-soon marked, paging.
 */
/** The inbox page and its rows, as the API documents them (api-types.ts). */
type Page = ApiAnswer<'/api/tasks'>;
export type Task = Page['items'][number];

const FILTER_KEYS = ['scope', 'process', 'taskType', 'due', 'client', 'caseNumber', 'sort', 'page'] as const;
const SOON_MS = 48 * 3_600_000;

export function dueState(due: string | null, now = Date.now()): 'overdue' | 'soon' | null {
  if (!due) return null;
  const at = Date.parse(due);
  return at < now ? 'overdue' : at < now + SOON_MS ? 'soon' : null;
}

function paramsFromHash(): URLSearchParams {
  const q = location.hash.split('?')[1] ?? '';
  const p = new URLSearchParams(q);
  if (!p.get('scope')) p.set('scope', 'group');
  return p;
}

function go(params: URLSearchParams): void {
  for (const [k, v] of [...params]) if (!v) params.delete(k);
  navigate(`#/inbox?${params}`);
}

export async function renderInbox(root: HTMLElement): Promise<HTMLElement> {
  const params = paramsFromHash();
  const user = currentUser();
  const senior = !!user?.permissions.includes('tasks:department');
  const heading = el('h1', { id: 'inbox-title', tabindex: '-1' }, t('inboxTitle'));
  const status = el(
    'p',
    { class: 'overall', role: 'status', 'aria-live': 'polite', 'data-state': 'loading' },
    t('loadingData'),
  );
  root.replaceChildren(heading, status);

  const query = new URLSearchParams([...params].filter(([k]) => (FILTER_KEYS as readonly string[]).includes(k)));
  query.set('pageSize', '25');
  let page: Page;
  try {
    page = await api<Page>(`/api/tasks?${query}`);
  } catch (err) {
    status.dataset.state = 'down';
    status.textContent = err instanceof Error ? err.message : String(err);
    return heading;
  }

  // Views with their counts.
  const scopes: [string, TextKey, number][] = [
    ['mine', 'scopeMine', page.counts.mine],
    ['group', 'scopeGroup', page.counts.group],
    ...(senior ? ([['department', 'scopeDepartment', page.counts.department]] as [string, TextKey, number][]) : []),
  ];
  const tabs = el(
    'nav',
    { class: 'tabs', 'aria-label': t('scopes') },
    el(
      'ul',
      {},
      ...scopes.map(([scope, label, n]) => {
        const p = new URLSearchParams(params);
        p.set('scope', scope);
        p.delete('page');
        return el(
          'li',
          {},
          el(
            'a',
            { href: `#/inbox?${p}`, ...(params.get('scope') === scope ? { 'aria-current': 'page' } : {}) },
            `${t(label)} `,
            el('span', { class: 'count' }, String(n)),
          ),
        );
      }),
    ),
  );

  const quick = el(
    'p',
    { class: 'quick' },
    ...(['overdue', 'soon'] as const).map((due) => {
      const p = new URLSearchParams(params);
      p.set('due', due);
      p.delete('page');
      const n = due === 'overdue' ? page.counts.overdue : page.counts.soon;
      return el(
        'a',
        { href: `#/inbox?${p}`, class: `chip ${due}` },
        t(due === 'overdue' ? 'countOverdue' : 'countSoon', { n: String(n) }),
      );
    }),
  );

  const types = await api<ApiAnswer<'/api/task-types'>>('/api/task-types').catch(() => ({ items: [] }));
  root.replaceChildren(
    heading,
    tabs,
    filterForm(params, types.items),
    quick,
    status,
    taskTable(page),
    pager(params, page),
  );
  status.dataset.state = 'up';
  status.className = 'visually-hidden';
  const from = page.total ? (page.page - 1) * page.pageSize + 1 : 0;
  status.textContent = page.total
    ? t('totalTasks', { total: String(page.total), from: String(from), to: String(from + page.items.length - 1) })
    : t('noTasks');
  return heading;
}

function filterForm(
  params: URLSearchParams,
  taskTypes: { elementId: string; name: string | null; count: number }[],
): HTMLElement {
  const select = (name: string, label: TextKey, options: [string, string][]) => {
    const s = el(
      'select',
      { id: `f-${name}`, name },
      ...options.map(([v, text]) =>
        el('option', { value: v, ...(params.get(name) === v ? { selected: '' } : {}) }, text),
      ),
    );
    return el('div', { class: 'field' }, el('label', { for: `f-${name}` }, t(label)), s);
  };
  const input = (name: string, label: TextKey) =>
    el(
      'div',
      { class: 'field' },
      el('label', { for: `f-${name}` }, t(label)),
      el('input', { id: `f-${name}`, name, type: 'search', value: params.get(name) ?? '', autocomplete: 'off' }),
    );
  const form = el(
    'form',
    { class: 'filters', role: 'search', 'aria-label': t('filters') },
    select('process', 'fProcess', [
      ['', t('any')],
      ...caseProcesses().map((p): [string, string] => [p.id, processLabel(p.id)]),
    ]),
    select('taskType', 'fTaskType', [
      ['', t('any')],
      ...taskTypes.map((x): [string, string] => [x.elementId, `${x.name ?? x.elementId} (${x.count})`]),
    ]),
    select('due', 'fDue', [
      ['', t('any')],
      ['overdue', t('dueOverdue')],
      ['soon', t('dueSoon')],
      ['later', t('dueLater')],
      ['none', t('dueNone')],
    ]),
    input('client', 'fClient'),
    input('caseNumber', 'fCase'),
    select('sort', 'fSort', [
      ['due', t('sortDue')],
      ['created', t('sortCreated')],
      ['priority', t('sortPriority')],
      ['client', t('sortClient')],
    ]),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'primary' }, t('apply')),
      el('button', { type: 'button', 'data-action': 'clear' }, t('clear')),
    ),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = new URLSearchParams({ scope: params.get('scope') ?? 'group' });
    for (const [k, v] of new FormData(form)) if (typeof v === 'string' && v.trim()) next.set(k, v.trim());
    go(next);
  });
  form
    .querySelector('[data-action=clear]')!
    .addEventListener('click', () => go(new URLSearchParams({ scope: params.get('scope') ?? 'group' })));
  return form;
}

function taskTable(page: Page): HTMLElement {
  if (!page.items.length) return el('p', { class: 'notice' }, t('noTasks'));
  const now = Date.now();
  const rows = page.items.map((task) => {
    const due = dueState(task.dueDate, now);
    return el(
      'tr',
      { ...(due ? { class: due } : {}) },
      el(
        'td',
        {},
        el(
          'a',
          { href: `#/tasks/${task.userTaskKey}`, class: 'task-link' },
          task.taskName ?? task.elementId ?? task.userTaskKey,
        ),
        el('div', { class: 'sub' }, processLabel(task.caseProcessId ?? task.bpmnProcessId)),
      ),
      el('td', {}, task.caseNumber ?? '—'),
      el('td', {}, task.clientName ?? '—'),
      el(
        'td',
        { class: 'nowrap' },
        task.dueDate ? formatDateTime(task.dueDate) : '—',
        ...(due
          ? [
              ' ',
              el(
                'span',
                { class: `badge ${due}` },
                el('span', { 'aria-hidden': 'true' }, due === 'overdue' ? '! ' : '⏱ '),
                t(due === 'overdue' ? 'overdue' : 'dueSoonBadge'),
              ),
            ]
          : []),
      ),
      el('td', {}, task.assignee ?? el('span', { class: 'muted' }, t('unassigned'))),
    );
  });
  return el(
    'table',
    { class: 'tasks' },
    el('caption', { class: 'visually-hidden' }, t('inboxTitle')),
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...(['colTask', 'colCase', 'colClient', 'colDue', 'colAssignee'] as const).map((k) =>
          el('th', { scope: 'col' }, t(k)),
        ),
      ),
    ),
    el('tbody', {}, ...rows),
  );
}

function pager(params: URLSearchParams, page: Page): HTMLElement {
  const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
  const link = (n: number, label: TextKey, rel: string) => {
    const p = new URLSearchParams(params);
    p.set('page', String(n));
    return el('a', { href: `#/inbox?${p}`, rel }, t(label));
  };
  return el(
    'nav',
    { class: 'pager', 'aria-label': `${page.page} / ${pages}` },
    page.page > 1 ? link(page.page - 1, 'prev', 'prev') : el('span', {}),
    el(
      'span',
      {},
      `${page.page.toLocaleString(LOCALES[currentLang()])} / ${pages.toLocaleString(LOCALES[currentLang()])}`,
    ),
    page.page < pages ? link(page.page + 1, 'next', 'next') : el('span', {}),
  );
}
