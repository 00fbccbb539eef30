import { readFileSync } from 'node:fs';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { SCHEMA_FILE } from './paths';

export interface ModelColumns {
  model: string;
  table: string;
  columns: { field: string; column: string; required: boolean; list: boolean }[];
}

export interface DeclaredIndex {
  model: string;
  table: string;
  /** id: primary key; unique: unique constraint or index; normal: plain index. */
  kind: 'id' | 'unique' | 'normal';
  columns: string[];
  /** Index access method as PostgreSQL names it: btree (default), gin, brin, gist, hash, spgist. */
  method: string;
}

export interface DeclaredEnum {
  name: string;
  /** Name of the PostgreSQL type. */
  dbName: string;
  values: string[];
}

interface Dmmf {
  datamodel: {
    models: {
      name: string;
      dbName: string | null;
      fields: { name: string; dbName: string | null; kind: string; isRequired: boolean; isList: boolean }[];
    }[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: { model: string; type: string; algorithm?: string; fields: { name: string }[] }[];
  };
}

/** schema.prisma read with Prisma's own parser (WebAssembly, offline). */
function dmmf(schema: string): Dmmf['datamodel'] {
  return (JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', schema]] }))) as Dmmf).datamodel;
}

const readSchema = (): string => readFileSync(SCHEMA_FILE, 'utf8');

/** Tables and columns that schema.prisma declares (scalar and enum fields; relation fields have no column). */
export function declaredTables(schema = readSchema()): ModelColumns[] {
  return dmmf(schema).models.map((m) => ({
    model: m.name,
    table: m.dbName ?? m.name,
    columns: m.fields
      .filter((f) => f.kind === 'scalar' || f.kind === 'enum')
      .map((f) => ({ field: f.name, column: f.dbName ?? f.name, required: f.isRequired && !f.isList, list: f.isList })),
  }));
}

/** Primary keys, unique constraints and indexes that schema.prisma declares, with column names. */
export function declaredIndexes(schema = readSchema()): DeclaredIndex[] {
  const dm = dmmf(schema);
  const out: DeclaredIndex[] = [];
  for (const index of dm.indexes) {
    if (index.type !== 'id' && index.type !== 'unique' && index.type !== 'normal') continue; // fulltext: MySQL only
    const model = dm.models.find((m) => m.name === index.model);
    if (!model) continue;
    const column = (field: string) => model.fields.find((f) => f.name === field)?.dbName ?? field;
    out.push({
      model: model.name,
      table: model.dbName ?? model.name,
      kind: index.type,
      columns: index.fields.map((f) => column(f.name)),
      method: (index.algorithm ?? 'BTree').toLowerCase(),
    });
  }
  return out;
}

/** Enums that schema.prisma declares, with their database values. */
export function declaredEnums(schema = readSchema()): DeclaredEnum[] {
  return dmmf(schema).enums.map((e) => ({
    name: e.name,
    dbName: e.dbName ?? e.name,
    values: e.values.map((v) => v.dbName ?? v.name),
  }));
}
