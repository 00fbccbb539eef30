import { defineProcess } from '../module';

/** Call activity: a notice to the court (TIS) or the prosecutor (ProIS); a rejected notice goes to the officer. */
export const processModule = defineProcess({
  id: 'shared-notify-court',
  role: 'shared',
  label: { lv: 'Paziņojums tiesai vai prokuratūrai', en: 'Notice to court or prosecutor' },
  documents: ['COURT_NOTICE'],
});
