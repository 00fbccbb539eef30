import { HttpProblem, PROBLEM_TYPES } from '../problem';

/**
 * What a diagram must not contain before any XML parser sees it. BPMN needs no DOCTYPE: a DOCTYPE is where
 * entities are declared (external files, internal requests, billion-laughs expansion), so any DOCTYPE is refused
 * at save, with a sentence that says so, instead of failing (or worse) at deployment. Nesting is bounded too:
 * recursive parsers run out of stack long before a real diagram's depth (about 10) matters.
 */
export const MAX_XML_DEPTH = 200;

export function checkXmlSafety(xml: string): void {
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw new HttpProblem(
      422,
      'Diagram with a DOCTYPE',
      'The diagram contains a DOCTYPE declaration (<!DOCTYPE …>). BPMN diagrams need none, and it can declare entities that read files or expand without end, so it is refused. Remove the DOCTYPE and save again. Nothing was saved.',
      { type: PROBLEM_TYPES.xmlDoctype },
    );
  }
  const depth = maxDepth(xml, MAX_XML_DEPTH);
  if (depth > MAX_XML_DEPTH) {
    throw new HttpProblem(
      422,
      'Diagram nested too deeply',
      `The diagram nests elements more than ${MAX_XML_DEPTH} levels deep; a BPMN diagram needs far fewer. Nothing was saved.`,
      {
        type: PROBLEM_TYPES.xmlTooDeep,
      },
    );
  }
}

/**
 * The element nesting depth of an XML text, counted by a linear scan (quotes, comments, CDATA and processing
 * instructions skipped), stopping once it exceeds `stopAbove`. Not a parser: malformed XML is the parser's to refuse.
 */
export function maxDepth(xml: string, stopAbove = Infinity): number {
  let depth = 0;
  let max = 0;
  let i = 0;
  const n = xml.length;
  const skipTo = (end: string, from: number) => {
    const at = xml.indexOf(end, from);
    return at < 0 ? n : at + end.length;
  };
  while (i < n) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (xml.startsWith('<!--', lt)) {
      i = skipTo('-->', lt + 4);
      continue;
    }
    if (xml.startsWith('<![CDATA[', lt)) {
      i = skipTo(']]>', lt + 9);
      continue;
    }
    if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      i = skipTo('>', lt + 2);
      continue;
    }
    // A tag: find its end outside quoted attribute values.
    let j = lt + 1;
    let quote = '';
    for (; j < n; j++) {
      const c = xml[j];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') break;
    }
    if (xml[lt + 1] === '/') depth = Math.max(0, depth - 1);
    else if (xml[j - 1] !== '/') {
      depth++;
      if (depth > max) max = depth;
      if (max > stopAbove) return max;
    }
    i = j + 1;
  }
  return max;
}
