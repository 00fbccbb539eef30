// Modelling patterns shared by every PLUS Flow diagram built here.
import { formKeyDefaults, formOutputKeys } from './form-dsl.mjs';

/** Candidate groups: role + department, e.g. officer.riga-centre (ids match ^[a-zA-Z0-9_@.+-]+$). */
export const group = (role) => `=["${role}." + departmentCode]`;

/**
 * Due-date and timer expressions. `due` is a FEEL expression that yields an ISO-8601 duration string
 * (e.g. `rules.due.selectWorkPlace`); reminder and escalation are relative to the task's creation, like
 * the due date, so that reminder = due − reminderBeforeDue and escalation = due + escalationAfterDue.
 */
export function deadlineExpressions({ due, reminderBefore, escalationAfter }) {
  return {
    dueDate: `=now() + duration(${due})`,
    reminder: `=duration(${due}) - duration(${reminderBefore})`,
    escalation: `=duration(${due}) + duration(${escalationAfter})`,
  };
}

/**
 * A Camunda user task with its linked form, candidate group, due date, and the two non-interrupting timers
 * (reminder → shared.send-task-reminder, escalation → shared.escalate-task), laid out below the task.
 *
 * The form's variables are scoped to the task (input mapping resets them to their default or null, so a task in
 * a loop never shows the previous round's answers; `keepPrefill` keys keep the current value as the form's
 * prefill) and copied out by output mappings (the task's output contract).
 */
export function userTask(m, spec) {
  const { id, name, at, parent, form, role = 'officer', deadlines, escalate = true, extraOutputs = [], extraInputs = [], keepPrefill = [] } = spec;
  const keys = formOutputKeys(form);
  const defaults = formKeyDefaults(form);
  const reset = (k) => [k, defaults[k] !== undefined ? `=${JSON.stringify(defaults[k])}` : '=null'];
  const ut = m.add({
    kind: 'userTask',
    id,
    name,
    at,
    parent,
    w: 110,
    h: 90,
    formId: form.id,
    candidateGroups: group(role),
    dueDate: deadlines.dueDate,
    inputs: [...keys.filter((k) => !keepPrefill.includes(k)).map(reset), ...extraInputs],
    outputs: [...keys.map((k) => [k, `=${k}`]), ...extraOutputs],
    doc: spec.doc,
  });
  ut.formKeys = keys;
  ut.role = role;
  const [cx, cy] = at;
  const escalationGroup = role === 'officer' ? 'senior-officer' : 'supervisor';
  const withEscalation = escalate && role !== 'supervisor';
  const remOffset = withEscalation ? -25 : 0;
  const remX = withEscalation ? cx - 60 : cx;
  m.boundary({
    id: `${id}_Reminder`,
    name: 'Termiņš tuvojas',
    attachedTo: id,
    cancelActivity: false,
    offset: remOffset,
    timer: { duration: deadlines.reminder },
    labelPos: withEscalation ? [-70, 22] : [-52, 22],
    labelWidth: 64,
  });
  m.add({
    kind: 'serviceTask',
    id: `${id}_SendReminder`,
    name: 'Nosūtīt atgādinājumu',
    parent,
    at: [remX, cy + 130],
    jobType: 'shared.send-task-reminder',
    headers: { taskElementId: id, taskName: name },
  });
  m.add({ kind: 'endEvent', id: `${id}_Reminded`, name: 'Atgādināts', parent, at: [remX, cy + 235] });
  m.flow(`${id}_Reminder`, `${id}_SendReminder`, { entry: 'top' });
  m.flow(`${id}_SendReminder`, `${id}_Reminded`, { exit: 'bottom', entry: 'top' });
  if (withEscalation) {
    m.boundary({
      id: `${id}_Escalation`,
      name: 'Termiņš nokavēts',
      attachedTo: id,
      cancelActivity: false,
      offset: 25,
      timer: { duration: deadlines.escalation },
      labelPos: [70, 22],
      labelWidth: 64,
    });
    m.add({
      kind: 'serviceTask',
      id: `${id}_Escalate`,
      name: role === 'officer' ? 'Eskalēt vecākajam darbiniekam' : 'Eskalēt nodaļas vadītājam',
      parent,
      at: [cx + 60, cy + 130],
      jobType: 'shared.escalate-task',
      headers: { taskElementId: id, taskName: name },
      inputs: [['escalationGroup', `="${escalationGroup}." + departmentCode`]],
    });
    m.add({ kind: 'endEvent', id: `${id}_Escalated`, name: 'Eskalēts', parent, at: [cx + 60, cy + 235] });
    m.flow(`${id}_Escalation`, `${id}_Escalate`, { entry: 'top' });
    m.flow(`${id}_Escalate`, `${id}_Escalated`, { exit: 'bottom', entry: 'top' });
  }
  return ut;
}

/** A service task (job type, retries, optional input mappings and headers). */
export function serviceTask(m, spec) {
  return m.add({ kind: 'serviceTask', retries: 3, ...spec });
}
