import { startSimulator, type RunningSimulator } from '../../simulators/kit/testing';
import { createPrng } from '../../platform/prng';
import { birthDateAged, personalCodeFor } from '../../simulators/data/personal-codes';
import { createViisSimulator } from '../../simulators/viis';
import { PermanentIntegrationError, TransientIntegrationError } from '../common/errors';
import { ViisClient } from './client';
import type { EducationDocument } from './schema';

const NOW = new Date('2026-03-02T09:00:00Z');
let sim: RunningSimulator;
let viis: ViisClient;

beforeEach(async () => {
  sim = await startSimulator(createViisSimulator({ now: () => NOW }));
  // Generous: a busy machine must not turn a slow answer into a failed test (the time-out case sets its own).
  viis = new ViisClient({ baseUrl: sim.baseUrl, timeoutMs: 30_000 });
});
afterEach(() => sim.stop());

const adults = (n: number) => {
  const rng = createPrng(21);
  return Array.from({ length: n }, () => personalCodeFor(rng, birthDateAged(rng, NOW, 25, 60)));
};

describe('VIIS client against the VIIS simulator', () => {
  it('answers the same extract for the same person, and null ("no data") for some', async () => {
    const codes = adults(60);
    const answers = await Promise.all(codes.map((c) => viis.getEducation(c)));
    const none = answers.filter((a) => a === null).length;
    expect(none).toBeGreaterThan(0);
    expect(none).toBeLessThan(30);
    const i = answers.findIndex((a) => a !== null);
    const again = await viis.getEducation(codes[i]!);
    expect(again).toEqual(answers[i]);
    expect(again).toMatchObject({ personalCode: codes[i], retrievedAt: NOW.toISOString() });
    expect(again!.documents[0]).toMatchObject({
      level: 'BASIC',
      educationType: 'Pamatizglītība',
      documentType: 'Apliecība par pamatizglītību',
    });
  });

  it('serves what a test sets through the admin API', async () => {
    const [code] = adults(1);
    const doc: EducationDocument = {
      level: 'VOCATIONAL',
      educationType: 'Profesionālā vidējā izglītība',
      documentType: 'Diploms par profesionālo vidējo izglītību',
      issuingInstitution: 'Liepājas Valsts tehnikums',
      documentSeries: 'PV',
      documentNumber: '012345',
      issueDate: '2012-06-20',
      programmeCode: '33481011',
      programmeName: 'Profesionālās vidējās izglītības programma',
      qualification: 'Metinātājs',
    };
    await sim.admin.call('PUT', `/persons/${code}/education`, { documents: [doc] });
    await expect(viis.getEducation(code!)).resolves.toMatchObject({ documents: [doc] });
    await sim.admin.call('PUT', `/persons/${code}/education`, { documents: null });
    await expect(viis.getEducation(code!)).resolves.toBeNull();
  });

  it('rejects an invalid personal code permanently; a failing VIIS is transient; timeouts are honoured', async () => {
    await expect(viis.getEducation('123456-78901')).rejects.toMatchObject({
      code: 'INVALID_PERSONAL_CODE',
      status: 400,
    });
    await expect(viis.getEducation('123456-78901')).rejects.toBeInstanceOf(PermanentIntegrationError);
    const [code] = adults(1);
    await sim.admin.setFaults({ errorRate: 1, errorStatus: 504 });
    await expect(viis.getEducation(code!)).rejects.toBeInstanceOf(TransientIntegrationError);
    await sim.admin.setFaults({ timeoutRate: 1, timeoutMs: 10_000 });
    const started = Date.now();
    await expect(viis.getEducation(code!, { timeoutMs: 150 })).rejects.toMatchObject({ reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe('VIIS enrolment', () => {
  it('answers a pupil with a current enrolment and no documents', async () => {
    const [code] = adults(1);
    const enrolment = {
      level: 'BASIC' as const,
      grade: 9,
      institution: 'Jelgavas 4. vidusskola',
      programmeCode: '21011111',
      programmeName: 'Pamatizglītības programma',
      since: '2026-09-01',
    };
    await sim.admin.call('PUT', `/persons/${code}/education`, { documents: [], enrolment });
    await expect(viis.getEducation(code!)).resolves.toMatchObject({ documents: [], enrolment });
  });
});
