import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPLETE_WITH_PROPERTY, convertZeebeToCamunda } from './convert';
import { feelToJuelText, feelToJuelTime } from './feel';
import { formIdsIn, lintCamunda } from './lint';
import { camundaModdle, type ModdleElement } from './moddle';

const PROCESSES = path.resolve(__dirname, '../../processes');
const diagrams = readdirSync(PROCESSES, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) =>
    readdirSync(path.join(PROCESSES, d.name))
      .filter((f) => f.endsWith('.bpmn'))
      .map((f) => path.join(d.name, f)),
  );

type El = ModdleElement;
const list = (el: El | undefined, prop: string): El[] => {
  const v = el?.get(prop);
  return Array.isArray(v) ? (v as El[]) : [];
};
function* walk(el: El): Generator<El> {
  yield el;
  for (const child of [...list(el, 'rootElements'), ...list(el, 'flowElements')]) yield* walk(child);
}
const exts = (el: El): El[] => list(el.get('extensionElements') as El | undefined, 'values');

async function parse(xml: string): Promise<El> {
  const { rootElement, warnings } = await camundaModdle().fromXML(xml, 'bpmn:Definitions');
  expect(warnings.map((w) => w.message)).toEqual([]);
  return rootElement;
}

const zeebe = (body: string, extra = ''): string => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:modeler="http://camunda.org/schema/modeler/1.0" id="D" targetNamespace="x" modeler:executionPlatform="Camunda Cloud" modeler:executionPlatformVersion="8.6.0">${extra}
<bpmn:process id="p" isExecutable="true">${body}</bpmn:process></bpmn:definitions>`;

describe('convertZeebeToCamunda on every committed diagram', () => {
  test('there are diagrams to convert', () => {
    expect(diagrams.length).toBeGreaterThanOrEqual(6);
  });

  test.each(diagrams)('%s', async (file) => {
    const dir = path.join(PROCESSES, path.dirname(file));
    const { xml, warnings } = await convertZeebeToCamunda(readFileSync(path.join(PROCESSES, file), 'utf8'));
    expect(xml).not.toMatch(/zeebe:|camunda\.org\/schema\/zeebe/);
    // Warnings are fine as long as each names an element; none may be about reading the diagram.
    for (const w of warnings) expect(w).toMatch(/^\w+ "[^"]+"/);

    const defs = await parse(xml);
    expect(defs.$attrs['modeler:executionPlatform']).toBe('Camunda Platform');
    expect(defs.$attrs['modeler:executionPlatformVersion']).toBe('7.24.0');
    const forms = formIdsIn(dir, readdirSync(dir));
    const elements = [...walk(defs)];
    const processes = elements.filter((e) => e.$type === 'bpmn:Process');
    expect(processes.length).toBeGreaterThan(0);
    for (const p of processes) {
      expect(p.get('isExecutable')).toBe(true);
      expect(p.get('camunda:historyTimeToLive')).toBe('P1825D');
    }
    for (const task of elements.filter((e) => e.$type === 'bpmn:ServiceTask')) {
      expect([task.get('id'), task.get('camunda:type')]).toEqual([task.get('id'), 'external']);
      expect(String(task.get('camunda:topic') ?? '')).toMatch(/^[\w.-]+$/);
    }
    for (const task of elements.filter((e) => e.$type === 'bpmn:UserTask')) {
      const id = String(task.get('id'));
      expect([id, String(task.get('camunda:candidateGroups') ?? '')]).toEqual([id, expect.stringMatching(/\S/)]);
      const formRef = String(task.get('camunda:formRef') ?? '');
      expect([id, forms.has(formRef)]).toEqual([id, true]);
      expect(task.get('camunda:formRefBinding')).toBe('deployment');
      const formFile = readdirSync(dir).find((f) => f.endsWith('.form') && (JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { id?: string }).id === formRef);
      expect(formFile && existsSync(path.join(dir, formFile))).toBeTruthy();
      const due = task.get('camunda:dueDate');
      if (due !== undefined) expect(String(due)).toMatch(/^\$\{durations\.dueIn\(.+\)\}$/);
    }
    for (const el of elements) {
      for (const def of list(el, 'eventDefinitions').filter((d) => d.$type === 'bpmn:TimerEventDefinition')) {
        for (const prop of ['timeDuration', 'timeCycle', 'timeDate']) {
          const expr = def.get(prop) as El | undefined;
          if (expr) expect([el.get('id'), String(expr.get('body'))]).toEqual([el.get('id'), expect.stringMatching(/^\$\{durations\.\w+\(.+\)\}$/)]);
        }
      }
      const flowCondition = el.get('conditionExpression') as El | undefined;
      if (flowCondition) expect(flowCondition.get('language')).toBe('feel');
      if (el.$type === 'bpmn:CallActivity') {
        expect(exts(el).find((e) => e.$type === 'camunda:In' && e.get('businessKey'))?.get('businessKey')).toBe('#{execution.processBusinessKey}');
      }
      if (el.$type === 'bpmn:StartEvent' || el.$type === 'bpmn:BoundaryEvent' || (el.$type === 'bpmn:SubProcess' && el.get('triggeredByEvent'))) {
        expect([el.get('id'), exts(el).some((e) => e.$type === 'camunda:InputOutput')]).toEqual([el.get('id'), false]);
      }
    }

    const reports = await lintCamunda(xml, { formIds: forms });
    expect(reports.filter((r) => r.category === 'error').map((r) => `${r.id}: ${r.rule}: ${r.message}`)).toEqual([]);
  });
});

describe('the lint', () => {
  test('flags what the engine or our workers cannot live with', async () => {
    const { xml } = await convertZeebeToCamunda(readFileSync(path.join(PROCESSES, 'platform-smoke/platform-smoke.bpmn'), 'utf8'));
    const broken = xml.replace(/ camunda:historyTimeToLive="[^"]*"/, '').replace(/ camunda:topic="[^"]*"/, '').replace(/camunda:formRef="[^"]*"/, 'camunda:formRef="no-such-form"');
    const reports = await lintCamunda(broken, { formIds: new Set(['platform-smoke-review']) });
    expect(reports.filter((r) => r.category === 'error').map((r) => r.rule).sort()).toEqual(['plusflow/external-task-topic', 'plusflow/history-time-to-live', 'plusflow/user-task-form']);
  });

  test('flags an unconverted Zeebe diagram', async () => {
    const reports = await lintCamunda(readFileSync(path.join(PROCESSES, 'platform-smoke/platform-smoke.bpmn'), 'utf8'));
    expect(reports.some((r) => r.rule === 'plusflow/no-zeebe')).toBe(true);
  });
});

describe('FEEL → JUEL', () => {
  test.each([
    ['duration(rules.due.agreement) + duration(rules.escalationAfterDue)', 'timeDuration', '${durations.sum(rules.due.agreement, rules.escalationAfterDue)}'],
    ['duration(rules.due.agreement) - duration(rules.reminderBeforeDue)', 'timeDuration', '${durations.difference(rules.due.agreement, rules.reminderBeforeDue)}'],
    ['"R/" + rules.onSiteCheckEvery', 'timeCycle', '${durations.cycle(rules.onSiteCheckEvery)}'],
    ['now() + duration(rules.due.confirmHours)', 'dueDate', '${durations.dueIn(rules.due.confirmHours)}'],
    ['now() + duration("P2D")', 'dueDate', "${durations.dueIn('P2D')}"],
    ['now() + duration(get or else(reviewDue, "P3D"))', 'dueDate', "${durations.dueIn(durations.orElse(execution.getVariable('reviewDue'), 'P3D'))}"],
    ['"PT5M"', 'timeDuration', 'PT5M'],
    ['followUpAt', 'timeDate', '${followUpAt}'],
  ] as const)('%s (%s)', (feel, what, juel) => {
    expect(feelToJuelTime(feel, what)).toBe(juel);
  });

  test.each([
    ['["officer." + departmentCode]', 'officer.${departmentCode}'],
    ['[candidateGroup]', '${candidateGroup}'],
    ['["a", "b." + x.y]', 'a,b.${x.y}'],
    ['groups', '${groups}'],
  ])('candidate groups %s', (feel, juel) => {
    expect(feelToJuelText(feel)).toBe(juel);
  });

  test.each([
    ['date and time(x) + duration("P1D") * 2', 'timeDate'],
    ['duration(a) + 5', 'timeDuration'],
    ['[1, 2]', 'timeCycle'],
  ] as const)('refuses %s', (feel, what) => {
    expect(() => feelToJuelTime(feel, what)).toThrow();
  });
});

describe('constructs beyond our diagrams', () => {
  test('call activity with Zeebe defaults passes all variables both ways, and the business key', async () => {
    const { xml, warnings } = await convertZeebeToCamunda(
      zeebe(`<bpmn:callActivity id="c"><bpmn:extensionElements><zeebe:calledElement processId="child" /></bpmn:extensionElements></bpmn:callActivity>`),
    );
    expect(warnings).toEqual([]);
    const c = [...walk(await parse(xml))].find((e) => e.get('id') === 'c') as El;
    expect(c.get('calledElement')).toBe('child');
    const io = exts(c).map((e) => [e.$type, e.get('businessKey') ?? null, e.get('variables') ?? null, e.get('local') ?? false]);
    expect(io).toEqual([
      ['camunda:In', '#{execution.processBusinessKey}', null, false],
      ['camunda:In', null, 'all', false],
      ['camunda:Out', null, 'all', false],
    ]);
  });

  test('service task with output mappings asks workers to complete with local variables', async () => {
    const { xml } = await convertZeebeToCamunda(
      zeebe(`<bpmn:serviceTask id="t"><bpmn:extensionElements><zeebe:taskDefinition type="a.b" /><zeebe:ioMapping><zeebe:input source="=x" target="y" /><zeebe:output source="=r.v" target="v" /></zeebe:ioMapping></bpmn:extensionElements></bpmn:serviceTask>`),
    );
    expect(xml).toContain(`<camunda:property name="${COMPLETE_WITH_PROPERTY}" value="localVariables" />`);
    expect(xml).toContain('<camunda:script scriptFormat="feel">r.v</camunda:script>');
  });

  test('script task, multi-instance, message throw worker and conditions', async () => {
    const { xml, warnings } = await convertZeebeToCamunda(
      zeebe(`
<bpmn:scriptTask id="s"><bpmn:extensionElements><zeebe:script expression="=1 + x" resultVariable="y" /></bpmn:extensionElements></bpmn:scriptTask>
<bpmn:userTask id="u"><bpmn:extensionElements><zeebe:formDefinition formId="f" /><zeebe:assignmentDefinition candidateGroups="g" /></bpmn:extensionElements>
  <bpmn:multiInstanceLoopCharacteristics><bpmn:extensionElements><zeebe:loopCharacteristics inputCollection="=items" inputElement="item" outputCollection="results" outputElement="=r" /></bpmn:extensionElements>
  <bpmn:completionCondition xsi:type="bpmn:tFormalExpression">=done</bpmn:completionCondition></bpmn:multiInstanceLoopCharacteristics></bpmn:userTask>
<bpmn:intermediateThrowEvent id="m"><bpmn:extensionElements><zeebe:taskDefinition type="send.it" /></bpmn:extensionElements><bpmn:messageEventDefinition id="md" messageRef="Msg" /></bpmn:intermediateThrowEvent>
<bpmn:serviceTask id="l"><bpmn:extensionElements><zeebe:taskDefinition type="x" /><zeebe:executionListeners><zeebe:executionListener eventType="start" type="listen" /></zeebe:executionListeners></bpmn:extensionElements></bpmn:serviceTask>`,
        `<bpmn:message id="Msg" name="hello"><bpmn:extensionElements><zeebe:subscription correlationKey="=orderId" /></bpmn:extensionElements></bpmn:message>`,
      ),
    );
    expect(xml).not.toMatch(/zeebe:|camunda\.org\/schema\/zeebe/);
    await parse(xml);
    expect(xml).toMatch(/<bpmn:scriptTask id="s" scriptFormat="feel" camunda:resultVariable="y">\s*<bpmn:script>1 \+ x<\/bpmn:script>/);
    expect(xml).toContain('camunda:collection="${items}" camunda:elementVariable="item"');
    expect(xml).toMatch(/<bpmn:completionCondition xsi:type="bpmn:tFormalExpression" language="feel">done</);
    expect(xml).toMatch(/<bpmn:messageEventDefinition id="md" messageRef="Msg" camunda:type="external" camunda:topic="send.it"/);
    // Everything without a mapping is named, with its element.
    expect(warnings).toEqual([
      expect.stringMatching(/^Message "Msg" .*correlation key "=orderId" is dropped/),
      expect.stringMatching(/^UserTask "u": output collection "results" has no Camunda 7 counterpart/),
      expect.stringMatching(/^ServiceTask "l": zeebe:ExecutionListeners has no Camunda 7 mapping; dropped/),
    ]);
  });

  test('event subprocess inputs become start listeners; computed ones a mapping event', async () => {
    const { xml } = await convertZeebeToCamunda(
      zeebe(`
<bpmn:subProcess id="e" triggeredByEvent="true"><bpmn:extensionElements><zeebe:ioMapping>
  <zeebe:input source="=null" target="a" /><zeebe:input source="=hoursCheck" target="b" /><zeebe:input source="=count(xs) + 1" target="n" />
</zeebe:ioMapping></bpmn:extensionElements>
  <bpmn:startEvent id="es" isInterrupting="false"><bpmn:outgoing>f</bpmn:outgoing><bpmn:timerEventDefinition><bpmn:timeCycle xsi:type="bpmn:tFormalExpression">="R/" + every</bpmn:timeCycle></bpmn:timerEventDefinition></bpmn:startEvent>
  <bpmn:endEvent id="ee"><bpmn:incoming>f</bpmn:incoming></bpmn:endEvent>
  <bpmn:sequenceFlow id="f" sourceRef="es" targetRef="ee" />
</bpmn:subProcess>`),
    );
    await parse(xml);
    expect(xml).toContain(`<camunda:executionListener expression="\${execution.setVariableLocal(&#39;a&#39;, null)}" event="start" />`);
    expect(xml).toContain(`<camunda:executionListener expression="\${execution.setVariableLocal(&#39;b&#39;, execution.getVariable(&#39;hoursCheck&#39;))}" event="start" />`);
    expect(xml).toMatch(/<bpmn:intermediateThrowEvent id="es_Mapping"[\s\S]*<camunda:outputParameter name="n">\s*<camunda:script scriptFormat="feel">count\(xs\) \+ 1</);
    expect(xml).toContain('<bpmn:sequenceFlow id="Flow_es_Mapping" sourceRef="es" targetRef="es_Mapping" />');
    expect(xml).toContain('<bpmn:sequenceFlow id="f" sourceRef="es_Mapping" targetRef="ee" />');
  });
});

describe('what cannot be read or mapped', () => {
  test('is named in a warning, never dropped silently', async () => {
    const { xml, warnings } = await convertZeebeToCamunda(
      zeebe(`<bpmn:serviceTask id="t" zeebe:modelerTemplate="tpl"><bpmn:documentation>Was a Zeebe job</bpmn:documentation><bpmn:extensionElements><zeebe:taskDefinition type="a" /><zeebe:futureThing x="1" /></bpmn:extensionElements></bpmn:serviceTask>`),
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^line \d+: not read, so not converted: unparsable content <zeebe:futureThing>/),
      'ServiceTask "t": attribute zeebe:modelerTemplate="tpl" has no Camunda 7 mapping; dropped',
    ]);
    expect(xml).toContain('Was a Zeebe job');
    expect(xml).not.toMatch(/zeebe:|camunda\.org\/schema\/zeebe/);
  });
});

describe('npm run bpmn:convert', () => {
  const cli = (args: string[]): { status: number | null; stdout: string } => {
    const r = spawnSync(path.resolve(__dirname, '../../node_modules/.bin/tsx'), [path.join(__dirname, 'cli.ts'), ...args], { encoding: 'utf8' });
    return { status: r.status, stdout: `${r.stdout}${r.stderr}` };
  };

  test('writes into --out, leaves converted files alone, and --strict fails on warnings', () => {
    const out = mkdtempSync(path.join(os.tmpdir(), 'bpmn-convert-'));
    const smoke = path.join(PROCESSES, 'platform-smoke/platform-smoke.bpmn');
    const r = cli(['--out', out, smoke]);
    expect(r.status).toBe(0);
    const written = readFileSync(path.join(out, 'platform-smoke.bpmn'), 'utf8');
    expect(written).toContain('camunda:topic="platform-smoke.record-receipt"');
    expect(cli([path.join(out, 'platform-smoke.bpmn')]).stdout).toContain('no Zeebe namespace, left as it is');
    const strict = cli(['--strict', '--out', out, path.join(PROCESSES, 'community-service/community-service.bpmn')]);
    expect(strict.status).toBe(1);
    expect(strict.stdout).toMatch(/warning: SubProcess "NonCompliance"/);
    expect(cli(['--history-ttl', 'forever', smoke]).status).toBe(2);
  }, 60_000);
});
