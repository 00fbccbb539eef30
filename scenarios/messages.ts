import { createPrng } from '../platform/prng';
import { generatePerson } from '../simulators/data';
import { generateReleaseNotice } from '../simulators/ievp/generate';
import { generatePenalOrder } from '../simulators/prois/generate';
import { generateRuling } from '../simulators/tis/generate';

/**
 * Inbound decisions for scenarios, from the simulators' own generators (valid personal codes, courts,
 * offences), with the parts a scenario cares about set: measure, hours, age, municipality.
 */
export interface GenerateSpec {
  seed: number;
  measure: 'FORCED_WORK' | 'FORCED_WORK_ADDITIONAL' | 'COMMUNITY_WORK_EDU' | 'PROBATION_SUPERVISION';
  hours?: number | undefined;
  age?: number | undefined;
  municipality?: string | undefined;
}

export function generateMessage(
  system: 'tis' | 'prois' | 'ievp',
  spec: GenerateSpec,
  today = new Date(),
): Record<string, unknown> {
  const rng = createPrng(spec.seed);
  const minor = spec.measure === 'COMMUNITY_WORK_EDU';
  const age = spec.age ?? (minor ? 14 : 30);
  const who = generatePerson(rng, today, { minAge: age, maxAge: age });
  const person = {
    ...who.person,
    ...(spec.municipality
      ? { municipality: spec.municipality, address: `Brīvības iela ${1 + (spec.seed % 90)}, ${spec.municipality}` }
      : {}),
  };
  const hours = spec.hours ?? (minor ? 20 : 120);
  const punishment =
    spec.measure === 'PROBATION_SUPERVISION'
      ? { type: 'PROBATION_SUPERVISION', role: 'MAIN', termMonths: 12 }
      : {
          type: spec.measure === 'FORCED_WORK_ADDITIONAL' ? 'FORCED_WORK' : spec.measure,
          role: spec.measure === 'FORCED_WORK_ADDITIONAL' ? 'ADDITIONAL' : 'MAIN',
          hours,
        };
  if (system === 'tis') {
    const r = generateRuling(rng, today);
    const punishments =
      spec.measure === 'FORCED_WORK_ADDITIONAL'
        ? [{ type: 'CONDITIONAL_SENTENCE', role: 'MAIN', termMonths: 12, probationPeriodMonths: 12 }, punishment]
        : [punishment];
    return { ...r, rulingId: `${r.rulingId}-${spec.seed}`, person, punishments };
  }
  if (system === 'prois') {
    const o = generatePenalOrder(rng, today);
    return { ...o, penalOrderId: `${o.penalOrderId}-${spec.seed}`, person, punishments: [punishment] };
  }
  const n = generateReleaseNotice(rng, today);
  return {
    ...n,
    releaseNoticeId: `${n.releaseNoticeId}-${spec.seed}`,
    releaseType: 'SENTENCE_SERVED',
    person,
    toExecute: [punishment],
  };
}
