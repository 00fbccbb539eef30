import type { Prng } from '../../platform/prng';
import type { Region } from './municipalities';

/**
 * Courts, prosecutor offices and prisons. Names are real; court codes in case numbers are illustrative
 * (the format K<court>-<serial>-<yy>/<chamber> is TIS's, the digits are not the courts' real codes).
 */
export interface Court {
  name: string;
  code: string;
  level: 'DISTRICT' | 'REGIONAL';
  regions: Region[];
}

export const COURTS: readonly Court[] = [
  { name: 'Rīgas pilsētas tiesa', code: '30', level: 'DISTRICT', regions: ['Rīga'] },
  { name: 'Rīgas rajona tiesa', code: '31', level: 'DISTRICT', regions: ['Pierīga'] },
  { name: 'Kurzemes rajona tiesa', code: '33', level: 'DISTRICT', regions: ['Kurzeme'] },
  { name: 'Zemgales rajona tiesa', code: '35', level: 'DISTRICT', regions: ['Zemgale'] },
  { name: 'Vidzemes rajona tiesa', code: '37', level: 'DISTRICT', regions: ['Vidzeme'] },
  { name: 'Latgales rajona tiesa', code: '39', level: 'DISTRICT', regions: ['Latgale'] },
  { name: 'Rīgas apgabaltiesa', code: '04', level: 'REGIONAL', regions: ['Rīga', 'Pierīga'] },
  { name: 'Kurzemes apgabaltiesa', code: '06', level: 'REGIONAL', regions: ['Kurzeme'] },
  { name: 'Zemgales apgabaltiesa', code: '07', level: 'REGIONAL', regions: ['Zemgale'] },
  { name: 'Vidzemes apgabaltiesa', code: '05', level: 'REGIONAL', regions: ['Vidzeme'] },
  { name: 'Latgales apgabaltiesa', code: '09', level: 'REGIONAL', regions: ['Latgale'] },
];

/** Most rulings come from the district court of the region; about one in eight after appeal. */
export function pickCourt(rng: Prng, region: Region): Court {
  const level = rng.chance(0.12) ? 'REGIONAL' : 'DISTRICT';
  return rng.pick(COURTS.filter((c) => c.level === level && c.regions.includes(region)));
}

/** "K30-0123-26/12" */
export function caseNumber(rng: Prng, court: Court, year: number): string {
  return `K${court.code}-${String(rng.int(1, 9999)).padStart(4, '0')}-${String(year % 100).padStart(2, '0')}/${rng.int(1, 30)}`;
}

/** 11 digits: investigating institution, year, serial. */
export function criminalProceedingsNumber(rng: Prng, year: number): string {
  return `11${String(rng.int(0, 999)).padStart(3, '0')}${String(year % 100).padStart(2, '0')}${String(rng.int(0, 9999)).padStart(4, '0')}`;
}

export const PROSECUTOR_OFFICES: Readonly<Record<Region, readonly string[]>> = {
  Rīga: [
    'Rīgas pilsētas Vidzemes priekšpilsētas prokuratūra',
    'Rīgas pilsētas Latgales priekšpilsētas prokuratūra',
    'Rīgas pilsētas Zemgales priekšpilsētas prokuratūra',
    'Rīgas pilsētas Kurzemes rajona prokuratūra',
    'Rīgas pilsētas Ziemeļu rajona prokuratūra',
    'Rīgas pilsētas Centra rajona prokuratūra',
  ],
  Pierīga: ['Rīgas rajona prokuratūra', 'Jūrmalas prokuratūra'],
  Kurzeme: [
    'Kurzemes tiesas apgabala prokuratūra',
    'Liepājas prokuratūra',
    'Ventspils prokuratūra',
    'Kuldīgas rajona prokuratūra',
    'Talsu rajona prokuratūra',
  ],
  Zemgale: [
    'Zemgales tiesas apgabala prokuratūra',
    'Jelgavas prokuratūra',
    'Bauskas rajona prokuratūra',
    'Jēkabpils rajona prokuratūra',
  ],
  Vidzeme: [
    'Vidzemes tiesas apgabala prokuratūra',
    'Valmieras prokuratūra',
    'Cēsu rajona prokuratūra',
    'Ogres rajona prokuratūra',
    'Madonas rajona prokuratūra',
  ],
  Latgale: [
    'Latgales tiesas apgabala prokuratūra',
    'Daugavpils prokuratūra',
    'Rēzeknes prokuratūra',
    'Ludzas rajona prokuratūra',
  ],
};

export function pickProsecutorOffice(rng: Prng, region: Region): string {
  return rng.pick(PROSECUTOR_OFFICES[region]);
}

export interface Prison {
  name: string;
  /** Who serves there: women, minors (boys 14–17, up to 21 to finish a sentence) or adult men. */
  holds: 'MEN' | 'WOMEN' | 'MINORS';
}

export const PRISONS: readonly Prison[] = [
  { name: 'Rīgas Centrālcietums', holds: 'MEN' },
  { name: 'Daugavgrīvas cietums', holds: 'MEN' },
  { name: 'Jelgavas cietums', holds: 'MEN' },
  { name: 'Liepājas cietums', holds: 'MEN' },
  { name: 'Olaines cietums', holds: 'MEN' },
  { name: 'Valmieras cietums', holds: 'MEN' },
  { name: 'Iļģuciema cietums', holds: 'WOMEN' },
  { name: 'Cēsu audzināšanas iestāde nepilngadīgajiem', holds: 'MINORS' },
];

export function pickPrison(rng: Prng, gender: 'M' | 'F', age: number): Prison {
  const holds = gender === 'F' ? 'WOMEN' : age < 21 ? 'MINORS' : 'MEN';
  return rng.pick(PRISONS.filter((p) => p.holds === holds));
}
