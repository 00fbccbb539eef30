import { loadConfig } from '../platform/config';
import { withPrisma } from '../platform/db/prisma';
import { scratchDatabase } from '../test/support/scratch-db';
import { migrate } from './migrate';
import { demoCases, demoClients, seed } from './seed';
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
      }));
    await withPrisma(db.url, seed);
    const first = await counts();
    expect(first).toEqual({
      regions: REGIONS.length,
      departments: DEPARTMENTS.length,
      roles: ROLES.length,
      users: USERS.length,
      userRoles: USERS.reduce((n, u) => n + u.roles.length, 0),
      clients: demoClients().length,
      cases: demoCases().length,
    });
    await withPrisma(db.url, seed);
    expect(await counts()).toEqual(first);
  });

  it('links users, departments and regions as the demo logins expect', async () => {
    const ilze = await withPrisma(db.url, (p) =>
      p.user.findUniqueOrThrow({ where: { username: 'ilze.berzina' }, include: { department: { include: { region: true } }, roles: { include: { role: true } } } }),
    );
    expect(ilze.department?.code).toBe('riga-centre');
    expect(ilze.department?.region.name).toBe('Rīgas Austrumu reģiona teritoriālā struktūrvienība');
    expect(ilze.roles.map((r) => r.role.code)).toEqual(['officer']);
  });
});
