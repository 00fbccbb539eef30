/**
 * Authorization in one place: what each role may do (permissions) and where (department scope). Routes name
 * the permission they need (`access` in api/route.ts); handlers that read or change a department's data ask
 * `inScope`. Roles and department come from PLUS Flow's own staff directory (app_user), never from the
 * identity provider's token, so VISS only has to say who the person is.
 */
export const ROLES = ['officer', 'senior-officer', 'mediator', 'supervisor', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Work on user tasks: see, claim, save drafts, complete (own department's candidate groups). */
  'tasks:work',
  /** See every task of the department, also those offered to other groups. */
  'tasks:department',
  /** Read client files (personal data, cases, timeline, documents) of the department. */
  'clients:read',
  /** The intake log and its quarantine (all departments: intake happens before a department is chosen). */
  'intake:manage',
  /** Monitor instances and incidents. */
  'monitor:read',
  /** Retry or resolve incidents and cancel instances, with a recorded reason. */
  'monitor:act',
  /** Edit and deploy diagrams (issue 6). */
  'models:edit',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const GRANTS: Record<Role, readonly Permission[]> = {
  officer: ['tasks:work', 'clients:read'],
  'senior-officer': ['tasks:work', 'tasks:department', 'clients:read'],
  mediator: ['tasks:work', 'clients:read'],
  supervisor: ['tasks:work', 'tasks:department', 'clients:read', 'intake:manage', 'monitor:read', 'monitor:act'],
  analyst: ['models:edit', 'monitor:read'],
  admin: ['intake:manage', 'monitor:read', 'monitor:act'],
};

export interface Actor {
  id: number;
  username: string;
  fullName: string;
  roles: Role[];
  department: { id: number; code: string; name: string } | null;
}

export function can(actor: Actor, permission: Permission): boolean {
  return actor.roles.some((r) => GRANTS[r]?.includes(permission));
}

/** The engine candidate groups the actor belongs to: `<role>.<department code>` for every role. */
export function groupsOf(actor: Actor): string[] {
  if (!actor.department) return [];
  return actor.roles.map((r) => `${r}.${actor.department!.code}`);
}

/** Permissions that are national by nature: intake happens before a department is chosen; models are shared. */
const NATIONAL: readonly Permission[] = ['intake:manage', 'models:edit'];

/**
 * Whether the actor may use the permission on data of that department. Staff with a department are scoped to it;
 * staff without one (analysts, administrators) work nationally.
 */
export function inScope(actor: Actor, permission: Permission, departmentCode: string | null | undefined): boolean {
  if (!can(actor, permission)) return false;
  if (NATIONAL.includes(permission) || actor.department === null) return true;
  return actor.department.code === departmentCode;
}

/**
 * Whether the actor may see who a case is about (client file, client name, case number) for a case of that
 * department; for no case, whether they read client files at all. Analysts and administrators monitor the
 * processes without seeing whom they concern.
 */
export function mayReadClientFile(actor: Actor, departmentCode: string | null | undefined): boolean {
  return departmentCode ? inScope(actor, 'clients:read', departmentCode) : can(actor, 'clients:read');
}

/**
 * A task the actor may open: offered to one of their groups or assigned to them, or, for senior officers and heads,
 * any task of their department. Tasks of a case belong to the case's department; a task without a case (a
 * platform check) belongs to its groups.
 */
export function mayWorkOnTask(
  actor: Actor,
  task: { candidateGroups: string[]; assignee: string | null; departmentCode: string | null },
): boolean {
  if (!can(actor, 'tasks:work')) return false;
  const mine = groupsOf(actor);
  const offeredToMe = task.assignee === actor.username || task.candidateGroups.some((g) => mine.includes(g));
  if (!task.departmentCode) return offeredToMe;
  if (!inScope(actor, 'tasks:work', task.departmentCode)) return false;
  return offeredToMe || can(actor, 'tasks:department');
}
