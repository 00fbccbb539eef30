import { findPlace } from '../domain/geo/places';
import { DEPARTMENTS } from './seed-data';

/**
 * Demo employers and work places for every department: the municipality's own services (priority jobs of the
 * municipality, 000 §3.1.1), social services, a library, the Red Cross and, in the larger towns, forestry —
 * with the traits work matching weighs: capacity, minimum age, physical demand, skills, offence groups refused.
 * Deterministic, so every machine sees the same demo.
 */
const GENITIVE: Record<string, string> = {
  Rīga: 'Rīgas',
  Ogre: 'Ogres',
  Salaspils: 'Salaspils',
  Jūrmala: 'Jūrmalas',
  Liepāja: 'Liepājas',
  Ventspils: 'Ventspils',
  Kuldīga: 'Kuldīgas',
  Talsi: 'Talsu',
  Daugavpils: 'Daugavpils',
  Rēzekne: 'Rēzeknes',
  Ludza: 'Ludzas',
  Krāslava: 'Krāslavas',
  Valmiera: 'Valmieras',
  Cēsis: 'Cēsu',
  Madona: 'Madonas',
  Jelgava: 'Jelgavas',
  Bauska: 'Bauskas',
  Jēkabpils: 'Jēkabpils',
};

export interface DemoWorkPlace {
  jobTitle: string;
  description: string;
  address: string;
  priorityJob: boolean;
  capacity: number;
  minAge: number;
  physicalDemand: 'LIGHT' | 'MODERATE' | 'HEAVY';
  skills: string[];
  excludedOffenceGroups: string[];
  weekdays: number[];
  dayStart: string;
  dayEnd: string;
  latitude: number | null;
  longitude: number | null;
}

export interface DemoEmployer {
  name: string;
  registrationNo: string;
  municipality: string;
  address: string;
  contactPerson: string;
  contactPhone: string;
  contactEmail: string;
  isMunicipal: boolean;
  department: string;
  workPlaces: DemoWorkPlace[];
}

const CONTACTS = [
  'Ilze Kalniņa',
  'Aivars Liepa',
  'Sandra Jansone',
  'Gints Ozols',
  'Rita Bērziņa',
  'Uldis Krūmiņš',
  'Vija Sproģe',
];

export function demoEmployers(): DemoEmployer[] {
  const out: DemoEmployer[] = [];
  DEPARTMENTS.forEach((d, di) => {
    const town = d.town;
    const gen = GENITIVE[town] ?? town;
    const centre = findPlace(town);
    // Spread the places a little around the town centre (about 1–4 km), each department differently.
    const at = (k: number): { latitude: number | null; longitude: number | null } =>
      centre
        ? {
            latitude: centre.lat + (((di * 7 + k * 3) % 9) - 4) * 0.008,
            longitude: centre.lon + (((di * 5 + k * 7) % 9) - 4) * 0.012,
          }
        : { latitude: null, longitude: null };
    const wp = (
      k: number,
      w: Omit<DemoWorkPlace, 'latitude' | 'longitude' | 'weekdays' | 'dayStart' | 'dayEnd'> &
        Partial<Pick<DemoWorkPlace, 'weekdays' | 'dayStart' | 'dayEnd'>>,
    ): DemoWorkPlace => ({
      weekdays: [1, 2, 3, 4, 5],
      dayStart: '08:00',
      dayEnd: '17:00',
      ...w,
      ...at(k),
    });
    const employer = (
      k: number,
      e: Omit<
        DemoEmployer,
        'registrationNo' | 'contactPerson' | 'contactPhone' | 'contactEmail' | 'department' | 'municipality'
      >,
    ): DemoEmployer => ({
      ...e,
      registrationNo: `9000${String(di * 10 + k).padStart(7, '0')}`,
      municipality: town,
      contactPerson: CONTACTS[(di + k) % CONTACTS.length]!,
      contactPhone: `+371 6${String(7_000_000 + di * 1_000 + k * 37).slice(-7)}`,
      contactEmail: `darbs${di}-${k}@example.lv`,
      department: d.code,
    });
    out.push(
      employer(1, {
        name: `${gen} pašvaldība, Labiekārtošanas nodaļa`,
        address: `Brīvības iela 1, ${town}`,
        isMunicipal: true,
        workPlaces: [
          wp(1, {
            jobTitle: 'Teritorijas uzkopšana',
            description: 'Ielu, laukumu un zaļo zonu sakopšana',
            address: `Pils iela 3, ${town}`,
            priorityJob: true,
            capacity: 4,
            minAge: 18,
            physicalDemand: 'MODERATE',
            skills: ['uzkopšana'],
            excludedOffenceGroups: [],
          }),
          wp(2, {
            jobTitle: 'Parku un apstādījumu kopšana',
            description: 'Puķu dobju, krūmu un zālienu kopšana',
            address: `Parka iela 2, ${town}`,
            priorityJob: true,
            capacity: 3,
            minAge: 15,
            physicalDemand: 'MODERATE',
            skills: ['dārzkopība'],
            excludedOffenceGroups: [],
          }),
        ],
      }),
      employer(2, {
        name: `${gen} sociālais dienests`,
        address: `Skolas iela 5, ${town}`,
        isMunicipal: true,
        workPlaces: [
          wp(3, {
            jobTitle: 'Palīgdarbi sociālās aprūpes centrā',
            description: 'Palīdzība saimniecības darbos, ēdināšanā',
            address: `Dārza iela 10, ${town}`,
            priorityJob: false,
            capacity: 2,
            minAge: 16,
            physicalDemand: 'LIGHT',
            skills: ['aprūpe'],
            excludedOffenceGroups: ['VIOLENT', 'SEXUAL', 'AGAINST_CHILDREN'],
          }),
          wp(4, {
            jobTitle: 'Noliktavas darbi pārtikas bankā',
            description: 'Pārtikas paku komplektēšana',
            address: `Rūpniecības iela 4, ${town}`,
            priorityJob: true,
            capacity: 2,
            minAge: 18,
            physicalDemand: 'MODERATE',
            skills: [],
            excludedOffenceGroups: ['PROPERTY'],
          }),
        ],
      }),
      employer(3, {
        name: `${gen} Centrālā bibliotēka`,
        address: `Raiņa iela 8, ${town}`,
        isMunicipal: true,
        workPlaces: [
          wp(5, {
            jobTitle: 'Grāmatu kārtošana un labošana',
            description: 'Krājuma kārtošana, grāmatu iesiešana',
            address: `Raiņa iela 8, ${town}`,
            priorityJob: false,
            capacity: 1,
            minAge: 13,
            physicalDemand: 'LIGHT',
            skills: [],
            excludedOffenceGroups: [],
            dayStart: '10:00',
            dayEnd: '18:00',
          }),
        ],
      }),
      employer(4, {
        name: `Latvijas Sarkanais Krusts, ${gen} komiteja`,
        address: `Lāčplēša iela 12, ${town}`,
        isMunicipal: false,
        workPlaces: [
          wp(6, {
            jobTitle: 'Apģērbu šķirošana',
            description: 'Ziedoto apģērbu šķirošana un izsniegšana',
            address: `Lāčplēša iela 12, ${town}`,
            priorityJob: false,
            capacity: 3,
            minAge: 13,
            physicalDemand: 'LIGHT',
            skills: [],
            excludedOffenceGroups: ['PROPERTY'],
            weekdays: [1, 2, 3, 4, 5, 6],
          }),
        ],
      }),
    );
    if (
      ['Rīga', 'Daugavpils', 'Liepāja', 'Jelgava', 'Valmiera', 'Ventspils', 'Rēzekne'].includes(town) &&
      !out.some((e) => e.name.startsWith(`${gen} meži`))
    ) {
      out.push(
        employer(5, {
          name: `${gen} meži, pašvaldības SIA`,
          address: `Meža prospekts 1, ${town}`,
          isMunicipal: true,
          workPlaces: [
            wp(7, {
              jobTitle: 'Mežaparku sakopšana',
              description: 'Kritušo koku un zaru novākšana, taku labošana',
              address: `Meža prospekts 1, ${town}`,
              priorityJob: true,
              capacity: 5,
              minAge: 18,
              physicalDemand: 'HEAVY',
              skills: ['celtniecība'],
              excludedOffenceGroups: [],
              weekdays: [1, 2, 3, 4, 5, 6],
              dayStart: '07:00',
              dayEnd: '16:00',
            }),
          ],
        }),
      );
    }
  });
  return out;
}
