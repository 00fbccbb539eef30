import { api, type ApiAnswer } from '../api';
import { currentLang, LOCALES, viewTexts } from '../i18n';
import { el, errorBox, formatDateTime } from './dom';

/**
 * The partner-status panel of the monitor: whether TIS, ProIS, the registers and e-adrese answer the workers, since
 * when not, and which steps wait for them (they retry on their own until the partner's horizon). Its texts live
 * here (`viewTexts`) rather than in the shared dictionary: a self-contained panel (Latvian first, English available).
 */
export type Partner = ApiAnswer<'/api/monitor/partners'>['items'][number];
type WaitingCall = Partner['waitingCalls'][number];

const TEXTS = {
  lv: {
    title: 'Partnersistēmas',
    none: 'Partnersistēmas vēl nav izsauktas.',
    up: 'sasniedzama',
    unreachable: 'nav sasniedzama',
    sinceUnreachable: '{name} nav sasniedzama kopš {time}, gaida {waiting}',
    answers: '{name} atbild',
    lastSuccess: 'Pēdējā veiksmīgā atbilde: {time}',
    never: 'vēl nav bijusi',
    failuresInRow: 'Neveiksmes pēc kārtas: {n}',
    lastError: 'Pēdējā kļūda: {error}',
    selfHealing:
      'Soļi tiek atkārtoti automātiski; kad sistēma atkal atbild, tie turpinās paši. Kļūda (incidents) rodas tikai, ja sistēma neatbild ilgāk par tai noteikto laiku.',
    waitingTitle: 'Gaidošie soļi',
    colStep: 'Solis',
    colCase: 'Lieta',
    colSince: 'Kopš',
    colTries: 'Mēģinājumi',
  },
  en: {
    title: 'Partner systems',
    none: 'No partner system has been called yet.',
    up: 'reachable',
    unreachable: 'unreachable',
    sinceUnreachable: '{name} unreachable since {time}, {waiting} waiting',
    answers: '{name} answers',
    lastSuccess: 'Last successful answer: {time}',
    never: 'none yet',
    failuresInRow: 'Failures in a row: {n}',
    lastError: 'Last error: {error}',
    selfHealing:
      'Steps are retried automatically and go on by themselves once the system answers again. An incident is raised only when it stays unreachable longer than its set horizon.',
    waitingTitle: 'Waiting steps',
    colStep: 'Step',
    colCase: 'Case',
    colSince: 'Since',
    colTries: 'Tries',
  },
} as const;

/** The partners' names as Latvian staff know them; English from the API. */
const LV_NAMES: Record<string, string> = {
  tis: 'TIS (tiesas)',
  prois: 'ProIS (prokuratūra)',
  ievp: 'IeVP IS (ieslodzījuma vietas)',
  'e-adrese': 'e-adrese',
  vdeavk: 'VDEĀVK reģistrs',
  viis: 'VIIS (izglītības reģistrs)',
};
const nameOf = (p: Partner) => (currentLang() === 'lv' ? (LV_NAMES[p.system] ?? p.name) : p.name);

const tx = viewTexts(TEXTS);

/** What waits for a partner, singular and plural: notices to the courts and prosecutors, requests to registers. */
const WAITING_WORDS = {
  lv: { notice: ['paziņojums', 'paziņojumi'], request: ['pieprasījums', 'pieprasījumi'] },
  en: { notice: ['notice', 'notices'], request: ['request', 'requests'] },
} as const;

/** The step as staff know it: its name in the diagram (Latvian), the worker's description in English. */
const stepText = (c: WaitingCall) => (currentLang() === 'lv' ? (c.step ?? c.description) : c.description);

/** "3 paziņojumi" / "1 paziņojums" (Latvian: singular after numbers ending in 1, except 11). */
export function waitingWords(system: string, n: number): string {
  const [one, many] = WAITING_WORDS[currentLang()][system === 'tis' || system === 'prois' ? 'notice' : 'request'];
  const singular = currentLang() === 'lv' ? n % 10 === 1 && n % 100 !== 11 : n === 1;
  return `${n} ${singular ? one : many}`;
}

/** Today's times as 21:39; older ones with their date (Rīga time). */
function when(iso: string): string {
  const d = new Date(iso);
  const day = (x: Date) => x.toLocaleDateString(LOCALES[currentLang()], { timeZone: 'Europe/Riga' });
  if (day(d) !== day(new Date())) return formatDateTime(iso);
  return d.toLocaleTimeString(LOCALES[currentLang()], { timeZone: 'Europe/Riga', hour: '2-digit', minute: '2-digit' });
}

export function partnerSentence(p: Partner): string {
  return p.state === 'unreachable' && p.failingSince
    ? tx('sinceUnreachable', {
        name: nameOf(p),
        time: when(p.failingSince),
        waiting: waitingWords(p.system, p.waiting),
      })
    : tx('answers', { name: nameOf(p) });
}

function card(p: Partner): HTMLElement {
  const down = p.state === 'unreachable';
  const badge = el(
    'span',
    { class: `badge ${down ? 'down' : 'up'}` },
    el('span', { 'aria-hidden': 'true' }, down ? '✕ ' : '✓ '),
    tx(down ? 'unreachable' : 'up'),
  );
  const facts = el(
    'ul',
    { class: 'sub' },
    el('li', {}, tx('lastSuccess', { time: p.lastSuccessAt ? when(p.lastSuccessAt) : tx('never') })),
    ...(down
      ? [
          el('li', {}, tx('failuresInRow', { n: String(p.failuresInRow) })),
          el('li', {}, tx('lastError', { error: p.lastError ?? '—' })),
        ]
      : []),
  );
  const waiting = p.waitingCalls.length
    ? el(
        'table',
        { class: 'tasks' },
        el('caption', {}, `${tx('waitingTitle')} (${p.waiting})`),
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            ...(['colStep', 'colCase', 'colSince', 'colTries'] as const).map((k) => el('th', { scope: 'col' }, tx(k))),
          ),
        ),
        el(
          'tbody',
          {},
          ...p.waitingCalls.map((c) =>
            el(
              'tr',
              {},
              el('td', {}, el('a', { href: `#/monitor/instances/${c.instanceId}` }, stepText(c))),
              el('td', {}, c.caseId ?? '—'),
              el('td', { class: 'nowrap' }, when(c.since)),
              el('td', { class: 'num' }, String(c.tries)),
            ),
          ),
        ),
      )
    : '';
  return el(
    'li',
    { class: `card partner${down ? ' overdue' : ''}`, 'data-partner': p.system },
    el('h3', {}, nameOf(p), ' ', badge),
    el('p', { class: 'partner-sentence' }, partnerSentence(p)),
    facts,
    ...(down ? [el('p', { class: 'notice' }, tx('selfHealing'))] : []),
    waiting,
  );
}

/** The panel, loaded on its own so a slow partner query never holds up the rest of the monitor. */
export async function renderPartners(): Promise<HTMLElement> {
  const section = el(
    'section',
    { id: 'partners', 'aria-labelledby': 'partners-title' },
    el('h2', { id: 'partners-title' }, tx('title')),
  );
  try {
    const { items } = await api<ApiAnswer<'/api/monitor/partners'>>('/api/monitor/partners');
    section.append(
      items.length
        ? el('ul', { class: 'cards partners' }, ...items.map(card))
        : el('p', { class: 'notice' }, tx('none')),
    );
  } catch (err) {
    section.append(errorBox(err));
  }
  return section;
}
