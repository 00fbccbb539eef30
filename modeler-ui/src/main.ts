import './styles.css';
import { COMPONENTS, loadHealth, type HealthView } from './health';
import { currentLang, LOCALES, setLang, t, type Lang } from './i18n';
import { currentUser, loadMe, signInUrl, signOut } from './api';
import { loadProcesses } from './processes';
import { renderInbox } from './views/inbox';
import { renderClient } from './views/client';

/**
 * Routes (hash-based, so the API serves one index.html): #/inbox (default), #/tasks/<task id>, #/clients/<id>,
 * #/status, and the sections still to come. Views that show case data need a session; without one the
 * sign-in page comes first and brings the user back to the same address.
 */
type Route = {
  view:
    | 'status'
    | 'inbox'
    | 'task'
    | 'client'
    | 'monitor'
    | 'instance'
    | 'process'
    | 'modeler'
    | 'model'
    | 'intake'
    | 'intake-message';
  arg?: string;
  kind?: 'BPMN' | 'FORM';
};
const REFRESH_MS = 15_000;

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} is missing from index.html`);
  return el as T;
};

let health: HealthView | undefined;
let loading = false;

async function refresh(): Promise<void> {
  if (loading) return;
  loading = true;
  $('refresh').setAttribute('aria-busy', 'true');
  try {
    health = await loadHealth();
  } finally {
    loading = false;
    $('refresh').removeAttribute('aria-busy');
  }
  renderHealth();
}

function renderHealth(): void {
  const overall = $('overall');
  const rows = $('checks');
  rows.replaceChildren();
  $('checked-at').textContent = health
    ? t('checkedAt', { time: health.at.toLocaleTimeString(LOCALES[currentLang()]) })
    : '';
  if (!health) {
    overall.dataset.state = 'loading';
    overall.textContent = t('loading');
    return;
  }
  if (health.kind === 'unreachable' || health.kind === 'failed') {
    overall.dataset.state = 'down';
    overall.textContent =
      health.kind === 'unreachable' ? t('unreachable') : [t('failed'), health.message].filter(Boolean).join(' ');
    return;
  }
  overall.dataset.state = health.kind;
  overall.textContent = t(health.kind === 'up' ? 'allUp' : 'someDown');
  for (const name of COMPONENTS) {
    const check = health.checks[name];
    const row = document.createElement('tr');
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = t(name);
    const state = document.createElement('td');
    const badge = document.createElement('span');
    badge.className = `badge ${check.status}`;
    // the symbol repeats the word for sighted users; colour is never the only cue
    const symbol = document.createElement('span');
    symbol.setAttribute('aria-hidden', 'true');
    symbol.textContent = check.status === 'up' ? '✓ ' : '✕ ';
    badge.append(symbol, t(check.status));
    state.append(badge);
    const detail = document.createElement('td');
    detail.textContent = check.detail ?? '';
    const latency = document.createElement('td');
    latency.className = 'num';
    latency.textContent = `${check.latencyMs.toLocaleString(LOCALES[currentLang()])} ${t('ms')}`;
    row.append(th, state, detail, latency);
    rows.append(row);
  }
}

let route: Route = { view: 'inbox' };

/** Tasks and process instances are named by the workflow engine's ids (UUIDs, lower-case hex), as the API takes them. */
const WORKFLOW_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Other fragments (the skip link's #main) are in-page jumps and keep the route. */
function routeFromHash(): Route {
  if (location.hash && !location.hash.startsWith('#/')) return route;
  const [path = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const [head, arg] = path.split('/');
  const sub = path.split('/');
  if (head === 'monitor' && sub[1] === 'instances' && sub[2] && WORKFLOW_ID.test(sub[2]))
    return { view: 'instance', arg: sub[2] };
  if (head === 'monitor' && sub[1] === 'processes' && sub[2] && /^[\w.-]+$/.test(sub[2]))
    return { view: 'process', arg: sub[2] };
  if (head === 'modeler' && (sub[1] === 'BPMN' || sub[1] === 'FORM') && sub[2] && /^[\w.-]+$/.test(sub[2]))
    return { view: 'model', kind: sub[1], arg: sub[2] };
  if (head === 'intake' && arg && /^\d+$/.test(arg)) return { view: 'intake-message', arg };
  if (head === 'status' || head === 'monitor' || head === 'modeler' || head === 'intake') return { view: head };
  if (head === 'tasks' && arg && WORKFLOW_ID.test(arg)) return { view: 'task', arg };
  if (head === 'clients' && arg && /^\d+$/.test(arg)) return { view: 'client', arg };
  return { view: 'inbox' };
}

function show(panel: 'status' | 'app' | 'signin' | 'placeholder'): void {
  for (const p of ['status', 'app', 'signin', 'placeholder'] as const) $(`view-${p}`).hidden = p !== panel;
}

function renderUser(): void {
  const me = currentUser();
  $('user').hidden = !me;
  if (me)
    $('user-name').textContent = t('signedInAs', {
      name: me.fullName,
      department: me.department?.name ?? t('national'),
    });
}

let rendering = 0;
async function renderView(moveFocus: boolean): Promise<void> {
  route = routeFromHash();
  const mine = ++rendering;
  const navView =
    route.view === 'task' || route.view === 'client'
      ? 'inbox'
      : route.view === 'instance' || route.view === 'process'
        ? 'monitor'
        : route.view === 'model'
          ? 'modeler'
          : route.view === 'intake-message'
            ? 'intake'
            : route.view;
  document.querySelectorAll<HTMLAnchorElement>('.nav a').forEach((a) => {
    if (a.dataset.view === navView) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  let heading: HTMLElement;
  if (route.view === 'status') {
    show('status');
    heading = $('status-title');
    document.title = t('pageTitle');
  } else if (!currentUser()) {
    show('signin');
    $<HTMLAnchorElement>('sign-in').href = signInUrl();
    heading = $('signin-title');
    document.title = `${t('signInTitle')} — ${t('pageTitle')}`;
  } else {
    show('app');
    // Process names and the inbox's process filter come from the registry the API publishes.
    await loadProcesses();
    // Each navigation renders into an element of its own: a slower view still loading for an earlier address (the
    // inbox while the user already opened a client) finishes into a detached element instead of over this one.
    const root = document.createElement('div');
    $('view-app').replaceChildren(root);
    if (route.view === 'task') {
      // form-js is large: loaded when the first task is opened, not with the inbox.
      const { renderTask } = await import('./views/task');
      heading = await renderTask(root, route.arg!);
    } else if (route.view === 'client') {
      heading = await renderClient(root, route.arg!);
    } else if (route.view === 'monitor' || route.view === 'instance' || route.view === 'process') {
      // bpmn-js is large: loaded with the first monitor page.
      const m = await import('./views/monitor');
      document.title = `${t('monitorTitle')} — ${t('pageTitle')}`;
      heading =
        route.view === 'monitor'
          ? await m.renderMonitor(root)
          : route.view === 'instance'
            ? await m.renderInstance(root, route.arg!)
            : await m.renderProcess(root, route.arg!);
    } else if (route.view === 'intake' || route.view === 'intake-message') {
      const m = await import('./views/intake');
      document.title = `${t('navIntake')} — ${t('pageTitle')}`;
      heading = route.view === 'intake' ? await m.renderIntake(root) : await m.renderIntakeMessage(root, route.arg!);
    } else if (route.view === 'modeler' || route.view === 'model') {
      // The Camunda modeler and the form editor: loaded with the first modeler page.
      const m = await import('./views/modeler');
      document.title = `${t('modelerTitle')} — ${t('pageTitle')}`;
      heading =
        route.view === 'modeler' ? await m.renderModels(root) : await m.renderModel(root, route.kind!, route.arg!);
    } else {
      document.title = `${t('inboxTitle')} — ${t('pageTitle')}`;
      heading = await renderInbox(root);
    }
    if (mine !== rendering) return; // a newer navigation took over
  }
  // after navigation, screen readers start at the new view's heading
  if (moveFocus) heading.focus();
}

document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) =>
  button.addEventListener('click', () => {
    setLang(button.dataset.lang as Lang);
    renderUser();
    void renderView(false);
    renderHealth();
  }),
);
$('refresh').addEventListener('click', () => void refresh());
window.addEventListener('hashchange', () => void renderView(true));
$('sign-out').addEventListener('click', async () => {
  await signOut().catch(() => undefined);
  renderUser();
  location.hash = '#/inbox';
  void renderView(true);
});
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refresh();
});
setInterval(() => {
  if (document.visibilityState === 'visible') void refresh();
}, REFRESH_MS);

setLang(currentLang());
void loadMe()
  .catch(() => null)
  .then(() => {
    renderUser();
    return renderView(false);
  });
void refresh();
