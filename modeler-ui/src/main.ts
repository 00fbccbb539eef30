import './styles.css';
import { COMPONENTS, loadHealth, type HealthView } from './health';
import { currentLang, LOCALES, setLang, t, type Lang, type TextKey } from './i18n';

/** Views reachable from the navigation. Only the status page exists yet; the others say so. */
type View = 'status' | 'inbox' | 'monitor' | 'modeler';
const PLACEHOLDERS: Record<Exclude<View, 'status'>, { title: TextKey; text: TextKey }> = {
  inbox: { title: 'navInbox', text: 'inboxText' },
  monitor: { title: 'navMonitor', text: 'monitorText' },
  modeler: { title: 'navModeler', text: 'modelerText' },
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
  $('checked-at').textContent = health ? t('checkedAt', { time: health.at.toLocaleTimeString(LOCALES[currentLang()]) }) : '';
  if (!health) {
    overall.dataset.state = 'loading';
    overall.textContent = t('loading');
    return;
  }
  if (health.kind === 'unreachable' || health.kind === 'failed') {
    overall.dataset.state = 'down';
    overall.textContent = health.kind === 'unreachable' ? t('unreachable') : [t('failed'), health.message].filter(Boolean).join(' ');
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

let view: View = 'status';

/** Routes are `#/name`; other fragments (the skip link's #main) are in-page jumps and keep the view. */
function viewFromHash(): View {
  if (location.hash && !location.hash.startsWith('#/')) return view;
  const name = location.hash.replace(/^#\/?/, '');
  return name === 'inbox' || name === 'monitor' || name === 'modeler' ? name : 'status';
}

function renderView(moveFocus: boolean): void {
  const next = viewFromHash();
  if (moveFocus && next === view) return;
  view = next;
  document.querySelectorAll<HTMLAnchorElement>('.nav a').forEach((a) => {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  $('view-status').hidden = view !== 'status';
  $('view-placeholder').hidden = view === 'status';
  let heading: HTMLElement;
  if (view === 'status') {
    heading = $('status-title');
    document.title = t('pageTitle');
  } else {
    const p = PLACEHOLDERS[view];
    heading = $('placeholder-title');
    heading.textContent = t(p.title);
    $('placeholder-text').textContent = t(p.text);
    document.title = `${t(p.title)} — ${t('pageTitle')}`;
  }
  // after navigation, screen readers start at the new view's heading
  if (moveFocus) heading.focus();
}

document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((button) =>
  button.addEventListener('click', () => {
    setLang(button.dataset.lang as Lang);
    renderView(false);
    renderHealth();
  }),
);
$('refresh').addEventListener('click', () => void refresh());
window.addEventListener('hashchange', () => renderView(true));
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refresh();
});
setInterval(() => {
  if (document.visibilityState === 'visible') void refresh();
}, REFRESH_MS);

setLang(currentLang());
renderView(false);
void refresh();
