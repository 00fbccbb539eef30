/**
 * Approximate centres (WGS 84) of the 43 municipalities since the 2021 reform, at their main town. Good enough
 * for the "distance from home" criterion of work matching when no geocoded address exists; a real deployment
 * geocodes addresses through the State Address Register (VZD).
 */
export interface Place {
  municipality: string;
  town: string;
  lat: number;
  lon: number;
}

const p = (municipality: string, town: string, lat: number, lon: number): Place => ({ municipality, town, lat, lon });

export const PLACES: readonly Place[] = [
  p('Rīga', 'Rīga', 56.949, 24.105),
  p('Daugavpils', 'Daugavpils', 55.875, 26.536),
  p('Jelgava', 'Jelgava', 56.65, 23.713),
  p('Jūrmala', 'Jūrmala', 56.968, 23.77),
  p('Liepāja', 'Liepāja', 56.505, 21.011),
  p('Rēzekne', 'Rēzekne', 56.51, 27.334),
  p('Ventspils', 'Ventspils', 57.39, 21.573),
  p('Aizkraukles novads', 'Aizkraukle', 56.604, 25.255),
  p('Alūksnes novads', 'Alūksne', 57.422, 27.047),
  p('Augšdaugavas novads', 'Ilūkste', 55.978, 26.297),
  p('Ādažu novads', 'Ādaži', 57.075, 24.323),
  p('Balvu novads', 'Balvi', 57.131, 27.265),
  p('Bauskas novads', 'Bauska', 56.408, 24.193),
  p('Cēsu novads', 'Cēsis', 57.313, 25.274),
  p('Dienvidkurzemes novads', 'Grobiņa', 56.535, 21.166),
  p('Dobeles novads', 'Dobele', 56.625, 23.279),
  p('Gulbenes novads', 'Gulbene', 57.177, 26.752),
  p('Jelgavas novads', 'Ozolnieki', 56.689, 23.785),
  p('Jēkabpils novads', 'Jēkabpils', 56.499, 25.857),
  p('Krāslavas novads', 'Krāslava', 55.895, 27.168),
  p('Kuldīgas novads', 'Kuldīga', 56.968, 21.968),
  p('Ķekavas novads', 'Ķekava', 56.828, 24.23),
  p('Limbažu novads', 'Limbaži', 57.513, 24.713),
  p('Līvānu novads', 'Līvāni', 56.354, 26.176),
  p('Ludzas novads', 'Ludza', 56.547, 27.719),
  p('Madonas novads', 'Madona', 56.853, 26.217),
  p('Mārupes novads', 'Mārupe', 56.906, 24.06),
  p('Ogres novads', 'Ogre', 56.816, 24.605),
  p('Olaines novads', 'Olaine', 56.785, 23.938),
  p('Preiļu novads', 'Preiļi', 56.294, 26.725),
  p('Rēzeknes novads', 'Viļāni', 56.552, 26.925),
  p('Ropažu novads', 'Ulbroka', 56.936, 24.3),
  p('Salaspils novads', 'Salaspils', 56.861, 24.35),
  p('Saldus novads', 'Saldus', 56.664, 22.494),
  p('Saulkrastu novads', 'Saulkrasti', 57.264, 24.415),
  p('Siguldas novads', 'Sigulda', 57.154, 24.853),
  p('Smiltenes novads', 'Smiltene', 57.424, 25.902),
  p('Talsu novads', 'Talsi', 57.244, 22.589),
  p('Tukuma novads', 'Tukums', 56.967, 23.155),
  p('Valkas novads', 'Valka', 57.775, 26.019),
  p('Valmieras novads', 'Valmiera', 57.541, 25.427),
  p('Varakļānu novads', 'Varakļāni', 56.608, 26.756),
  p('Ventspils novads', 'Piltene', 57.224, 21.674),
];

/** The place of a municipality or town name as written in an address or decision, or undefined. */
export function findPlace(name: string | null | undefined): Place | undefined {
  if (!name) return undefined;
  const n = name.trim().toLocaleLowerCase('lv');
  return PLACES.find((x) => x.municipality.toLocaleLowerCase('lv') === n || x.town.toLocaleLowerCase('lv') === n);
}
