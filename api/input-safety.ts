/**
 * Checks every request part gets before its schema sees it (api/route.ts): what no schema of ours would refuse
 * but PostgreSQL or the JSON code further down cannot take. Text with a NUL character (PostgreSQL refuses it in
 * text and jsonb, 22021), text that is not valid Unicode (a lone surrogate: jsonb refuses its escape), and JSON
 * nested deeper than any form needs (recursive code, ours or a library's, would run out of stack). The walk is
 * iterative and stops at the limits, so hostile input costs no more than its size.
 */
export const MAX_JSON_DEPTH = 32;
/** Values (objects, lists, scalars) in one request part; a 1 MB body of `[]`s is about 500,000. */
export const MAX_JSON_NODES = 200_000;

export interface InputFault {
  /** Dotted path of the field, empty for the part as a whole. */
  path: string;
  message: string;
}

const NUL = 'must not contain the NUL character (U+0000)';
const UNPAIRED = 'must be valid Unicode text (it contains an unpaired surrogate)';

// A high surrogate not followed by a low one, or a low one not preceded by a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function textFault(s: string): string | undefined {
  if (s.includes('\u0000')) return NUL;
  if (LONE_SURROGATE.test(s)) return UNPAIRED;
  return undefined;
}

/** The faults of one request part (path parameters, query string or JSON body); at most `limit` of them. */
export function inspectInput(value: unknown, limit = 10): InputFault[] {
  const faults: InputFault[] = [];
  const stack: { v: unknown; path: string[]; depth: number }[] = [{ v: value, path: [], depth: 0 }];
  let nodes = 0;
  while (stack.length && faults.length < limit) {
    const { v, path, depth } = stack.pop()!;
    if (++nodes > MAX_JSON_NODES) {
      faults.push({ path: '', message: `has more than ${MAX_JSON_NODES} values; send less per request` });
      break;
    }
    if (typeof v === 'string') {
      const f = textFault(v);
      if (f) faults.push({ path: path.join('.'), message: f });
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      faults.push({ path: path.join('.'), message: `is nested more than ${MAX_JSON_DEPTH} levels deep` });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: [...path, String(i)], depth: depth + 1 });
      continue;
    }
    for (const [k, child] of Object.entries(v)) {
      const f = textFault(k);
      if (f) {
        faults.push({ path: path.join('.'), message: `has a field name that ${f}` });
        continue;
      }
      stack.push({ v: child, path: [...path, k], depth: depth + 1 });
    }
  }
  return faults;
}
