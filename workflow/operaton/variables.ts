import type { Variables } from '../port';

/**
 * Process variables between JSON and Operaton's typed values. Objects and arrays travel as `Object` values in
 * JSON format, which the engine app (JsonValueSerializer) holds as maps and lists, so JUEL expressions in the
 * diagrams can read `${rules.due.agreement}`. Whole numbers within 32 bits are Integers, larger ones Longs.
 */
export interface TypedValue {
  type: string;
  value: unknown;
  valueInfo?: Record<string, unknown>;
}

export const JSON_FORMAT = 'application/json';
const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

export function toTypedValue(value: unknown): TypedValue {
  if (value === null || value === undefined) return { type: 'Null', value: null };
  switch (typeof value) {
    case 'string':
      return { type: 'String', value };
    case 'boolean':
      return { type: 'Boolean', value };
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`variable value ${value} is not a finite number`);
      if (Number.isInteger(value)) return { type: value >= INT_MIN && value <= INT_MAX ? 'Integer' : 'Long', value };
      return { type: 'Double', value };
    case 'bigint':
      return { type: 'Long', value: Number(value) };
    case 'object':
      if (value instanceof Date) return { type: 'Date', value: value.toISOString().replace('Z', '+0000') };
      return {
        type: 'Object',
        value: JSON.stringify(value),
        valueInfo: {
          objectTypeName: Array.isArray(value) ? 'java.util.ArrayList' : 'java.util.LinkedHashMap',
          serializationDataFormat: JSON_FORMAT,
        },
      };
    default:
      throw new TypeError(`variable values must be JSON, got ${typeof value}`);
  }
}

export function toTypedVariables(vars: Variables | undefined): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const [k, v] of Object.entries(vars ?? {})) if (v !== undefined) out[k] = toTypedValue(v);
  return out;
}

/** A typed value as the engine answers it (with deserializeValues=false for objects) back to JSON. */
export function fromTypedValue(t: TypedValue): unknown {
  if (t.type === 'Object' || t.type === 'Json') {
    const format = (t.valueInfo?.serializationDataFormat as string | undefined) ?? JSON_FORMAT;
    if (typeof t.value === 'string' && (format === JSON_FORMAT || t.type === 'Json')) return JSON.parse(t.value);
    return t.value;
  }
  if (t.type === 'Date' && typeof t.value === 'string')
    return new Date(t.value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2')).toISOString();
  return t.value;
}

export function fromTypedVariables(vars: Record<string, TypedValue> | undefined): Variables {
  const out: Variables = {};
  for (const [k, v] of Object.entries(vars ?? {})) out[k] = fromTypedValue(v);
  return out;
}
