import { runPrisma } from './prisma-cli';

/** Generates the Prisma client (TypeScript, into prisma/generated) from prisma/schema.prisma. */
export function generatePrismaClient(): void {
  runPrisma('prisma', ['generate', '--no-hints']);
}
