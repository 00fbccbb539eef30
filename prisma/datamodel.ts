import { readFileSync } from 'node:fs';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { SCHEMA_FILE } from './paths';

export interface ModelColumns {
  model: string;
  table: string;
  columns: { field: string; column: string; required: boolean; list: boolean }[];
}

/** Tables and columns that schema.prisma declares, read with Prisma's own schema parser (WebAssembly). */
export function declaredTables(schema = readFileSync(SCHEMA_FILE, 'utf8')): ModelColumns[] {
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] }))) as {
    datamodel: { models: { name: string; dbName: string | null; fields: { name: string; dbName: string | null; kind: string; isRequired: boolean; isList: boolean }[] }[] };
  };
  return dmmf.datamodel.models.map((m) => ({
    model: m.name,
    table: m.dbName ?? m.name,
    columns: m.fields
      .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
      .map((f) => ({ field: f.name, column: f.dbName ?? f.name, required: f.isRequired && !f.isList, list: f.isList })),
  }));
}
