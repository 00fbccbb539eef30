import { defineProcess } from '../module';

/** Call activity: VIIS and IIS VDEĀVK look-ups, reviewed by the officer before they are saved to the case. */
export const processModule = defineProcess({
  id: 'shared-register-lookup',
  role: 'shared',
  label: { lv: 'Reģistru datu pieprasīšana', en: 'Register look-up' },
});
