import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../prisma/generated/client';
import { ROLES, type Actor, type Role } from './policy';

/**
 * Server-side staff sessions in PostgreSQL. The cookie holds a random 256-bit token; the table holds only its
 * SHA-256, so a leaked table cannot be replayed. A session ends after `idleMinutes` without a request and at
 * `maxHours` in any case; signing out deletes it. Each session has its own CSRF token.
 */
export interface SessionSettings {
  idleMinutes: number;
  maxHours: number;
}

export interface LoadedSession {
  actor: Actor;
  csrfToken: string;
  expiresAt: Date;
}

const hash = (token: string) => createHash('sha256').update(token).digest('hex');
/** Touch the session at most once a minute: every request would otherwise write. */
const TOUCH_EVERY_MS = 60_000;

export class SessionStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly settings: SessionSettings,
  ) {}

  async create(
    userId: number,
    meta: { ip?: string; userAgent?: string },
  ): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.settings.maxHours * 3_600_000);
    await this.prisma.webSession.create({
      data: {
        tokenHash: hash(token),
        userId,
        csrfToken,
        expiresAt,
        ip: meta.ip ?? null,
        userAgent: meta.userAgent?.slice(0, 300) ?? null,
      },
    });
    // Expired sessions go away as new ones are made; no separate job needed.
    await this.prisma.webSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
    return { token, csrfToken, expiresAt };
  }

  async load(token: string): Promise<LoadedSession | undefined> {
    const row = await this.prisma.webSession.findUnique({
      where: { tokenHash: hash(token) },
      include: { user: { include: { department: true, roles: { include: { role: true } } } } },
    });
    if (!row) return undefined;
    const now = Date.now();
    const idleLimit = row.lastSeenAt.getTime() + this.settings.idleMinutes * 60_000;
    if (!row.user.active || row.expiresAt.getTime() <= now || idleLimit <= now) {
      await this.prisma.webSession.deleteMany({ where: { tokenHash: row.tokenHash } });
      return undefined;
    }
    if (now - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await this.prisma.webSession.update({ where: { tokenHash: row.tokenHash }, data: { lastSeenAt: new Date(now) } });
    }
    const roles = row.user.roles
      .map((r) => r.role.code)
      .filter((c): c is Role => (ROLES as readonly string[]).includes(c));
    const d = row.user.department;
    return {
      actor: {
        id: row.user.id,
        username: row.user.username,
        fullName: row.user.fullName,
        roles,
        department: d ? { id: d.id, code: d.code, name: d.name } : null,
      },
      csrfToken: row.csrfToken,
      expiresAt: row.expiresAt,
    };
  }

  async destroy(token: string): Promise<void> {
    await this.prisma.webSession.deleteMany({ where: { tokenHash: hash(token) } });
  }
}
