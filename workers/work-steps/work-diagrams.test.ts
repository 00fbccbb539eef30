import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { indexBpmn } from '../../processes/model-index';
import { caseProcesses } from '../../processes/registry';
import { WORK_STEPS } from '.';

/**
 * The processes that bind the work steps (community service, minors' public work) have one diagram each, kept
 * alike on purpose (docs/decisions/0006-work-process-diagrams.md): the same elements, differing only where the
 * law differs. An analyst who changes one in the modeler must change the other or record the new difference here
 * and in the ADR; this test names the element that drifted.
 */
const DIFFERENT_BY_LAW: Record<string, string> = {
  '<process>': 'the process name and documentation',
  RulingReceived: 'the start event names the decision (court ruling only for minors)',
  DetermineRules: 'notice target: TIS or ProIS by origin, TIS only for minors',
  LookupRegisters: 'the case kind passed to the register look-up',
  ProposeWorkPlaces: 'limits profile ADULT / MINOR',
  ArrangeAppointment: 'who attends the employer meeting: the officer, or the client with a legal representative',
  ArrangeAppointment_SendReminder: 'the task name in the reminder',
  ArrangeAppointment_Escalate: 'the task name in the escalation',
  EmployerProposedAppointment_Mapping: 'officer attendance of an appointment the employer proposed',
  NotifyClientAppointment: 'the legal representative is informed (minors)',
  GenerateSchedule: 'limits profile and measure',
  NotifyClientStarted: 'the legal representative is informed (minors)',
  NotifyCourtStarted: 'the name (court only for minors)',
  IssueWarning: 'the legal representative is informed (minors)',
  ReplyToClient: 'the legal representative is informed (minors)',
  ReplanSchedule: 'limits profile and measure',
  NotifyClientNewSchedule: 'the legal representative is informed (minors)',
  RequestConversion: 'conversion of a sentence or change of an educational measure',
  Converted: 'the name (sentence or measure)',
  SentenceConverted: 'the name (sentence or measure)',
  Escalation_SENTENCECONVERTED: 'the name (sentence or measure)',
  NotifyCourtCompleted: 'the name (court only for minors)',
  NotifyClientOutcome: 'the legal representative is informed (minors)',
  ExecutionCompleted: 'the name (sentence or measure)',
  ExecutionConverted: 'the name (sentence or measure)',
};

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (_n, _p, _l, isAttribute) => !isAttribute,
});

/** Every element with an id (layout left out), as text; children with ids of their own stand as references. */
function elements(xml: string, processId: string): Map<string, string> {
  const doc = parser.parse(xml.replaceAll(processId, '<process>')) as { definitions: Record<string, unknown>[] };
  const out = new Map<string, string>();
  const shallow = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(shallow);
    if (!node || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node).map(([k, v]) => [
        k,
        Array.isArray(v)
          ? v.map((c) =>
              c && typeof c === 'object' && '@id' in c ? { ref: (c as { '@id': unknown })['@id'] } : shallow(c),
            )
          : v,
      ]),
    );
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o['@id'] === 'string') out.set(o['@id'], JSON.stringify(shallow(o)));
    for (const [k, v] of Object.entries(o)) if (k !== 'BPMNDiagram' && !k.startsWith('@')) walk(v);
  };
  for (const [k, v] of Object.entries(doc.definitions[0]!)) if (k !== 'BPMNDiagram' && !k.startsWith('@')) walk(v);
  return out;
}

describe('the diagrams of the work processes', () => {
  // The modules whose diagrams run every work step under their own id.
  const family = caseProcesses()
    .map((m) => ({ id: m.id, xml: readFileSync(path.join(m.dir, `${m.id}.bpmn`), 'utf8') }))
    .filter(({ id, xml }) => {
      const types = indexBpmn(xml).jobTypes;
      return WORK_STEPS.every((s) => types.includes(`${id}.${s.step}`));
    });

  it('are found through the registry', () => {
    expect(family.length).toBeGreaterThan(0);
  });

  it('differ only where the law differs', () => {
    for (const [a, b] of family.flatMap((x, i) => family.slice(i + 1).map((y) => [x, y] as const))) {
      const ea = elements(a.xml, a.id);
      const eb = elements(b.xml, b.id);
      const differing = [...new Set([...ea.keys(), ...eb.keys()])].filter((k) => ea.get(k) !== eb.get(k)).sort();
      expect({ pair: `${a.id} / ${b.id}`, differing }).toEqual({
        pair: `${a.id} / ${b.id}`,
        differing: Object.keys(DIFFERENT_BY_LAW).sort(),
      });
    }
  });
});
