import { countWaiting, sequenceFlows, takenFlows } from './queries';

const DIAGRAM = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:userTask id="Review" name="Pārskatīt" />
    <bpmn:exclusiveGateway id="Ok" />
    <bpmn:endEvent id="Done" />
    <bpmn:endEvent id="Refused" />
    <bpmn:subProcess id="Sub">
      <bpmn:startEvent id="SubStart" />
      <bpmn:serviceTask id="Call" />
      <bpmn:sequenceFlow id="f_sub" sourceRef="SubStart" targetRef="Call" />
    </bpmn:subProcess>
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Review" />
    <bpmn:sequenceFlow id="f2" sourceRef="Review" targetRef="Ok" />
    <bpmn:sequenceFlow id="f3" sourceRef="Ok" targetRef="Done" />
    <bpmn:sequenceFlow id="f4" sourceRef="Ok" targetRef="Refused" />
  </bpmn:process>
</bpmn:definitions>`;

describe('monitor: the path on the diagram', () => {
  it('reads every sequence flow, also inside subprocesses', () => {
    expect(
      sequenceFlows(DIAGRAM)
        .map((f) => f.id)
        .sort(),
    ).toEqual(['f1', 'f2', 'f3', 'f4', 'f_sub']);
  });

  it('counts a flow taken when the instance visited both its ends', () => {
    expect(takenFlows(DIAGRAM, new Set(['Start', 'Review', 'Ok', 'Done']))).toEqual(['f1', 'f2', 'f3']);
    expect(takenFlows(DIAGRAM, new Set(['Start', 'Review']))).toEqual(['f1']);
    expect(takenFlows(DIAGRAM, new Set())).toEqual([]);
  });
});

describe('monitor: waiting per element (heat map)', () => {
  const open = [
    { instanceId: 'a', elementId: 'Review', elementType: 'userTask' },
    { instanceId: 'b', elementId: 'Review', elementType: 'userTask' },
    { instanceId: 'b', elementId: 'Sub', elementType: 'subProcess' },
    { instanceId: 'b', elementId: 'Call', elementType: 'serviceTask' },
    { instanceId: 'c', elementId: 'Review#multiInstanceBody', elementType: 'multiInstanceBody' },
    { instanceId: 'c', elementId: 'Review', elementType: 'userTask' },
  ];

  it('counts where instances wait, leaving out the scopes around them', () => {
    expect(countWaiting(open)).toEqual([
      { element_id: 'Review', n: 3n },
      { element_id: 'Call', n: 1n },
    ]);
  });

  it('counts only the department’s instances when given', () => {
    expect(countWaiting(open, new Set(['b']))).toEqual([
      { element_id: 'Review', n: 1n },
      { element_id: 'Call', n: 1n },
    ]);
    expect(countWaiting(open, new Set())).toEqual([]);
  });
});
