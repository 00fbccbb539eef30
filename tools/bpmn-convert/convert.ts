import { conversionModdle, type Moddle, type ModdleElement } from './moddle';
import { FeelUnsupported, feelBody, feelPath, feelToJuelText, feelToJuelTime, feelToJuelValue } from './feel';

/**
 * Zeebe (Camunda 8) BPMN → the Camunda 7 dialect (`camunda:`) that Operaton executes and bpmn.io's Camunda 7
 * modeler and @camunda/linting read. Model-based: the diagram is read with bpmn-moddle and the Zeebe and Camunda
 * extension schemas, every `zeebe:` extension is replaced by its Camunda 7 counterpart, and anything without one
 * is named in `warnings` (never dropped silently). The mapping and its reasons: docs/processes/dialect.md.
 */

export interface ConvertOptions {
  /** Process history time-to-live when the diagram names none (default P1825D, five years). */
  historyTimeToLive?: string;
  /** The process variable that Zeebe messages correlated on; it is the business key in Operaton (default caseId). */
  businessKeyVariable?: string;
}

export interface ConversionResult {
  xml: string;
  warnings: string[];
}

export const CAMUNDA_NS = 'http://camunda.org/schema/1.0/bpmn';
export const ZEEBE_NS = 'http://camunda.org/schema/zeebe/1.0';
export const MODELER_NS = 'http://camunda.org/schema/modeler/1.0';
export const EXECUTION_PLATFORM_VERSION = '7.24.0';
/** Extension property on an external task whose diagram maps its result (Zeebe output mappings), see dialect.md. */
export const COMPLETE_WITH_PROPERTY = 'completeWith';

type El = ModdleElement;
interface Mapping {
  target: string;
  source: string;
}

const list = (el: El, prop: string): El[] => {
  const v = el.get(prop);
  return Array.isArray(v) ? (v as El[]) : [];
};
const str = (el: El, prop: string): string | undefined => {
  const v = el.get(prop);
  return typeof v === 'string' ? v : undefined;
};
const is = (el: El | undefined, type: string): boolean => !!el && el.$instanceOf(type);

class Converter {
  readonly warnings: string[] = [];
  private readonly diElements: El[] = [];

  constructor(
    private readonly moddle: Moddle,
    private readonly options: Required<ConvertOptions>,
  ) {}

  warn(el: El | undefined, message: string): void {
    const name = el ? `${el.$type.replace(/^bpmn:/, '')} "${String(el.get('id') ?? '?')}"${el.get('name') ? ` (${String(el.get('name'))})` : ''}` : 'diagram';
    this.warnings.push(`${name}: ${message}`);
  }

  // ---- definitions, processes, root elements ------------------------------------------------------------

  definitions(defs: El): void {
    const attrs = defs.$attrs;
    for (const key of Object.keys(attrs)) {
      if (key.startsWith('xmlns:') && attrs[key] === ZEEBE_NS) delete attrs[key];
    }
    attrs['xmlns:camunda'] = CAMUNDA_NS;
    attrs['xmlns:modeler'] = MODELER_NS;
    attrs['modeler:executionPlatform'] = 'Camunda Platform';
    attrs['modeler:executionPlatformVersion'] = EXECUTION_PLATFORM_VERSION;
    this.diElements.push(...list(defs, 'diagrams'));
    for (const root of list(defs, 'rootElements')) {
      if (is(root, 'bpmn:Process')) this.process(root);
      else if (is(root, 'bpmn:Message')) this.message(root);
      else if (is(root, 'bpmn:Error')) this.code(root, 'errorCode');
      else if (is(root, 'bpmn:Escalation')) this.code(root, 'escalationCode');
      else if (is(root, 'bpmn:Signal') && feelBody(str(root, 'name')) !== null) this.warn(root, 'a signal name in FEEL has no Camunda 7 form; use a fixed name');
      this.extensions(root);
      this.attributes(root);
    }
  }

  process(p: El): void {
    if (p.get('isExecutable') === undefined) p.set('isExecutable', true);
    if (!p.get('camunda:historyTimeToLive')) p.set('camunda:historyTimeToLive', this.options.historyTimeToLive);
    for (const ext of this.takeExtensions(p, ['zeebe:VersionTag', 'zeebe:UserTaskForm', 'zeebe:Properties'])) {
      if (ext.$type === 'zeebe:VersionTag') p.set('camunda:versionTag', str(ext, 'value'));
      else if (ext.$type === 'zeebe:Properties') this.properties(p, list(ext, 'properties').map((x) => [str(x, 'name') ?? '', str(x, 'value') ?? '']));
      else this.warn(p, 'an embedded Zeebe user task form has no Camunda 7 form; deploy it as a .form file and use formRef');
    }
    this.flowElements(p);
  }

  message(m: El): void {
    if (feelBody(str(m, 'name')) !== null) this.warn(m, `message name "${str(m, 'name')}" is FEEL; Operaton needs a fixed name`);
    for (const sub of this.takeExtensions(m, ['zeebe:Subscription'])) {
      const key = str(sub, 'correlationKey');
      const wanted = `=${this.options.businessKeyVariable}`;
      if (key && key.replace(/\s/g, '') !== wanted) {
        this.warn(m, `correlation key "${key}" is dropped: Operaton correlates by the business key (${this.options.businessKeyVariable}); correlate this message by business key or by instance`);
      }
    }
  }

  code(el: El, prop: string): void {
    if (feelBody(str(el, prop)) !== null) this.warn(el, `${prop} "${str(el, prop)}" is FEEL; Camunda 7 needs a fixed code`);
  }

  flowElements(container: El): void {
    for (const el of [...list(container, 'flowElements')]) this.flowElement(el);
  }

  // ---- flow elements ----------------------------------------------------------------------------------

  flowElement(el: El): void {
    const io = this.takeIoMapping(el);
    if (is(el, 'bpmn:SequenceFlow')) {
      this.condition(el, 'conditionExpression');
    } else if (is(el, 'bpmn:ServiceTask') || is(el, 'bpmn:SendTask') || is(el, 'bpmn:BusinessRuleTask') || is(el, 'bpmn:ScriptTask')) {
      this.jobTask(el, io);
    } else if (is(el, 'bpmn:UserTask')) {
      this.userTask(el, io);
    } else if (is(el, 'bpmn:CallActivity')) {
      this.callActivity(el, io);
    } else if (is(el, 'bpmn:SubProcess')) {
      if (el.get('triggeredByEvent')) this.eventSubProcess(el, io);
      else this.inputOutput(el, io);
      this.flowElements(el);
    } else if (is(el, 'bpmn:StartEvent') || is(el, 'bpmn:BoundaryEvent')) {
      this.eventOutputs(el, io);
    } else if (is(el, 'bpmn:IntermediateThrowEvent') || is(el, 'bpmn:EndEvent')) {
      if (this.messageThrowWorker(el)) this.markLocalCompletion(el, io);
      this.inputOutput(el, io);
    } else {
      this.inputOutput(el, io);
    }
    for (const def of list(el, 'eventDefinitions')) this.eventDefinition(el, def);
    const loop = el.get('loopCharacteristics') as El | undefined;
    if (loop) this.loop(el, loop, io);
    this.extensions(el);
    this.attributes(el);
  }

  jobTask(el: El, io: Mapping[][]): void {
    const [inputs, outputs] = io as [Mapping[], Mapping[]];
    const exts = this.takeExtensions(el, ['zeebe:TaskDefinition', 'zeebe:TaskHeaders', 'zeebe:Script', 'zeebe:CalledDecision', 'zeebe:JobPriorityDefinition', 'zeebe:Properties']);
    const props: [string, string][] = [];
    for (const ext of exts) {
      switch (ext.$type) {
        case 'zeebe:TaskDefinition': {
          if (is(el, 'bpmn:ScriptTask')) {
            this.warn(el, `a script task done by a job worker ("${str(ext, 'type')}") has no external-task form in Camunda 7; make it a service task`);
            break;
          }
          el.set('camunda:type', 'external');
          el.set('camunda:topic', this.topic(el, str(ext, 'type')));
          const retries = str(ext, 'retries');
          if (retries) props.push(['retries', retries]);
          break;
        }
        case 'zeebe:TaskHeaders':
          for (const h of list(ext, 'values')) props.push([str(h, 'key') ?? '', str(h, 'value') ?? '']);
          break;
        case 'zeebe:Properties':
          for (const h of list(ext, 'properties')) props.push([str(h, 'name') ?? '', str(h, 'value') ?? '']);
          break;
        case 'zeebe:Script': {
          const body = feelBody(str(ext, 'expression'));
          el.set('scriptFormat', 'feel');
          el.set('script', body ?? str(ext, 'expression'));
          if (body === null) this.warn(el, 'the script is not FEEL (no leading "="); kept as a FEEL script');
          const rv = str(ext, 'resultVariable');
          if (rv) el.set('camunda:resultVariable', rv);
          break;
        }
        case 'zeebe:CalledDecision': {
          el.set('camunda:decisionRef', this.reference(el, str(ext, 'decisionId'), 'decision id'));
          const rv = str(ext, 'resultVariable');
          if (rv) el.set('camunda:resultVariable', rv);
          el.set('camunda:mapDecisionResult', 'singleEntry');
          this.warn(el, 'business rule task: Zeebe stores the whole decision result; Camunda 7 mapDecisionResult is set to singleEntry: check it against the decision\'s hit policy and outputs');
          break;
        }
        case 'zeebe:JobPriorityDefinition':
          el.set('camunda:taskPriority', this.textExpression(el, str(ext, 'priority'), 'job priority'));
          break;
      }
    }
    if (is(el, 'bpmn:ServiceTask') || is(el, 'bpmn:SendTask') || is(el, 'bpmn:BusinessRuleTask')) {
      if (!el.get('camunda:type') && !el.get('camunda:decisionRef')) this.warn(el, 'has no job type (zeebe:taskDefinition): it will not be executable');
      if (el.get('camunda:type') === 'external' && outputs.length > 0) props.push([COMPLETE_WITH_PROPERTY, 'localVariables']);
    }
    if (props.length) this.properties(el, props);
    this.inputOutput(el, [inputs, outputs]);
  }

  topic(el: El, type: string | undefined): string {
    if (!type) {
      this.warn(el, 'job type is empty');
      return '';
    }
    const body = feelBody(type);
    if (body === null) return type;
    const p = feelPath(body);
    if (p) return `\${${p.join('.')}}`;
    this.warn(el, `job type "${type}" is FEEL beyond a variable; kept as text`);
    return body;
  }

  reference(el: El, value: string | undefined, what: string): string {
    if (!value) {
      this.warn(el, `${what} is empty`);
      return '';
    }
    const body = feelBody(value);
    if (body === null) return value;
    const p = feelPath(body);
    if (p) return `\${${p.join('.')}}`;
    this.warn(el, `${what} "${value}" is FEEL beyond a variable; Camunda 7 needs a JUEL expression`);
    return body;
  }

  textExpression(el: El, value: string | undefined, what: string): string | undefined {
    if (value === undefined) return undefined;
    const body = feelBody(value);
    if (body === null) return value;
    try {
      return feelToJuelText(body);
    } catch (err) {
      this.warn(el, `${what} "${value}" has no JUEL translation (${(err as Error).message}); kept unconverted`);
      return value;
    }
  }

  timeExpression(el: El, value: string | undefined, what: Parameters<typeof feelToJuelTime>[1]): string | undefined {
    if (value === undefined) return undefined;
    const body = feelBody(value);
    if (body === null) return value;
    try {
      return feelToJuelTime(body, what);
    } catch (err) {
      if (!(err instanceof FeelUnsupported)) throw err;
      this.warn(el, `${what} "${value}" has no JUEL translation (${err.message}); kept unconverted`);
      return value;
    }
  }

  userTask(el: El, io: Mapping[][]): void {
    const exts = this.takeExtensions(el, ['zeebe:UserTask', 'zeebe:FormDefinition', 'zeebe:AssignmentDefinition', 'zeebe:TaskSchedule', 'zeebe:PriorityDefinition', 'zeebe:Properties', 'zeebe:TaskHeaders']);
    const props: [string, string][] = [];
    for (const ext of exts) {
      switch (ext.$type) {
        case 'zeebe:FormDefinition': {
          const formId = str(ext, 'formId');
          const formKey = str(ext, 'formKey');
          const external = str(ext, 'externalReference');
          if (formId) {
            el.set('camunda:formRef', this.reference(el, formId, 'form id'));
            el.set('camunda:formRefBinding', 'deployment');
          } else if (external) {
            el.set('camunda:formKey', this.reference(el, external, 'form reference'));
          } else if (formKey) {
            this.warn(el, `form key "${formKey}" points to a form embedded in the Zeebe diagram; deploy it as a .form file and use formRef`);
          }
          break;
        }
        case 'zeebe:AssignmentDefinition':
          for (const [from, to] of [
            ['assignee', 'camunda:assignee'],
            ['candidateGroups', 'camunda:candidateGroups'],
            ['candidateUsers', 'camunda:candidateUsers'],
          ] as const) {
            const v = this.textExpression(el, str(ext, from), from);
            if (v !== undefined) el.set(to, v);
          }
          break;
        case 'zeebe:TaskSchedule': {
          const due = this.timeExpression(el, str(ext, 'dueDate'), 'dueDate');
          if (due !== undefined) el.set('camunda:dueDate', due);
          const followUp = this.timeExpression(el, str(ext, 'followUpDate'), 'followUpDate');
          if (followUp !== undefined) el.set('camunda:followUpDate', followUp);
          break;
        }
        case 'zeebe:PriorityDefinition':
          el.set('camunda:priority', this.textExpression(el, str(ext, 'priority'), 'priority'));
          break;
        case 'zeebe:Properties':
          for (const h of list(ext, 'properties')) props.push([str(h, 'name') ?? '', str(h, 'value') ?? '']);
          break;
        case 'zeebe:TaskHeaders':
          for (const h of list(ext, 'values')) props.push([str(h, 'key') ?? '', str(h, 'value') ?? '']);
          break;
      }
    }
    if (props.length) this.properties(el, props);
    this.inputOutput(el, io);
  }

  callActivity(el: El, io: Mapping[][]): void {
    const [inputs, outputs] = io as [Mapping[], Mapping[]];
    const [called] = this.takeExtensions(el, ['zeebe:CalledElement']);
    if (!called) {
      this.warn(el, 'has no called process (zeebe:calledElement)');
      this.inputOutput(el, io);
      return;
    }
    el.set('calledElement', this.reference(el, str(called, 'processId') ?? str(called, 'processIdExpression'), 'called process id'));
    if (called.get('bindingType') && called.get('bindingType') !== 'latest') this.warn(el, `binding type "${String(called.get('bindingType'))}" is not mapped; Camunda 7 calls the latest version (camunda:calledElementBinding)`);
    if (str(called, 'businessId')) this.warn(el, 'business id is not mapped: the called process gets the caller\'s business key');
    // Zeebe's defaults are true for both.
    const parentAll = called.get('propagateAllParentVariables') !== false;
    const childAll = called.get('propagateAllChildVariables') !== false;
    const ins: Record<string, unknown>[] = [{ businessKey: '#{execution.processBusinessKey}' }];
    if (parentAll) ins.push({ variables: 'all' });
    else if (inputs.length) ins.push({ variables: 'all', local: true });
    const outs: Record<string, unknown>[] = [];
    if (childAll) outs.push({ variables: 'all' });
    else if (outputs.length) outs.push({ variables: 'all', local: true });
    const ext = this.ensureExtensionElements(el);
    const values = list(ext, 'values');
    values.push(...ins.map((a) => this.moddle.create('camunda:In', a)), ...outs.map((a) => this.moddle.create('camunda:Out', a)));
    ext.set('values', values);
    this.inputOutput(el, io);
  }

  /**
   * Event subprocesses take no camunda:inputOutput in Camunda 7 (ENGINE-09005). Zeebe's inputs are local variables
   * of each run: a start listener sets them (`execution.setVariableLocal`); a value beyond a literal or a variable
   * is first declared null there and computed by a mapping event after the start event (its outputs land in the
   * nearest scope that has the variable, i.e. the event subprocess).
   */
  eventSubProcess(el: El, io: Mapping[][]): void {
    const [inputs, outputs] = io as [Mapping[], Mapping[]];
    if (outputs.length) this.warn(el, 'output mappings on an event subprocess are not supported in Camunda 7; dropped: ' + outputs.map((o) => o.target).join(', '));
    if (!inputs.length) return;
    const starts = list(el, 'flowElements').filter((f) => is(f, 'bpmn:StartEvent'));
    // A start event that maps a message variable onto itself: the message's variables land in the process scope
    // (Operaton sets correlation variables before the subprocess starts), so a local default would hide them.
    const fromStart = new Set<string>();
    for (const s of starts) {
      const [, startOutputs = []] = this.peekIoMapping(s);
      for (const o of startOutputs) if (feelPath(feelBody(o.source) ?? '')?.join('.') === o.target) fromStart.add(o.target);
    }
    const computed: Mapping[] = [];
    const listeners: El[] = [];
    for (const i of inputs) {
      if (fromStart.has(i.target)) {
        this.warn(el, `local variable "${i.target}" is not reset at the start: the start event's message sets it, and Operaton puts message variables in the process scope (one value per process instance, not per run)`);
        continue;
      }
      const body = feelBody(i.source);
      const juel = body === null ? `'${i.source.replace(/'/g, "\\'")}'` : feelToJuelValue(body);
      if (juel === null) computed.push(i);
      listeners.push(this.moddle.create('camunda:ExecutionListener', { event: 'start', expression: `\${execution.setVariableLocal('${i.target}', ${juel ?? 'null'})}` }));
    }
    const ext = this.ensureExtensionElements(el);
    ext.set('values', [...list(ext, 'values'), ...listeners]);
    if (computed.length) {
      for (const s of starts) this.pendingStartOutputs.set(s, [...(this.pendingStartOutputs.get(s) ?? []), ...computed]);
    }
  }

  private readonly pendingStartOutputs = new Map<El, Mapping[]>();

  /**
   * Start and boundary events take no camunda:inputOutput in Camunda 7 (ENGINE-09005). An output that maps a
   * variable onto itself is what Operaton does anyway (message and BPMN error variables are set on the process,
   * nearest existing scope first); any other output is computed by a mapping event inserted after the event.
   */
  eventOutputs(el: El, io: Mapping[][]): void {
    const [inputs, outputs] = io as [Mapping[], Mapping[]];
    if (inputs.length) this.warn(el, 'input mappings on a start or boundary event are not supported; dropped: ' + inputs.map((i) => i.target).join(', '));
    const extra = this.pendingStartOutputs.get(el) ?? [];
    const real = outputs.filter((o) => feelPath(feelBody(o.source) ?? '')?.join('.') !== o.target);
    if (is(el, 'bpmn:StartEvent') && !is(el.$parent, 'bpmn:SubProcess') && real.length && !el.get('eventDefinitions')) {
      this.warn(el, 'output mappings on a plain start event have no effect');
    }
    const all = [...extra, ...real];
    if (!all.length) return;
    this.insertMappingEvent(el, all);
  }

  // ---- mapping event --------------------------------------------------------------------------------

  insertMappingEvent(after: El, outputs: Mapping[]): void {
    const container = after.$parent as El;
    const id = `${String(after.get('id'))}_Mapping`;
    const ev = this.moddle.create('bpmn:IntermediateThrowEvent', { id, name: 'Mainīgie' });
    ev.$parent = container;
    ev.set('documentation', [
      this.moddle.create('bpmn:Documentation', {
        text: `Added by tools/bpmn-convert: the output mappings of "${String(after.get('id'))}" (Camunda 7 allows none on start and boundary events).`,
      }),
    ]);
    this.inputOutput(ev, [[], outputs]);
    const out = list(after, 'outgoing');
    if (!out.length) {
      this.warn(after, 'has output mappings but no outgoing flow; they are dropped');
      return;
    }
    const flow = this.moddle.create('bpmn:SequenceFlow', { id: `Flow_${id}`, sourceRef: after, targetRef: ev });
    flow.$parent = container;
    for (const f of out) f.set('sourceRef', ev);
    ev.set('incoming', [flow]);
    ev.set('outgoing', out);
    after.set('outgoing', [flow]);
    const elements = list(container, 'flowElements');
    elements.splice(elements.indexOf(after) + 1, 0, ev, flow);
    container.set('flowElements', elements);
    this.layoutMappingEvent(after, ev, flow, out);
  }

  private layoutMappingEvent(after: El, ev: El, flow: El, out: El[]): void {
    for (const diagram of this.diElements) {
      const plane = diagram.get('plane') as El | undefined;
      if (!plane) continue;
      const planeElements = list(plane, 'planeElement');
      const edge = planeElements.find((d) => is(d, 'bpmndi:BPMNEdge') && d.get('bpmnElement') === out[0]);
      if (!edge) continue;
      const points = list(edge, 'waypoint').map((p) => ({ x: Number(p.get('x')), y: Number(p.get('y')) }));
      if (points.length < 2) continue;
      let best = 0;
      let bestLen = -1;
      for (let i = 0; i + 1 < points.length; i++) {
        const a = points[i] as { x: number; y: number };
        const b = points[i + 1] as { x: number; y: number };
        const len = Math.hypot(b.x - a.x, b.y - a.y);
        if (len > bestLen) {
          bestLen = len;
          best = i;
        }
      }
      const a = points[best] as { x: number; y: number };
      const b = points[best + 1] as { x: number; y: number };
      const c = { x: Math.round((a.x + b.x) / 2), y: Math.round((a.y + b.y) / 2) };
      const ux = bestLen > 0 ? (b.x - a.x) / bestLen : 1;
      const uy = bestLen > 0 ? (b.y - a.y) / bestLen : 0;
      const enter = { x: Math.round(c.x - ux * 18), y: Math.round(c.y - uy * 18) };
      const leave = { x: Math.round(c.x + ux * 18), y: Math.round(c.y + uy * 18) };
      const point = (p: { x: number; y: number }): El => this.moddle.create('dc:Point', p);
      const shape = this.moddle.create('bpmndi:BPMNShape', {
        id: `${String(ev.get('id'))}_di`,
        bpmnElement: ev,
        bounds: this.moddle.create('dc:Bounds', { x: c.x - 18, y: c.y - 18, width: 36, height: 36 }),
      });
      const newEdge = this.moddle.create('bpmndi:BPMNEdge', {
        id: `${String(flow.get('id'))}_di`,
        bpmnElement: flow,
        waypoint: [...points.slice(0, best + 1), enter].map(point),
      });
      edge.set('waypoint', [leave, ...points.slice(best + 1)].map(point));
      for (const other of out.slice(1)) {
        const e = planeElements.find((d) => is(d, 'bpmndi:BPMNEdge') && d.get('bpmnElement') === other);
        const wp = e ? list(e, 'waypoint') : [];
        if (e && wp.length) e.set('waypoint', [point(leave), ...wp.slice(1)]);
      }
      shape.$parent = plane;
      newEdge.$parent = plane;
      plane.set('planeElement', [...planeElements, shape, newEdge]);
      return;
    }
    void after;
  }

  // ---- other constructs -----------------------------------------------------------------------------

  messageThrowWorker(el: El): boolean {
    const def = list(el, 'eventDefinitions').find((d) => is(d, 'bpmn:MessageEventDefinition'));
    const exts = this.takeExtensions(el, ['zeebe:TaskDefinition', 'zeebe:TaskHeaders']);
    if (!exts.length) return false;
    const props: [string, string][] = [];
    for (const ext of exts) {
      if (ext.$type === 'zeebe:TaskDefinition') {
        if (!def) {
          this.warn(el, 'a job type on an event without a message definition is not mapped');
          continue;
        }
        def.set('camunda:type', 'external');
        def.set('camunda:topic', this.topic(el, str(ext, 'type')));
        const retries = str(ext, 'retries');
        if (retries) props.push(['retries', retries]);
      } else {
        for (const h of list(ext, 'values')) props.push([str(h, 'key') ?? '', str(h, 'value') ?? '']);
      }
    }
    if (props.length) this.properties(el, props);
    return !!def;
  }

  private markLocalCompletion(el: El, io: Mapping[][]): void {
    if ((io[1] ?? []).length) this.properties(el, [[COMPLETE_WITH_PROPERTY, 'localVariables']]);
  }

  eventDefinition(el: El, def: El): void {
    if (is(def, 'bpmn:TimerEventDefinition')) {
      for (const prop of ['timeDuration', 'timeCycle', 'timeDate'] as const) {
        const expr = def.get(prop) as El | undefined;
        if (!expr) continue;
        const v = this.timeExpression(el, str(expr, 'body'), prop);
        expr.set('body', v);
      }
    } else if (is(def, 'bpmn:ConditionalEventDefinition')) {
      this.condition(def, 'condition', el);
    } else if (is(def, 'bpmn:MessageEventDefinition') || is(def, 'bpmn:ErrorEventDefinition') || is(def, 'bpmn:EscalationEventDefinition') || is(def, 'bpmn:SignalEventDefinition')) {
      // Error, escalation, message and signal references are plain BPMN; their codes and names were checked on the root elements.
    }
    this.extensions(def, el);
    this.attributes(def, el);
  }

  condition(holder: El, prop: string, owner: El = holder): void {
    const expr = holder.get(prop) as El | undefined;
    if (!expr) return;
    const body = str(expr, 'body');
    const feel = feelBody(body);
    if (feel === null) {
      if (body?.trim()) this.warn(owner, `condition "${body}" is not FEEL (no leading "="); kept as a JUEL condition`);
      return;
    }
    expr.set('language', 'feel');
    expr.set('body', feel);
  }

  loop(el: El, loop: El, io: Mapping[][]): void {
    if ((io[1] ?? []).length) this.warn(el, 'Camunda 7 allows no output mappings on a multi-instance activity; move them into the activity or after it');
    for (const ext of this.takeExtensions(loop, ['zeebe:LoopCharacteristics'])) {
      const input = str(ext, 'inputCollection');
      if (input) {
        const body = feelBody(input);
        const p = body === null ? null : feelPath(body);
        if (p) loop.set('camunda:collection', `\${${p.join('.')}}`);
        else this.warn(el, `input collection "${input}" is FEEL beyond a variable; Camunda 7 needs a JUEL collection (compute it into a variable first)`);
      }
      const element = str(ext, 'inputElement');
      if (element) loop.set('camunda:elementVariable', element);
      if (str(ext, 'outputCollection') || str(ext, 'outputElement')) {
        this.warn(el, `output collection "${str(ext, 'outputCollection')}" has no Camunda 7 counterpart; collect the results in the workers or a listener`);
      }
    }
    const cc = loop.get('completionCondition') as El | undefined;
    if (cc) this.condition(loop, 'completionCondition', el);
    this.extensions(loop, el);
  }

  // ---- io mappings ------------------------------------------------------------------------------------

  peekIoMapping(el: El): Mapping[][] {
    const ext = el.get('extensionElements') as El | undefined;
    const io = ext ? list(ext, 'values').find((v) => v.$type === 'zeebe:IoMapping') : undefined;
    if (!io) return [[], []];
    const m = (x: El): Mapping => ({ target: str(x, 'target') ?? '', source: str(x, 'source') ?? '' });
    return [list(io, 'inputParameters').map(m), list(io, 'outputParameters').map(m)];
  }

  takeIoMapping(el: El): Mapping[][] {
    const io = this.peekIoMapping(el);
    this.takeExtensions(el, ['zeebe:IoMapping']);
    return io;
  }

  inputOutput(el: El, io: Mapping[][]): void {
    const [inputs = [], outputs = []] = io;
    if (!inputs.length && !outputs.length) return;
    const param = (type: string, m: Mapping): El => {
      const body = feelBody(m.source);
      const attrs: Record<string, unknown> = { name: m.target };
      if (body === null) attrs.value = m.source;
      // FEEL's today() and now() read the system clock, which the engine's (development) clock does not move.
      else if (/^string\(\s*today\(\s*\)\s*\)$/.test(body.trim())) attrs.value = '${durations.today()}';
      else attrs.definition = this.moddle.create('camunda:Script', { scriptFormat: 'feel', value: body });
      return this.moddle.create(type, attrs);
    };
    const ioEl = this.moddle.create('camunda:InputOutput', {
      inputParameters: inputs.map((m) => param('camunda:InputParameter', m)),
      outputParameters: outputs.map((m) => param('camunda:OutputParameter', m)),
    });
    const ext = this.ensureExtensionElements(el);
    ext.set('values', [...list(ext, 'values'), ioEl]);
  }

  // ---- extension elements -----------------------------------------------------------------------------

  ensureExtensionElements(el: El): El {
    let ext = el.get('extensionElements') as El | undefined;
    if (!ext) {
      ext = this.moddle.create('bpmn:ExtensionElements', { values: [] });
      ext.$parent = el;
      el.set('extensionElements', ext);
    }
    return ext;
  }

  properties(el: El, props: [string, string][]): void {
    const ext = this.ensureExtensionElements(el);
    const values = list(ext, 'values');
    let holder = values.find((v) => v.$type === 'camunda:Properties');
    if (!holder) {
      holder = this.moddle.create('camunda:Properties', { values: [] });
      values.push(holder);
      ext.set('values', values);
    }
    const existing = list(holder, 'values');
    for (const [name, value] of props) {
      if (existing.some((p) => p.get('name') === name)) continue;
      existing.push(this.moddle.create('camunda:Property', { name, value }));
    }
    holder.set('values', existing);
  }

  /** Removes and returns the element's extensions of the given Zeebe types. */
  takeExtensions(el: El, types: string[]): El[] {
    const ext = el.get('extensionElements') as El | undefined;
    if (!ext) return [];
    const values = list(ext, 'values');
    const taken = values.filter((v) => types.includes(v.$type));
    if (taken.length) ext.set('values', values.filter((v) => !taken.includes(v)));
    return taken;
  }

  /** Whatever Zeebe extension is left on `el` has no mapping: named in a warning and removed. */
  extensions(el: El, owner: El = el): void {
    const ext = el.get('extensionElements') as El | undefined;
    if (!ext) return;
    const values = list(ext, 'values');
    const left = values.filter((v) => v.$type.startsWith('zeebe:'));
    for (const v of left) this.warn(owner, `${v.$type} has no Camunda 7 mapping; dropped`);
    const rest = values.filter((v) => !left.includes(v));
    if (rest.length) ext.set('values', rest);
    else el.set('extensionElements', undefined);
  }

  /** Zeebe attributes outside the schema (e.g. element template references): named and removed. */
  attributes(el: El, owner: El = el): void {
    for (const key of Object.keys(el.$attrs ?? {})) {
      if (key.startsWith('zeebe:')) {
        this.warn(owner, `attribute ${key}="${el.$attrs[key]}" has no Camunda 7 mapping; dropped`);
        delete el.$attrs[key];
      }
    }
    for (const attr of ['zeebe:modelerTemplate', 'zeebe:modelerTemplateVersion', 'zeebe:modelerTemplateIcon']) {
      if (el.get(attr) !== undefined) {
        this.warn(owner, `element template ${attr} is not mapped (Camunda 7 templates differ); dropped`);
        el.set(attr, undefined);
      }
    }
  }
}

/** Converts one Zeebe diagram to the Camunda 7 dialect. Asynchronous because bpmn-moddle reads and writes so. */
export async function convertZeebeToCamunda(xml: string, options: ConvertOptions = {}): Promise<ConversionResult> {
  const moddle = conversionModdle();
  const { rootElement, warnings: parseWarnings } = await moddle.fromXML(xml, 'bpmn:Definitions');
  const c = new Converter(moddle, { historyTimeToLive: options.historyTimeToLive ?? 'P1825D', businessKeyVariable: options.businessKeyVariable ?? 'caseId' });
  for (const w of parseWarnings) {
    // Unknown zeebe: attributes are reported with their element below.
    if (/^unknown attribute <zeebe:/.test(w.message)) continue;
    const at = (w as { element?: El }).element;
    const where = at && typeof at.get === 'function' && at.get('id') ? `${at.$type.replace(/^bpmn:/, '')} "${String(at.get('id'))}": ` : '';
    const line = /line: (\d+)/.exec(w.message)?.[1];
    const cause = /nested error: (.*)/.exec(w.message)?.[1];
    c.warnings.push(`${where}${line ? `line ${line}: ` : ''}not read, so not converted: ${w.message.split('\n')[0]}${cause ? ` (${cause})` : ''}`);
  }
  c.definitions(rootElement);
  const { xml: out } = await moddle.toXML(rootElement, { format: true });
  // Documentation may mention Zeebe; an element, attribute or namespace may not.
  if (/<\/?zeebe:|\szeebe:\w+=|camunda\.org\/schema\/zeebe/.test(out)) c.warnings.push('the output still has Zeebe elements or attributes: check the diagram by hand');
  return { xml: out, warnings: c.warnings };
}
