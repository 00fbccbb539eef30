// Drives the community-service / minors-public-work diagrams through a real Camunda 8.6 engine without
// workers: it plays the workers (completes jobs or throws BPMN errors), the officers (completes user tasks
// with form variables) and the outside world (publishes messages), and fails on any incident. This checks
// what deployment alone does not: every FEEL expression, input/output mapping, correlation, escalation and
// timer at run time.
//
//   ENGINE_REST=http://127.0.0.1:8480/v2 RECORDS_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/plusflow_bpmncheck \
//     node processes/community-service/tools/engine-check.mjs
//
// It needs an engine with the PLUS Flow exporter (user task keys are read from zeebe.record, because 8.6 has
// no search API without Elasticsearch). Use a throw-away engine: it deploys the drafts.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const REST = process.env.ENGINE_REST ?? 'http://127.0.0.1:8480/v2';
const DB = process.env.RECORDS_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/plusflow_bpmncheck';
const PROCESSES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FOLDERS = ['community-service', 'minors-public-work', 'shared-register-lookup', 'shared-notify-court', 'shared-close-case'];

const db = new pg.Client({ connectionString: DB });
await db.connect();

async function call(method, url, body) {
  const res = await fetch(`${REST}${url}`, {
    method,
    headers: body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : undefined,
    body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url} → ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

async function deploy() {
  const fd = new FormData();
  for (const folder of FOLDERS) {
    for (const file of readdirSync(path.join(PROCESSES, folder))) {
      if (!/\.(bpmn|form)$/.test(file)) continue;
      fd.append('resources', new Blob([readFileSync(path.join(PROCESSES, folder, file))]), `${folder}/${file}`);
    }
  }
  const res = await call('POST', '/deployments', fd);
  console.log(`deployed ${res.deployments.length} resources`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** Case ids and message ids are unique per run, so that messages buffered by an earlier run never correlate. */
const RUN = Date.now().toString(36);

/**
 * Runs one scenario. `jobs` and `tasks` map an element id to a list of answers used in order (the last one
 * repeats when `repeat` is set); an answer is variables, `{ error: code, variables }`, or a function of the
 * job/task that returns one (and may assert on what it got). `messages` are published one by one whenever the
 * instance has nothing else to do. `hold` keeps a user task open for a while (to let its timers fire).
 */
async function runScenario(s) {
  const since = new Date();
  const { processInstanceKey } = await call('POST', '/process-instances', { processDefinitionId: s.process, variables: s.variables });
  try {
    return await drive(s, since, processInstanceKey);
  } catch (e) {
    await call('POST', `/process-instances/${processInstanceKey}/cancellation`, {}).catch(() => undefined);
    if (s.seen) e.message += `\nseen so far:\n  ${s.seen.join('\n  ')}`;
    throw e;
  }
}

async function drive(s, since, processInstanceKey) {
  console.log(`\n▶ ${s.name}: ${s.process} instance ${processInstanceKey}`);
  const used = { jobs: {}, tasks: {} };
  const seen = (s.seen = []);
  const messages = [...(s.messages ?? [])];
  const held = new Map();
  const done = new Set();
  let idle = 0;
  const deadline = Date.now() + (s.timeoutMs ?? 120_000);
  const answer = (kind, id, item) => {
    const list = s[kind][id];
    if (!list) throw new Error(`${s.name}: no answer for ${kind.slice(0, -1)} ${id}`);
    const n = (used[kind][id] = (used[kind][id] ?? 0) + 1);
    const a = list[Math.min(n, list.length) - 1];
    if (n > list.length && !s.repeat?.includes(id)) throw new Error(`${s.name}: ${id} came ${n} times, expected ${list.length}`);
    return typeof a === 'function' ? a(item, n) : a;
  };
  while (Date.now() < deadline) {
    const incidents = await db.query(
      `select element_id, value->>'errorType' t, value->>'errorMessage' m from zeebe.record where value_type='INCIDENT' and intent='CREATED' and timestamp >= $1`,
      [since],
    );
    if (incidents.rows.length) throw new Error(`${s.name}: incident(s): ${JSON.stringify(incidents.rows, null, 1)}`);
    let progressed = false;
    // jobs
    const types = await db.query(
      `select distinct value->>'type' t from zeebe.record j where value_type='JOB' and intent='CREATED' and timestamp >= $1
         and not exists (select 1 from zeebe.record k where k.value_type='JOB' and k.key=j.key and k.intent in ('COMPLETED','ERROR_THROWN','CANCELED','FAILED'))`,
      [since],
    );
    for (const { t } of types.rows) {
      const { jobs } = await call('POST', '/jobs/activation', { type: t, worker: 'engine-check', timeout: 60_000, maxJobsToActivate: 20, requestTimeout: 200 });
      for (const job of jobs) {
        const a = await answer('jobs', job.elementId, job);
        seen.push(`job ${job.elementId}`);
        const jobKey = job.jobKey ?? job.key;
        if (a?.error) await call('POST', `/jobs/${jobKey}/error`, { errorCode: a.error, errorMessage: a.error, variables: a.variables ?? {} });
        else await call('POST', `/jobs/${jobKey}/completion`, { variables: a ?? {} });
        progressed = true;
      }
    }
    // user tasks
    const tasks = await db.query(
      `select key, element_id, value from zeebe.record u where value_type='USER_TASK' and intent='CREATED' and timestamp >= $1
         and not exists (select 1 from zeebe.record k where k.value_type='USER_TASK' and k.key=u.key and k.intent in ('COMPLETED','CANCELED'))
       order by position`,
      [since],
    );
    for (const row of tasks.rows) {
      if (done.has(row.key)) continue;
      if (messages[0]?.when === row.element_id) continue; // this task is to be interrupted by the next message
      const task = { key: row.key, elementId: row.element_id, ...row.value };
      const holdMs = s.hold?.[task.elementId];
      if (holdMs) {
        if (!held.has(row.key)) held.set(row.key, Date.now());
        if (Date.now() - held.get(row.key) < holdMs) continue;
      }
      const vars = await answer('tasks', task.elementId, task);
      seen.push(`task ${task.elementId} [${task.candidateGroupsList?.join(',')}] due ${task.dueDate?.slice(0, 16)}`);
      // a task may have been cancelled meanwhile (its scope was interrupted): that is not an error here
      await call('POST', `/user-tasks/${row.key}/completion`, { variables: vars ?? {} }).catch((e) => {
        if (!String(e.message).includes('→ 404')) throw e;
        seen.push(`  (task ${task.elementId} was cancelled before completion)`);
      });
      done.add(row.key);
      progressed = true;
    }
    const finished = await db.query(
      `select 1 from zeebe.record where value_type='PROCESS_INSTANCE' and intent='ELEMENT_COMPLETED' and key=$1`,
      [processInstanceKey],
    );
    if (finished.rows.length) break;
    if (progressed) {
      idle = 0;
      continue;
    }
    // the next message goes out when the instance is idle and the element that should receive it is active
    if (++idle >= 3 && messages.length && held.size === [...held.keys()].filter((k) => done.has(k)).length) {
      const { when, after, ...msg } = messages[0];
      if ((!after || seen.some((x) => x.startsWith(after))) && (!when || (await isActive(since, when)))) {
        messages.shift();
        // a user task waiting for this message is interrupted by it: never complete it afterwards
        for (const row of tasks.rows) if (row.element_id === when) done.add(row.key);
        await call('POST', '/messages/publication', {
          correlationKey: s.variables.caseId,
          timeToLive: 60_000,
          ...msg,
          messageId: `${msg.messageId}-${RUN}`,
        });
        seen.push(`message ${msg.name}`);
        idle = 0;
      }
    }
    await sleep(300);
  }
  const ends = await db.query(
    `select element_id from zeebe.record where value_type='PROCESS_INSTANCE' and intent='ELEMENT_COMPLETED' and value->>'bpmnElementType'='END_EVENT' and process_instance_key=$1 order by position`,
    [processInstanceKey],
  );
  const endIds = ends.rows.map((r) => r.element_id);
  const finished = await db.query(`select 1 from zeebe.record where value_type='PROCESS_INSTANCE' and intent='ELEMENT_COMPLETED' and key=$1`, [processInstanceKey]);
  if (!finished.rows.length) throw new Error(`${s.name}: not finished in time; seen:\n  ${seen.join('\n  ')}`);
  if (s.expectEnd && !endIds.includes(s.expectEnd)) throw new Error(`${s.name}: ended in ${endIds.join(', ')}, expected ${s.expectEnd}`);
  for (const id of Object.keys(s.jobs)) if (!used.jobs[id] && !s.optional?.includes(id)) throw new Error(`${s.name}: job ${id} never came`);
  for (const id of Object.keys(s.tasks)) if (!used.tasks[id] && !s.optional?.includes(id)) throw new Error(`${s.name}: task ${id} never came`);
  console.log(`  ${seen.join('\n  ')}`);
  console.log(`✔ ${s.name}: ended in ${endIds.join(', ')}`);
  return { processInstanceKey, seen };
}

/** The latest value of a variable in the process-instance scope (what a user task's form can see). */
async function instanceVariable(processInstanceKey, name) {
  const r = await db.query(
    `select value->>'value' v from zeebe.record where value_type='VARIABLE' and value->>'name'=$1
       and value->>'scopeKey' = value->>'processInstanceKey' and value->>'processInstanceKey' = $2 order by position desc limit 1`,
    [name, String(processInstanceKey)],
  );
  return r.rows[0] ? JSON.parse(r.rows[0].v) : undefined;
}

async function isActive(since, elementId) {
  const r = await db.query(
    `select count(*) filter (where intent='ELEMENT_ACTIVATED') - count(*) filter (where intent in ('ELEMENT_COMPLETED','ELEMENT_TERMINATED')) n
       from zeebe.record where value_type='PROCESS_INSTANCE' and element_id=$1 and timestamp >= $2`,
    [elementId, since],
  );
  return Number(r.rows[0].n) > 0;
}

function expect(cond, what) {
  if (!cond) throw new Error(`expectation failed: ${what}`);
}

// ------------------------------------------------------------------------------------------ scenarios

const adultStart = {
  caseId: `CASE-100-${RUN}`,
  caseNumber: 'PL-2026-000100',
  clientId: '17',
  departmentCode: 'riga-centre',
  origin: 'PROIS',
  rulingId: 'RUL-1',
  functionSubtype: 'FORCED_WORK',
  sentencedHours: 8,
  birthDate: '1990-04-12',
};

const proposals = {
  workPlaceProposals: [{ rank: 1, workPlaceId: 'WP-1', employerName: 'Rīgas pilsētas pašvaldība', jobTitle: 'Teritorijas uzkopšana', score: 0.9 }],
  workPlaceOptions: [{ label: 'Rīgas pilsētas pašvaldība — teritorijas uzkopšana', value: 'WP-1' }],
  otherWorkPlaceOptions: [{ label: 'Rīgas Zooloģiskais dārzs', value: 'WP-9' }],
};

const scheduled = { scheduleId: 'S-1', scheduleStartDate: '2026-12-01', scheduleEndDate: '2026-12-20', scheduledHours: 8 };

const adult = {
  name: 'adult: detours through every error and loop, then completion',
  process: 'community-service',
  variables: adultStart,
  expectEnd: 'ExecutionCompleted',
  repeat: ['CheckHoursReport'],
  jobs: {
    OpenExecution: [{}],
    LookupEducation: [{ educationExtract: { status: 'FOUND', source: 'VIIS', records: [{ educationType: 'Vispārējā vidējā' }] } }],
    LookupDisability: [{ error: 'REGISTER_UNAVAILABLE', variables: { disabilityExtract: { status: 'UNAVAILABLE', source: 'IIS_VDEAVK', reason: 'timeout' } } }],
    SaveExtracts: [
      (job) => {
        expect(job.variables.saveEducation === true && job.variables.disabilityExtract.status === 'UNAVAILABLE', 'review decision and error variables reach save');
        return { registerSummary: { educationLevel: 'SECONDARY', disabilityGroup: null } };
      },
    ],
    ProposeWorkPlaces: [
      (job) => {
        expect(job.variables.registerSummary?.educationLevel === 'SECONDARY', 'registerSummary mapped out of the call activity');
        expect(job.variables.limitsProfile === 'ADULT' && Array.isArray(job.variables.excludedWorkPlaceIds), 'propose inputs');
        return { error: 'NO_WORK_PLACE_FOUND', variables: { otherWorkPlaceOptions: proposals.otherWorkPlaceOptions, proposalProblem: 'Nav brīvu vietu' } };
      },
      proposals,
    ],
    ReserveWorkPlace: [
      (job) => {
        expect(job.variables.workPlaceId === 'WP-9', `override chosen (got ${job.variables.workPlaceId})`);
        return { placementId: 'PL-1', employerId: 'E-9', employerName: 'Rīgas Zooloģiskais dārzs' };
      },
      (job) => {
        expect(job.variables.workPlaceId === 'WP-1', `proposal chosen (got ${job.variables.workPlaceId})`);
        return { placementId: 'PL-2', employerId: 'E-1', employerName: 'Rīgas pilsētas pašvaldība' };
      },
    ],
    RecordAppointment: [
      (job) => {
        expect(job.variables.appointment?.source === 'E_SERVICE' && job.variables.appointment.officerAttends === true, 'appointment from the e-service');
        return { appointmentId: 'AP-1' };
      },
      (job) => {
        expect(job.variables.appointment?.source === 'OFFICER' && job.variables.appointment.place === 'Brīvības iela 49', 'appointment from the form');
        return { appointmentId: 'AP-2' };
      },
    ],
    NotifyClientAppointment: [
      (job) => {
        expect(job.variables.notificationType === 'APPOINTMENT' && job.variables.notifyLegalRepresentative === false, 'notify inputs');
        return { notificationId: 'NT-1' };
      },
      { notificationId: 'NT-2' },
    ],
    GenerateSchedule: [
      { error: 'SCHEDULE_NOT_FEASIBLE', variables: { scheduleProblem: { reason: 'NO_AVAILABILITY', message: 'Nav brīva laika', unplacedHours: 8 } } },
      (job) => {
        expect(job.variables.scheduleConstraints?.preferredSessionHours === 4, 'constraints from the problem form');
        expect(job.variables.measure === 'FORCED_WORK', 'measure from functionSubtype');
        return scheduled;
      },
      scheduled,
    ],
    GenerateDocuments: [
      { assignmentDocumentId: 'D-1', scheduleDocumentId: 'D-2' },
      { assignmentDocumentId: 'D-3', scheduleDocumentId: 'D-4' },
    ],
    ReleaseWorkPlace: [
      (job) => {
        expect(job.variables.placementId === 'PL-1', 'release the first placement');
        return { excludedWorkPlaceIds: ['WP-9'] };
      },
    ],
    PrepareNotice: [
      (job) => {
        expect(job.variables.noticeTarget === 'PROIS' && job.variables.noticeType === 'EXECUTION_STARTED', 'start notice to ProIS');
        expect(job.variables.noticeKey === `CASE-100-${RUN}:EXECUTION_STARTED`, 'notice key');
        return { noticeId: 'N-1' };
      },
      { noticeId: 'N-1' },
      (job) => {
        expect(job.variables.noticeType === 'EXECUTION_COMPLETED', 'completion notice');
        return { noticeId: 'N-2' };
      },
    ],
    SendToProis: [
      { error: 'NOTICE_REJECTED', variables: { noticeRejection: { code: 'UNKNOWN_RULING', reason: 'Nolēmums nav atrasts' } } },
      { noticeStatus: 'SENT' },
      { noticeStatus: 'SENT' },
    ],
    NotifyClientStarted: [{ notificationId: 'NT-3' }],
    StartExecution: [{ warningCount: 0, hoursWorkedTotal: 0 }],
    InformEmployerRejected: [{}],
    // Every report passes the hours check here (the refusals and the breach review are played by the e2e scenarios).
    CheckHoursReport: [
      (job) => {
        expect(/^\d{4}-\d{2}-\d{2}$/.test(job.variables.reportCheckedOn ?? ''), `engine date for the check (got ${job.variables.reportCheckedOn})`);
        return { hoursCheck: { verdict: 'OK', possibleMinorBreach: false } };
      },
    ],
    RecordHours: [
      (job) => {
        expect(job.variables.hoursToRecord === 4, `hours as reported (got ${job.variables.hoursToRecord})`);
        return { hoursWorkedTotal: 4, hoursRemaining: 4, allHoursWorked: false };
      },
      (job) => {
        expect(job.variables.hoursToRecord === 3.5, `corrected hours (got ${job.variables.hoursToRecord})`);
        return { hoursWorkedTotal: 8, hoursRemaining: 0, allHoursWorked: true };
      },
    ],
    IssueWarning: [{ warningCount: 1 }],
    ReplanSchedule: [
      { error: 'SCHEDULE_NOT_FEASIBLE', variables: { scheduleProblem: { reason: 'DEADLINE_UNREACHABLE', message: 'Termiņš', unplacedHours: 4 } } },
      (job) => {
        expect(job.variables.scheduleConstraints?.preferredSessionHours === 2, 'constraints from the replan problem form');
        return { scheduleId: 'S-2', scheduleEndDate: '2027-01-10' };
      },
    ],
    NotifyClientNewSchedule: [
      (job) => {
        expect(job.variables.notificationType === 'SCHEDULE_CHANGED', 'schedule changed notice');
        return {};
      },
    ],
    ReplyToClient: [
      (job) => {
        expect(job.variables.submissionReplyText === 'Saņemts, paldies.' && job.variables.clientSubmission.submissionId === 'CS-1', 'reply inputs');
        return {};
      },
    ],
    EndPlacement: [{}],
    NotifyClientOutcome: [
      (job) => {
        expect(job.variables.notificationType === 'EXECUTION_COMPLETED', `outcome notice (got ${job.variables.notificationType})`);
        return {};
      },
    ],
    CloseCase: [{ error: 'CASE_HAS_OPEN_ITEMS', variables: { closeBlockers: '1 neizskatīts iesniegums' } }, { closedAt: '2026-12-21T10:00:00Z' }],
  },
  tasks: {
    ReviewRegisterData: [
      (t) => {
        expect(t.candidateGroupsList?.[0] === 'officer.riga-centre', `candidate group (got ${t.candidateGroupsList})`);
        expect(!!t.dueDate, 'due date');
        return { registerReviewDecision: 'SAVE', saveEducation: true, saveDisability: false };
      },
    ],
    SelectWorkPlace: [
      async (t) => {
        const options = await instanceVariable(t.processInstanceKey, 'otherWorkPlaceOptions');
        const proposalsNow = await instanceVariable(t.processInstanceKey, 'workPlaceProposals');
        expect(options?.[0]?.value === 'WP-9' && Array.isArray(proposalsNow) && proposalsNow.length === 0, 'NO_WORK_PLACE_FOUND variables reach the form');
        return { selectionOverridden: true, overrideWorkPlaceId: 'WP-9', overrideReason: 'Klients dzīvo blakus, piemērots darbs' };
      },
      { selectionOverridden: false, selectedWorkPlaceId: 'WP-1' },
    ],
    ArrangeAppointment: [
      {
        appointmentAt: '2026-11-30T10:00+02:00',
        appointmentPlace: 'Brīvības iela 49',
        employerContactPerson: 'Anna Kalniņa',
        employerContactPhone: '+37120000000',
        officerAttends: true,
      },
    ],
    ResolveScheduleProblem: [
      async (t) => {
        const problem = await instanceVariable(t.processInstanceKey, 'scheduleProblem');
        expect(problem?.reason === 'NO_AVAILABILITY', `error variables reach the problem form (got ${JSON.stringify(problem)})`);
        return { changeScope: 'SCHEDULE', scheduleConstraints: { preferredSessionHours: 4 }, changeReason: 'Garākas reizes' };
      },
    ],
    RecordAgreement: [
      (t) => {
        expect(t.formKey && t.formKey !== -1, 'linked form');
        return { agreementOutcome: 'CHANGE_REQUESTED', changeScope: 'WORK_PLACE', changeRequestedBy: 'EMPLOYER', changeReason: 'Darba devējs atteicās' };
      },
      { agreementOutcome: 'AGREED', employerAgreed: true, clientAgreed: true, agreedOn: '2026-11-30' },
    ],
    FixRejectedNotice: [
      async (t) => {
        const rejection = await instanceVariable(t.processInstanceKey, 'noticeRejection');
        expect(rejection?.code === 'UNKNOWN_RULING', `rejection reaches the form (got ${JSON.stringify(rejection)})`);
        return { noticeFixAction: 'RESEND', noticeFixNote: 'Nolēmuma numurs izlabots' };
      },
    ],
    ConfirmHours: [
      { hoursDecision: 'REJECTED', hoursDecisionNote: 'Klients tajā dienā nebija' },
      { hoursDecision: 'CONFIRMED' },
      { hoursDecision: 'CORRECTED', confirmedHours: 3.5, hoursDecisionNote: 'Pusstunda pārtraukums' },
    ],
    EvaluateAbsence: [
      (t) => {
        expect(t.candidateGroupsList?.[0] === 'officer.riga-centre', 'absence task group');
        return { absenceAssessment: 'WARNING', absenceJustification: 'Neieradās bez attaisnojuma' };
      },
    ],
    ResolveReplanProblem: [
      async (t) => {
        const problem = await instanceVariable(t.processInstanceKey, 'scheduleProblem');
        expect(problem?.reason === 'DEADLINE_UNREACHABLE', `re-plan error variables reach the form (got ${JSON.stringify(problem)})`);
        return { scheduleConstraints: { preferredSessionHours: 2 }, replanProblemNote: 'Īsākas reizes' };
      },
    ],
    ReviewClientSubmission: [{ submissionReplyRequired: true, submissionReplyText: 'Saņemts, paldies.', scheduleChangeNeeded: false }],
    ConfirmClosure: [
      { closureDocumentsComplete: true, closureNoticesSent: true, closureLedgerReconciled: true },
      async (t) => {
        const blockers = await instanceVariable(t.processInstanceKey, 'closeBlockers');
        expect(blockers === '1 neizskatīts iesniegums', `closeBlockers reach the form (got ${JSON.stringify(blockers)})`);
        return { closureDocumentsComplete: true, closureNoticesSent: true, closureLedgerReconciled: true, closureNote: 'otrreiz' };
      },
    ],
  },
  messages: [
    { when: 'ArrangeAppointment', name: 'employer-appointment-proposed', messageId: 'AP-MSG-1', variables: { appointmentProposal: { proposalId: 'P-1', appointmentAt: '2026-11-28T09:00:00+02:00', place: 'Rīgas zoo' } } },
    { when: 'HoursReported', name: 'hours-reported', messageId: 'H-1', variables: { hoursReport: { reportId: 'H-1', totalHours: 4, entries: [{ date: '2026-12-01', hours: 4 }] } } },
    { when: 'HoursReported', name: 'hours-reported', messageId: 'H-2', variables: { hoursReport: { reportId: 'H-2', totalHours: 4, entries: [{ date: '2026-12-02', hours: 4 }] } } },
    { when: 'HoursReported', name: 'absence-reported', messageId: 'A-1', variables: { absenceReport: { reportId: 'A-1', kind: 'NO_SHOW', date: '2026-12-03', reportedBy: 'EMPLOYER' } } },
    { when: 'HoursReported', name: 'client-submission', messageId: 'CS-1', variables: { clientSubmission: { submissionId: 'CS-1', type: 'INFORMATION', text: 'Biju slims' } } },
    { when: 'HoursReported', name: 'hours-reported', messageId: 'H-3', variables: { hoursReport: { reportId: 'H-3', totalHours: 4, entries: [{ date: '2026-12-05', hours: 4 }], isFinalCertification: true } } },
  ],
};

// the minor: short rules so that timers fire; conversion path; TIS only
const fast = {
  due: { registerReview: 'PT6S', evaluateAbsence: 'PT6S' },
  reminderBeforeDue: 'PT3S',
  escalationAfterDue: 'PT2S',
  employerContactEvery: 'PT4S',
  onSiteCheckEvery: 'PT5S',
  conversionDecisionFollowUpEvery: 'PT3S',
};

const minor = {
  name: 'minor: reminders and escalations fire, periodic control, measure converted by the court',
  process: 'minors-public-work',
  timeoutMs: 180_000,
  variables: {
    ...adultStart,
    caseId: `CASE-200-${RUN}`,
    caseNumber: 'PL-2026-000200',
    origin: 'TIS',
    functionSubtype: 'COMMUNITY_WORK_EDU',
    sentencedHours: 20,
    birthDate: '2011-05-02',
    rulesOverride: fast,
  },
  expectEnd: 'ExecutionConverted',
  hold: { ReviewRegisterData: 11_000, EvaluateAbsence: 11_000, ApproveConversion: 5_000 },
  repeat: ['ContactEmployer', 'RecordEmployerContact', 'CheckOnSite', 'RecordInspectionAct', 'FollowUpConversion', 'ReviewRegisterData_SendReminder', 'EvaluateAbsence_SendReminder', 'ApproveConversion_SendReminder', 'ContactEmployer_SendReminder', 'CheckOnSite_SendReminder', 'ContactEmployer_Escalate', 'CheckOnSite_Escalate', 'FollowUpConversion_SendReminder', 'FollowUpConversion_Escalate', 'ConfirmHours_SendReminder', 'ConfirmHours_Escalate'],
  optional: ['ContactEmployer_SendReminder', 'CheckOnSite_SendReminder', 'ContactEmployer_Escalate', 'CheckOnSite_Escalate', 'FollowUpConversion_SendReminder', 'FollowUpConversion_Escalate', 'ConfirmHours_SendReminder', 'ConfirmHours_Escalate', 'RecordInspectionAct', 'CheckOnSite', 'ContactEmployer', 'RecordEmployerContact', 'FollowUpConversion'],
  jobs: {
    OpenExecution: [{}],
    LookupEducation: [{ educationExtract: { status: 'FOUND', records: [] } }],
    LookupDisability: [{ disabilityExtract: { status: 'NOT_FOUND', records: [] } }],
    ReviewRegisterData_SendReminder: [
      (job) => {
        expect(job.customHeaders.taskElementId === 'ReviewRegisterData', 'reminder header');
        return {};
      },
    ],
    ReviewRegisterData_Escalate: [
      (job) => {
        expect(job.variables.escalationGroup === 'senior-officer.riga-centre', `escalation group (got ${job.variables.escalationGroup})`);
        return {};
      },
    ],
    ProposeWorkPlaces: [
      (job) => {
        expect(job.variables.limitsProfile === 'MINOR', 'minor limits profile');
        return proposals;
      },
    ],
    ReserveWorkPlace: [{ placementId: 'PL-5', employerName: 'Jelgavas novada pašvaldība' }],
    RecordAppointment: [
      (job) => {
        expect(job.variables.appointment.officerAttends === false && job.variables.appointment.legalRepresentativeAttends === true, 'client (and representative) only');
        return {};
      },
    ],
    NotifyClientAppointment: [
      (job) => {
        expect(job.variables.notifyLegalRepresentative === true, 'legal representative notified');
        return {};
      },
    ],
    GenerateSchedule: [
      (job) => {
        expect(job.variables.limitsProfile === 'MINOR' && job.variables.measure === 'COMMUNITY_WORK_EDU' && job.variables.birthDate === '2011-05-02', 'minor schedule inputs');
        return { ...scheduled, scheduledHours: 20 };
      },
    ],
    GenerateDocuments: [{ assignmentDocumentId: 'D-5', scheduleDocumentId: 'D-6' }],
    PrepareNotice: [
      (job) => {
        expect(job.variables.noticeTarget === 'TIS', 'minors: TIS only');
        return { noticeId: 'N-5' };
      },
      (job) => {
        expect(job.variables.noticeType === 'MEASURE_CHANGE_REQUEST' && job.variables.noticeKey === `CASE-200-${RUN}:MEASURE_CHANGE_REQUEST:A-9`, `conversion notice (${job.variables.noticeKey})`);
        return { noticeId: 'N-6' };
      },
    ],
    SendToTis: [{ noticeStatus: 'SENT' }, { noticeStatus: 'SENT' }],
    NotifyClientStarted: [{}],
    StartExecution: [{ warningCount: 0, hoursWorkedTotal: 0 }],
    RecordEmployerContact: [{}],
    RecordInspectionAct: [{}],
    EvaluateAbsence_SendReminder: [{}],
    EvaluateAbsence_Escalate: [{}],
    ContactEmployer_SendReminder: [{}],
    ContactEmployer_Escalate: [{}],
    CheckOnSite_SendReminder: [{}],
    CheckOnSite_Escalate: [{}],
    FollowUpConversion_SendReminder: [{}],
    FollowUpConversion_Escalate: [{}],
    ConfirmHours_SendReminder: [{}],
    ConfirmHours_Escalate: [{}],
    EndPlacement: [{}],
    NotifyClientOutcome: [
      (job) => {
        expect(job.variables.notificationType === 'SENTENCE_CONVERTED', `converted notice (got ${job.variables.notificationType})`);
        return {};
      },
    ],
    CloseCase: [
      (job) => {
        expect(job.variables.caseOutcome === 'CONVERTED', 'closure outcome');
        return { closedAt: '2026-12-21T10:00:00Z' };
      },
    ],
  },
  tasks: {
    ReviewRegisterData: [{ registerReviewDecision: 'CONTINUE_WITHOUT_SAVING', registerReviewNote: 'Dati nav vajadzīgi' }],
    SelectWorkPlace: [{ selectionOverridden: false, selectedWorkPlaceId: 'WP-1' }],
    ArrangeAppointment: [{ appointmentAt: '2026-11-30T15:00+02:00', appointmentPlace: 'Skolas iela 2', employerContactPerson: 'Jānis', legalRepresentativeAttends: true }],
    RecordAgreement: [{ agreementOutcome: 'AGREED', employerAgreed: true, clientAgreed: true, agreedOn: '2026-11-30' }],
    ContactEmployer: [{ contactOn: '2026-12-01', contactChannel: 'PHONE', scheduleCompliance: 'NO', contactNote: 'Nenāk' }],
    CheckOnSite: [{ inspectionOn: '2026-12-01', clientPresent: 'NO', employerRepresentative: 'Jānis', inspectionFindings: 'Klients nebija darba vietā' }],
    EvaluateAbsence: [{ absenceAssessment: 'REQUEST_CONVERSION', absenceJustification: 'Atkārtoti neierodas, brīdinājumi neiedarbojas' }],
    ApproveConversion: [
      (t) => {
        expect(t.candidateGroupsList?.[0] === 'supervisor.riga-centre', `supervisor group (got ${t.candidateGroupsList})`);
        return { conversionApproval: 'APPROVED' };
      },
    ],
    FollowUpConversion: [{ followUpOn: '2026-12-10', followUpNote: 'Tiesa izskatīs 15.12.' }],
    ConfirmClosure: [{ closureDocumentsComplete: true, closureNoticesSent: true, closureLedgerReconciled: true }],
  },
  messages: [
    { when: 'HoursReported', name: 'absence-reported', messageId: 'A-9', variables: { absenceReport: { reportId: 'A-9', kind: 'LEFT_WITHOUT_PERMISSION', date: '2026-12-04', reportedBy: 'EMPLOYER' } } },
    { when: 'AwaitConversionDecision', after: 'task FollowUpConversion', name: 'sentence-conversion-decided', messageId: 'DEC-1', variables: { conversionDecision: { decision: 'CONVERTED', decisionDate: '2026-12-15' } } },
  ],
};

try {
  await deploy();
  await runScenario(adult);
  const m = await runScenario(minor);
  for (const id of ['ReviewRegisterData_SendReminder', 'ReviewRegisterData_Escalate', 'EvaluateAbsence_Escalate', 'FollowUpConversion']) {
    expect(m.seen.some((x) => x.includes(id)), `${id} happened in the minor scenario`);
  }
  console.log('\nall scenarios passed');
} finally {
  await db.end();
}
