/**
 * The FEEL that Zeebe diagrams use where Camunda 7 (Operaton) wants JUEL: timers, user task due dates, candidate
 * groups and assignees. A small parser for the subset the diagrams use (literals, paths, lists, `+`/`-`, calls such
 * as `duration(x)`, `now()`, `get or else(x, y)`) and a translation to JUEL with the engine's `durations` bean
 * (engine/app/…/Durations.java). Whatever falls outside the subset is reported, never guessed.
 */

export type FeelNode =
  | { k: 'str'; v: string }
  | { k: 'num'; v: string }
  | { k: 'bool'; v: boolean }
  | { k: 'null' }
  | { k: 'path'; parts: string[] }
  | { k: 'list'; items: FeelNode[] }
  | { k: 'call'; fn: string; args: FeelNode[] }
  | { k: 'bin'; op: '+' | '-'; l: FeelNode; r: FeelNode };

export class FeelUnsupported extends Error {}

/** `=expr` → `expr`; anything else is a static value (null). */
export function feelBody(value: string | undefined | null): string | null {
  if (value == null) return null;
  const t = value.trim();
  return t.startsWith('=') ? t.slice(1).trim() : null;
}

type Tok = { t: 'str' | 'num' | 'name' | 'op'; v: string };

function tokenize(src: string): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      let j = i + 1;
      let s = '';
      while (j < src.length && src[j] !== '"') {
        if (src[j] === '\\' && j + 1 < src.length) {
          s += src[j + 1];
          j += 2;
        } else {
          s += src[j];
          j++;
        }
      }
      if (j >= src.length) throw new FeelUnsupported(`unterminated string in ${src}`);
      out.push({ t: 'str', v: s });
      i = j + 1;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i)) as RegExpExecArray;
      out.push({ t: 'name', v: m[0] });
      i += m[0].length;
    } else if ('+-[](),.'.includes(c)) {
      out.push({ t: 'op', v: c });
      i++;
    } else {
      throw new FeelUnsupported(`"${c}" is outside the FEEL subset that converts to JUEL`);
    }
  }
  return out;
}

/** Multi-word FEEL built-ins that the subset knows. */
const MULTI_WORD = ['get or else'];

export function parseFeel(src: string): FeelNode {
  const toks = tokenize(src);
  let p = 0;
  const peek = (): Tok | undefined => toks[p];
  const isOp = (v: string): boolean => peek()?.t === 'op' && peek()?.v === v;
  const expectOp = (v: string): void => {
    if (!isOp(v)) throw new FeelUnsupported(`expected "${v}" in ${src}`);
    p++;
  };
  const additive = (): FeelNode => {
    let l = primary();
    while (isOp('+') || isOp('-')) {
      const op = (toks[p++] as Tok).v as '+' | '-';
      l = { k: 'bin', op, l, r: primary() };
    }
    return l;
  };
  const args = (): FeelNode[] => {
    expectOp('(');
    const out: FeelNode[] = [];
    if (!isOp(')')) {
      out.push(additive());
      while (isOp(',')) {
        p++;
        out.push(additive());
      }
    }
    expectOp(')');
    return out;
  };
  const primary = (): FeelNode => {
    const t = peek();
    if (!t) throw new FeelUnsupported(`unexpected end of ${src}`);
    if (t.t === 'str') {
      p++;
      return { k: 'str', v: t.v };
    }
    if (t.t === 'num') {
      p++;
      return { k: 'num', v: t.v };
    }
    if (t.t === 'op' && t.v === '(') {
      p++;
      const e = additive();
      expectOp(')');
      return e;
    }
    if (t.t === 'op' && t.v === '[') {
      p++;
      const items: FeelNode[] = [];
      if (!isOp(']')) {
        items.push(additive());
        while (isOp(',')) {
          p++;
          items.push(additive());
        }
      }
      expectOp(']');
      return { k: 'list', items };
    }
    if (t.t === 'name') {
      for (const mw of MULTI_WORD) {
        const words = mw.split(' ');
        if (words.every((w, i) => toks[p + i]?.t === 'name' && toks[p + i]?.v === w) && toks[p + words.length]?.v === '(') {
          p += words.length;
          return { k: 'call', fn: mw, args: args() };
        }
      }
      p++;
      if (t.v === 'null') return { k: 'null' };
      if (t.v === 'true' || t.v === 'false') return { k: 'bool', v: t.v === 'true' };
      if (isOp('(')) return { k: 'call', fn: t.v, args: args() };
      const parts = [t.v];
      while (isOp('.')) {
        p++;
        const n = peek();
        if (n?.t !== 'name') throw new FeelUnsupported(`expected a name after "." in ${src}`);
        parts.push(n.v);
        p++;
      }
      return { k: 'path', parts };
    }
    throw new FeelUnsupported(`unexpected "${t.v}" in ${src}`);
  };
  const e = additive();
  if (p < toks.length) throw new FeelUnsupported(`unexpected "${(toks[p] as Tok).v}" in ${src}`);
  return e;
}

type Kind = 'duration' | 'date' | 'string' | 'value' | 'now';
interface Juel {
  code: string;
  kind: Kind;
}

const juelString = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A variable path that yields null, not an error, when its first variable is missing (FEEL's behaviour). */
const safePath = (parts: string[]): string => [`execution.getVariable(${juelString(parts[0] as string)})`, ...parts.slice(1)].join('.');

function toJuel(n: FeelNode, src: string): Juel {
  switch (n.k) {
    case 'str':
      return { code: juelString(n.v), kind: 'string' };
    case 'num':
      return { code: n.v, kind: 'value' };
    case 'bool':
      return { code: String(n.v), kind: 'value' };
    case 'null':
      return { code: 'null', kind: 'value' };
    case 'path':
      return { code: n.parts.join('.'), kind: 'value' };
    case 'list':
      throw new FeelUnsupported(`a list is not a duration or date: ${src}`);
    case 'call': {
      if (n.fn === 'now' && n.args.length === 0) return { code: 'now', kind: 'now' };
      if (n.fn === 'duration' && n.args.length === 1) return { code: toJuel(n.args[0] as FeelNode, src).code, kind: 'duration' };
      if ((n.fn === 'date and time' || n.fn === 'string') && n.args.length === 1) return { code: toJuel(n.args[0] as FeelNode, src).code, kind: 'value' };
      if (n.fn === 'get or else' && n.args.length === 2) {
        const [a, b] = n.args as [FeelNode, FeelNode];
        const value = a.k === 'path' ? safePath(a.parts) : toJuel(a, src).code;
        const fallback = toJuel(b, src);
        return { code: `durations.orElse(${value}, ${fallback.code})`, kind: fallback.kind === 'string' ? 'value' : fallback.kind };
      }
      throw new FeelUnsupported(`function ${n.fn}() has no JUEL translation: ${src}`);
    }
    case 'bin': {
      const l = toJuel(n.l, src);
      const r = toJuel(n.r, src);
      if (n.op === '+' && l.kind === 'now' && r.kind === 'duration') return { code: `durations.dueIn(${r.code})`, kind: 'date' };
      if (n.op === '+' && l.kind === 'duration' && r.kind === 'now') return { code: `durations.dueIn(${l.code})`, kind: 'date' };
      if (n.op === '+' && l.kind === 'duration' && r.kind === 'duration') return { code: `durations.sum(${l.code}, ${r.code})`, kind: 'duration' };
      if (n.op === '-' && l.kind === 'duration' && r.kind === 'duration') return { code: `durations.difference(${l.code}, ${r.code})`, kind: 'duration' };
      if (n.op === '+' && n.l.k === 'str' && n.l.v === 'R/') return { code: `durations.cycle(${r.code})`, kind: 'string' };
      throw new FeelUnsupported(`"${n.op}" between ${l.kind} and ${r.kind} has no JUEL translation: ${src}`);
    }
  }
}

/** A timer's timeDuration / timeCycle / timeDate or a due/follow-up date in FEEL → `${…}` JUEL. */
export function feelToJuelTime(feel: string, what: 'timeDuration' | 'timeCycle' | 'timeDate' | 'dueDate' | 'followUpDate'): string {
  const node = parseFeel(feel);
  if (node.k === 'str') return node.v;
  const j = toJuel(node, feel);
  const wanted: Record<typeof what, Kind[]> = {
    timeDuration: ['duration', 'value'],
    timeCycle: ['string', 'value'],
    timeDate: ['date', 'value'],
    dueDate: ['date', 'value'],
    followUpDate: ['date', 'value'],
  };
  if (!wanted[what].includes(j.kind)) throw new FeelUnsupported(`${what} "${feel}" yields a ${j.kind}`);
  return `\${${j.code}}`;
}

/**
 * Candidate groups / users / assignee in FEEL → a JUEL composite string: `=["officer." + departmentCode]` →
 * `officer.${departmentCode}`; `=[candidateGroup]` → `${candidateGroup}`; `=groups` (a list variable) → `${groups}`.
 */
export function feelToJuelText(feel: string): string {
  const node = parseFeel(feel);
  const items = node.k === 'list' ? node.items : [node];
  const part = (n: FeelNode): string => {
    if (n.k === 'str') return n.v.replace(/\$\{/g, '\\${').replace(/#\{/g, '\\#{');
    if (n.k === 'path') return `\${${n.parts.join('.')}}`;
    if (n.k === 'bin' && n.op === '+') return part(n.l) + part(n.r);
    if (n.k === 'call' && n.fn === 'string' && n.args.length === 1) return part(n.args[0] as FeelNode);
    throw new FeelUnsupported(`"${feel}" is not a concatenation of texts and variables`);
  };
  return items.map(part).join(',');
}

/** A plain variable reference (`=caseId`, `=rules.due.x`) → its path, else null. */
export function feelPath(feel: string): string[] | null {
  try {
    const n = parseFeel(feel);
    return n.k === 'path' ? n.parts : null;
  } catch {
    return null;
  }
}

/** A FEEL literal or plain variable as a JUEL expression, for execution listeners; null when it is more than that. */
export function feelToJuelValue(feel: string): string | null {
  let n: FeelNode;
  try {
    n = parseFeel(feel);
  } catch {
    return null;
  }
  switch (n.k) {
    case 'str':
      return juelString(n.v);
    case 'num':
      return n.v;
    case 'bool':
      return String(n.v);
    case 'null':
      return 'null';
    case 'path':
      return safePath(n.parts);
    default:
      return null;
  }
}
