// Shared call activities: register look-up, notice to court or prosecutor, case closure.
// Each is called with propagateAllParentVariables=false: its inputs are exactly the call activity's input
// mappings (documented in docs/processes/community-service.md), and it returns only what the caller maps out.
import { BpmnModel } from './bpmn-dsl.mjs';
import { checkbox, date, form, group, number, radio, select, table, text, textarea, textfield } from './form-dsl.mjs';
import { deadlineExpressions, serviceTask, userTask } from './patterns.mjs';

/** Deadline expressions inside a shared process: durations come in as inputs, with defaults. */
const sharedDeadlines = (dueVar, dueDefault) =>
  deadlineExpressions({
    due: `get or else(${dueVar}, "${dueDefault}")`,
    reminderBefore: 'get or else(reminderBeforeDue, "P1D")',
    escalationAfter: 'get or else(escalationAfterDue, "P2D")',
  });

// ---------------------------------------------------------------------------------------------- forms

export const registerReviewForm = form('shared-register-review', [
  text(
    '### Reģistru dati\nLieta **{{caseNumber}}**. Pārbaudiet no valsts reģistriem saņemtos datus un izlemiet, kurus saglabāt klienta lietā. Dati lietā netiek saglabāti bez jūsu lēmuma.',
  ),
  group('Izglītība (VIIS)', [
    text('Pieprasījuma rezultāts: **{{educationExtract.status}}** {{educationExtract.reason}}'),
    text(
      '**Mācību statuss (pamatizglītība):** {{educationExtract.schoolStatusText}}\n\nNo tā atkarīgi nepilngadīgā darba laika ierobežojumi (Darba likuma 37. un 132. pants). Ja reģistrs nevar pateikt, piemēro bērnu ierobežojumus.',
      { hideIf: '=educationExtract.schoolStatusText = null' },
    ),
    table('Pašreizējās mācības', '=if educationExtract.enrolment = null then [] else [educationExtract.enrolment]', [
      ['institution', 'Izglītības iestāde'],
      ['grade', 'Klase'],
      ['programmeCode', 'Programmas kods'],
      ['since', 'Kopš'],
    ], { rowCount: 1, hideIf: '=educationExtract.enrolment = null' }),
    table('Izglītību apliecinoši dokumenti', '=educationExtract.records', [
      ['educationType', 'Izglītības veids'],
      ['documentType', 'Dokumenta veids'],
      ['institution', 'Izdevējiestāde'],
      ['documentSeries', 'Sērija'],
      ['documentNumber', 'Numurs'],
      ['issueDate', 'Izdošanas datums'],
      ['programmeCode', 'Programmas kods'],
      ['qualification', 'Specialitāte / kvalifikācija'],
    ], { hideIf: '=educationExtract.records = null or count(educationExtract.records) = 0' }),
    checkbox('saveEducation', 'Saglabāt izglītības datus lietā'),
    select('schoolStatusCorrection', 'Mācību statuss, ko izmantot darba grafikam', {
      defaultValue: 'REGISTER',
      values: [
        ['REGISTER', 'Kā reģistrā (ja dati saglabāti; citādi — nav zināms)'],
        ['IN_BASIC_EDUCATION', 'Mācās pamatizglītības programmā — bērna ierobežojumi līdz 18 gadiem'],
        ['NOT_IN_BASIC_EDUCATION', 'Pamatizglītības programmā nemācās — no 15 gadiem pusaudža ierobežojumi'],
        ['UNKNOWN', 'Nav zināms — bērna ierobežojumi'],
      ],
      description: 'Labojiet, ja zināt, ka reģistra dati nav aktuāli (piemēram, skolas izziņa).',
    }),
    number('schoolGradeCorrection', 'Klase (ja reģistrā nav vai tā ir cita)', { min: 1, max: 12, decimalDigits: 0 }),
  ]),
  group('Invaliditāte (IIS VDEĀVK)', [
    text('Pieprasījuma rezultāts: **{{disabilityExtract.status}}** {{disabilityExtract.reason}}'),
    table('Invaliditātes dati', '=disabilityExtract.records', [
      ['disabilityGroup', 'Invaliditātes grupa'],
      ['validFrom', 'No'],
      ['validUntil', 'Līdz'],
      ['functionalDisorder', 'Funkcionālo traucējumu veids'],
    ], { hideIf: '=disabilityExtract.records = null or count(disabilityExtract.records) = 0' }),
    checkbox('saveDisability', 'Saglabāt invaliditātes datus lietā'),
  ]),
  radio(
    'registerReviewDecision',
    'Lēmums',
    [
      ['SAVE', 'Saglabāt atzīmētos datus lietā'],
      ['RETRY', 'Pieprasīt datus no reģistriem vēlreiz'],
      ['CONTINUE_WITHOUT_SAVING', 'Turpināt, datus nesaglabājot'],
    ],
    { required: true },
  ),
  textarea('registerReviewNote', 'Pamatojums', {
    required: true,
    minLength: 5,
    maxLength: 2000,
    hideIf: '=not(registerReviewDecision = "RETRY" or registerReviewDecision = "CONTINUE_WITHOUT_SAVING")',
  }),
]);

export const noticeRejectedForm = form('shared-notice-rejected', [
  text(
    '### Paziņojums netika pieņemts\nLieta **{{caseNumber}}**. Adresāts: **{{noticeTarget}}**, paziņojuma veids: **{{noticeType}}**.\n\nSaņēmēja sistēmas atbilde: {{noticeRejection.code}} — {{noticeRejection.reason}}',
  ),
  radio(
    'noticeFixAction',
    'Rīcība',
    [
      ['RESEND', 'Dati lietā izlaboti — sūtīt paziņojumu atkārtoti'],
      ['SENT_OTHERWISE', 'Paziņojums nosūtīts citā veidā (e-adrese, pasts, personīgi)'],
    ],
    { required: true },
  ),
  textarea('noticeFixNote', 'Ko izlabojāt vai kā paziņojums nosūtīts', { required: true, minLength: 5, maxLength: 2000 }),
  group(
    'Nosūtīšana citā veidā',
    [
      select('deliveryChannel', 'Veids', {
        required: true,
        values: [
          ['E_ADDRESS', 'E-adrese (e-parakstīts dokuments)'],
          ['POST', 'Pasts'],
          ['IN_PERSON', 'Nodots personīgi'],
        ],
      }),
      date('deliveredOn', 'Nosūtīšanas datums', { required: true }),
      textfield('deliveryReference', 'Dokumenta reģistrācijas numurs', { maxLength: 100 }),
    ],
    { hideIf: '=noticeFixAction != "SENT_OTHERWISE"' },
  ),
]);

export const closeCaseForm = form('shared-close-case-confirm', [
  text(
    '### Lietas slēgšana\nLieta **{{caseNumber}}**. Iznākums: **{{caseOutcome}}** (COMPLETED — izpildīts, CONVERTED — aizstāts ar citu sodu vai līdzekli).',
  ),
  text('**Slēgšanu aizkavē:** {{closeBlockers}}', { hideIf: '=closeBlockers = null' }),
  checkbox('closureDocumentsComplete', 'Visi lietas dokumenti ir pievienoti lietai', { required: true }),
  checkbox('closureNoticesSent', 'Paziņojumi tiesai vai prokuratūrai un klientam ir nosūtīti', { required: true }),
  checkbox('closureLedgerReconciled', 'Nostrādāto stundu uzskaite ir pārbaudīta', { required: true }),
  textarea('closureNote', 'Piezīmes', { maxLength: 2000 }),
]);

export const sharedForms = [registerReviewForm, noticeRejectedForm, closeCaseForm];

// ---------------------------------------------------------------------------------------------- register look-up

export function buildRegisterLookup() {
  const m = new BpmnModel({
    id: 'shared-register-lookup',
    name: 'Reģistru datu pieprasīšana (VIIS, IIS VDEĀVK)',
    documentation:
      'Called activity. Looks up the client in the education register (VIIS) and the disability register (IIS VDEĀVK, via VISS) in parallel; the officer reviews what came back and decides what is saved to the case (000 §3.2.1). Inputs: caseId, caseNumber, clientId, departmentCode, purpose, reviewDue, reminderBeforeDue, escalationAfterDue. Outputs: registerSummary, registerReviewDecision, educationExtract, disabilityExtract.',
  });
  m.error('REGISTER_UNAVAILABLE', 'Reģistrs nav pieejams');
  const y = 320;
  m.add({ kind: 'startEvent', id: 'LookupStarted', name: 'Pieprasījums sākts', at: [110, y] });
  m.add({ kind: 'exclusiveGateway', id: 'LookupAgainJoin', at: [200, y] });
  m.add({ kind: 'parallelGateway', id: 'LookupSplit', at: [290, y] });
  serviceTask(m, {
    id: 'LookupEducation',
    name: 'Pieprasīt izglītības datus (VIIS)',
    at: [430, 190],
    w: 130,
    jobType: 'shared.lookup-education',
    retries: 5,
  });
  m.boundary({
    id: 'EducationUnavailable',
    name: 'VIIS nav pieejama',
    attachedTo: 'LookupEducation',
    offset: 40,
    errorCode: 'REGISTER_UNAVAILABLE',
    labelPos: [-70, 20],
    labelWidth: 80,
    outputs: [
      [
        'educationExtract',
        '=if educationExtract != null and educationExtract.status = "UNAVAILABLE" then educationExtract else {status: "UNAVAILABLE", source: "VIIS"}',
      ],
    ],
  });
  m.add({ kind: 'exclusiveGateway', id: 'EducationDone', at: [580, 190] });
  serviceTask(m, {
    id: 'LookupDisability',
    name: 'Pieprasīt invaliditātes datus (IIS VDEĀVK)',
    at: [430, 450],
    w: 130,
    jobType: 'shared.lookup-disability',
    retries: 5,
  });
  m.boundary({
    id: 'DisabilityUnavailable',
    name: 'IIS nav pieejama',
    attachedTo: 'LookupDisability',
    offset: 40,
    errorCode: 'REGISTER_UNAVAILABLE',
    labelPos: [-70, 20],
    labelWidth: 80,
    outputs: [
      [
        'disabilityExtract',
        '=if disabilityExtract != null and disabilityExtract.status = "UNAVAILABLE" then disabilityExtract else {status: "UNAVAILABLE", source: "IIS_VDEAVK"}',
      ],
    ],
  });
  m.add({ kind: 'exclusiveGateway', id: 'DisabilityDone', at: [580, 450] });
  m.add({ kind: 'parallelGateway', id: 'LookupJoin', at: [680, y] });
  userTask(m, {
    id: 'ReviewRegisterData',
    name: 'Pārskatīt reģistru datus',
    at: [830, y],
    form: registerReviewForm,
    deadlines: sharedDeadlines('reviewDue', 'P3D'),
    doc: 'The officer sees the extracts and decides what is saved to the case; nothing is saved without this decision (000 §3.2.1).',
  });
  m.add({ kind: 'exclusiveGateway', id: 'ReviewDecision', name: 'Lēmums par datiem?', at: [1000, y], labelPos: [-62, -36], labelWidth: 90 });
  serviceTask(m, {
    id: 'SaveExtracts',
    name: 'Saglabāt reģistru izrakstus lietā',
    at: [1140, y],
    jobType: 'shared.save-register-extracts',
  });
  m.add({ kind: 'endEvent', id: 'ExtractsSaved', name: 'Dati saglabāti lietā', at: [1280, y] });
  m.add({ kind: 'endEvent', id: 'ContinuedWithoutData', name: 'Turpināts bez reģistru datiem', at: [1140, 470] });

  m.flow('LookupStarted', 'LookupAgainJoin');
  m.flow('LookupAgainJoin', 'LookupSplit');
  m.flow('LookupSplit', 'LookupEducation', { exit: 'top' });
  m.flow('LookupSplit', 'LookupDisability', { exit: 'bottom' });
  m.flow('LookupEducation', 'EducationDone');
  m.flow('EducationUnavailable', 'EducationDone', { entry: 'bottom', laneY: 270 });
  m.flow('LookupDisability', 'DisabilityDone');
  m.flow('DisabilityUnavailable', 'DisabilityDone', { entry: 'bottom', laneY: 530 });
  m.flow('EducationDone', 'LookupJoin', { entry: 'top' });
  m.flow('DisabilityDone', 'LookupJoin', { entry: 'bottom' });
  m.flow('LookupJoin', 'ReviewRegisterData');
  m.flow('ReviewRegisterData', 'ReviewDecision');
  m.flow('ReviewDecision', 'SaveExtracts', { name: 'Saglabāt', condition: '=registerReviewDecision = "SAVE"' });
  m.flow('ReviewDecision', 'LookupAgainJoin', {
    name: 'Pieprasīt vēlreiz',
    exit: 'top',
    entry: 'top',
    laneY: 90,
    condition: '=registerReviewDecision = "RETRY"',
    label: [-100, -182],
  });
  m.flow('ReviewDecision', 'ContinuedWithoutData', {
    name: 'Turpināt bez datiem',
    exit: 'bottom',
    condition: '=registerReviewDecision = "CONTINUE_WITHOUT_SAVING"',
    label: [6, 40],
  });
  m.flow('SaveExtracts', 'ExtractsSaved');
  return m;
}

// ---------------------------------------------------------------------------------------------- notice to court / prosecutor

export function buildNotifyCourt() {
  const m = new BpmnModel({
    id: 'shared-notify-court',
    name: 'Paziņojums tiesai vai prokuratūrai',
    documentation:
      'Called activity. Prepares a structured notice from the case (start of execution, completion, request to convert the sentence) and sends it to the issuer of the decision: the courts\' TIS or the prosecution\'s ProIS through the E-lieta platform (000 §3.1.1). A rejected notice goes to the officer. Inputs: caseId, caseNumber, clientId, departmentCode, rulingId, noticeTarget (TIS|PROIS), noticeType, noticeKey, fixDue, reminderBeforeDue, escalationAfterDue. Outputs: noticeId, noticeStatus.',
  });
  m.error('NOTICE_REJECTED', 'Paziņojums noraidīts');
  const y = 260;
  m.add({ kind: 'startEvent', id: 'NoticeRequested', name: 'Paziņojums jānosūta', at: [110, y] });
  m.add({ kind: 'exclusiveGateway', id: 'PrepareAgainJoin', at: [200, y] });
  serviceTask(m, {
    id: 'PrepareNotice',
    name: 'Sagatavot paziņojumu',
    at: [330, y],
    jobType: 'shared.prepare-court-notice',
  });
  m.add({ kind: 'subProcess', id: 'SendNotice', name: 'Nosūtīt paziņojumu adresātam', box: [430, 90, 520, 340] });
  m.add({ kind: 'startEvent', id: 'SendStarted', parent: 'SendNotice', at: [475, y] });
  m.add({ kind: 'exclusiveGateway', id: 'NoticeTargetGateway', name: 'Kam paziņot?', parent: 'SendNotice', at: [560, y], labelPos: [-62, -20] });
  serviceTask(m, {
    id: 'SendToTis',
    name: 'Nosūtīt paziņojumu tiesai (TIS)',
    parent: 'SendNotice',
    at: [690, 170],
    jobType: 'shared.send-tis-notice',
    retries: 5,
  });
  serviceTask(m, {
    id: 'SendToProis',
    name: 'Nosūtīt paziņojumu prokuratūrai (ProIS)',
    parent: 'SendNotice',
    at: [690, 350],
    jobType: 'shared.send-prois-notice',
    retries: 5,
  });
  m.add({ kind: 'exclusiveGateway', id: 'NoticeSentJoin', parent: 'SendNotice', at: [820, y] });
  m.add({ kind: 'endEvent', id: 'SendDone', parent: 'SendNotice', at: [900, y] });
  m.boundary({
    id: 'NoticeRejected',
    name: 'Paziņojums noraidīts',
    attachedTo: 'SendNotice',
    offset: 0,
    errorCode: 'NOTICE_REJECTED',
    labelPos: [-62, 20],
    labelWidth: 80,
    outputs: [['noticeRejection', '=noticeRejection']],
  });
  m.add({ kind: 'endEvent', id: 'NoticeSent', name: 'Paziņojums nosūtīts', at: [1030, y] });
  userTask(m, {
    id: 'FixRejectedNotice',
    name: 'Novērst noraidījuma iemeslu',
    at: [690, 560],
    form: noticeRejectedForm,
    deadlines: sharedDeadlines('fixDue', 'P2D'),
  });
  m.add({ kind: 'exclusiveGateway', id: 'FixAction', name: 'Kā rīkoties?', at: [860, 560], labelPos: [-45, 56], labelWidth: 70 });
  serviceTask(m, {
    id: 'RecordDeliveredOtherwise',
    name: 'Reģistrēt paziņojuma nosūtīšanu citā veidā',
    at: [1010, 560],
    jobType: 'shared.record-notice-delivery',
  });
  m.add({ kind: 'endEvent', id: 'NoticeSentOtherwise', name: 'Paziņots citā veidā', at: [1150, 560] });

  m.flow('NoticeRequested', 'PrepareAgainJoin');
  m.flow('PrepareAgainJoin', 'PrepareNotice');
  m.flow('PrepareNotice', 'SendNotice');
  m.flow('SendStarted', 'NoticeTargetGateway');
  m.flow('NoticeTargetGateway', 'SendToTis', { name: 'TIS', exit: 'top', condition: '=noticeTarget = "TIS"', label: [8, -40] });
  m.flow('NoticeTargetGateway', 'SendToProis', { name: 'ProIS', exit: 'bottom', condition: '=noticeTarget = "PROIS"', label: [8, 24] });
  m.flow('SendToTis', 'NoticeSentJoin', { entry: 'top' });
  m.flow('SendToProis', 'NoticeSentJoin', { entry: 'bottom' });
  m.flow('NoticeSentJoin', 'SendDone');
  m.flow('SendNotice', 'NoticeSent');
  m.flow('NoticeRejected', 'FixRejectedNotice', { entry: 'top' });
  m.flow('FixRejectedNotice', 'FixAction');
  m.flow('FixAction', 'RecordDeliveredOtherwise', {
    name: 'Nosūtīts citā veidā',
    condition: '=noticeFixAction = "SENT_OTHERWISE"',
    labelWidth: 64,
    label: [6, -34],
  });
  m.flow('FixAction', 'PrepareAgainJoin', {
    name: 'Sūtīt atkārtoti',
    exit: 'bottom',
    entry: 'bottom',
    laneY: 870,
    condition: '=noticeFixAction = "RESEND"',
    label: [8, 10],
  });
  m.flow('RecordDeliveredOtherwise', 'NoticeSentOtherwise');
  return m;
}

// ---------------------------------------------------------------------------------------------- case closure

export function buildCloseCase() {
  const m = new BpmnModel({
    id: 'shared-close-case',
    name: 'Lietas slēgšana',
    documentation:
      'Called activity. The officer confirms that the case file is complete, then the case is closed in PLUS. Closing is refused while the case has open items (unprocessed e-service submissions, unsigned documents); the officer then sees what blocks it. Inputs: caseId, caseNumber, departmentCode, caseOutcome (COMPLETED|CONVERTED), closureDue, reminderBeforeDue, escalationAfterDue. Outputs: closedAt.',
  });
  m.error('CASE_HAS_OPEN_ITEMS', 'Lietā ir neizskatīti ieraksti');
  const y = 200;
  m.add({ kind: 'startEvent', id: 'ClosureRequested', name: 'Lieta jāslēdz', at: [110, y] });
  m.add({ kind: 'exclusiveGateway', id: 'ConfirmAgainJoin', at: [200, y] });
  userTask(m, {
    id: 'ConfirmClosure',
    name: 'Apstiprināt lietas slēgšanu',
    at: [350, y],
    form: closeCaseForm,
    deadlines: sharedDeadlines('closureDue', 'P5D'),
  });
  serviceTask(m, { id: 'CloseCase', name: 'Slēgt lietu', at: [560, y], jobType: 'shared.close-case' });
  m.boundary({
    id: 'OpenItemsFound',
    name: 'Lietā ir neizskatīti ieraksti',
    attachedTo: 'CloseCase',
    side: 'top',
    offset: 0,
    errorCode: 'CASE_HAS_OPEN_ITEMS',
    labelPos: [70, -36],
    labelWidth: 110,
    outputs: [['closeBlockers', '=closeBlockers']],
  });
  m.add({ kind: 'endEvent', id: 'CaseClosed', name: 'Lieta slēgta', at: [700, y] });
  m.flow('ClosureRequested', 'ConfirmAgainJoin');
  m.flow('ConfirmAgainJoin', 'ConfirmClosure');
  m.flow('ConfirmClosure', 'CloseCase');
  m.flow('CloseCase', 'CaseClosed');
  m.flow('OpenItemsFound', 'ConfirmAgainJoin', { exit: 'top', entry: 'top', laneY: 80 });
  return m;
}
