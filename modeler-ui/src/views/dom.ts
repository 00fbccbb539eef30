import { currentLang, LOCALES, t } from '../i18n';

/** A tiny element builder: attributes, then children (strings become text nodes, never HTML). */
export function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

/** Dates and times as in Latvia, wherever the browser is: VPD works in Rīga time. */
export function formatDateTime(iso: string): string {
  return new Date(iso).toLocaleString(LOCALES[currentLang()], { timeZone: 'Europe/Riga', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function processLabel(id: string): string {
  if (id === 'community-service') return t('pCommunityService');
  if (id === 'minors-public-work') return t('pMinors');
  return id;
}
