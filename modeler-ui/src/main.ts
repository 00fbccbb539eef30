import './styles.css';
import { applyLang, currentLang, t, type Lang, type TextKey } from './i18n';

interface Check {
  status: 'up' | 'down';
  detail?: string;
  latencyMs: number;
}
interface Health {
  status: 'up' | 'down';
  checks: Record<'engine' | 'database' | 'workers', Check>;
}

let lastHealth: Health | undefined;
let unreachable = false;

async function loadHealth(): Promise<void> {
  try {
    const res = await fetch('/health', { headers: { accept: 'application/json' } });
    lastHealth = (await res.json()) as Health;
    unreachable = false;
  } catch {
    unreachable = true;
  }
  render();
}

function render(): void {
  const overall = document.getElementById('overall')!;
  const body = document.getElementById('checks')!;
  body.replaceChildren();
  if (unreachable || !lastHealth) {
    overall.textContent = t('unreachable');
    overall.className = 'down';
    return;
  }
  overall.textContent = t(lastHealth.status === 'up' ? 'allUp' : 'someDown');
  overall.className = lastHealth.status;
  for (const name of ['engine', 'database', 'workers'] as const) {
    const c = lastHealth.checks[name];
    const row = document.createElement('tr');
    const cells = [t(name as TextKey), t(c.status), c.detail ?? '', `${c.latencyMs} ${t('ms')}`];
    cells.forEach((text, i) => {
      const cell = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) cell.setAttribute('scope', 'row');
      if (i === 1) {
        const badge = document.createElement('span');
        badge.className = `badge ${c.status}`;
        badge.textContent = text;
        cell.append(badge);
      } else cell.textContent = text;
      row.append(cell);
    });
    body.append(row);
  }
}

function showComingSoon(): void {
  const hash = location.hash.replace('#', '');
  document.querySelectorAll<HTMLAnchorElement>('.nav a').forEach((a) => {
    if (a.getAttribute('href') === `#${hash}`) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  if (hash) {
    const overall = document.getElementById('overall')!;
    overall.textContent = t('comingSoon');
    overall.className = 'info';
  }
}

document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) =>
  b.addEventListener('click', () => {
    applyLang(b.dataset.lang as Lang);
    render();
  }),
);
document.getElementById('refresh')!.addEventListener('click', () => void loadHealth());
window.addEventListener('hashchange', showComingSoon);
applyLang(currentLang());
void loadHealth().then(showComingSoon);
setInterval(() => void loadHealth(), 15_000);
