/**
 * UI texts. Latvian is the default; English is one click away. Both dictionaries have the same keys
 * (the English one is typed against the Latvian one, so a missing text is a compile error).
 */
const lv = {
  pageTitle: 'PLUS Flow — Valsts probācijas dienests',
  skip: 'Pāriet uz saturu',
  org: 'Valsts probācijas dienests',
  mainNav: 'Galvenā navigācija',
  language: 'Valoda',
  navStatus: 'Sistēmas stāvoklis',
  navInbox: 'Uzdevumi',
  navMonitor: 'Uzraudzība',
  navModeler: 'Modelētājs',
  soon: 'drīzumā',
  statusTitle: 'Sistēmas stāvoklis',
  statusLead: 'PLUS Flow pamats darbojas. Šeit redzams, vai darbojas komponentes, no kurām atkarīgs darbs ar lietām.',
  componentsHeading: 'Komponentes',
  statusCaption: 'Komponenšu stāvoklis',
  refresh: 'Pārbaudīt vēlreiz',
  loading: 'Pārbauda…',
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
  someDown: 'Ne visas komponentes darbojas. Kamēr tās nav atjaunotas, uzdevumus nevar pabeigt. Iemesls ir norādīts tabulā.',
  unreachable: 'PLUS Flow serveris neatbild. Pārbaudiet, vai sistēma ir palaista (npm start), un mēģiniet vēlreiz.',
  failed: 'Stāvokli neizdevās noskaidrot.',
  checkedAt: 'Pēdējā pārbaude: {time}. Stāvoklis tiek atjaunots ik pēc 15 sekundēm.',
  ms: 'ms',
  comingSoon: 'Šī sadaļa vēl tiek izstrādāta un tiks pievienota kādā no nākamajiem posmiem.',
  inboxText: 'Šeit būs probācijas darbinieka uzdevumi: lietas, kurās jārīkojas, ar termiņiem un veidlapām.',
  monitorText: 'Šeit būs procesu uzraudzība: kuras lietas kurā solī atrodas un kur radušies kavējumi vai kļūdas.',
  modelerText: 'Šeit būs procesu un veidlapu modelētājs (BPMN), ar ko veido un maina darba procesus.',
  backToStatus: 'Atpakaļ uz sistēmas stāvokli',
  apiDocs: 'API dokumentācija (OpenAPI)',
  metrics: 'Metrikas (Prometheus)',
  footerOrg: 'Valsts probācijas dienests · PLUS Flow',
  signInTitle: 'Pieteikšanās',
  signInLead: 'Lai strādātu ar uzdevumiem un lietām, piesakieties ar savu lietotāju.',
  signIn: 'Pieteikties',
  signOut: 'Iziet',
  signedInAs: '{name}, {department}',
  national: 'visas nodaļas',
  inboxTitle: 'Uzdevumi',
  scopeMine: 'Mani',
  scopeGroup: 'Manas grupas',
  scopeDepartment: 'Nodaļas',
  scopes: 'Kuri uzdevumi',
  filters: 'Atlase',
  fProcess: 'Process',
  fTaskType: 'Uzdevuma veids',
  fDue: 'Termiņš',
  fClient: 'Klients (vārds vai personas kods)',
  fCase: 'Lietas numurs',
  fSort: 'Kārtot pēc',
  any: 'visi',
  dueOverdue: 'nokavēti',
  dueSoon: 'tuvākajās 48 stundās',
  dueLater: 'vēlāk',
  dueNone: 'bez termiņa',
  sortDue: 'termiņa',
  sortCreated: 'izveides laika',
  sortPriority: 'prioritātes',
  sortClient: 'klienta',
  apply: 'Atlasīt',
  clear: 'Notīrīt',
  colTask: 'Uzdevums',
  colCase: 'Lieta',
  colClient: 'Klients',
  colDue: 'Termiņš',
  colAssignee: 'Izpildītājs',
  overdue: 'nokavēts',
  dueSoonBadge: 'drīz',
  unassigned: 'nav piešķirts',
  noTasks: 'Atlasei neatbilst neviens uzdevums.',
  totalTasks: '{total} uzdevumi · {from}–{to}',
  prev: 'Iepriekšējā lapa',
  next: 'Nākamā lapa',
  countOverdue: '{n} nokavēti',
  countSoon: '{n} drīz',
  pCommunityService: 'Sabiedriskais darbs',
  pMinors: 'Nepilngadīgo sabiedriskais darbs',
  taskDue: 'Termiņš: {date}',
  taskCreated: 'Izveidots: {date}',
  claim: 'Paņemt sev',
  unclaim: 'Atdot grupai',
  saveDraft: 'Saglabāt melnrakstu',
  complete: 'Pabeigt uzdevumu',
  draftSaved: 'Melnraksts saglabāts {time}.',
  completed: 'Uzdevums pabeigts. Process turpinās.',
  formInvalid: 'Veidlapā ir kļūdas. Izlabojiet atzīmētos laukus.',
  noForm: 'Šim uzdevumam nav veidlapas.',
  backToInbox: 'Atpakaļ uz uzdevumiem',
  openClient: 'Atvērt klienta lietu',
  assignedTo: 'Izpildītājs: {name}',
  errorTitle: 'Neizdevās',
  loadingData: 'Ielādē…',
};

export type TextKey = keyof typeof lv;

const en: Record<TextKey, string> = {
  pageTitle: 'PLUS Flow — State Probation Service of Latvia',
  skip: 'Skip to content',
  org: 'State Probation Service of Latvia',
  mainNav: 'Main navigation',
  language: 'Language',
  navStatus: 'System status',
  navInbox: 'Tasks',
  navMonitor: 'Monitor',
  navModeler: 'Modeler',
  soon: 'coming soon',
  statusTitle: 'System status',
  statusLead: 'The PLUS Flow foundation is running. This page shows whether the components that case work depends on are up.',
  componentsHeading: 'Components',
  statusCaption: 'Component status',
  refresh: 'Check again',
  loading: 'Checking…',
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
  someDown: 'Not every component is up. Tasks cannot be completed until they are back. The table says why.',
  unreachable: 'The PLUS Flow server does not answer. Check that the system is running (npm start) and try again.',
  failed: 'The status could not be determined.',
  checkedAt: 'Last checked: {time}. The status refreshes every 15 seconds.',
  ms: 'ms',
  comingSoon: 'This section is still being built and will be added in one of the next stages.',
  inboxText: "This will be the probation officer's task list: the cases that need action, with deadlines and forms.",
  monitorText: 'This will be the process monitor: which case is at which step, and where delays or errors occurred.',
  modelerText: 'This will be the process and form modeler (BPMN) for building and changing the work processes.',
  backToStatus: 'Back to system status',
  apiDocs: 'API documentation (OpenAPI)',
  metrics: 'Metrics (Prometheus)',
  footerOrg: 'State Probation Service of Latvia · PLUS Flow',
  signInTitle: 'Sign in',
  signInLead: 'Sign in with your user to work on tasks and cases.',
  signIn: 'Sign in',
  signOut: 'Sign out',
  signedInAs: '{name}, {department}',
  national: 'all departments',
  inboxTitle: 'Tasks',
  scopeMine: 'Mine',
  scopeGroup: 'My groups',
  scopeDepartment: 'Department',
  scopes: 'Which tasks',
  filters: 'Filters',
  fProcess: 'Process',
  fTaskType: 'Task type',
  fDue: 'Due',
  fClient: 'Client (name or personal code)',
  fCase: 'Case number',
  fSort: 'Sort by',
  any: 'any',
  dueOverdue: 'overdue',
  dueSoon: 'within 48 hours',
  dueLater: 'later',
  dueNone: 'no due date',
  sortDue: 'due date',
  sortCreated: 'created',
  sortPriority: 'priority',
  sortClient: 'client',
  apply: 'Filter',
  clear: 'Clear',
  colTask: 'Task',
  colCase: 'Case',
  colClient: 'Client',
  colDue: 'Due',
  colAssignee: 'Assignee',
  overdue: 'overdue',
  dueSoonBadge: 'soon',
  unassigned: 'unassigned',
  noTasks: 'No task matches the filters.',
  totalTasks: '{total} tasks · {from}–{to}',
  prev: 'Previous page',
  next: 'Next page',
  countOverdue: '{n} overdue',
  countSoon: '{n} due soon',
  pCommunityService: 'Community service',
  pMinors: "Minors' public work",
  taskDue: 'Due: {date}',
  taskCreated: 'Created: {date}',
  claim: 'Take it',
  unclaim: 'Give back to the group',
  saveDraft: 'Save draft',
  complete: 'Complete task',
  draftSaved: 'Draft saved at {time}.',
  completed: 'Task completed. The process moves on.',
  formInvalid: 'The form has errors. Correct the marked fields.',
  noForm: 'This task has no form.',
  backToInbox: 'Back to tasks',
  openClient: "Open the client's file",
  assignedTo: 'Assignee: {name}',
  errorTitle: 'Something went wrong',
  loadingData: 'Loading…',
};

export type Lang = 'lv' | 'en';
export const LANGS: readonly Lang[] = ['lv', 'en'];
const dictionaries: Record<Lang, Record<TextKey, string>> = { lv, en };
const STORAGE_KEY = 'plusflow.lang';
/** Locales for dates and numbers. */
export const LOCALES: Record<Lang, string> = { lv: 'lv-LV', en: 'en-GB' };

let lang: Lang = readStoredLang();

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'lv';
  } catch {
    return 'lv'; // storage blocked: Latvian, without remembering
  }
}

export function currentLang(): Lang {
  return lang;
}

export function isTextKey(key: string | undefined): key is TextKey {
  return key !== undefined && key in lv;
}

/** The text in the current language; `{name}` placeholders are filled from `params`. */
export function t(key: TextKey, params: Record<string, string> = {}): string {
  return dictionaries[lang][key].replace(/\{(\w+)\}/g, (m, name: string) => params[name] ?? m);
}

/**
 * Switches the language: remembers it, sets <html lang>, and rewrites every element marked with
 * data-i18n (text) or data-i18n-aria (aria-label).
 */
export function setLang(next: Lang): void {
  lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // storage blocked: the choice lasts for this page only
  }
  document.documentElement.lang = next;
  document.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => {
    if (isTextKey(el.dataset.i18n)) el.textContent = t(el.dataset.i18n);
  });
  document.querySelectorAll<HTMLElement>('[data-i18n-aria]').forEach((el) => {
    if (isTextKey(el.dataset.i18nAria)) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  });
  document.querySelectorAll<HTMLButtonElement>('[data-lang]').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.lang === next)));
}
