import { loadConfig } from '../platform/config';
import { withPrisma } from '../platform/db/prisma';
import { scratchDatabase } from '../test/support/scratch-db';
import { migrate } from './migrate';
import { demoCases, demoClients, departmentStaff, seed } from './seed';
import { demoEmployers } from './seed-work-places';
import { DEPARTMENTS, REGIONS, ROLES, USERS } from './seed-data';

// Needs the generated Prisma client and `node --experimental-vm-modules` (as scripts/test.ts runs jest).
const serverUrl = process.env.DATABASE_URL ?? loadConfig(process.env).database.url;

describe('seed', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await scratchDatabase(serverUrl, 'plusflow_seed');
    await migrate(db.url);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('fills an empty database and changes nothing when run again', async () => {
    const counts = () =>
      withPrisma(db.url, async (p) => ({
        regions: await p.region.count(),
        departments: await p.department.count(),
        roles: await p.role.count(),
        users: await p.user.count(),
        userRoles: await p.userRole.count(),
        clients: await p.client.count(),
        cases: await p.case.count(),
        employers: await p.employer.count(),
        workPlaces: await p.workPlace.count(),
      }));
    await withPrisma(db.url, seed);
    const first = await counts();
    expect(first).toEqual({
      regions: REGIONS.length,
      departments: DEPARTMENTS.length,
      roles: ROLES.length,
      users: USERS.length + departmentStaff().length,
      userRoles: [...USERS, ...departmentStaff()].reduce((n, u) => n + u.roles.length, 0),
      clients: demoClients().length,
      cases: demoCases().length,
      employers: demoEmployers().length,
      workPlaces: demoEmployers().reduce((n, e) => n + e.workPlaces.length, 0),
    });
    // Every department has someone in each role its candidate groups name.
    const groups = await withPrisma(
      db.url,
      (p) =>
        p.$queryRaw<
          { code: string; roles: string[] }[]
        >`SELECT d.code, array_agg(DISTINCT r.code) AS roles FROM department d JOIN app_user u ON u.department_id = d.id JOIN user_role ur ON ur.user_id = u.id JOIN role r ON r.id = ur.role_id GROUP BY d.code`,
    );
    expect(groups).toHaveLength(DEPARTMENTS.length);
    for (const g of groups)
      expect(g.roles).toEqual(expect.arrayContaining(['officer', 'senior-officer', 'supervisor']));
    await withPrisma(db.url, seed);
    expect(await counts()).toEqual(first);
  });

  it('links users, departments and regions as the demo logins expect', async () => {
    const ilze = await withPrisma(db.url, (p) =>
      p.user.findUniqueOrThrow({
        where: { username: 'ilze.berzina' },
        include: { department: { include: { region: true } }, roles: { include: { role: true } } },
      }),
    );
    expect(ilze.department?.code).toBe('riga-centre');
    expect(ilze.department?.region.name).toBe('Rīgas Austrumu reģiona teritoriālā struktūrvienība');
    expect(ilze.roles.map((r) => r.role.code)).toEqual(['officer']);
  });
});
