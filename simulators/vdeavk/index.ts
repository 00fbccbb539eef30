import { z } from 'zod';
import { Disability as DisabilitySchema, type Disability } from './wire';
import { Overrides, NO_DATA, birthOf, prngFor, requirePersonalCode } from '../common/lookups';
import { addDays, ageOn, isoDay } from '../data/personal-codes';
import { createSimulatorApp, type Simulator, type SimulatorOptions } from '../kit/app';
import type { Prng } from '../../platform/prng';
import { route } from '../kit/route';

/** Share of persons with a disability decision on record (about one in ten residents of Latvia). */
const DISABILITY_SHARE = 0.12;

const DISORDERS = [
  'Kustību funkciju traucējumi',
  'Redzes funkciju traucējumi',
  'Dzirdes funkciju traucējumi',
  'Garīgās attīstības traucējumi',
  'Psihiskās veselības traucējumi',
  'Iekšējo orgānu funkciju traucējumi',
  'Valodas funkciju traucējumi',
] as const;

/**
 * IIS VDEĀVK, the disability register: `GET /vdeavk/persons/:personalCode/disability` → group, term and
 * types of functional disorder, the same for the same code (within a calendar year); 404 NO_DATA for most
 * persons. `PUT /vdeavk/_admin/persons/:personalCode/disability` sets a fixed answer (or null for NO_DATA).
 */
export function createVdeavkSimulator(options: Omit<SimulatorOptions, 'state'> = {}): Simulator {
  const overrides = new Overrides<Disability>();

  function disabilityOf(code: string, today: Date): Disability | null {
    const set = overrides.get(code);
    if (set !== undefined) return set;
    const rng = prngFor('vdeavk', code);
    const birth = birthOf(code, rng);
    return rng.chance(DISABILITY_SHARE) ? generateDisability(rng, birth, today) : null;
  }

  return createSimulatorApp(
    'vdeavk',
    [
      route({
        method: 'GET',
        path: '/persons/:personalCode/disability',
        handle: (req) => {
          const code = requirePersonalCode(req.params.personalCode);
          const disability = disabilityOf(code, req.now);
          if (!disability) throw NO_DATA('IIS VDEĀVK', code);
          return {
            status: 200,
            body: {
              personalCode: code,
              retrievedAt: req.now.toISOString(),
              disability: withStatus(disability, req.now),
            },
          };
        },
      }),
    ],
    {
      title: 'IIS VDEĀVK — Invaliditātes informācijas sistēma (disability)',
      ...options,
      state: overrides,
      adminRoutes: [
        route({
          method: 'PUT',
          path: '/persons/:personalCode/disability',
          body: z.object({ disability: DisabilitySchema.nullable() }).strict(),
          handle: (req) => {
            const code = requirePersonalCode(req.params.personalCode);
            overrides.set(code, req.body.disability);
            return { status: 200, body: { personalCode: code, disability: req.body.disability } };
          },
        }),
      ],
    },
  );
}

/** Decisions are anchored to 1 January of the current year, so answers stay stable through the year. */
function generateDisability(rng: Prng, birth: Date, today: Date): Disability {
  const anchor = new Date(Date.UTC(today.getUTCFullYear(), 0, 1));
  const drawn = addDays(anchor, -rng.int(30, 6 * 365));
  const from = drawn > birth ? drawn : addDays(birth, 30); // never before the person was born
  const child = ageOn(birth, from) < 18;
  const indefinite = !child && rng.chance(0.25);
  const drawnUntil = addDays(from, rng.pick([1, 2, 3, 5]) * 365);
  // a child's disability is set until the 18th birthday at the latest, then assessed again as an adult
  const adult = new Date(Date.UTC(birth.getUTCFullYear() + 18, birth.getUTCMonth(), birth.getUTCDate()));
  const until = indefinite ? null : child && drawnUntil > adult ? adult : drawnUntil;
  const n = rng.weighted([
    [1, 8],
    [2, 2],
  ] as const);
  const disorders = new Set<string>();
  while (disorders.size < n) disorders.add(rng.pick(DISORDERS));
  return {
    group: child
      ? 'CHILD'
      : rng.weighted([
          ['I', 10],
          ['II', 45],
          ['III', 45],
        ] as const),
    decisionNumber: `${from.getUTCFullYear()}/${String(rng.int(1, 99_999)).padStart(5, '0')}`,
    decisionDate: isoDay(from),
    term: { from: isoDay(from), until: until && isoDay(until) },
    status: 'ACTIVE',
    functionalDisorders: [...disorders],
  };
}

function withStatus(d: Disability, today: Date): Disability {
  return { ...d, status: d.term.until !== null && d.term.until < isoDay(today) ? 'EXPIRED' : 'ACTIVE' };
}
