import { z } from 'zod';
import { isoDate, isoDateTime, personalCode, text } from '../common/schema';

/**
 * VIIS (Valsts izglītības informācijas sistēma, Ministry of Education and Science): education documents of a
 * person, looked up by personal code. The fields are those of DOMAIN.md §6: seven for basic and general
 * secondary education, plus the qualification for vocational and higher education; and the current enrolment.
 * No record for the person is a 404 with code NO_DATA: an answer ("no data in VIIS"), not an error.
 */

export const EDUCATION_LEVELS = ['BASIC', 'GENERAL_SECONDARY', 'VOCATIONAL', 'HIGHER'] as const;
export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

export const EducationDocumentSchema = z
  .object({
    level: z.enum(EDUCATION_LEVELS),
    /** Type of education, e.g. "Pamatizglītība", "Profesionālā vidējā izglītība". */
    educationType: text(200),
    /** Type of certifying document, e.g. "Atestāts par vispārējo vidējo izglītību". */
    documentType: text(200),
    issuingInstitution: text(300),
    /** Some documents have no series. */
    documentSeries: z.string().max(20).nullable(),
    documentNumber: z.string().min(1).max(40),
    issueDate: isoDate,
    /** Code of the education programme completed, e.g. "31011011". */
    programmeCode: z.string().regex(/^\d{5,8}$/, 'must be a 5–8 digit programme code'),
    programmeName: text(300),
    /** Specialty or qualification: vocational and higher education only, when recorded. */
    qualification: text(300).nullable(),
  })
  .superRefine((d, ctx) => {
    if ((d.level === 'BASIC' || d.level === 'GENERAL_SECONDARY') && d.qualification !== null) {
      ctx.addIssue({ code: 'custom', path: ['qualification'], message: `is not recorded for ${d.level} education` });
    }
  });
export type EducationDocument = z.infer<typeof EducationDocumentSchema>;

/**
 * Current enrolment: the programme the person is learning in now (VIIS keeps the pupils register). A pupil
 * still in basic education has no basic-education certificate yet; this is what tells PLUS the person is a
 * "child" for the Labour Law (s. 37(1)) until 18.
 */
export const EnrolmentSchema = z.object({
  level: z.enum(EDUCATION_LEVELS),
  /** Grade (klase) 1–12 in general education; null in vocational and higher education. */
  grade: z.number().int().min(1).max(12).nullable(),
  institution: text(300),
  programmeCode: z.string().regex(/^\d{5,8}$/, 'must be a 5–8 digit programme code'),
  programmeName: text(300),
  /** Start of the enrolment. */
  since: isoDate,
});
export type Enrolment = z.infer<typeof EnrolmentSchema>;

export const EducationExtractSchema = z
  .object({
    personalCode,
    /** When VIIS produced the answer: the time stamp of the register extract kept in the case. */
    retrievedAt: isoDateTime,
    documents: z.array(EducationDocumentSchema),
    /** Where the person learns now; null when VIIS knows of no current enrolment. */
    enrolment: EnrolmentSchema.nullable().default(null),
  })
  .refine((x) => x.documents.length > 0 || x.enrolment !== null, 'an extract has documents or a current enrolment');
export type EducationExtract = z.infer<typeof EducationExtractSchema>;
