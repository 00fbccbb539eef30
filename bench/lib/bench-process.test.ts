import { XMLParser } from 'fast-xml-parser';
import { linearProcess } from './bench-process';
import { percentile } from './stats';

describe('benchmark helpers', () => {
  it('build a linear diagram with its flows from Start through the elements to End', () => {
    const xml = linearProcess('bench-x', [
      '<bpmn:serviceTask id="Pickup" camunda:type="external" camunda:topic="bench.pickup" />',
      '<bpmn:userTask id="After" camunda:candidateGroups="bench" />',
    ]);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml);
    const process = doc['bpmn:definitions']['bpmn:process'];
    expect(process).toMatchObject({ id: 'bench-x', isExecutable: 'true', 'camunda:historyTimeToLive': 'P1D' });
    expect(
      process['bpmn:sequenceFlow'].map(
        (f: { sourceRef: string; targetRef: string }) => `${f.sourceRef}>${f.targetRef}`,
      ),
    ).toEqual(['Start>Pickup', 'Pickup>After', 'After>End']);
    expect(() => linearProcess('bench-y', ['<bpmn:userTask name="no id" />'])).toThrow('without an id');
  });

  it('take percentiles by nearest rank, 0 for no sample', () => {
    const xs = [5, 1, 4, 2, 3, 6, 7, 8, 9, 10];
    expect([percentile(xs, 0.5), percentile(xs, 0.95), percentile([], 0.5)]).toEqual([6, 10, 0]);
  });
});
