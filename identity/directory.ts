import { createPool } from '../platform/db/pool';

/**
 * The staff directory the local OpenID provider signs people in against: PLUS Flow's own `app_user` table
 * (seeded demo users). In production VISS is the provider and identifies the person; PLUS Flow still decides
 * roles and department from its own users (api/auth/session.ts), so the provider only has to say who it is.
 */
export interface StaffMember {
  username: string;
  fullName: string;
  email: string;
  active: boolean;
  department: string | null;
  roles: string[];
}

export interface StaffDirectory {
  find(username: string): Promise<StaffMember | undefined>;
  /** Everyone active, for the demo sign-in page's list. */
  list(): Promise<StaffMember[]>;
  close(): Promise<void>;
}

export function createStaffDirectory(databaseUrl: string): StaffDirectory {
  // A connection lost (PostgreSQL restarting) is dropped and replaced; it must not end the process.
  const pool = createPool({ connectionString: databaseUrl, max: 3 });
  const select = `SELECT u.username, u.full_name, u.email, u.active, d.name AS department,
                         COALESCE(array_agg(r.code ORDER BY r.code) FILTER (WHERE r.code IS NOT NULL), '{}') AS roles
                  FROM app_user u LEFT JOIN department d ON d.id = u.department_id
                  LEFT JOIN user_role ur ON ur.user_id = u.id LEFT JOIN role r ON r.id = ur.role_id`;
  const row = (r: {
    username: string;
    full_name: string;
    email: string;
    active: boolean;
    department: string | null;
    roles: string[];
  }): StaffMember => ({
    username: r.username,
    fullName: r.full_name,
    email: r.email,
    active: r.active,
    department: r.department,
    roles: r.roles,
  });
  return {
    async find(username) {
      const { rows } = await pool.query(`${select} WHERE u.username = $1 GROUP BY u.id, d.name`, [username]);
      return rows[0] ? row(rows[0]) : undefined;
    },
    async list() {
      const { rows } = await pool.query(`${select} WHERE u.active GROUP BY u.id, d.name ORDER BY u.id`);
      return rows.map(row);
    },
    close: () => pool.end(),
  };
}
