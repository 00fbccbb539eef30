/** The partner systems' names as supervisors know them, by the clients' system slug. */
export const PARTNER_NAMES: Readonly<Record<string, string>> = {
  tis: 'TIS (courts)',
  prois: 'ProIS (prosecutors)',
  ievp: 'IeVP IS (prisons)',
  'e-adrese': 'e-adrese',
  vdeavk: 'VDEĀVK register',
  viis: 'VIIS (education register)',
};
export const partnerName = (system: string): string => PARTNER_NAMES[system] ?? system;
