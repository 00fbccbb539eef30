import { defineProcess } from '../module';

/** Proves engine, job worker, database write and user task together; used by tests and health probes. */
export const processModule = defineProcess({
  id: 'platform-smoke',
  role: 'platform',
  label: { lv: 'Platformas pārbaude', en: 'Platform smoke check' },
});
