import type { Prng } from '../../platform/prng';

/**
 * The 43 municipalities since the 2021 administrative-territorial reform: 7 state cities and 36 novadi.
 * Each with its planning region (used to pick a court and prosecutor office near the person), a town with a
 * postal code for addresses.
 */
export type Region = 'Rīga' | 'Pierīga' | 'Kurzeme' | 'Zemgale' | 'Vidzeme' | 'Latgale';

export interface Municipality {
  name: string;
  region: Region;
  /** A town in it, as written in an address. */
  town: string;
  postalCode: string;
  /** Rough share of the population, to weight random picks (Rīga about a third). */
  weight: number;
}

const m = (name: string, region: Region, town: string, postalCode: string, weight: number): Municipality => ({
  name,
  region,
  town,
  postalCode,
  weight,
});

export const MUNICIPALITIES: readonly Municipality[] = [
  m('Rīga', 'Rīga', 'Rīga', 'LV-1010', 32),
  m('Daugavpils', 'Latgale', 'Daugavpils', 'LV-5401', 4.5),
  m('Jelgava', 'Zemgale', 'Jelgava', 'LV-3001', 3),
  m('Jūrmala', 'Pierīga', 'Jūrmala', 'LV-2015', 2.6),
  m('Liepāja', 'Kurzeme', 'Liepāja', 'LV-3401', 3.5),
  m('Rēzekne', 'Latgale', 'Rēzekne', 'LV-4601', 1.4),
  m('Ventspils', 'Kurzeme', 'Ventspils', 'LV-3601', 1.7),
  m('Aizkraukles novads', 'Zemgale', 'Aizkraukle', 'LV-5101', 1.5),
  m('Alūksnes novads', 'Vidzeme', 'Alūksne', 'LV-4301', 0.7),
  m('Augšdaugavas novads', 'Latgale', 'Ilūkste', 'LV-5447', 1.2),
  m('Ādažu novads', 'Pierīga', 'Ādaži', 'LV-2164', 1.1),
  m('Balvu novads', 'Latgale', 'Balvi', 'LV-4501', 1),
  m('Bauskas novads', 'Zemgale', 'Bauska', 'LV-3901', 2),
  m('Cēsu novads', 'Vidzeme', 'Cēsis', 'LV-4101', 2.1),
  m('Dienvidkurzemes novads', 'Kurzeme', 'Grobiņa', 'LV-3430', 1.7),
  m('Dobeles novads', 'Zemgale', 'Dobele', 'LV-3701', 1.5),
  m('Gulbenes novads', 'Vidzeme', 'Gulbene', 'LV-4401', 0.9),
  m('Jelgavas novads', 'Zemgale', 'Ozolnieki', 'LV-3018', 1.7),
  m('Jēkabpils novads', 'Zemgale', 'Jēkabpils', 'LV-5201', 2.1),
  m('Krāslavas novads', 'Latgale', 'Krāslava', 'LV-5601', 1.1),
  m('Kuldīgas novads', 'Kurzeme', 'Kuldīga', 'LV-3301', 1.4),
  m('Ķekavas novads', 'Pierīga', 'Ķekava', 'LV-2123', 1.6),
  m('Limbažu novads', 'Vidzeme', 'Limbaži', 'LV-4001', 1.4),
  m('Līvānu novads', 'Latgale', 'Līvāni', 'LV-5316', 0.5),
  m('Ludzas novads', 'Latgale', 'Ludza', 'LV-5701', 1),
  m('Madonas novads', 'Vidzeme', 'Madona', 'LV-4801', 1.6),
  m('Mārupes novads', 'Pierīga', 'Mārupe', 'LV-2167', 1.9),
  m('Ogres novads', 'Vidzeme', 'Ogre', 'LV-5001', 3.1),
  m('Olaines novads', 'Pierīga', 'Olaine', 'LV-2114', 1),
  m('Preiļu novads', 'Latgale', 'Preiļi', 'LV-5301', 0.9),
  m('Rēzeknes novads', 'Latgale', 'Viļāni', 'LV-4650', 1.3),
  m('Ropažu novads', 'Pierīga', 'Ulbroka', 'LV-2130', 1.6),
  m('Salaspils novads', 'Pierīga', 'Salaspils', 'LV-2121', 1.2),
  m('Saldus novads', 'Kurzeme', 'Saldus', 'LV-3801', 1.3),
  m('Saulkrastu novads', 'Pierīga', 'Saulkrasti', 'LV-2160', 0.3),
  m('Siguldas novads', 'Pierīga', 'Sigulda', 'LV-2150', 1.6),
  m('Smiltenes novads', 'Vidzeme', 'Smiltene', 'LV-4729', 1),
  m('Talsu novads', 'Kurzeme', 'Talsi', 'LV-3201', 2),
  m('Tukuma novads', 'Kurzeme', 'Tukums', 'LV-3101', 2.2),
  m('Valkas novads', 'Vidzeme', 'Valka', 'LV-4701', 0.4),
  m('Valmieras novads', 'Vidzeme', 'Valmiera', 'LV-4201', 2.8),
  m('Varakļānu novads', 'Latgale', 'Varakļāni', 'LV-4838', 0.2),
  m('Ventspils novads', 'Kurzeme', 'Piltene', 'LV-3620', 0.5),
];

const STREETS = [
  'Brīvības iela',
  'Raiņa iela',
  'Skolas iela',
  'Dzirnavu iela',
  'Pils iela',
  'Lāčplēša iela',
  'Dārza iela',
  'Meža iela',
  'Stacijas iela',
  'Tirgus iela',
  'Ozolu iela',
  'Liepu iela',
  'Krasta iela',
  'Saules iela',
  'Zemnieku iela',
  'Baznīcas iela',
  'Kalna iela',
  'Parka iela',
] as const;

export function pickMunicipality(rng: Prng, region?: Region): Municipality {
  const pool = region ? MUNICIPALITIES.filter((x) => x.region === region) : MUNICIPALITIES;
  return rng.weighted(pool.map((x) => [x, x.weight] as const));
}

/** "Skolas iela 12-3, Cēsis, Cēsu novads, LV-4101": the declared-residence line as registers print it. */
export function addressIn(rng: Prng, mun: Municipality): string {
  const house = rng.int(1, 140);
  const flat = rng.chance(0.6) ? `-${rng.int(1, 80)}` : '';
  const place = mun.name === mun.town ? mun.town : `${mun.town}, ${mun.name}`;
  return `${rng.pick(STREETS)} ${house}${flat}, ${place}, ${mun.postalCode}`;
}
