import type { PrismaClient } from '../prisma/generated/client';
import { oldFormatCode } from '../platform/personal-code';
import { DEPARTMENTS, FIRST_NAMES_F, FIRST_NAMES_M, LAST_NAMES, REGIONS, ROLES, STREETS, USERS } from './seed-data';

/**
 * Idempotent demo data: organisation, roles, one user per role (and a few officers), 30 clients with valid
 * personal codes, and some cases. Deterministic (no randomness), so every machine sees the same demo.
 */
export async function seed(prisma: PrismaClient): Promise<void> {
  const regionIds = new Map<string, number>();
  for (const r of REGIONS) {
    const row = await prisma.region.upsert({ where: { code: r.code }, update: { name: r.name }, create: r });
    regionIds.set(r.code, row.id);
  }
  const departmentIds = new Map<string, number>();
  for (const d of DEPARTMENTS) {
    const data = { name: d.name, town: d.town, regionId: regionIds.get(d.region)! };
    const row = await prisma.department.upsert({ where: { code: d.code }, update: data, create: { code: d.code, ...data } });
    departmentIds.set(d.code, row.id);
  }
  const roleIds = new Map<string, number>();
  for (const r of ROLES) {
    const row = await prisma.role.upsert({ where: { code: r.code }, update: { nameLv: r.nameLv, nameEn: r.nameEn }, create: r });
    roleIds.set(r.code, row.id);
  }
  for (const u of USERS) {
    const data = { fullName: u.fullName, email: `${u.username}@vpd.gov.lv`, departmentId: u.department ? departmentIds.get(u.department)! : null };
    const user = await prisma.user.upsert({ where: { username: u.username }, update: data, create: { username: u.username, ...data } });
    for (const role of u.roles) {
      await prisma.userRole.upsert({
        where: { userId_roleId: { userId: user.id, roleId: roleIds.get(role)! } },
        update: {},
        create: { userId: user.id, roleId: roleIds.get(role)! },
      });
    }
  }

  const departments = [...departmentIds.entries()];
  for (let i = 0; i < 30; i++) {
    const female = i % 3 === 0;
    const firstName = female ? FIRST_NAMES_F[i % FIRST_NAMES_F.length]! : FIRST_NAMES_M[i % FIRST_NAMES_M.length]!;
    const [male, fem] = LAST_NAMES[(i * 7) % LAST_NAMES.length]!;
    // Mostly adults; every sixth client is a minor (14–17), as in VPD's caseload.
    const birth = i % 6 === 5 ? new Date(Date.UTC(2010 + (i % 3), i % 12, 1 + (i % 27))) : new Date(Date.UTC(1970 + ((i * 3) % 35), (i * 5) % 12, 1 + ((i * 11) % 27)));
    let serial = 100 + i * 13;
    let code = oldFormatCode(birth, serial);
    while (!code) code = oldFormatCode(birth, ++serial);
    const [deptCode, departmentId] = departments[i % departments.length]!;
    const town = DEPARTMENTS.find((d) => d.code === deptCode)!.town;
    const client = await prisma.client.upsert({
      where: { personalCode: code },
      update: {},
      create: {
        personalCode: code,
        firstName,
        lastName: female ? fem : male,
        birthDate: birth,
        address: `${STREETS[i % STREETS.length]} ${1 + ((i * 17) % 90)}, ${town}`,
        municipality: town,
        phone: `+371 2${String(1000000 + i * 7919).slice(-7)}`,
        departmentId,
      },
    });
    if (i < 12) {
      const minor = i % 6 === 5;
      const caseNumber = `PL-2026-${String(i + 1).padStart(6, '0')}`;
      await prisma.case.upsert({
        where: { caseNumber },
        update: {},
        create: {
          caseNumber,
          clientId: client.id,
          departmentId,
          processKind: minor ? 'MINORS_PUBLIC_WORK' : (['COMMUNITY_SERVICE', 'SUPERVISION', 'MEDIATION', 'EVALUATION_REPORT'] as const)[i % 4]!,
          functionSubtype: minor ? 'COMMUNITY_WORK_EDU' : (['FORCED_WORK', 'SUP_CONDITIONAL_SENTENCE', 'MEDIATION', 'EVAL_PRETRIAL'] as const)[i % 4]!,
        },
      });
    }
  }
}
