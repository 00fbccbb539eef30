import { z } from 'zod';
import { wireDate, wireText } from '../common/wire';

/** VIIS's wire format (education register), as the simulated VIIS answers (the product's reading: integrations/viis/). */

export const EDUCATION_LEVEL = ['BASIC', 'GENERAL_SECONDARY', 'VOCATIONAL', 'HIGHER'] as const;
export type EducationLevel = (typeof EDUCATION_LEVEL)[number];
const programmeCode = z.string().regex(/^\d{5,8}$/, 'must be a 5–8 digit programme code');

export const EducationDocument = z
  .object({
    level: z.enum(EDUCATION_LEVEL),
    educationType: wireText(200),
    documentType: wireText(200),
    issuingInstitution: wireText(300),
    documentSeries: z.string().max(20).nullable(),
    documentNumber: z.string().min(1).max(40),
    issueDate: wireDate,
    programmeCode,
    programmeName: wireText(300),
    qualification: wireText(300).nullable(),
  })
  // Basic and general secondary education give no qualification.
  .refine((d) => !['BASIC', 'GENERAL_SECONDARY'].includes(d.level) || d.qualification === null, {
    path: ['qualification'],
    message: 'not recorded at this level',
  });
export type EducationDocument = z.infer<typeof EducationDocument>;

export const Enrolment = z.object({
  level: z.enum(EDUCATION_LEVEL),
  grade: z.number().int().min(1).max(12).nullable(),
  institution: wireText(300),
  programmeCode,
  programmeName: wireText(300),
  since: wireDate,
});
export type Enrolment = z.infer<typeof Enrolment>;
