import type { EducationDocument, EducationLevel, Enrolment } from '../viis/wire';
import type { Prng } from '../../platform/prng';
import { addDays, isoDay } from './personal-codes';

/**
 * Education documents as VIIS records them. Schools and universities are real institutions; programme
 * codes follow the Latvian classification's shape (first digits: level and kind), numbers are made up.
 */
const BASIC_SCHOOLS = [
  'Rīgas 64. vidusskola',
  'Rīgas Purvciema vidusskola',
  'Daugavpils 12. vidusskola',
  'Liepājas 8. vidusskola',
  'Jelgavas 4. vidusskola',
  'Ogres 1. vidusskola',
  'Salaspils 1. vidusskola',
  'Olaines 1. vidusskola',
  'Kuldīgas Centra vidusskola',
  'Tukuma 2. pamatskola',
  'Rēzeknes 2. vidusskola',
  'Ventspils 4. vidusskola',
  'Madonas pilsētas 1. vidusskola',
  'Valmieras Pārgaujas sākumskola',
  'Jēkabpils 3. vidusskola',
] as const;

const SECONDARY_SCHOOLS = [
  'Rīgas Valsts 1. ģimnāzija',
  'Rīgas 40. vidusskola',
  'Daugavpils Valsts ģimnāzija',
  'Liepājas Valsts 1. ģimnāzija',
  'Jelgavas Valsts ģimnāzija',
  'Valmieras Viestura vidusskola',
  'Ogres Valsts ģimnāzija',
  'Rēzeknes Valsts 1. ģimnāzija',
  'Cēsu Valsts ģimnāzija',
  'Ventspils Valsts 1. ģimnāzija',
  'Tukuma Raiņa ģimnāzija',
  'Bauskas Valsts ģimnāzija',
  'Siguldas Valsts ģimnāzija',
] as const;

const VOCATIONAL: readonly { school: string; qualifications: readonly string[] }[] = [
  { school: 'Rīgas Valsts tehnikums', qualifications: ['Automehāniķis', 'Elektriķis', 'Datorsistēmu tehniķis'] },
  {
    school: 'Rīgas Tūrisma un radošās industrijas tehnikums',
    qualifications: ['Pavārs', 'Viesmīlības pakalpojumu speciālists'],
  },
  { school: 'Liepājas Valsts tehnikums', qualifications: ['Metinātājs', 'Kuģu mehāniķis', 'Pavārs'] },
  { school: 'Daugavpils Būvniecības tehnikums', qualifications: ['Mūrnieks', 'Apdares darbu tehniķis', 'Galdnieks'] },
  { school: 'Jelgavas Tehnikums', qualifications: ['Automehāniķis', 'Mēbeļu galdnieks'] },
  { school: 'Ogres tehnikums', qualifications: ['Mežsaimniecības tehniķis', 'Programmēšanas tehniķis'] },
  { school: 'Vidzemes Tehnoloģiju un dizaina tehnikums', qualifications: ['Frizieris', 'Interjera dizainers'] },
  {
    school: 'Kandavas Lauksaimniecības tehnikums',
    qualifications: ['Lauksaimniecības tehniķis', 'Autotransporta tehniķis'],
  },
  { school: 'Rēzeknes tehnikums', qualifications: ['Elektrotehniķis', 'Pārdevējs'] },
  { school: 'Valmieras tehnikums', qualifications: ['Būvdarbu vadītājs', 'Elektriķis'] },
];

const HIGHER: readonly { school: string; qualifications: readonly string[] }[] = [
  {
    school: 'Latvijas Universitāte',
    qualifications: [
      'Sociālo zinātņu bakalaurs ekonomikā',
      'Dabaszinātņu bakalaurs datorzinātnēs',
      'Tiesību zinātņu bakalaurs',
    ],
  },
  {
    school: 'Rīgas Tehniskā universitāte',
    qualifications: ['Inženierzinātņu bakalaurs', 'Profesionālais bakalaurs datorsistēmās'],
  },
  {
    school: 'Rīgas Stradiņa universitāte',
    qualifications: ['Sociālo zinātņu bakalaurs sociālajā darbā', 'Veselības zinātņu bakalaurs'],
  },
  { school: 'Daugavpils Universitāte', qualifications: ['Izglītības zinātņu bakalaurs'] },
  { school: 'Liepājas Universitāte', qualifications: ['Humanitāro zinātņu bakalaurs'] },
  { school: 'Latvijas Biozinātņu un tehnoloģiju universitāte', qualifications: ['Lauksaimniecības zinātņu bakalaurs'] },
  { school: 'Vidzemes Augstskola', qualifications: ['Profesionālais bakalaurs tūrisma vadībā'] },
  { school: 'Biznesa augstskola Turība', qualifications: ['Profesionālais bakalaurs uzņēmējdarbības vadībā'] },
];

interface LevelInfo {
  educationType: string;
  documentType: string;
  series: string | null;
  programmePrefix: string;
  programmeName: string;
  /** Age at which the document is typically issued. */
  age: [number, number];
}

const LEVELS: Record<EducationLevel, LevelInfo> = {
  BASIC: {
    educationType: 'Pamatizglītība',
    documentType: 'Apliecība par pamatizglītību',
    series: 'PA',
    programmePrefix: '2101',
    programmeName: 'Pamatizglītības programma',
    age: [15, 16],
  },
  GENERAL_SECONDARY: {
    educationType: 'Vispārējā vidējā izglītība',
    documentType: 'Atestāts par vispārējo vidējo izglītību',
    series: 'VA',
    programmePrefix: '3101',
    programmeName: 'Vispārējās vidējās izglītības programma',
    age: [18, 19],
  },
  VOCATIONAL: {
    educationType: 'Profesionālā vidējā izglītība',
    documentType: 'Diploms par profesionālo vidējo izglītību',
    series: 'PV',
    programmePrefix: '3348',
    programmeName: 'Profesionālās vidējās izglītības programma',
    age: [19, 21],
  },
  HIGHER: {
    educationType: 'Augstākā izglītība',
    documentType: 'Bakalaura diploms',
    series: null,
    programmePrefix: '434',
    programmeName: 'Bakalaura studiju programma',
    age: [22, 25],
  },
};

/** The path through education a person took, by the highest level reached. */
const PATHS: readonly (readonly [EducationLevel[], number])[] = [
  [['BASIC'], 30],
  [['BASIC', 'GENERAL_SECONDARY'], 25],
  [['BASIC', 'VOCATIONAL'], 30],
  [['BASIC', 'GENERAL_SECONDARY', 'HIGHER'], 15],
];

/** Documents issued up to `today` to a person born on `birth` (none when too young). */
export function educationHistory(rng: Prng, birth: Date, today: Date): EducationDocument[] {
  const levels = rng.weighted(PATHS);
  const docs: EducationDocument[] = [];
  for (const level of levels) {
    const info = LEVELS[level];
    const issued = addDays(birth, Math.round(rng.int(info.age[0], info.age[1]) * 365.25) + rng.int(150, 175));
    if (issued > today) break;
    const inst =
      level === 'BASIC' ? rng.pick(BASIC_SCHOOLS) : level === 'GENERAL_SECONDARY' ? rng.pick(SECONDARY_SCHOOLS) : null;
    const higher = level === 'VOCATIONAL' ? rng.pick(VOCATIONAL) : level === 'HIGHER' ? rng.pick(HIGHER) : null;
    docs.push({
      level,
      educationType: info.educationType,
      documentType: info.documentType,
      issuingInstitution: inst ?? higher!.school,
      documentSeries: info.series,
      documentNumber: String(rng.int(1, 999_999)).padStart(6, '0'),
      issueDate: isoDay(issued),
      programmeCode: `${info.programmePrefix}${String(rng.int(0, 10 ** (8 - info.programmePrefix.length) - 1)).padStart(8 - info.programmePrefix.length, '0')}`,
      programmeName: info.programmeName,
      qualification: higher ? rng.pick(higher.qualifications) : null,
    });
  }
  return docs;
}

/**
 * The current enrolment of a person born on `birth`, as VIIS's pupils register has it on `today`: grade 1 from
 * the September after turning 7, basic education (grades 1–9) until the basic certificate; after it general
 * secondary school (grades 10–12) or vocational school when the person's path goes on and the later document
 * is not issued yet. Null for adults who finished learning.
 */
export function currentEnrolment(
  rng: Prng,
  birth: Date,
  today: Date,
  documents: readonly EducationDocument[],
): Enrolment | null {
  const schoolYearStart = today.getUTCMonth() >= 8 ? today.getUTCFullYear() : today.getUTCFullYear() - 1;
  // Children start school in the calendar year they turn 7.
  const grade = schoolYearStart - birth.getUTCFullYear() - 6;
  if (grade < 1) return null;
  const hasBasic = documents.some((d) => d.level === 'BASIC');
  const since = `${schoolYearStart}-09-01`;
  if (!hasBasic) {
    if (grade > 11) return null;
    const school = rng.pick(BASIC_SCHOOLS);
    return {
      level: 'BASIC',
      grade: Math.min(grade, 9),
      institution: school,
      programmeCode: `2101${String(rng.int(0, 9999)).padStart(4, '0')}`,
      programmeName: LEVELS.BASIC.programmeName,
      since,
    };
  }
  if (documents.length > 1 || grade > 12) return null;
  if (rng.chance(0.5)) {
    return {
      level: 'GENERAL_SECONDARY',
      grade: Math.max(10, Math.min(grade, 12)),
      institution: rng.pick(SECONDARY_SCHOOLS),
      programmeCode: `3101${String(rng.int(0, 9999)).padStart(4, '0')}`,
      programmeName: LEVELS.GENERAL_SECONDARY.programmeName,
      since,
    };
  }
  return null;
}
