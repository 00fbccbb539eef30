import { z } from '../zod';
import { defineRoute } from '../route';
import { can, groupsOf, PERMISSIONS } from '../auth/policy';
import { requireSession } from '../auth/http';

const Me = z
  .object({
    username: z.string(),
    fullName: z.string(),
    roles: z.array(z.string()),
    department: z.object({ code: z.string(), name: z.string() }).nullable(),
    groups: z.array(z.string()).openapi({ description: 'engine candidate groups, <role>.<department>' }),
    permissions: z.array(z.string()),
    csrfToken: z.string().openapi({ description: 'send it as X-CSRF-Token with every change' }),
    sessionExpiresAt: z.string(),
  })
  .openapi('Me');

/** Who is signed in, what they may do, and the CSRF token the UI sends with changes. */
export function meRoutes() {
  return [
    defineRoute({
      method: 'get',
      path: '/api/me',
      operationId: 'getMe',
      summary: 'The signed-in staff member, their groups and permissions, and the CSRF token',
      tags: ['auth'],
      responses: { 200: { description: 'signed in', schema: Me } },
      handler: async ({ actor, ctx }) => {
        const s = requireSession(ctx);
        return {
          status: 200,
          body: {
            username: actor.username,
            fullName: actor.fullName,
            roles: actor.roles,
            department: actor.department ? { code: actor.department.code, name: actor.department.name } : null,
            groups: groupsOf(actor),
            permissions: PERMISSIONS.filter((p) => can(actor, p)),
            csrfToken: s.csrfToken,
            sessionExpiresAt: s.expiresAt.toISOString(),
          },
        };
      },
    }),
  ];
}
