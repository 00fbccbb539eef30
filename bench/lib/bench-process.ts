/**
 * A small executable diagram for a benchmark that measures the engine itself (timers, pickup), not a VPD process:
 * Start → the given elements in order → End, in the camunda: dialect, history kept for a day. Each element is one
 * BPMN element with an `id`; the sequence flows between them are added here.
 */
export function linearProcess(id: string, elements: readonly string[]): string {
  const ids = ['Start', ...elements.map(elementId), 'End'];
  const flows = ids
    .slice(1)
    .map((to, i) => `    <bpmn:sequenceFlow id="f${i + 1}" sourceRef="${ids[i]}" targetRef="${to}" />`);
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" id="Definitions_${id}" targetNamespace="https://plusflow.vpd.gov.lv/bench">
  <bpmn:process id="${id}" isExecutable="true" camunda:historyTimeToLive="P1D">
    <bpmn:startEvent id="Start" />
${elements.map((e) => `    ${e}`).join('\n')}
    <bpmn:endEvent id="End" />
${flows.join('\n')}
  </bpmn:process>
</bpmn:definitions>`;
}

function elementId(xml: string): string {
  const m = /^<bpmn:\w+\s[^>]*\bid="([^"]+)"/.exec(xml.trim());
  if (!m) throw new Error(`bench process element without an id: ${xml.slice(0, 80)}`);
  return m[1]!;
}
