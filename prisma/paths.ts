import path from 'node:path';
import { REPO_ROOT } from '../platform/config';

export const PRISMA_DIR = path.join(REPO_ROOT, 'prisma');
export const SCHEMA_FILE = path.join(PRISMA_DIR, 'schema.prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
