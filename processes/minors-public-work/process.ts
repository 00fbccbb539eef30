import { defineProcess } from '../module';

/** Minors' public work (the educational measure), DOMAIN.md §4.2: a court ruling from TIS starts a case. */
export const processModule = defineProcess({
  id: 'minors-public-work',
  role: 'case',
  label: { lv: 'Nepilngadīgo sabiedriskais darbs', en: "Minors' public work" },
  intake: {
    caseKind: 'MINORS_PUBLIC_WORK',
    measures: ['COMMUNITY_WORK_EDU'],
    start: 'case-start-variables',
    messages: ['sentence-conversion-decided'],
    youthDepartment: true,
  },
  calls: ['shared-register-lookup', 'shared-notify-court', 'shared-close-case'],
  documents: ['EXECUTION_START', 'ASSIGNMENT', 'SCHEDULE', 'INSPECTION_ACT', 'WARNING', 'COURT_NOTICE'],
  scenarios: 'scenarios',
});
