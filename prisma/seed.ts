import type { PrismaClient } from './generated/client';
import type { FunctionSubtype, ProcessKind } from './generated/enums';
import { isValidPersonalCode, oldFormatCode } from '../platform/personal-code';
import { findPlace } from '../domain/geo/places';
import { demoEmployers } from './seed-work-places';
import { DEPARTMENTS, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, REGIONS, ROLES, STREETS, USERS } from './seed-data';

export interface DemoClient {
  personalCode: string;
  firstName: string;
  lastName: string;
  birthDate: Date;
  address: string;
  municipality: string;
  phone: string;
  department: string;
}

export interface DemoCase {
  caseNumber: string;
  personalCode: string;
  department: string;
  processKind: ProcessKind;
  functionSubtype: FunctionSubtype;
}

const CLIENTS = 32;
/** Clients from this index on carry a new-format personal code (32…, issued since 1 July 2017, no birth date in it). */
const FIRST_NEW_FORMAT = 30;

/** The demo clients: deterministic (no randomness), so every machine sees the same demo. */
export function demoClients(): DemoClient[] {
  const out: DemoClient[] = [];
  for (let i = 0; i < CLIENTS; i++) {
    const female = i % 3 === 0;
    const firstName = female ? FIRST_NAMES_F[i % FIRST_NAMES_F.length]! : FIRST_NAMES_M[i % FIRST_NAMES_M.length]!;
    const [male, fem] = LAST_NAMES[(i * 7) % LAST_NAMES.length]!;
    // Mostly adults; every sixth client is a minor (14–17), as in VPD's caseload.
    const birthDate =
      i % 6 === 5
        ? new Date(Date.UTC(2010 + (i % 3), i % 12, 1 + (i % 27)))
        : new Date(Date.UTC(1970 + ((i * 3) % 35), (i * 5) % 12, 1 + ((i * 11) % 27)));
    let personalCode: string | undefined;
    if (i >= FIRST_NEW_FORMAT) {
      const digits = `32${String(1_000_000 + i * 104_729).padStart(9, '0')}`;
      personalCode = `${digits.slice(0, 6)}-${digits.slice(6)}`;
    } else {
      for (let serial = 100 + i * 13; !personalCode; serial++) personalCode = oldFormatCode(birthDate, serial);
    }
    const department = DEPARTMENTS[i % DEPARTMENTS.length]!;
    out.push({
      personalCode,
      firstName,
      lastName: female ? fem : male,
      birthDate,
      address: `${STREETS[i % STREETS.length]} ${1 + ((i * 17) % 90)}, ${department.town}`,
      municipality: department.town,
      phone: `+371 2${String(1_000_000 + i * 7919).slice(-7)}`,
      department: department.code,
    });
  }
  return out;
}

/** A few open cases for the first clients, one per process kind, minors in community work. */
export function demoCases(clients = demoClients()): DemoCase[] {
  const adult: [ProcessKind, FunctionSubtype][] = [
    ['COMMUNITY_SERVICE', 'FORCED_WORK'],
    ['SUPERVISION', 'SUP_CONDITIONAL_SENTENCE'],
    ['MEDIATION', 'MEDIATION'],
    ['EVALUATION_REPORT', 'EVAL_PRETRIAL'],
  ];
  return clients.slice(0, 12).map((c, i) => {
    const [processKind, functionSubtype] =
      i % 6 === 5 ? (['MINORS_PUBLIC_WORK', 'COMMUNITY_WORK_EDU'] as const) : adult[i % adult.length]!;
    return {
      caseNumber: `PL-2026-${String(i + 1).padStart(6, '0')}`,
      personalCode: c.personalCode,
      department: c.department,
      processKind,
      functionSubtype,
    };
  });
}

/**
 * Idempotent demo data (upserts by natural key): the 6 territorial units, departments, roles, one demo
 * user per role (and a few more officers), 32 clients with valid personal codes, and some cases. Rows that
 * people may have changed (clients, cases) are only created, never overwritten.
 */
export async function seed(prisma: PrismaClient): Promise<void> {
  // Few round trips: each Prisma query costs a few milliseconds of CPU on top of the database, and the demo data
  // is written while the engine and the Node services start beside it (scripts/stack.ts). One query per table
  // where the rows are only created; the small reference tables (units, departments, roles) keep their upserts.
  const regionIds = new Map<string, number>();
  for (const r of REGIONS) {
    const row = await prisma.region.upsert({ where: { code: r.code }, update: { name: r.name }, create: r });
    regionIds.set(r.code, row.id);
  }
  const departmentIds = new Map<string, number>();
  for (const d of DEPARTMENTS) {
    const data = { name: d.name, town: d.town, regionId: regionIds.get(d.region)! };
    const row = await prisma.department.upsert({
      where: { code: d.code },
      update: data,
      create: { code: d.code, ...data },
    });
    departmentIds.set(d.code, row.id);
  }
  // Units of earlier demo data (before the real unit names) that no department belongs to any more.
  await prisma.region.deleteMany({ where: { code: { notIn: REGIONS.map((r) => r.code) }, departments: { none: {} } } });

  const roleIds = new Map<string, number>();
  for (const r of ROLES) {
    const row = await prisma.role.upsert({
      where: { code: r.code },
      update: { nameLv: r.nameLv, nameEn: r.nameEn },
      create: r,
    });
    roleIds.set(r.code, row.id);
  }
  await seedUsers(prisma, departmentIds, roleIds);

  const clients = demoClients();
  for (const c of clients) {
    if (!isValidPersonalCode(c.personalCode))
      throw new Error(`Demo client ${c.firstName} ${c.lastName} has an invalid personal code ${c.personalCode}`);
  }
  // Clients and cases are only created, never overwritten: people may have changed them.
  await prisma.client.createMany({
    data: clients.map(({ department, ...data }, i) => ({
      ...data,
      ...clientExtras(clients[i]!, i),
      departmentId: departmentIds.get(department)!,
    })),
    skipDuplicates: true,
  });
  const clientIds = new Map(
    (
      await prisma.client.findMany({
        where: { personalCode: { in: clients.map((c) => c.personalCode) } },
        select: { id: true, personalCode: true },
      })
    ).map((c) => [c.personalCode, c.id]),
  );
  await seedWorkPlaces(prisma, departmentIds);
  await prisma.case.createMany({
    data: demoCases(clients).map((k) => ({
      caseNumber: k.caseNumber,
      clientId: clientIds.get(k.personalCode)!,
      departmentId: departmentIds.get(k.department)!,
      processKind: k.processKind,
      functionSubtype: k.functionSubtype,
    })),
    skipDuplicates: true,
  });
}

/** Demo staff with their roles: names, e-mail and department kept as the demo says; roles added, never taken away. */
async function seedUsers(
  prisma: PrismaClient,
  departmentIds: Map<string, number>,
  roleIds: Map<string, number>,
): Promise<void> {
  const users = [...USERS, ...departmentStaff()].map((u) => ({
    username: u.username,
    roles: u.roles,
    data: {
      fullName: u.fullName,
      email: `${u.username}@vpd.gov.lv`,
      departmentId: u.department ? departmentIds.get(u.department)! : null,
    },
  }));
  const existing = new Map(
    (await prisma.user.findMany({ where: { username: { in: users.map((u) => u.username) } } })).map((u) => [
      u.username,
      u,
    ]),
  );
  await prisma.user.createMany({
    data: users.filter((u) => !existing.has(u.username)).map((u) => ({ username: u.username, ...u.data })),
    skipDuplicates: true,
  });
  for (const u of users) {
    const was = existing.get(u.username);
    if (
      was &&
      (was.fullName !== u.data.fullName || was.email !== u.data.email || was.departmentId !== u.data.departmentId)
    ) {
      await prisma.user.update({ where: { username: u.username }, data: u.data });
    }
  }
  const userIds = new Map(
    (
      await prisma.user.findMany({
        where: { username: { in: users.map((u) => u.username) } },
        select: { id: true, username: true },
      })
    ).map((u) => [u.username, u.id]),
  );
  await prisma.userRole.createMany({
    data: users.flatMap((u) =>
      u.roles.map((role) => ({ userId: userIds.get(u.username)!, roleId: roleIds.get(role)! })),
    ),
    skipDuplicates: true,
  });
}

const SKILLS = [['dārzkopība'], ['celtniecība'], ['uzkopšana'], [], ['aprūpe'], ['dārzkopība', 'celtniecība']];

/** Traits work matching and notifications use: home location, skills, e-adrese, a minor's legal representative. */
function clientExtras(c: DemoClient, i: number) {
  const home = findPlace(c.municipality);
  const minor = Date.UTC(2026, 0, 1) - c.birthDate.getTime() < 18 * 365.25 * 86_400_000;
  return {
    latitude: home ? home.lat + ((i % 5) - 2) * 0.01 : null,
    longitude: home ? home.lon + ((i % 7) - 3) * 0.015 : null,
    skills: SKILLS[i % SKILLS.length]!,
    // Every seventh adult has no active e-adrese: notices then go to the portal or by post.
    hasEAddress: minor ? false : i % 7 !== 3,
    ...(minor
      ? {
          legalRepresentative: {
            firstName: 'Līga',
            lastName: c.lastName.replace(/s$/, 'a'),
            relation: 'māte',
            hasEAddress: true,
          },
        }
      : {}),
  };
}

/** Employers and their work places (created once; people edit them later). */
export async function seedWorkPlaces(prisma: PrismaClient, departmentIds: Map<string, number>): Promise<void> {
  const employers = demoEmployers();
  const existing = new Set(
    (
      await prisma.employer.findMany({
        where: { registrationNo: { in: employers.map((e) => e.registrationNo) } },
        select: { registrationNo: true },
      })
    ).map((e) => e.registrationNo),
  );
  const fresh = employers.filter((e) => !existing.has(e.registrationNo));
  if (!fresh.length) return;
  await prisma.employer.createMany({
    data: fresh.map(({ workPlaces: _, department, ...data }) => ({
      ...data,
      departmentId: departmentIds.get(department)!,
    })),
  });
  const ids = new Map(
    (
      await prisma.employer.findMany({
        where: { registrationNo: { in: fresh.map((e) => e.registrationNo) } },
        select: { id: true, registrationNo: true },
      })
    ).map((e) => [e.registrationNo, e.id]),
  );
  await prisma.workPlace.createMany({
    data: fresh.flatMap((e) =>
      e.workPlaces.map((w) => ({
        ...w,
        employerId: ids.get(e.registrationNo)!,
        municipality: e.municipality,
        departmentId: departmentIds.get(e.department)!,
      })),
    ),
  });
}

const ROLE_STAFF = ['officer', 'senior-officer', 'supervisor'] as const;
const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/**
 * Every department gets an officer, a senior officer and a department head, so that every candidate group of the
 * processes (`officer.<dept>`, `senior-officer.<dept>`, `supervisor.<dept>`) has someone to sign in as.
 */
export function departmentStaff(): {
  username: string;
  fullName: string;
  department: string;
  roles: readonly string[];
}[] {
  const taken = new Set<string>(USERS.map((u) => u.username));
  const out: { username: string; fullName: string; department: string; roles: readonly string[] }[] = [];
  DEPARTMENTS.forEach((d, di) => {
    for (const [ri, role] of ROLE_STAFF.entries()) {
      if (USERS.some((u) => u.department === d.code && (u.roles as readonly string[]).includes(role))) continue;
      const k = di * 3 + ri;
      const female = k % 2 === 0;
      const first = female ? FIRST_NAMES_F[k % FIRST_NAMES_F.length]! : FIRST_NAMES_M[k % FIRST_NAMES_M.length]!;
      const [m, f] = LAST_NAMES[(k * 5 + 3) % LAST_NAMES.length]!;
      const last = female ? f : m;
      let username = `${ascii(first)}.${ascii(last)}`;
      for (let n = 2; taken.has(username); n++) username = `${ascii(first)}.${ascii(last)}${n}`;
      taken.add(username);
      out.push({
        username,
        fullName: `${first} ${last}`,
        department: d.code,
        roles: role === 'senior-officer' ? ['senior-officer', 'officer'] : [role],
      });
    }
  });
  return out;
}
