/**
 * Demo organisation and people. VPD has a central office, 6 territorial units and 41 departments (004,
 * "Dienesta struktūra"). The six units are real: since the 2019 structural reform they are the Latgale,
 * Zemgale, Vidzeme and Kurzeme units and the Riga East and Riga West units (VPD, reported by LETA/tvnet
 * 2019; regional press names departments as e.g. "Zemgales reģiona teritoriālās struktūrvienības Jelgavas
 * 1. nodaļa"). The departments below are a realistic subset of the 41: real towns with VPD offices, but the
 * exact names and the split of Riga between the two units are illustrative, not an official list.
 *
 * Department codes are stable identifiers used in candidate groups such as `officer.riga-centre`, so they
 * match ^[a-z0-9-]+$ (a subset of the engine's ^[a-zA-Z0-9_@.+-]+$). Never rename a code: it is stored in
 * running process instances.
 */
export const REGIONS = [
  { code: 'riga-east', name: 'Rīgas Austrumu reģiona teritoriālā struktūrvienība' },
  { code: 'riga-west', name: 'Rīgas Rietumu reģiona teritoriālā struktūrvienība' },
  { code: 'kurzeme', name: 'Kurzemes reģiona teritoriālā struktūrvienība' },
  { code: 'latgale', name: 'Latgales reģiona teritoriālā struktūrvienība' },
  { code: 'vidzeme', name: 'Vidzemes reģiona teritoriālā struktūrvienība' },
  { code: 'zemgale', name: 'Zemgales reģiona teritoriālā struktūrvienība' },
] as const;

export type RegionCode = (typeof REGIONS)[number]['code'];

export const DEPARTMENTS: readonly { code: string; name: string; town: string; region: RegionCode }[] = [
  { code: 'riga-centre', name: 'Rīgas Centra nodaļa', town: 'Rīga', region: 'riga-east' },
  { code: 'riga-latgale', name: 'Rīgas Latgales priekšpilsētas nodaļa', town: 'Rīga', region: 'riga-east' },
  { code: 'riga-north', name: 'Rīgas Ziemeļu rajona nodaļa', town: 'Rīga', region: 'riga-east' },
  { code: 'ogre', name: 'Ogres nodaļa', town: 'Ogre', region: 'riga-east' },
  { code: 'salaspils', name: 'Salaspils nodaļa', town: 'Salaspils', region: 'riga-east' },
  { code: 'riga-kurzeme', name: 'Rīgas Kurzemes rajona nodaļa', town: 'Rīga', region: 'riga-west' },
  { code: 'riga-zemgale', name: 'Rīgas Zemgales priekšpilsētas nodaļa', town: 'Rīga', region: 'riga-west' },
  { code: 'riga-youth', name: 'Bērnu un jauniešu 1. nodaļa', town: 'Rīga', region: 'riga-west' },
  { code: 'jurmala', name: 'Jūrmalas nodaļa', town: 'Jūrmala', region: 'riga-west' },
  { code: 'liepaja', name: 'Liepājas nodaļa', town: 'Liepāja', region: 'kurzeme' },
  { code: 'ventspils', name: 'Ventspils nodaļa', town: 'Ventspils', region: 'kurzeme' },
  { code: 'kuldiga', name: 'Kuldīgas nodaļa', town: 'Kuldīga', region: 'kurzeme' },
  { code: 'talsi', name: 'Talsu nodaļa', town: 'Talsi', region: 'kurzeme' },
  { code: 'daugavpils', name: 'Daugavpils nodaļa', town: 'Daugavpils', region: 'latgale' },
  { code: 'rezekne', name: 'Rēzeknes nodaļa', town: 'Rēzekne', region: 'latgale' },
  { code: 'ludza', name: 'Ludzas nodaļa', town: 'Ludza', region: 'latgale' },
  { code: 'kraslava', name: 'Krāslavas nodaļa', town: 'Krāslava', region: 'latgale' },
  { code: 'valmiera', name: 'Valmieras nodaļa', town: 'Valmiera', region: 'vidzeme' },
  { code: 'cesis', name: 'Cēsu nodaļa', town: 'Cēsis', region: 'vidzeme' },
  { code: 'madona', name: 'Madonas nodaļa', town: 'Madona', region: 'vidzeme' },
  { code: 'jelgava', name: 'Jelgavas 1. nodaļa', town: 'Jelgava', region: 'zemgale' },
  { code: 'bauska', name: 'Bauskas nodaļa', town: 'Bauska', region: 'zemgale' },
  { code: 'jekabpils', name: 'Jēkabpils nodaļa', town: 'Jēkabpils', region: 'zemgale' },
];

export const ROLES = [
  { code: 'officer', nameLv: 'Probācijas darbinieks', nameEn: 'Probation officer' },
  { code: 'senior-officer', nameLv: 'Vecākais probācijas darbinieks', nameEn: 'Senior probation officer' },
  { code: 'mediator', nameLv: 'Izlīguma starpnieks', nameEn: 'Mediator' },
  { code: 'supervisor', nameLv: 'Nodaļas vadītājs', nameEn: 'Department head' },
  { code: 'analyst', nameLv: 'Biznesa analītiķis', nameEn: 'Business analyst' },
  { code: 'admin', nameLv: 'Administrators', nameEn: 'Administrator' },
] as const;

export const USERS = [
  { username: 'ilze.berzina', fullName: 'Ilze Bērziņa', department: 'riga-centre', roles: ['officer'] },
  { username: 'janis.kalnins', fullName: 'Jānis Kalniņš', department: 'riga-centre', roles: ['officer'] },
  { username: 'anna.ozola', fullName: 'Anna Ozola', department: 'liepaja', roles: ['officer'] },
  { username: 'maris.liepins', fullName: 'Māris Liepiņš', department: 'daugavpils', roles: ['officer'] },
  {
    username: 'laura.krumina',
    fullName: 'Laura Krūmiņa',
    department: 'riga-centre',
    roles: ['senior-officer', 'officer'],
  },
  { username: 'edgars.vitols', fullName: 'Edgars Vītols', department: 'riga-latgale', roles: ['mediator'] },
  { username: 'inese.zarina', fullName: 'Inese Zariņa', department: 'riga-centre', roles: ['supervisor'] },
  { username: 'kristaps.lacis', fullName: 'Kristaps Lācis', department: null, roles: ['analyst'] },
  { username: 'dace.petersone', fullName: 'Dace Pētersone', department: null, roles: ['admin'] },
] as const;

export const FIRST_NAMES_M = [
  'Andris',
  'Artūrs',
  'Dainis',
  'Edgars',
  'Gatis',
  'Guntis',
  'Ivars',
  'Jānis',
  'Kārlis',
  'Mārtiņš',
  'Normunds',
  'Raivis',
  'Roberts',
  'Sergejs',
  'Valdis',
];
export const FIRST_NAMES_F = [
  'Agnese',
  'Baiba',
  'Dace',
  'Elīna',
  'Ieva',
  'Inga',
  'Kristīne',
  'Laila',
  'Līga',
  'Marta',
  'Sanita',
  'Zane',
];
export const LAST_NAMES: [string, string][] = [
  ['Bērziņš', 'Bērziņa'],
  ['Kalniņš', 'Kalniņa'],
  ['Ozols', 'Ozola'],
  ['Jansons', 'Jansone'],
  ['Liepiņš', 'Liepiņa'],
  ['Krūmiņš', 'Krūmiņa'],
  ['Balodis', 'Balode'],
  ['Zariņš', 'Zariņa'],
  ['Pētersons', 'Pētersone'],
  ['Vītols', 'Vītola'],
  ['Kļaviņš', 'Kļaviņa'],
  ['Eglītis', 'Eglīte'],
  ['Siliņš', 'Siliņa'],
  ['Lapiņš', 'Lapiņa'],
  ['Ivanovs', 'Ivanova'],
];
export const STREETS = [
  'Brīvības iela',
  'Lāčplēša iela',
  'Dzirnavu iela',
  'Rīgas iela',
  'Skolas iela',
  'Pils iela',
  'Dārza iela',
  'Liepu iela',
];
