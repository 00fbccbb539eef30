import { z } from 'zod';
import {
  EducationDocument as EducationDocumentSchema,
  Enrolment as EnrolmentSchema,
  type EducationDocument,
  type Enrolment,
} from './wire';
import { Overrides, NO_DATA, birthOf, prngFor, requirePersonalCode } from '../common/lookups';
import { currentEnrolment, educationHistory } from '../data/education';
import { createSimulatorApp, type Simulator, type SimulatorOptions } from '../kit/app';
import { route } from '../kit/route';

/** Share of persons VIIS knows nothing about (schooled abroad, before VIIS, records not digitised). */
const NO_RECORD_SHARE = 0.15;

/**
 * VIIS, the state education information system: `GET /viis/persons/:personalCode/education` → the person's
 * education documents and current enrolment (pupils: school, grade), the same every time for the same code;
 * 404 NO_DATA when there is neither (about 15 % of persons). `PUT /viis/_admin/persons/:personalCode/education`
 * sets a fixed answer: `{documents, enrolment?}` (documents null and no enrolment for NO_DATA).
 */
export function createViisSimulator(options: Omit<SimulatorOptions, 'state'> = {}): Simulator {
  const overrides = new Overrides<{ documents: EducationDocument[]; enrolment: Enrolment | null }>();

  function recordOf(code: string, today: Date): { documents: EducationDocument[]; enrolment: Enrolment | null } {
    const set = overrides.get(code);
    if (set !== undefined) return set ?? { documents: [], enrolment: null };
    const rng = prngFor('viis', code);
    const birth = birthOf(code, rng);
    if (rng.chance(NO_RECORD_SHARE)) return { documents: [], enrolment: null };
    const documents = educationHistory(rng, birth, today);
    // A separate stream, so that the documents of a person stay what they were before enrolment existed.
    return { documents, enrolment: currentEnrolment(prngFor('viis-enrolment', code), birth, today, documents) };
  }

  return createSimulatorApp(
    'viis',
    [
      route({
        method: 'GET',
        path: '/persons/:personalCode/education',
        handle: (req) => {
          const code = requirePersonalCode(req.params.personalCode);
          const { documents, enrolment } = recordOf(code, req.now);
          if (documents.length === 0 && !enrolment) throw NO_DATA('VIIS', code);
          return {
            status: 200,
            body: { personalCode: code, retrievedAt: req.now.toISOString(), documents, enrolment },
          };
        },
      }),
    ],
    {
      title: 'VIIS — Valsts izglītības informācijas sistēma (education)',
      ...options,
      state: overrides,
      adminRoutes: [
        route({
          method: 'PUT',
          path: '/persons/:personalCode/education',
          body: z
            .object({
              documents: z.array(EducationDocumentSchema).nullable(),
              enrolment: EnrolmentSchema.nullable().optional(),
            })
            .strict(),
          handle: (req) => {
            const code = requirePersonalCode(req.params.personalCode);
            const enrolment = req.body.enrolment ?? null;
            overrides.set(
              code,
              req.body.documents === null && !enrolment ? null : { documents: req.body.documents ?? [], enrolment },
            );
            return { status: 200, body: { personalCode: code, documents: req.body.documents, enrolment } };
          },
        }),
      ],
    },
  );
}
