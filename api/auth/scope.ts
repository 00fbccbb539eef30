import type { PrismaClient } from '../../prisma/generated/client';
import { HttpProblem } from '../problem';
import { inScope, type Actor, type Permission } from './policy';

/**
 * Loads a case's department and refuses when the actor may not use `permission` on it: 404 when there is no such
 * case, 403 (saying whose it is) when it belongs to another department.
 */
export async function requireCaseInScope(
  prisma: PrismaClient,
  actor: Actor,
  caseId: number,
  permission: Permission,
): Promise<{ id: number; departmentCode: string; clientId: number }> {
  const c = await prisma.case.findUnique({
    where: { id: caseId },
    select: { id: true, clientId: true, department: { select: { code: true, name: true } } },
  });
  if (!c) throw new HttpProblem(404, 'Case not found', `There is no case ${caseId}.`);
  if (!inScope(actor, permission, c.department.code)) {
    throw new HttpProblem(
      403,
      'Another department’s case',
      `Case ${caseId} belongs to ${c.department.name}; you can open cases of your own department only.`,
    );
  }
  return { id: c.id, departmentCode: c.department.code, clientId: c.clientId };
}

/** Every view of personal data is recorded: who, what, when, from where. */
export async function auditView(
  prisma: PrismaClient,
  actor: Actor,
  entityType: string,
  entityId: string | number,
  ip: string,
  details?: object,
): Promise<void> {
  await prisma.auditLog.create({
    data: {
      actor: actor.username,
      action: `${entityType}.viewed`,
      entityType,
      entityId: String(entityId),
      personalData: true,
      ip,
      ...(details ? { details } : {}),
    },
  });
}
