import { api } from './api';
import { currentLang } from './i18n';

/**
 * The process registry as the API publishes it (GET /api/processes): the UI names processes, offers the inbox's
 * process filter and maps a case's kind to its process from here, so a new process module needs no UI change.
 */
export interface ProcessInfo {
  id: string;
  role: 'case' | 'shared' | 'platform';
  label: { lv: string; en: string };
  name: { lv: string; en: string };
  caseKind: string | null;
}

let processes: ProcessInfo[] = [];
let loading: Promise<void> | undefined;

/** Loads the registry once per page; when it cannot be read, processes show by their ids. */
export function loadProcesses(): Promise<void> {
  loading ??= api<{ items: ProcessInfo[] }>('/api/processes').then(
    (r) => void (processes = r.items),
    () => void (loading = undefined),
  );
  return loading;
}

/** The short name of a process in the current language, or its id when the registry does not know it. */
export function processLabel(id: string): string {
  return processes.find((p) => p.id === id)?.label[currentLang()] ?? id;
}

/** The processes cases run on (the inbox's process filter). */
export function caseProcesses(): ProcessInfo[] {
  return processes.filter((p) => p.role === 'case');
}

/** The process that runs cases of this kind (`COMMUNITY_SERVICE` …), if any does. */
export function processOfCaseKind(kind: string): ProcessInfo | undefined {
  return processes.find((p) => p.caseKind === kind);
}
