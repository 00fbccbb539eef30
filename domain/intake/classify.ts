import type { Offence, Person, Punishment } from '../../integrations/common/schema';
import type { IevpInbound } from '../../integrations/ievp/schema';
import type { ProisInbound } from '../../integrations/prois/schema';
import type { TisInbound } from '../../integrations/tis/schema';
import { STATUTORY_HOURS } from '../../domain/work-schedule';
import type { ProcessKind } from '../../prisma/generated/client';
import { caseProcessForMeasure } from '../../processes/registry';

/**
 * What a valid inbound message means for PLUS: a decision that opens a case in one of the automated
 * processes, a court's answer to a running case, or something PLUS cannot act on yet (quarantined with the
 * reason, never dropped). Pure: no database, so every rule is unit-tested.
 */
export type IntakeSystem = 'TIS' | 'PROIS' | 'IEVP';

export interface NewCase {
  kind: 'NEW_CASE';
  /** The case process that executes the decision (processes/registry.ts). */
  process: string;
  processKind: ProcessKind;
  functionSubtype: 'FORCED_WORK' | 'FORCED_WORK_ADDITIONAL' | 'COMMUNITY_WORK_EDU';
  hours: number;
  source: IntakeSystem;
  externalId: string;
  issuerType: 'COURT' | 'PROSECUTOR';
  issuer: string;
  decisionNumber: string | null;
  decisionDate: string;
  inForceDate: string | null;
  person: Person;
  punishments: Punishment[];
  offences: Offence[];
}

export interface ConversionDecision {
  kind: 'CONVERSION_DECISION';
  rulingExternalId: string;
  decisionId: string;
  decision: 'CONVERTED' | 'NOT_CONVERTED';
  decisionDate: string;
  court: string;
  replacement: string | null;
}

export interface Quarantine {
  kind: 'QUARANTINE';
  /** Machine code, e.g. NOT_AUTOMATED, HOURS_OUT_OF_RANGE, AGE_OUT_OF_RANGE, CHILD_UNDER_11. */
  code: string;
  reasons: string[];
}

export type Classified = NewCase | ConversionDecision | Quarantine;

const ageOn = (birthDate: string, on: string): number => {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = on.split('-').map(Number) as [number, number, number];
  return y - by - (m * 100 + d < bm * 100 + bd ? 1 : 0);
};

function forcedWorkCase(
  base: Omit<NewCase, 'kind' | 'process' | 'processKind' | 'functionSubtype' | 'hours'>,
): NewCase | Quarantine {
  // Which process module executes each measure: a measure no module takes is not automated (below).
  const eduProcess = caseProcessForMeasure('COMMUNITY_WORK_EDU');
  const fwProcess = caseProcessForMeasure('FORCED_WORK');
  const edu = eduProcess && base.punishments.find((p) => p.type === 'COMMUNITY_WORK_EDU');
  const fw = fwProcess && base.punishments.find((p) => p.type === 'FORCED_WORK');
  const age = ageOn(base.person.birthDate, base.decisionDate);
  if (edu) {
    const range = STATUTORY_HOURS.COMMUNITY_WORK_EDU;
    const reasons: string[] = [];
    if (age < 11) {
      // The law on educational measures applies from 11: a younger child cannot be given community work.
      reasons.push(
        `person.birthDate: the child was ${age} on the decision date (${base.decisionDate}); community work as an educational measure applies only from age 11, so PLUS cannot execute it — ask the court (TIS) to check the birth date or the decision, then reprocess or dismiss the message`,
      );
    } else if (age > 17) {
      reasons.push(
        `person.birthDate: the educational measure is for children aged 11–17; the person was ${age} on the decision date — ask the court (TIS) to check the decision`,
      );
    }
    if ((edu.hours ?? 0) < range.min || (edu.hours ?? 0) > range.max)
      reasons.push(`punishments: ${edu.hours} hours is outside ${range.min}–${range.max} (${range.source})`);
    if (reasons.length) {
      const code =
        age < 11 ? 'CHILD_UNDER_11' : reasons[0]!.startsWith('person') ? 'AGE_OUT_OF_RANGE' : 'HOURS_OUT_OF_RANGE';
      return { kind: 'QUARANTINE', code, reasons };
    }
    return {
      kind: 'NEW_CASE',
      process: eduProcess.id,
      processKind: eduProcess.intake!.caseKind,
      functionSubtype: 'COMMUNITY_WORK_EDU',
      hours: edu.hours!,
      ...base,
    };
  }
  if (fw) {
    const subtype = fw.role === 'MAIN' ? 'FORCED_WORK' : 'FORCED_WORK_ADDITIONAL';
    const range = STATUTORY_HOURS[subtype];
    const reasons: string[] = [];
    if (age < 14)
      reasons.push(`person.birthDate: forced work is not imposed on a person under 14; the person was ${age}`);
    if ((fw.hours ?? 0) < range.min || (fw.hours ?? 0) > range.max)
      reasons.push(
        `punishments: ${fw.hours} hours of ${subtype} is outside ${range.min}–${range.max} (${range.source})`,
      );
    if (reasons.length)
      return {
        kind: 'QUARANTINE',
        code: reasons[0]!.startsWith('person') ? 'AGE_OUT_OF_RANGE' : 'HOURS_OUT_OF_RANGE',
        reasons,
      };
    return {
      kind: 'NEW_CASE',
      process: fwProcess.id,
      processKind: fwProcess.intake!.caseKind,
      functionSubtype: subtype,
      hours: fw.hours!,
      ...base,
    };
  }
  const types = base.punishments.map((p) => `${p.type} (${p.role})`).join(', ');
  return {
    kind: 'QUARANTINE',
    code: 'NOT_AUTOMATED',
    reasons: [
      `punishments: ${types} — no automated PLUS Flow process executes this yet (supervision comes later); open the case by hand, or reprocess the message once the process exists`,
    ],
  };
}

export function classifyTis(m: TisInbound): Classified {
  if (m.messageType === 'CONVERSION_DECISION') {
    return {
      kind: 'CONVERSION_DECISION',
      rulingExternalId: m.rulingId,
      decisionId: m.decisionId,
      decision: m.decision,
      decisionDate: m.decisionDate,
      court: m.court,
      replacement: m.replacement ?? null,
    };
  }
  return forcedWorkCase({
    source: 'TIS',
    externalId: m.rulingId,
    issuerType: 'COURT',
    issuer: m.court,
    decisionNumber: m.caseNumber,
    decisionDate: m.rulingDate,
    inForceDate: m.inForceDate,
    person: m.person,
    punishments: m.punishments,
    offences: m.offences,
  });
}

export function classifyProis(m: ProisInbound): Classified {
  return forcedWorkCase({
    source: 'PROIS',
    externalId: m.penalOrderId,
    issuerType: 'PROSECUTOR',
    issuer: m.prosecutorOffice,
    decisionNumber: m.criminalProceedingsNumber,
    decisionDate: m.orderDate,
    inForceDate: m.inForceDate,
    person: m.person,
    punishments: m.punishments,
    offences: m.offences,
  });
}

export function classifyIevp(m: IevpInbound): Classified {
  // A release with forced work still to serve: the court that sentenced is the one to inform (contract §1.1).
  return forcedWorkCase({
    source: 'IEVP',
    externalId: m.releaseNoticeId,
    issuerType: 'COURT',
    issuer: m.sentence.court,
    decisionNumber: m.sentence.caseNumber,
    decisionDate: m.sentence.rulingDate,
    inForceDate: m.releaseDate,
    person: m.person,
    punishments: m.toExecute,
    offences: [],
  });
}
