import { z } from 'zod';
import { EducationDocumentSchema, type EducationDocument } from '../../integrations/viis/schema';
import { Overrides, NO_DATA, birthOf, prngFor, requirePersonalCode } from '../common/lookups';
import { educationHistory } from '../data/education';
import { createSimulatorApp, type Simulator, type SimulatorOptions } from '../kit/app';
import { route } from '../kit/route';

/** Share of persons VIIS knows nothing about (schooled abroad, before VIIS, records not digitised). */
const NO_RECORD_SHARE = 0.15;

/**
 * VIIS, the state education information system: `GET /viis/persons/:personalCode/education` → the person's
 * education documents, the same every time for the same code; 404 NO_DATA when there are none (children
 * without a certificate yet, and about 15 % of adults). `PUT /viis/_admin/persons/:personalCode/education`
 * sets a fixed answer (a list of documents, or null for NO_DATA).
 */
export function createViisSimulator(options: Omit<SimulatorOptions, 'state'> = {}): Simulator {
  const overrides = new Overrides<EducationDocument[]>();

  function documentsOf(code: string, today: Date): EducationDocument[] {
    const set = overrides.get(code);
    if (set !== undefined) return set ?? [];
    const rng = prngFor('viis', code);
    const birth = birthOf(code, rng);
    if (rng.chance(NO_RECORD_SHARE)) return [];
    return educationHistory(rng, birth, today);
  }

  return createSimulatorApp(
    'viis',
    [
      route({
        method: 'GET',
        path: '/persons/:personalCode/education',
        handle: (req) => {
          const code = requirePersonalCode(req.params.personalCode);
          const documents = documentsOf(code, req.now);
          if (documents.length === 0) throw NO_DATA('VIIS', code);
          return { status: 200, body: { personalCode: code, retrievedAt: req.now.toISOString(), documents } };
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
          body: z.object({ documents: z.array(EducationDocumentSchema).nullable() }).strict(),
          handle: (req) => {
            const code = requirePersonalCode(req.params.personalCode);
            overrides.set(code, req.body.documents);
            return { status: 200, body: { personalCode: code, documents: req.body.documents } };
          },
        }),
      ],
    },
  );
}
