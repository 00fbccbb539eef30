/** UI texts. Latvian is the default; English is a switch away. Keys are shared by both dictionaries. */
const lv = {
  skip: 'Pāriet uz saturu',
  org: 'Valsts probācijas dienests',
  mainNav: 'Galvenā navigācija',
  language: 'Valoda',
  navInbox: 'Uzdevumi',
  navClients: 'Klienti',
  navMonitor: 'Uzraudzība',
  navModeler: 'Modelētājs',
  title: 'Sistēmas stāvoklis',
  lead: 'PLUS Flow pamats darbojas. Uzdevumu saraksts, klientu lietas, procesu uzraudzība un modelētājs tiek izstrādāti.',
  statusHeading: 'Komponentes',
  statusCaption: 'Komponenšu stāvoklis',
  refresh: 'Atjaunot',
  colComponent: 'Komponente',
  colState: 'Stāvoklis',
  colDetail: 'Informācija',
  colLatency: 'Atbildes laiks',
  engine: 'Procesu dzinējs (Camunda)',
  database: 'Datubāze (PostgreSQL)',
  workers: 'Automātiskie soļi (workers)',
  up: 'Darbojas',
  down: 'Nedarbojas',
  allUp: 'Visas komponentes darbojas.',
  someDown: 'Kāda komponente nedarbojas. Skatiet informāciju tabulā un žurnālus mapē .cache/<vide>/logs.',
  unreachable: 'API neatbild. Pārbaudiet, vai PLUS Flow ir palaists (npm start).',
  linksHeading: 'Saites',
  apiDocs: 'API dokumentācija (OpenAPI)',
  metrics: 'Metrikas (Prometheus)',
  comingSoon: 'Šī sadaļa vēl tiek izstrādāta.',
  ms: 'ms',
} as const;

export type TextKey = keyof typeof lv;

const en: Record<TextKey, string> = {
  skip: 'Skip to content',
  org: 'State Probation Service of Latvia',
  mainNav: 'Main navigation',
  language: 'Language',
  navInbox: 'Tasks',
  navClients: 'Clients',
  navMonitor: 'Monitor',
  navModeler: 'Modeler',
  title: 'System status',
  lead: 'The PLUS Flow foundation is running. The task inbox, client files, process monitor and modeler are being built.',
  statusHeading: 'Components',
  statusCaption: 'Component status',
  refresh: 'Refresh',
  colComponent: 'Component',
  colState: 'State',
  colDetail: 'Details',
  colLatency: 'Response time',
  engine: 'Process engine (Camunda)',
  database: 'Database (PostgreSQL)',
  workers: 'Automated steps (workers)',
  up: 'Up',
  down: 'Down',
  allUp: 'All components are up.',
  someDown: 'A component is down. See the details in the table and the logs in .cache/<stack>/logs.',
  unreachable: 'The API does not answer. Check that PLUS Flow is running (npm start).',
  linksHeading: 'Links',
  apiDocs: 'API documentation (OpenAPI)',
  metrics: 'Metrics (Prometheus)',
  comingSoon: 'This section is still being built.',
  ms: 'ms',
};

export type Lang = 'lv' | 'en';
const dictionaries: Record<Lang, Record<TextKey, string>> = { lv, en };
const STORAGE_KEY = 'plusflow.lang';

export function currentLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'lv';
}

export function t(key: TextKey, lang: Lang = currentLang()): string {
  return dictionaries[lang][key];
}

/** Applies the language to every element marked with data-i18n / data-i18n-aria and remembers the choice. */
export function applyLang(lang: Lang): void {
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n as TextKey, lang);
  });
  document.querySelectorAll<HTMLElement>('[data-i18n-aria]').forEach((el) => {
    el.setAttribute('aria-label', t(el.dataset.i18nAria as TextKey, lang));
  });
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === lang)));
}
