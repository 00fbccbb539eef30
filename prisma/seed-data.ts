/**
 * Demo organisation and people. The seeds give only the counts (6 territorial units, 41 departments); the
 * names below follow VPD's regional structure and Latvian towns but are illustrative, not an official list.
 */
export const REGIONS = [
  { code: 'riga', name: 'Rīgas teritoriālā struktūrvienība' },
  { code: 'pieriga', name: 'Pierīgas teritoriālā struktūrvienība' },
  { code: 'kurzeme', name: 'Kurzemes teritoriālā struktūrvienība' },
  { code: 'latgale', name: 'Latgales teritoriālā struktūrvienība' },
  { code: 'vidzeme', name: 'Vidzemes teritoriālā struktūrvienība' },
  { code: 'zemgale', name: 'Zemgales teritoriālā struktūrvienība' },
] as const;

export const DEPARTMENTS = [
  { code: 'riga-centre', name: 'Rīgas Centra nodaļa', town: 'Rīga', region: 'riga' },
  { code: 'riga-latgale', name: 'Rīgas Latgales priekšpilsētas nodaļa', town: 'Rīga', region: 'riga' },
  { code: 'riga-kurzeme', name: 'Rīgas Kurzemes rajona nodaļa', town: 'Rīga', region: 'riga' },
  { code: 'riga-north', name: 'Rīgas Ziemeļu rajona nodaļa', town: 'Rīga', region: 'riga' },
  { code: 'jurmala', name: 'Jūrmalas nodaļa', town: 'Jūrmala', region: 'pieriga' },
  { code: 'ogre', name: 'Ogres nodaļa', town: 'Ogre', region: 'pieriga' },
  { code: 'salaspils', name: 'Salaspils nodaļa', town: 'Salaspils', region: 'pieriga' },
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
  { code: 'jelgava', name: 'Jelgavas nodaļa', town: 'Jelgava', region: 'zemgale' },
  { code: 'bauska', name: 'Bauskas nodaļa', town: 'Bauska', region: 'zemgale' },
  { code: 'jekabpils', name: 'Jēkabpils nodaļa', town: 'Jēkabpils', region: 'zemgale' },
] as const;

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
  { username: 'laura.krumina', fullName: 'Laura Krūmiņa', department: 'riga-centre', roles: ['senior-officer', 'officer'] },
  { username: 'edgars.vitols', fullName: 'Edgars Vītols', department: 'riga-latgale', roles: ['mediator'] },
  { username: 'inese.zarina', fullName: 'Inese Zariņa', department: 'riga-centre', roles: ['supervisor'] },
  { username: 'kristaps.lacis', fullName: 'Kristaps Lācis', department: null, roles: ['analyst'] },
  { username: 'dace.petersone', fullName: 'Dace Pētersone', department: null, roles: ['admin'] },
] as const;

export const FIRST_NAMES_M = ['Andris', 'Artūrs', 'Dainis', 'Edgars', 'Gatis', 'Guntis', 'Ivars', 'Jānis', 'Kārlis', 'Mārtiņš', 'Normunds', 'Raivis', 'Roberts', 'Sergejs', 'Valdis'];
export const FIRST_NAMES_F = ['Agnese', 'Baiba', 'Dace', 'Elīna', 'Ieva', 'Inga', 'Kristīne', 'Laila', 'Līga', 'Marta', 'Sanita', 'Zane'];
export const LAST_NAMES: [string, string][] = [
  ['Bērziņš', 'Bērziņa'], ['Kalniņš', 'Kalniņa'], ['Ozols', 'Ozola'], ['Jansons', 'Jansone'], ['Liepiņš', 'Liepiņa'],
  ['Krūmiņš', 'Krūmiņa'], ['Balodis', 'Balode'], ['Zariņš', 'Zariņa'], ['Pētersons', 'Pētersone'], ['Vītols', 'Vītola'],
  ['Kļaviņš', 'Kļaviņa'], ['Eglītis', 'Eglīte'], ['Siliņš', 'Siliņa'], ['Lapiņš', 'Lapiņa'], ['Ivanovs', 'Ivanova'],
];
export const STREETS = ['Brīvības iela', 'Lāčplēša iela', 'Dzirnavu iela', 'Rīgas iela', 'Skolas iela', 'Pils iela', 'Dārza iela', 'Liepu iela'];
