import type { Prng } from '../../platform/prng';

/** Common Latvian given names and family names in both gendered forms (Bērziņš / Bērziņa). */
export type Gender = 'M' | 'F';

const MALE = [
  'Jānis',
  'Andris',
  'Mārtiņš',
  'Roberts',
  'Edgars',
  'Kristaps',
  'Artūrs',
  'Dāvis',
  'Raivis',
  'Aivars',
  'Guntis',
  'Juris',
  'Māris',
  'Ivars',
  'Kaspars',
  'Rihards',
  'Toms',
  'Ainārs',
  'Valdis',
  'Sergejs',
  'Aleksandrs',
  'Dmitrijs',
  'Oskars',
  'Emīls',
  'Ralfs',
  'Gatis',
  'Uldis',
  'Normunds',
] as const;
const FEMALE = [
  'Anna',
  'Kristīne',
  'Inese',
  'Ilze',
  'Laura',
  'Līga',
  'Marta',
  'Elīna',
  'Santa',
  'Dace',
  'Baiba',
  'Zane',
  'Agnese',
  'Sanita',
  'Jeļena',
  'Olga',
  'Evija',
  'Sintija',
  'Madara',
  'Alise',
  'Katrīna',
  'Linda',
  'Ieva',
  'Gunta',
] as const;

/** [masculine, feminine] */
const FAMILY: readonly (readonly [string, string])[] = [
  ['Bērziņš', 'Bērziņa'],
  ['Kalniņš', 'Kalniņa'],
  ['Ozols', 'Ozola'],
  ['Jansons', 'Jansone'],
  ['Ozoliņš', 'Ozoliņa'],
  ['Liepiņš', 'Liepiņa'],
  ['Krūmiņš', 'Krūmiņa'],
  ['Balodis', 'Balode'],
  ['Eglītis', 'Eglīte'],
  ['Zariņš', 'Zariņa'],
  ['Pētersons', 'Pētersone'],
  ['Vītols', 'Vītola'],
  ['Kļaviņš', 'Kļaviņa'],
  ['Kārkliņš', 'Kārkliņa'],
  ['Vanags', 'Vanaga'],
  ['Lācis', 'Lāce'],
  ['Siliņš', 'Siliņa'],
  ['Zvirbulis', 'Zvirbule'],
  ['Ābols', 'Ābola'],
  ['Grīnbergs', 'Grīnberga'],
  ['Strazds', 'Strazda'],
  ['Ivanovs', 'Ivanova'],
  ['Petrovs', 'Petrova'],
  ['Kuzņecovs', 'Kuzņecova'],
  ['Sproģis', 'Sproģe'],
  ['Zeltiņš', 'Zeltiņa'],
  ['Rozenbergs', 'Rozenberga'],
  ['Dūmiņš', 'Dūmiņa'],
  ['Jākobsons', 'Jākobsone'],
  ['Vasiļjevs', 'Vasiļjeva'],
];

export function pickName(rng: Prng, gender: Gender): { firstName: string; lastName: string } {
  const family = rng.pick(FAMILY);
  return gender === 'M'
    ? { firstName: rng.pick(MALE), lastName: family[0] }
    : { firstName: rng.pick(FEMALE), lastName: family[1] };
}

/** "Inese Ozola": officials (judges, prosecutors) are written by full name. */
export function pickOfficial(rng: Prng): { firstName: string; lastName: string } {
  return pickName(rng, rng.chance(0.65) ? 'F' : 'M');
}
