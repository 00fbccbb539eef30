import { defineProcess } from '../module';

/** Call activity: the officer confirms the case file is complete, then the case is closed. */
export const processModule = defineProcess({
  id: 'shared-close-case',
  role: 'shared',
  label: { lv: 'Lietas slēgšana', en: 'Case closure' },
});
