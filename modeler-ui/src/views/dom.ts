import { ApiError } from '../api';
import { currentLang, LOCALES } from '../i18n';

/** A tiny element builder: attributes, then children (strings become text nodes, never HTML). */
export function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** Dates and times as in Latvia, wherever the browser is: VPD works in Rīga time. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(LOCALES[currentLang()], {
    timeZone: 'Europe/Riga',
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/** Process names come from the process registry (GET /api/processes). */
export { processLabel } from '../processes';

/** Goes to a route; the same route again reloads it (a filter submitted twice shows fresh data). */
export function navigate(hash: string): void {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** A failed call as the user reads it: the API's own title and explanation. */
export const errorBox = (err: unknown) =>
  el(
    'p',
    { class: 'overall', 'data-state': 'down', role: 'alert' },
    err instanceof ApiError ? `${err.title}: ${err.detail}` : String(err),
  );
export const okBox = (text: string) => el('p', { class: 'overall', 'data-state': 'up' }, text);
