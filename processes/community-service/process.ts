import { defineProcess } from '../module';

/** Community service (forced work), DOMAIN.md §4.1: the court's, prosecutor's or prison's decision starts a case. */
export const processModule = defineProcess({
  id: 'community-service',
  role: 'case',
  label: { lv: 'Sabiedriskais darbs', en: 'Community service' },
  intake: {
    caseKind: 'COMMUNITY_SERVICE',
    // Main or additional punishment, from TIS, ProIS or IeVP IS.
    measures: ['FORCED_WORK'],
    start: 'case-start-variables',
    messages: ['sentence-conversion-decided'],
  },
  calls: ['shared-register-lookup', 'shared-notify-court', 'shared-close-case'],
  documents: ['EXECUTION_START', 'ASSIGNMENT', 'SCHEDULE', 'INSPECTION_ACT', 'WARNING', 'COURT_NOTICE'],
  scenarios: 'scenarios',
});
