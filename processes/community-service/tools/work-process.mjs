// The two work processes share one skeleton (DOMAIN.md §4.1, §4.2; 000 §3.1.1(1), (2)):
//   community-service   — criminal punishment "sabiedriskais darbs" (until 2022 "piespiedu darbs"), TIS/ProIS/IeVP;
//   minors-public-work  — educational measure "sabiedriskais darbs" for children 11–18, TIS only.
// Differences: notice target, who meets the employer (client and officer vs the client only), labour-protection
// limits (limitsProfile), legal representative in notifications, names of the outcome.
import { BpmnModel } from './bpmn-dsl.mjs';
import { checkbox, checklist, date, datetime, form, formOutputKeys, group, number, radio, select, table, text, textarea, textfield } from './form-dsl.mjs';
import { deadlineExpressions, serviceTask, userTask } from './patterns.mjs';

const VARIANTS = {
  'community-service': {
    minor: false,
    nameLv: 'Sabiedriskā darba (līdz 2022. gadam — piespiedu darba) izpildes organizēšana',
    nameEn: 'Community service (formerly forced work): organisation and control of execution',
    description:
      'Criminal punishment "sabiedriskais darbs" (until 2022 "piespiedu darbs"): register look-ups, work matching, appointment, schedule, start notice to TIS/ProIS, execution control (hours, absences, client submissions, employer contact, on-site checks, warnings, conversion request), completion notice, closure. DOMAIN.md §4.1.',
    limitsProfile: 'ADULT',
    measure: '=functionSubtype',
    purpose: 'COMMUNITY_SERVICE',
    noticeTarget: 'if origin = "PROIS" or rulingIssuerType = "PROSECUTOR" then "PROIS" else "TIS"',
    conversionNoticeType: 'SENTENCE_CONVERSION_REQUEST',
    startName: 'Nolēmums par sabiedrisko darbu saņemts',
    completedName: 'Sods izpildīts',
    convertedName: 'Sods aizstāts ar citu sodu',
    convertedBoundaryName: 'Sods aizstāts',
    requestConversionName: 'Ierosināt tiesai aizstāt sodu',
    maxSessionHours: 8,
  },
  'minors-public-work': {
    minor: true,
    nameLv: 'Audzinoša rakstura piespiedu līdzekļa "sabiedriskais darbs" izpildes organizēšana',
    nameEn: "Minors' public work (educational measure): organisation and control of execution",
    description:
      'Educational measure "sabiedriskais darbs" for children aged 11–18 (court ruling from TIS only): the same skeleton as community service, with the labour-protection limits for minors, only the client meeting the employer, the legal representative informed, and notices to the court (TIS). DOMAIN.md §4.2.',
    limitsProfile: 'MINOR',
    measure: '="COMMUNITY_WORK_EDU"',
    purpose: 'MINORS_PUBLIC_WORK',
    noticeTarget: '"TIS"',
    conversionNoticeType: 'MEASURE_CHANGE_REQUEST',
    startName: 'Tiesas nolēmums par sabiedrisko darbu saņemts',
    completedName: 'Piespiedu līdzeklis izpildīts',
    convertedName: 'Piespiedu līdzeklis aizstāts',
    convertedBoundaryName: 'Līdzeklis aizstāts',
    requestConversionName: 'Ierosināt tiesai aizstāt piespiedu līdzekli',
    maxSessionHours: 7,
  },
};

/** Default durations (ISO 8601) of every rule: seeds silent on all of them, so each is an assumption and configurable. */
export const DEFAULT_RULES = {
  due: {
    registerReview: 'P3D',
    selectWorkPlace: 'P5D',
    appointment: 'P5D',
    scheduleProblem: 'P3D',
    agreement: 'P10D',
    confirmHours: 'P3D',
    evaluateAbsence: 'P2D',
    approveConversion: 'P3D',
    conversionFollowUp: 'P5D',
    clientSubmission: 'P5D',
    employerContact: 'P5D',
    onSiteCheck: 'P10D',
    replanProblem: 'P3D',
    breachReview: 'P2D',
    noticeFix: 'P2D',
    closure: 'P5D',
  },
  reminderBeforeDue: 'P1D',
  escalationAfterDue: 'P2D',
  employerContactEvery: 'P14D',
  onSiteCheckEvery: 'P30D',
  conversionDecisionFollowUpEvery: 'P30D',
  warningsBeforeConversion: 2,
};

const feelLiteral = (v) =>
  typeof v === 'string' ? `"${v}"` : typeof v === 'number' ? String(v) : `{${Object.entries(v).map(([k, x]) => `${k}: ${feelLiteral(x)}`).join(', ')}}`;

function rulesExpression(v) {
  return (
    '={\n' +
    `  defaults: ${feelLiteral(DEFAULT_RULES)},\n` +
    '  override: get or else(rulesOverride, {}),\n' +
    `  result: context merge([defaults, override, {due: context merge([defaults.due, get or else(override.due, {})])}, {noticeTarget: ${v.noticeTarget}}])\n` +
    '}.result'
  );
}

const dl = (key) =>
  deadlineExpressions({ due: `rules.due.${key}`, reminderBefore: 'rules.reminderBeforeDue', escalationAfter: 'rules.escalationAfterDue' });

// ============================================================================================== forms

function constraintsGroup(v, hideIf) {
  return group(
    'Grafika nosacījumi',
    [
      date('startDate', 'Grafika sākuma datums', { description: 'Tukšs — no tikšanās dienas' }),
      number('preferredSessionHours', 'Vēlamais vienas reizes ilgums (h)', { min: 1, max: v.maxSessionHours, increment: 0.5, decimalDigits: 1 }),
      checkbox('hasMainJobOrStudies', v.minor ? 'Klients mācās (darbs tikai brīvajā laikā no mācībām)' : 'Klientam ir pamatdarbs vai mācības', {
        defaultValue: true,
      }),
      ...(v.minor ? [] : [checkbox('consentsToLongerWorkdays', 'Klients piekrīt strādāt līdz 4 h darba dienās')]),
      checklist('unavailableWeekdays', 'Dienas, kurās klients nevar strādāt', [
        ['mon', 'Pirmdiena'],
        ['tue', 'Otrdiena'],
        ['wed', 'Trešdiena'],
        ['thu', 'Ceturtdiena'],
        ['fri', 'Piektdiena'],
        ...(v.minor ? [] : [
          ['sat', 'Sestdiena'],
          ['sun', 'Svētdiena'],
        ]),
      ]),
      ...(v.minor ? schoolFields() : []),
      textarea('availabilityNote', 'Cita informācija par pieejamību', { maxLength: 2000 }),
    ],
    { path: 'scheduleConstraints', ...(hideIf ? { hideIf } : {}) },
  );
}

const LESSON_PATTERN = '^$|^\\s*\\d{2}:\\d{2}\\s*[-–]\\s*\\d{2}:\\d{2}\\s*$';

/** A pupil's school status and lesson times (issue 15): prefilled by the schedule step, changed by the officer. */
function schoolFields() {
  return [
    select('schoolStatus', 'Mācību statuss', {
      required: true,
      values: [
        ['IN_BASIC_EDUCATION', 'Mācās pamatizglītības programmā — bērna ierobežojumi līdz 18 gadiem'],
        ['NOT_IN_BASIC_EDUCATION', 'Pamatizglītības programmā nemācās — no 15 gadiem pusaudža ierobežojumi'],
        ['UNKNOWN', 'Nav zināms — bērna ierobežojumi'],
      ],
    }),
    group(
      'Mācību stundu laiks (darbs tikai ārpus stundām; brīvlaikā neattiecas)',
      [
        ['mon', 'Pirmdiena'],
        ['tue', 'Otrdiena'],
        ['wed', 'Trešdiena'],
        ['thu', 'Ceturtdiena'],
        ['fri', 'Piektdiena'],
      ].map(([key, label]) =>
        textfield(key, label, { pattern: LESSON_PATTERN, maxLength: 20, description: 'piemēram, 08:30-15:30; tukšs — stundu nav' }),
      ),
      { path: 'lessons' },
    ),
  ];
}

export function workForms(variant) {
  const v = VARIANTS[variant];
  const P = variant;
  const measureWord = v.minor ? 'piespiedu līdzekli' : 'sodu';
  return [
    form(`${P}-select-work-place`, [
      text(
        '### Darba vietas izvēle\nLieta **{{caseNumber}}**, ' +
          (v.minor ? 'noteiktas' : 'piespriestas') +
          ' stundas: **{{sentencedHours}}**.\n\nDarba vietas ierindotas, ņemot vērā pašvaldībām nepieciešamos prioritāros darbus un klienta sodāmību, izglītību, prasmes, veselības stāvokli un vecumu' +
          (v.minor ? ', kā arī nepilngadīgo nodarbināšanas ierobežojumus.' : '.'),
      ),
      table('Piedāvātās darba vietas', '=workPlaceProposals', [
        ['rank', 'Nr.'],
        ['employerName', 'Darba devējs'],
        ['jobTitle', 'Darbs'],
        ['address', 'Adrese'],
        ['priorityJob', 'Prioritārais darbs'],
        ['score', 'Atbilstība'],
        ['reasons', 'Pamatojums'],
      ]),
      text('**Sistēma nepiedāvāja nevienu piemērotu darba vietu** ({{proposalProblem}}). Izvēlieties darba vietu pašrocīgi.', {
        hideIf: '=workPlaceProposals != null and count(workPlaceProposals) > 0',
      }),
      checkbox('selectionOverridden', 'Izvēlēties citu darba vietu, nevis piedāvāto'),
      select('selectedWorkPlaceId', 'Piedāvātā darba vieta', { valuesKey: 'workPlaceOptions', required: true, hideIf: '=selectionOverridden = true' }),
      select('overrideWorkPlaceId', 'Darba vieta', {
        valuesKey: 'otherWorkPlaceOptions',
        searchable: true,
        required: true,
        hideIf: '=selectionOverridden != true',
      }),
      textarea('overrideReason', 'Pamatojums, kāpēc izvēlēta cita darba vieta', {
        required: true,
        minLength: 10,
        maxLength: 2000,
        hideIf: '=selectionOverridden != true',
      }),
    ]),
    form(`${P}-appointment`, [
      text(
        '### Tikšanās ar darba devēju\nVienojieties ar darba devēju **{{employerName}}** par vietu un laiku, kad pie darba devēja ' +
          (v.minor
            ? 'var ierasties **klients**. Ja nepieciešams, klientu pavada likumiskais pārstāvis.'
            : 'ieradīsies **klients un probācijas darbinieks**.') +
          '\n\nJa darba devējs pirms tam piedāvās laiku e-pakalpojumā, šis uzdevums tiks noslēgts automātiski un tikšanās reģistrēta pēc darba devēja piedāvājuma.',
      ),
      datetime('appointmentAt', 'Tikšanās datums', { required: true, disallowPassedDates: true }),
      textfield('appointmentPlace', 'Tikšanās vieta (adrese)', { required: true, maxLength: 200 }),
      textfield('employerContactPerson', 'Darba devēja kontaktpersona', { required: true, maxLength: 120 }),
      textfield('employerContactPhone', 'Kontaktpersonas tālrunis', { maxLength: 30 }),
      v.minor
        ? checkbox('legalRepresentativeAttends', 'Klientu pavada likumiskais pārstāvis')
        : checkbox('officerAttends', 'Probācijas darbinieks piedalās tikšanās reizē', { defaultValue: true }),
      textarea('appointmentNote', 'Piezīmes', { maxLength: 2000 }),
    ]),
    form(`${P}-schedule-problem`, [
      text(
        '### Darba grafiku neizdevās sastādīt\nIemesls: **{{scheduleProblem.reason}}** — {{scheduleProblem.message}}\n\nIzvietotas stundas: {{scheduleProblem.placedHours}}, neizvietotas: {{scheduleProblem.unplacedHours}}. Agrākais iespējamais beigu datums: {{scheduleProblem.earliestCompletion}}.',
      ),
      radio(
        'changeScope',
        'Ko mainīt?',
        [
          ['SCHEDULE', 'Grafika nosacījumus (sākuma datums, ilgums, pieejamība)'],
          ['WORK_PLACE', 'Darba vietu (izvēlēties citu)'],
        ],
        { required: true },
      ),
      constraintsGroup(v, '=changeScope != "SCHEDULE"'),
      textarea('changeReason', 'Pamatojums', { required: true, minLength: 5, maxLength: 2000 }),
    ]),
    form(`${P}-schedule-agreement`, [
      text(
        '### Norīkojuma un darba grafika saskaņošana\nNorīkojums ({{assignmentDocumentId}}) un darba grafiks ({{scheduleDocumentId}}) sagatavoti: **{{scheduledHours}} h** no {{scheduleStartDate}} līdz {{scheduleEndDate}}. Reģistrējiet darba devēja un klienta saskaņojumu.',
      ),
      ...(v.minor
        ? [
            text(
              '**Mācību laiks, ar ko grafiks plānots:** {{lessonTimes}}\n\nDarbs plānots tikai ārpus mācību stundām. Ja skolēna stundu saraksts vai mācību statuss ir cits, izvēlieties "Lūgts veikt izmaiņas" → "Darba grafiku" un norādiet pareizo: grafiks tiks sastādīts no jauna.',
              { hideIf: '=lessonTimes = null' },
            ),
          ]
        : []),
      radio(
        'agreementOutcome',
        'Rezultāts',
        [
          ['AGREED', 'Saskaņots ar darba devēju un klientu'],
          ['CHANGE_REQUESTED', 'Lūgts veikt izmaiņas'],
        ],
        { required: true },
      ),
      group(
        'Saskaņojums',
        [
          checkbox('employerAgreed', 'Darba devējs saskaņoja norīkojumu un darba grafiku', { required: true }),
          checkbox(
            'clientAgreed',
            v.minor ? 'Klients un likumiskais pārstāvis iepazīstināti ar darba grafiku un to saskaņoja' : 'Klients iepazīstināts ar darba grafiku un to saskaņoja',
            { required: true },
          ),
          date('agreedOn', 'Saskaņošanas datums', { required: true }),
        ],
        { hideIf: '=agreementOutcome != "AGREED"' },
      ),
      group(
        'Izmaiņu lūgums',
        [
          select('changeRequestedBy', 'Kas lūdz izmaiņas?', {
            required: true,
            values: [
              ['EMPLOYER', 'Darba devējs'],
              ['CLIENT', v.minor ? 'Klients vai likumiskais pārstāvis' : 'Klients'],
              ['BOTH', 'Abi'],
            ],
          }),
          radio(
            'changeScope',
            'Ko mainīt?',
            [
              ['SCHEDULE', 'Darba grafiku'],
              ['WORK_PLACE', 'Darba vietu'],
            ],
            { required: true },
          ),
          textarea('changeReason', 'Izmaiņu pamatojums', { required: true, minLength: 5, maxLength: 2000 }),
        ],
        { hideIf: '=agreementOutcome != "CHANGE_REQUESTED"' },
      ),
      constraintsGroup(v, '=not(agreementOutcome = "CHANGE_REQUESTED" and changeScope = "SCHEDULE")'),
    ]),
    form(`${P}-confirm-hours`, [
      text(
        '### Nostrādātās stundas\nDarba devējs ziņoja par periodu {{hoursReport.periodFrom}}–{{hoursReport.periodTo}}: **{{hoursReport.totalHours}} h**.\n\nLīdz šim apstiprināts: {{hoursWorkedTotal}} h no {{sentencedHours}} h.',
      ),
      text('Šis ir **faktiski nostrādāto stundu apliecinājums** pēc grafika termiņa beigām.', { hideIf: '=hoursReport.isFinalCertification != true' }),
      table('Ziņojums pa dienām', '=hoursReport.entries', [
        ['date', 'Datums'],
        ['from', 'No'],
        ['to', 'Līdz'],
        ['hours', 'Stundas'],
        ['note', 'Piezīme'],
      ]),
      text('**Pārbaude:** dienas ir grafikā un likuma robežās.', { hideIf: '=hoursCheck.verdict != "OK"' }),
      text(
        '**Stundas ārpus grafika:** {{hoursCheck.beyondScheduleText}}\n\nApstipriniet tās tikai tad, ja esat pārliecinājies, ka klients šajās dienās tiešām strādāja (piemēram, sazinoties ar darba devēju).',
        { hideIf: '=hoursCheck.verdict != "NEEDS_CONFIRMATION"' },
      ),
      checkbox('beyondScheduleConfirmed', 'Apstiprinu stundas ārpus grafika', {
        required: true,
        hideIf: '=hoursCheck.verdict != "NEEDS_CONFIRMATION" or hoursDecision = "REJECTED"',
      }),
      radio(
        'hoursDecision',
        'Lēmums',
        [
          ['CONFIRMED', 'Apstiprināt, kā ziņots'],
          ['CORRECTED', 'Apstiprināt ar labojumu'],
          ['REJECTED', 'Noraidīt ziņojumu'],
        ],
        { required: true },
      ),
      number('confirmedHours', 'Apstiprinātās stundas', {
        required: true,
        min: 0.5,
        max: '=sentencedHours',
        increment: 0.5,
        decimalDigits: 1,
        hideIf: '=hoursDecision != "CORRECTED"',
      }),
      textarea('hoursDecisionNote', 'Pamatojums (tiks nosūtīts darba devējam, ja ziņojums noraidīts)', {
        required: true,
        minLength: 5,
        maxLength: 2000,
        hideIf: '=not(hoursDecision = "CORRECTED" or hoursDecision = "REJECTED")',
      }),
    ]),
    form(`${P}-evaluate-absence`, [
      text(
        '### Neierašanās vai patvaļīga darba vietas pamešana\nZiņojums: **{{absenceReport.kind}}**, {{absenceReport.date}}, ziņotājs: {{absenceReport.reportedBy}}.\n\n{{absenceReport.note}}\n\nLīdz šim izteikti brīdinājumi: **{{warningCount}}** (ierosināt aizstāšanu parasti pēc {{rules.warningsBeforeConversion}} brīdinājumiem).',
      ),
      textarea('clientExplanation', v.minor ? 'Klienta (un likumiskā pārstāvja) paskaidrojums' : 'Klienta paskaidrojums', { maxLength: 4000 }),
      radio(
        'absenceAssessment',
        'Vērtējums',
        [
          ['JUSTIFIED', 'Attaisnojošs iemesls — pārplānot grafiku'],
          ['WARNING', 'Izteikt brīdinājumu un pārplānot grafiku'],
          ['REQUEST_CONVERSION', `Atkārtota nepildīšana — ierosināt tiesai aizstāt ${measureWord}`],
        ],
        { required: true },
      ),
      textarea('absenceJustification', 'Pamatojums', { required: true, minLength: 10, maxLength: 4000 }),
    ]),
    form(`${P}-approve-conversion`, [
      text(
        `### Ierosinājums aizstāt ${measureWord}\nLieta **{{caseNumber}}**. Probācijas darbinieks ierosina vērsties tiesā. Brīdinājumi: **{{warningCount}}**, nostrādāts {{hoursWorkedTotal}} h no {{sentencedHours}} h.\n\nPamatojums: {{absenceJustification}}`,
      ),
      radio(
        'conversionApproval',
        'Lēmums',
        [
          ['APPROVED', 'Apstiprināt iesniegumu tiesai'],
          ['RETURNED', 'Neapstiprināt — izteikt brīdinājumu'],
        ],
        { required: true },
      ),
      textarea('conversionApprovalNote', 'Komentārs', { required: true, minLength: 5, maxLength: 2000, hideIf: '=conversionApproval != "RETURNED"' }),
    ]),
    form(`${P}-conversion-follow-up`, [
      text(
        '### Tiesas lēmums vēl nav saņemts\nIesniegums tiesai nosūtīts ({{conversionNoticeId}}). Noskaidrojiet lietas virzību tiesā.\n\nJa lēmums saņemts papīra formā, reģistrējiet to lietā: process turpināsies tāpat kā pēc lēmuma saņemšanas no TIS.',
      ),
      date('followUpOn', 'Saziņas datums', { required: true }),
      textarea('followUpNote', 'Ko noskaidrojāt', { required: true, minLength: 5, maxLength: 2000 }),
    ]),
    form(`${P}-client-submission`, [
      text(
        '### Klienta iesniegums (e-pakalpojums "Informācija VPD")\nVeids: **{{clientSubmission.type}}**, iesniegts {{clientSubmission.submittedAt}}.\n\n{{clientSubmission.text}}',
      ),
      checkbox('scheduleChangeNeeded', 'Iesniegums prasa pārplānot darba grafiku'),
      // A changed timetable or availability re-plans the remaining hours with the new constraints (issue 15).
      constraintsGroup(v, '=scheduleChangeNeeded != true'),
      checkbox('submissionReplyRequired', 'Nepieciešama atbilde klientam'),
      textarea('submissionReplyText', 'Atbilde klientam (tiks nosūtīta portālā un uz e-adresi)', {
        required: true,
        minLength: 5,
        maxLength: 4000,
        hideIf: '=submissionReplyRequired != true',
      }),
      textarea('submissionNote', 'Piezīmes lietā', { maxLength: 2000 }),
    ]),
    form(`${P}-employer-contact`, [
      text(
        '### Saziņa ar darba devēju\nDarba devējs: **{{employerName}}**. Grafikā {{scheduledHours}} h līdz {{scheduleEndDate}}; apstiprināts nostrādāts {{hoursWorkedTotal}} h.\n\nJa klients nav ieradies vai patvaļīgi pametis darba vietu, reģistrējiet neierašanos lietā: tās izvērtēšana sāksies atsevišķi.',
      ),
      date('contactOn', 'Saziņas datums', { required: true }),
      select('contactChannel', 'Saziņas veids', {
        required: true,
        values: [
          ['PHONE', 'Tālrunis'],
          ['E_SERVICE', 'E-pakalpojums'],
          ['E_MAIL', 'E-pasts'],
          ['VISIT', 'Klātienē'],
        ],
      }),
      radio(
        'scheduleCompliance',
        'Vai klients strādā saskaņā ar grafiku?',
        [
          ['YES', 'Jā'],
          ['PARTLY', 'Daļēji'],
          ['NO', 'Nē'],
        ],
        { required: true },
      ),
      textarea('contactNote', 'Saziņas saturs', { required: true, minLength: 5, maxLength: 4000 }),
    ]),
    form(`${P}-on-site-check`, [
      text('### Kontrole izpildes vietā\nPārbaudiet darba izpildi darba vietā. No šīm ziņām tiks sagatavots pārbaudes akts.'),
      date('inspectionOn', 'Pārbaudes datums', { required: true }),
      radio(
        'clientPresent',
        'Klients atradās darba vietā',
        [
          ['YES', 'Jā'],
          ['NO', 'Nē'],
        ],
        { required: true },
      ),
      checkbox('workMatchesAssignment', 'Veiktais darbs atbilst norīkojumam'),
      checkbox(
        'safetyConditionsOk',
        v.minor ? 'Darba apstākļi atbilst nepilngadīgo nodarbināšanas ierobežojumiem un darba drošības prasībām' : 'Darba drošības apstākļi ir atbilstoši',
      ),
      textfield('employerRepresentative', 'Darba devēja pārstāvis', { required: true, maxLength: 120 }),
      textarea('inspectionFindings', 'Konstatētais (akta saturs)', { required: true, minLength: 10, maxLength: 4000 }),
    ]),
    form(`${P}-review-possible-breach`, [
      text(
        '### Iespējams nepilngadīgo aizsardzības noteikumu pārkāpums\nDarba devējs ziņoja par nepilngadīgā darbu, kas pārsniedz Darba likumā noteiktos ierobežojumus. Ziņojums **{{breachCheck.reportId}}** automātiski noraidīts un nosūtīts atpakaļ darba devējam ar iemeslu.\n\n**Konstatēts:** {{breachCheck.breachText}}\n\nNoskaidrojiet, vai bērns vai pusaudzis tiešām strādāja šādi. Ja jā, norādiet darba devējam, ka tas nav pieļaujams, un pēc vajadzības informējiet Valsts darba inspekciju un likumisko pārstāvi.',
      ),
      radio(
        'breachAction',
        'Rīcība',
        [
          ['REPORT_ERROR', 'Kļūda ziņojumā — pārkāpuma nebija'],
          ['EMPLOYER_INSTRUCTED', 'Pārkāpums bija — darba devējs brīdināts un grafiks jāievēro'],
          ['INSPECTORATE_INFORMED', 'Pārkāpums bija — informēta Valsts darba inspekcija'],
        ],
        { required: true },
      ),
      textarea('breachNote', 'Ko noskaidrojāt un ko darījāt', { required: true, minLength: 10, maxLength: 4000 }),
    ]),
    form(`${P}-replan-problem`, [
      text(
        '### Grafiku neizdevās pārplānot\nIemesls: **{{scheduleProblem.reason}}** — {{scheduleProblem.message}}\n\nNeizvietotas stundas: {{scheduleProblem.unplacedHours}}. Mainiet nosacījumus un mēģiniet vēlreiz.',
      ),
      constraintsGroup(v),
      textarea('replanProblemNote', 'Ko mainījāt', { required: true, minLength: 5, maxLength: 2000 }),
    ]),
  ];
}

// ============================================================================================== process

export function buildWorkProcess(variant) {
  const v = VARIANTS[variant];
  const P = variant;
  const forms = Object.fromEntries(workForms(variant).map((f) => [f.id.slice(P.length + 1), f]));
  const m = new BpmnModel({ id: P, name: v.nameLv, documentation: `${v.description} Contract: docs/processes/community-service.md.` });

  for (const name of ['employer-appointment-proposed', 'hours-reported', 'absence-reported', 'client-submission', 'sentence-conversion-decided']) {
    m.message(name, '=caseId');
  }
  m.error('NO_WORK_PLACE_FOUND', 'Nav piemērotu darba vietu');
  m.error('WORK_PLACE_UNAVAILABLE', 'Darba vieta vairs nav pieejama');
  m.error('SCHEDULE_NOT_FEASIBLE', 'Grafiku nevar sastādīt');
  m.escalation('REPLAN_NEEDED', 'Jāpārplāno grafiks');
  m.escalation('SENTENCE_CONVERTED', v.convertedBoundaryName);
  m.escalation('MINOR_LIMITS_BREACH', 'Iespējams nepilngadīgo aizsardzības pārkāpums');

  const notifyClient = (type) => [
    ['notificationType', type],
    ['notifyLegalRepresentative', v.minor ? '=true' : '=false'],
  ];
  const commonIo = [
    ['caseId', '=caseId'],
    ['caseNumber', '=caseNumber'],
    ['clientId', '=clientId'],
    ['departmentCode', '=departmentCode'],
    ['reminderBeforeDue', '=rules.reminderBeforeDue'],
    ['escalationAfterDue', '=rules.escalationAfterDue'],
  ];

  // ------------------------------------------------------------------------------------------ main plane
  const y = 200;
  m.add({ kind: 'startEvent', id: 'RulingReceived', name: v.startName, at: [90, y] });
  m.add({
    kind: 'scriptTask',
    id: 'DetermineRules',
    name: 'Noteikt termiņus un paziņojumu adresātu',
    at: [210, y], w: 130, h: 96,
    expression: rulesExpression(v),
    resultVariable: 'rules',
    doc: 'Defaults for every due date and timer, merged with the optional start variable rulesOverride; noticeTarget = TIS or PROIS.',
  });
  serviceTask(m, { id: 'OpenExecution', name: 'Sagatavot izpildes uzsākšanas dokumentus', at: [370, y], w: 130, h: 96, jobType: `${P}.open-execution` });
  m.add({
    kind: 'callActivity',
    id: 'LookupRegisters',
    name: 'Pieprasīt un pārskatīt reģistru datus',
    at: [530, y], w: 130, h: 96,
    calledProcess: 'shared-register-lookup',
    inputs: [...commonIo, ['purpose', `="${v.purpose}"`], ['reviewDue', '=rules.due.registerReview']],
    outputs: [
      ['registerSummary', '=registerSummary'],
      ['registerReviewDecision', '=registerReviewDecision'],
      ['educationExtract', '=educationExtract'],
      ['disabilityExtract', '=disabilityExtract'],
    ],
  });
  m.add({
    kind: 'subProcess',
    id: 'Planning',
    name: 'Darba vietas izvēle un grafika saskaņošana',
    at: [690, y],
    w: 130,
    h: 96,
    collapsed: true,
    doc:
      "000 §3.1.1 steps 3–5: choose the work place (municipalities' priority jobs weighed against criminal record, education, skills, health and age), agree with the employer where and when the client (adults: and the officer) comes, prepare the norīkojums and darba grafiks and agree them with the employer and the client.",
  });
  m.add({
    kind: 'callActivity',
    id: 'NotifyCourtStarted',
    name: v.minor ? 'Paziņot tiesai par izpildes uzsākšanu' : 'Paziņot tiesai/ prokuratūrai par uzsākšanu',
    at: [850, y], w: 130, h: 96,
    calledProcess: 'shared-notify-court',
    inputs: [
      ...commonIo,
      ['rulingId', '=rulingId'],
      ['noticeTarget', '=rules.noticeTarget'],
      ['noticeType', '="EXECUTION_STARTED"'],
      ['noticeKey', '=caseId + ":EXECUTION_STARTED"'],
      ['fixDue', '=rules.due.noticeFix'],
    ],
    outputs: [
      ['startNoticeId', '=noticeId'],
      ['startNoticeStatus', '=noticeStatus'],
    ],
  });
  serviceTask(m, {
    id: 'NotifyClientStarted',
    name: 'Paziņot klientam par uzsākšanu',
    at: [1010, y], w: 130, h: 96,
    jobType: 'shared.notify-client',
    inputs: notifyClient('="EXECUTION_STARTED"'),
  });
  serviceTask(m, { id: 'StartExecution', name: 'Uzsākt izpildes kontroli', at: [1170, y], w: 130, h: 96, jobType: `${P}.start-execution` });
  m.add({
    kind: 'subProcess',
    id: 'Execution',
    doc: '000 §3.1.1 step 6: execution control documented in PLUS. Hours reported by the employer are confirmed and booked in the ledger until all hours are worked; absences, client submissions, periodic employer contact and on-site checks run in event subprocesses; a conversion decided by the court ends the execution (escalation SENTENCE_CONVERTED).',
    name: 'Izpilde un kontrole',
    at: [1330, y], w: 130, h: 96,
    collapsed: true,
    outputs: [['caseOutcome', '="COMPLETED"']],
  });
  m.boundary({
    id: 'SentenceConverted',
    name: v.convertedBoundaryName,
    attachedTo: 'Execution',
    offset: 0,
    escalationCode: 'SENTENCE_CONVERTED',
    labelPos: [-60, 24],
    labelWidth: 80,
    outputs: [['caseOutcome', '="CONVERTED"']],
  });
  m.add({
    kind: 'callActivity',
    id: 'NotifyCourtCompleted',
    name: v.minor ? 'Paziņot tiesai par izpildi' : 'Paziņot tiesai/ prokuratūrai par izpildi',
    at: [1490, y], w: 130, h: 96,
    calledProcess: 'shared-notify-court',
    inputs: [
      ...commonIo,
      ['rulingId', '=rulingId'],
      ['noticeTarget', '=rules.noticeTarget'],
      ['noticeType', '="EXECUTION_COMPLETED"'],
      ['noticeKey', '=caseId + ":EXECUTION_COMPLETED"'],
      ['fixDue', '=rules.due.noticeFix'],
    ],
    outputs: [
      ['completionNoticeId', '=noticeId'],
      ['completionNoticeStatus', '=noticeStatus'],
    ],
  });
  m.add({ kind: 'exclusiveGateway', id: 'OutcomeJoin', at: [1620, y] });
  serviceTask(m, { id: 'EndPlacement', name: 'Noslēgt darbu pie darba devēja', at: [1740, y], w: 130, h: 96, jobType: `${P}.end-placement` });
  serviceTask(m, {
    id: 'NotifyClientOutcome',
    name: 'Paziņot klientam par iznākumu',
    at: [1900, y], w: 130, h: 96,
    jobType: 'shared.notify-client',
    inputs: notifyClient('=if caseOutcome = "CONVERTED" then "SENTENCE_CONVERTED" else "EXECUTION_COMPLETED"'),
  });
  m.add({
    kind: 'callActivity',
    id: 'CloseCase',
    name: 'Slēgt lietu',
    at: [2060, y], w: 130, h: 96,
    calledProcess: 'shared-close-case',
    inputs: [...commonIo, ['caseOutcome', '=caseOutcome'], ['closureDue', '=rules.due.closure']],
    outputs: [['closedAt', '=closedAt']],
  });
  m.add({ kind: 'exclusiveGateway', id: 'OutcomeGateway', name: 'Iznākums?', at: [2200, y] });
  m.add({ kind: 'endEvent', id: 'ExecutionCompleted', name: v.completedName, at: [2310, y] });
  m.add({ kind: 'endEvent', id: 'ExecutionConverted', name: v.convertedName, at: [2310, 330] });

  for (const [a, b] of [
    ['RulingReceived', 'DetermineRules'],
    ['DetermineRules', 'OpenExecution'],
    ['OpenExecution', 'LookupRegisters'],
    ['LookupRegisters', 'Planning'],
    ['Planning', 'NotifyCourtStarted'],
    ['NotifyCourtStarted', 'NotifyClientStarted'],
    ['NotifyClientStarted', 'StartExecution'],
    ['StartExecution', 'Execution'],
    ['Execution', 'NotifyCourtCompleted'],
    ['NotifyCourtCompleted', 'OutcomeJoin'],
    ['OutcomeJoin', 'EndPlacement'],
    ['EndPlacement', 'NotifyClientOutcome'],
    ['NotifyClientOutcome', 'CloseCase'],
    ['CloseCase', 'OutcomeGateway'],
  ]) {
    m.flow(a, b);
  }
  m.flow('SentenceConverted', 'OutcomeJoin', { entry: 'bottom', laneY: 330 });
  m.flow('OutcomeGateway', 'ExecutionCompleted', { name: 'Izpildīts', condition: '=caseOutcome = "COMPLETED"' });
  m.flow('OutcomeGateway', 'ExecutionConverted', { name: 'Aizstāts', exit: 'bottom', condition: '=caseOutcome = "CONVERTED"', label: [6, 40] });

  buildPlanning(m, v, P, forms, notifyClient);
  buildExecution(m, v, P, forms, notifyClient, commonIo);
  return { model: m, meta: v };
}

// ============================================================================================== planning plane

function buildPlanning(m, v, P, forms, notifyClient) {
  const S = 'Planning';
  const y = 420;
  m.add({ kind: 'startEvent', id: 'PlanningStarted', name: 'Plānošana sākta', parent: S, at: [100, y] });
  m.add({ kind: 'exclusiveGateway', id: 'MatchAgainJoin', parent: S, at: [190, y] });
  serviceTask(m, {
    id: 'ProposeWorkPlaces',
    name: 'Piedāvāt piemērotas darba vietas',
    parent: S,
    at: [310, y],
    jobType: `${P}.propose-work-places`,
    inputs: [
      ['limitsProfile', `="${v.limitsProfile}"`],
      ['excludedWorkPlaceIds', '=get or else(excludedWorkPlaceIds, [])'],
    ],
    doc: 'Ranks the work places of the department: municipalities\' priority jobs first, weighed against the client\'s criminal record, education, skills, health and age (000 §3.1.1).',
  });
  m.boundary({
    id: 'NoWorkPlaceFound',
    name: 'Nav piemērotu vietu',
    attachedTo: 'ProposeWorkPlaces',
    offset: 25,
    errorCode: 'NO_WORK_PLACE_FOUND',
    labelPos: [-70, 22],
    labelWidth: 80,
    outputs: [
      ['workPlaceProposals', '=[]'],
      ['workPlaceOptions', '=[]'],
      ['otherWorkPlaceOptions', '=get or else(otherWorkPlaceOptions, [])'],
      ['proposalProblem', '=get or else(proposalProblem, "NO_WORK_PLACE_FOUND")'],
    ],
  });
  m.add({ kind: 'exclusiveGateway', id: 'ProposalsJoin', parent: S, at: [440, y] });
  userTask(m, {
    id: 'SelectWorkPlace',
    name: 'Izvēlēties darba vietu',
    parent: S,
    at: [590, y],
    form: forms['select-work-place'],
    deadlines: dl('selectWorkPlace'),
  });
  serviceTask(m, {
    id: 'ReserveWorkPlace',
    name: 'Rezervēt darba vietu',
    parent: S,
    at: [770, y],
    jobType: `${P}.reserve-work-place`,
    inputs: [['workPlaceId', '=if selectionOverridden = true then overrideWorkPlaceId else selectedWorkPlaceId']],
  });
  m.boundary({
    id: 'WorkPlaceTaken',
    name: 'Vieta vairs nav pieejama',
    attachedTo: 'ReserveWorkPlace',
    side: 'top',
    offset: 0,
    errorCode: 'WORK_PLACE_UNAVAILABLE',
    labelPos: [-62, -34],
    labelWidth: 90,
    outputs: [['excludedWorkPlaceIds', '=excludedWorkPlaceIds']],
  });
  const appointmentOutputs = [
    [
      'appointment',
      v.minor
        ? '={at: appointmentAt, place: appointmentPlace, contactPerson: employerContactPerson, contactPhone: employerContactPhone, officerAttends: false, legalRepresentativeAttends: legalRepresentativeAttends, note: appointmentNote, source: "OFFICER"}'
        : '={at: appointmentAt, place: appointmentPlace, contactPerson: employerContactPerson, contactPhone: employerContactPhone, officerAttends: officerAttends, note: appointmentNote, source: "OFFICER"}',
    ],
  ];
  userTask(m, {
    id: 'ArrangeAppointment',
    name: v.minor ? 'Vienoties, kad klients ieradīsies' : 'Vienoties par tikšanos pie darba devēja',
    parent: S,
    at: [950, y],
    form: forms.appointment,
    deadlines: dl('appointment'),
    extraOutputs: appointmentOutputs,
  });
  m.boundary({
    id: 'EmployerProposedAppointment',
    name: 'Darba devējs piedāvā laiku (e-pakalpojums)',
    attachedTo: 'ArrangeAppointment',
    side: 'top',
    offset: 25,
    message: 'employer-appointment-proposed',
    labelPos: [-75, -44],
    labelWidth: 120,
    outputs: [
      [
        'appointment',
        `={at: appointmentProposal.appointmentAt, place: appointmentProposal.place, contactPerson: appointmentProposal.contactPerson, contactPhone: appointmentProposal.contactPhone, officerAttends: ${v.minor ? 'false' : 'true'}, note: appointmentProposal.note, source: "E_SERVICE", proposalId: appointmentProposal.proposalId}`,
      ],
    ],
  });
  m.add({ kind: 'exclusiveGateway', id: 'AppointmentJoin', parent: S, at: [1100, y] });
  serviceTask(m, { id: 'RecordAppointment', name: 'Reģistrēt tikšanos', parent: S, at: [1220, y], jobType: `${P}.record-appointment` });
  serviceTask(m, {
    id: 'NotifyClientAppointment',
    name: 'Paziņot klientam par tikšanos',
    parent: S,
    at: [1360, y],
    jobType: 'shared.notify-client',
    inputs: notifyClient('="APPOINTMENT"'),
  });
  m.add({ kind: 'exclusiveGateway', id: 'ScheduleAgainJoin', parent: S, at: [1480, y] });
  serviceTask(m, {
    id: 'GenerateSchedule',
    name: 'Sagatavot darba grafiku',
    parent: S,
    at: [1620, y],
    jobType: `${P}.generate-schedule`,
    inputs: [
      ['limitsProfile', `="${v.limitsProfile}"`],
      ['measure', v.measure],
    ],
    doc: v.minor
      ? 'Darba grafiks within the labour-protection limits for minors (domain/work-schedule, limitsProfile MINOR: child/adolescent profiles from the birth date and school calendar).'
      : 'Darba grafiks within the Sentence Execution Code limits (domain/work-schedule, limitsProfile ADULT; minors\' limits still apply to dates before the 18th birthday).',
  });
  m.boundary({
    id: 'ScheduleNotFeasible',
    name: 'Grafiku nevar sastādīt',
    attachedTo: 'GenerateSchedule',
    offset: 0,
    errorCode: 'SCHEDULE_NOT_FEASIBLE',
    labelPos: [62, 20],
    labelWidth: 80,
    outputs: [['scheduleProblem', '=scheduleProblem']],
  });
  serviceTask(m, {
    id: 'GenerateDocuments',
    name: 'Sagatavot norīkojumu un darba grafiku',
    parent: S,
    at: [1770, y],
    jobType: `${P}.generate-documents`,
  });
  userTask(m, {
    id: 'RecordAgreement',
    name: 'Reģistrēt grafika saskaņojumu',
    parent: S,
    at: [1940, y],
    form: forms['schedule-agreement'],
    deadlines: dl('agreement'),
    keepPrefill: ['scheduleConstraints'],
  });
  m.add({ kind: 'exclusiveGateway', id: 'AgreementGateway', name: 'Saskaņots?', parent: S, at: [2100, y] });
  m.add({ kind: 'endEvent', id: 'PlanningDone', name: 'Norīkojums un grafiks saskaņoti', parent: S, at: [2220, y] });
  userTask(m, {
    id: 'ResolveScheduleProblem',
    name: 'Risināt grafika problēmu',
    parent: S,
    at: [1620, 820],
    form: forms['schedule-problem'],
    deadlines: dl('scheduleProblem'),
    keepPrefill: ['scheduleConstraints'],
  });
  m.add({ kind: 'exclusiveGateway', id: 'ChangeScope', name: 'Ko mainīt?', parent: S, at: [1790, 820], labelPos: [-70, -30] });
  serviceTask(m, {
    id: 'ReleaseWorkPlace',
    name: 'Atbrīvot rezervēto darba vietu',
    parent: S,
    at: [700, 1170],
    jobType: `${P}.release-work-place`,
  });

  m.flow('PlanningStarted', 'MatchAgainJoin');
  m.flow('MatchAgainJoin', 'ProposeWorkPlaces');
  m.flow('ProposeWorkPlaces', 'ProposalsJoin');
  m.flow('NoWorkPlaceFound', 'ProposalsJoin', { entry: 'bottom', laneY: 520 });
  m.flow('ProposalsJoin', 'SelectWorkPlace');
  m.flow('SelectWorkPlace', 'ReserveWorkPlace');
  m.flow('ReserveWorkPlace', 'ArrangeAppointment');
  m.flow('WorkPlaceTaken', 'MatchAgainJoin', { entry: 'top', laneY: 320 });
  m.flow('ArrangeAppointment', 'AppointmentJoin');
  m.flow('EmployerProposedAppointment', 'AppointmentJoin', { entry: 'top', laneY: 335 });
  m.flow('AppointmentJoin', 'RecordAppointment');
  m.flow('RecordAppointment', 'NotifyClientAppointment');
  m.flow('NotifyClientAppointment', 'ScheduleAgainJoin');
  m.flow('ScheduleAgainJoin', 'GenerateSchedule');
  m.flow('GenerateSchedule', 'GenerateDocuments');
  m.flow('ScheduleNotFeasible', 'ResolveScheduleProblem', { entry: 'top' });
  m.flow('GenerateDocuments', 'RecordAgreement');
  m.flow('RecordAgreement', 'AgreementGateway');
  m.flow('AgreementGateway', 'PlanningDone', { name: 'Jā', condition: '=agreementOutcome = "AGREED"' });
  m.flow('AgreementGateway', 'ChangeScope', {
    name: 'Lūgtas izmaiņas',
    exit: 'bottom',
    entry: 'top',
    via: [
      [2100, 760],
      [1790, 760],
    ],
    condition: '=agreementOutcome = "CHANGE_REQUESTED"',
    label: [8, 40],
    labelWidth: 60,
  });
  m.flow('ResolveScheduleProblem', 'ChangeScope');
  m.flow('ChangeScope', 'ScheduleAgainJoin', {
    name: 'Grafika nosacījumi',
    exit: 'bottom',
    entry: 'bottom',
    via: [
      [1790, 1130],
      [1480, 1130],
    ],
    condition: '=changeScope = "SCHEDULE"',
    label: [-110, 270],
    labelWidth: 100,
  });
  m.flow('ChangeScope', 'ReleaseWorkPlace', {
    name: 'Darba vieta',
    exit: 'right',
    entry: 'right',
    via: [
      [1860, 820],
      [1860, 1170],
    ],
    condition: '=changeScope = "WORK_PLACE"',
    label: [8, -20],
  });
  m.flow('ReleaseWorkPlace', 'MatchAgainJoin', { exit: 'left', entry: 'bottom', via: [[190, 1170]] });
}

// ============================================================================================== execution plane

function buildExecution(m, v, P, forms, notifyClient, commonIo) {
  const S = 'Execution';
  // ---------------------------------------------------------------- main: hours reported → checked → confirmed → ledger
  const y = 220;
  m.add({ kind: 'startEvent', id: 'ExecutionStarted', name: 'Izpilde uzsākta', parent: S, at: [100, y] });
  m.add({ kind: 'exclusiveGateway', id: 'HoursLoopJoin', parent: S, at: [190, y] });
  m.add({
    kind: 'intermediateCatchEvent',
    id: 'HoursReported',
    name: 'Saņemts stundu ziņojums',
    labelWidth: 84,
    parent: S,
    at: [290, y],
    message: 'hours-reported',
  });
  serviceTask(m, {
    id: 'CheckHoursReport',
    name: 'Pārbaudīt ziņojumu (likums, grafiks)',
    parent: S,
    at: [430, y],
    jobType: `${P}.check-hours-report`,
    inputs: [['reportCheckedOn', '=string(today())']],
    doc: "Issue 15: impossible entries (over 24 h, before the placement, in the future, already reported, overlapping) and a minor's days beyond the Labour Law's limits (day, week, night, weekend, lessons) are refused back to the employer; an adult's days beyond the schedule need the officer's explicit confirmation. Output hoursCheck {verdict: OK | NEEDS_CONFIRMATION | REFUSED, refusalText, possibleMinorBreach, breachText, beyondScheduleText}.",
  });
  m.add({ kind: 'exclusiveGateway', id: 'ReportValid', name: 'Ziņojums pieņemams?', parent: S, at: [570, y], labelPos: [-52, 46], labelWidth: 80 });
  userTask(m, {
    id: 'ConfirmHours',
    name: 'Apstiprināt nostrādātās stundas',
    parent: S,
    at: [710, y],
    form: forms['confirm-hours'],
    deadlines: dl('confirmHours'),
  });
  m.add({ kind: 'exclusiveGateway', id: 'HoursAccepted', name: 'Apstiprinātas?', parent: S, at: [870, y], labelPos: [0, 56], labelWidth: 90 });
  serviceTask(m, {
    id: 'RecordHours',
    name: 'Ierakstīt stundas uzskaitē',
    parent: S,
    at: [1000, y],
    jobType: `${P}.record-hours`,
    inputs: [['hoursToRecord', '=if hoursDecision = "CORRECTED" then confirmedHours else hoursReport.totalHours']],
  });
  m.add({ kind: 'exclusiveGateway', id: 'AllHoursWorked', name: 'Visas stundas nostrādātas?', parent: S, at: [1140, y] });
  m.add({ kind: 'endEvent', id: 'AllHoursDone', name: 'Visas stundas nostrādātas', parent: S, at: [1260, y] });
  // refused (by the check or by the officer): possible breach → officer's review in parallel; employer told why
  m.add({ kind: 'exclusiveGateway', id: 'PossibleBreach', name: 'Iespējams pārkāpums?', parent: S, at: [570, 100], labelPos: [62, -30], labelWidth: 90 });
  m.add({
    kind: 'intermediateThrowEvent',
    id: 'ReportPossibleBreach',
    name: 'Informēt par iespējamu pārkāpumu',
    labelWidth: 90,
    parent: S,
    at: [450, 100],
    escalationCode: 'MINOR_LIMITS_BREACH',
  });
  m.add({ kind: 'exclusiveGateway', id: 'RejectedJoin', parent: S, at: [340, 100] });
  serviceTask(m, {
    id: 'InformEmployerRejected',
    name: 'Informēt darba devēju par noraidījumu',
    parent: S,
    at: [190, 100],
    jobType: 'shared.notify-employer',
    inputs: [
      ['notificationType', '="HOURS_REPORT_REJECTED"'],
      [
        'hoursDecisionNote',
        '=if hoursCheck != null and hoursCheck.verdict = "REFUSED" then hoursCheck.refusalText ' +
          'else if hoursDecision != "REJECTED" then "stundas ārpus grafika netika apstiprinātas: " + hoursCheck.beyondScheduleText + " Sazinieties ar probācijas darbinieku." ' +
          'else hoursDecisionNote',
      ],
    ],
  });
  m.flow('ExecutionStarted', 'HoursLoopJoin');
  m.flow('HoursLoopJoin', 'HoursReported');
  m.flow('HoursReported', 'CheckHoursReport');
  m.flow('CheckHoursReport', 'ReportValid');
  m.flow('ReportValid', 'ConfirmHours', { name: 'Jā', condition: '=hoursCheck.verdict != "REFUSED"' });
  m.flow('ReportValid', 'PossibleBreach', { name: 'Nē', exit: 'top', entry: 'bottom', condition: '=hoursCheck.verdict = "REFUSED"', label: [6, -40] });
  m.flow('ConfirmHours', 'HoursAccepted');
  // Days beyond the schedule are booked only with the officer's explicit confirmation (the form asks for it; a
  // completion without it through the API is taken as a refusal and the employer is told why).
  const accepted = '(hoursDecision != "REJECTED" and (hoursCheck = null or hoursCheck.verdict != "NEEDS_CONFIRMATION" or beyondScheduleConfirmed = true))';
  m.flow('HoursAccepted', 'RecordHours', { name: 'Jā', condition: `=${accepted}` });
  m.flow('HoursAccepted', 'PossibleBreach', { name: 'Nē', exit: 'top', entry: 'right', condition: `=not${accepted}`, label: [6, -40] });
  m.flow('PossibleBreach', 'ReportPossibleBreach', { name: 'Jā', exit: 'left', entry: 'right', condition: '=hoursCheck.verdict = "REFUSED" and hoursCheck.possibleMinorBreach = true' });
  m.flow('PossibleBreach', 'RejectedJoin', {
    name: 'Nē',
    exit: 'top',
    entry: 'top',
    laneY: 40,
    condition: '=not(hoursCheck.verdict = "REFUSED" and hoursCheck.possibleMinorBreach = true)',
    label: [-60, -62],
  });
  m.flow('ReportPossibleBreach', 'RejectedJoin', { exit: 'left', entry: 'right' });
  m.flow('RejectedJoin', 'InformEmployerRejected', { exit: 'left', entry: 'right' });
  m.flow('InformEmployerRejected', 'HoursLoopJoin', { exit: 'bottom', entry: 'top' });
  m.flow('RecordHours', 'AllHoursWorked');
  m.flow('AllHoursWorked', 'AllHoursDone', { name: 'Jā', condition: '=allHoursWorked = true' });
  m.flow('AllHoursWorked', 'HoursLoopJoin', {
    name: 'Nē',
    exit: 'bottom',
    entry: 'bottom',
    laneY: 520,
    condition: '=allHoursWorked != true',
    label: [6, 6],
  });

  // ---------------------------------------------------------------- ESP A: absence → evaluate → warning / replan / conversion
  const A = 'NonCompliance';
  const ax = 40;
  const ay = 560;
  const c = (i) => ax + 80 + i * 170;
  const r0 = ay + 55;
  const r1 = ay + 150;
  const r2 = r1 + 330;
  const r3 = r2 + 190;
  m.add({
    kind: 'subProcess',
    id: A,
    doc: 'Employer reports a no-show or leaving without permission (e-service 4 (f)), or the officer registers one found during control. Officer evaluates: justified → re-plan; warning → warning by e-adrese, re-plan; repeated non-compliance → department head approves → request to the court to convert the sentence/measure, wait for the decision.',
    name: 'Neierašanās vai patvaļīga darba vietas pamešana',
    parent: S,
    triggeredByEvent: true,
    box: [ax, ay, c(9) + 80 - ax, r3 + 300 - ay],
    inputs: [
      'absenceReport',
      'clientExplanation',
      'absenceAssessment',
      'absenceJustification',
      'conversionApproval',
      'conversionApprovalNote',
      'conversionNoticeId',
      'conversionDecision',
      'followUpOn',
      'followUpNote',
    ].map((k) => [k, '=null']),
  });
  m.add({
    kind: 'startEvent',
    id: 'AbsenceReported',
    name: 'Ziņots par neierašanos vai aiziešanu',
    labelWidth: 84,
    parent: A,
    at: [c(0), r1],
    interrupting: false,
    message: 'absence-reported',
    outputs: [['absenceReport', '=absenceReport']],
  });
  userTask(m, {
    id: 'EvaluateAbsence',
    name: 'Izvērtēt neierašanos',
    parent: A,
    at: [c(1), r1],
    form: forms['evaluate-absence'],
    deadlines: dl('evaluateAbsence'),
  });
  m.add({ kind: 'exclusiveGateway', id: 'AbsenceAssessment', name: 'Vērtējums?', parent: A, at: [c(2), r1], labelPos: [-60, -30] });
  m.add({ kind: 'exclusiveGateway', id: 'WarningJoin', parent: A, at: [c(4), r1] });
  serviceTask(m, {
    id: 'IssueWarning',
    name: 'Izteikt brīdinājumu',
    parent: A,
    at: [c(5), r1],
    jobType: `${P}.issue-warning`,
    inputs: [['notifyLegalRepresentative', v.minor ? '=true' : '=false']],
  });
  m.add({ kind: 'exclusiveGateway', id: 'ReplanJoin', parent: A, at: [c(7), r1] });
  m.add({ kind: 'intermediateThrowEvent', id: 'RequestReplanAfterAbsence', name: 'Jāpārplāno grafiks', parent: A, at: [c(8), r1], escalationCode: 'REPLAN_NEEDED' });
  m.add({ kind: 'endEvent', id: 'AbsenceHandled', name: 'Neierašanās izskatīta', parent: A, at: [c(9), r1] });
  userTask(m, {
    id: 'ApproveConversion',
    name: 'Apstiprināt aizstāšanas ierosinājumu',
    parent: A,
    at: [c(3), r2],
    role: 'supervisor',
    form: forms['approve-conversion'],
    deadlines: dl('approveConversion'),
  });
  m.add({ kind: 'exclusiveGateway', id: 'ConversionApproved', name: 'Apstiprināts?', parent: A, at: [c(4), r2], labelPos: [58, 30] });
  m.add({
    kind: 'callActivity',
    id: 'RequestConversion',
    name: v.requestConversionName,
    parent: A,
    at: [c(5), r2],
    w: 130,
    h: 90,
    calledProcess: 'shared-notify-court',
    inputs: [
      ...commonIo,
      ['rulingId', '=rulingId'],
      ['noticeTarget', '="TIS"'],
      ['noticeType', `="${v.conversionNoticeType}"`],
      ['noticeKey', `=caseId + ":${v.conversionNoticeType}:" + string(absenceReport.reportId)`],
      ['fixDue', '=rules.due.noticeFix'],
    ],
    outputs: [['conversionNoticeId', '=noticeId']],
  });
  m.add({
    kind: 'receiveTask',
    id: 'AwaitConversionDecision',
    name: 'Saņemt tiesas lēmumu',
    parent: A,
    at: [c(6), r2],
    message: 'sentence-conversion-decided',
    outputs: [['conversionDecision', '=conversionDecision']],
  });
  m.boundary({
    id: 'DecisionOverdue',
    name: 'Lēmums nav saņemts',
    attachedTo: 'AwaitConversionDecision',
    cancelActivity: false,
    offset: 0,
    timer: { cycle: '="R/" + rules.conversionDecisionFollowUpEvery' },
    labelPos: [-62, 20],
    labelWidth: 70,
  });
  userTask(m, {
    id: 'FollowUpConversion',
    name: 'Noskaidrot tiesas lēmuma virzību',
    parent: A,
    at: [c(6), r3],
    form: forms['conversion-follow-up'],
    deadlines: dl('conversionFollowUp'),
  });
  m.add({ kind: 'endEvent', id: 'FollowUpDone', name: 'Virzība noskaidrota', parent: A, at: [c(7) + 40, r3] });
  m.add({ kind: 'exclusiveGateway', id: 'DecisionGateway', name: 'Tiesas lēmums?', parent: A, at: [c(7), r2], labelPos: [62, 30] });
  m.add({ kind: 'endEvent', id: 'Converted', name: v.convertedBoundaryName, parent: A, at: [c(8), r2], escalationCode: 'SENTENCE_CONVERTED' });

  m.flow('AbsenceReported', 'EvaluateAbsence');
  m.flow('EvaluateAbsence', 'AbsenceAssessment');
  m.flow('AbsenceAssessment', 'WarningJoin', { name: 'Brīdinājums', condition: '=absenceAssessment = "WARNING"' });
  m.flow('AbsenceAssessment', 'ReplanJoin', {
    name: 'Attaisnots',
    exit: 'top',
    entry: 'top',
    laneY: r0,
    condition: '=absenceAssessment = "JUSTIFIED"',
    label: [8, -50],
  });
  m.flow('AbsenceAssessment', 'ApproveConversion', {
    name: 'Ierosināt aizstāšanu',
    exit: 'bottom',
    condition: '=absenceAssessment = "REQUEST_CONVERSION"',
    label: [8, 200],
    labelWidth: 70,
  });
  m.flow('WarningJoin', 'IssueWarning');
  m.flow('IssueWarning', 'ReplanJoin');
  m.flow('ReplanJoin', 'RequestReplanAfterAbsence');
  m.flow('RequestReplanAfterAbsence', 'AbsenceHandled');
  m.flow('ApproveConversion', 'ConversionApproved');
  m.flow('ConversionApproved', 'RequestConversion', { name: 'Jā', condition: '=conversionApproval = "APPROVED"' });
  m.flow('ConversionApproved', 'WarningJoin', { name: 'Nē', exit: 'top', entry: 'bottom', condition: '=conversionApproval = "RETURNED"', label: [8, -60] });
  m.flow('RequestConversion', 'AwaitConversionDecision');
  m.flow('AwaitConversionDecision', 'DecisionGateway');
  m.flow('DecisionOverdue', 'FollowUpConversion', { entry: 'top' });
  m.flow('FollowUpConversion', 'FollowUpDone');
  m.flow('DecisionGateway', 'Converted', { name: 'Aizstāts', condition: '=conversionDecision.decision = "CONVERTED"' });
  m.flow('DecisionGateway', 'ReplanJoin', {
    name: 'Nav aizstāts',
    exit: 'top',
    entry: 'bottom',
    condition: '=conversionDecision.decision != "CONVERTED"',
    label: [8, -90],
  });

  // ---------------------------------------------------------------- ESP B: client submission
  const B = 'ClientSubmissionHandling';
  const bx = 40;
  const by = r3 + 340;
  const cb = (i) => bx + 80 + i * 150;
  const b0 = by + 50;
  const b1 = by + 130;
  m.add({
    kind: 'subProcess',
    id: B,
    doc: 'Client submits information through the e-service "Informācija VPD" (e-service 3); the officer processes it, replies through the portal and e-adrese when needed, and asks for a re-plan if the schedule must change.',
    name: 'Klienta iesniegums (e-pakalpojums "Informācija VPD")',
    parent: S,
    triggeredByEvent: true,
    box: [bx, by, cb(7) + 70 - bx, 420],
    inputs: ['clientSubmission', 'scheduleChangeNeeded', 'submissionReplyRequired', 'submissionReplyText', 'submissionNote'].map((k) => [k, '=null']),
  });
  m.add({
    kind: 'startEvent',
    id: 'ClientSubmitted',
    name: 'Klients iesniedz informāciju',
    labelWidth: 84,
    parent: B,
    at: [cb(0), b1],
    interrupting: false,
    message: 'client-submission',
    outputs: [['clientSubmission', '=clientSubmission']],
  });
  userTask(m, {
    id: 'ReviewClientSubmission',
    name: 'Izskatīt klienta iesniegumu',
    parent: B,
    at: [cb(1), b1],
    form: forms['client-submission'],
    deadlines: dl('clientSubmission'),
    keepPrefill: ['scheduleConstraints'],
  });
  m.add({ kind: 'exclusiveGateway', id: 'ReplyNeeded', name: 'Jāatbild?', parent: B, at: [cb(2), b1], labelPos: [-52, -30] });
  serviceTask(m, {
    id: 'ReplyToClient',
    name: 'Nosūtīt atbildi klientam',
    parent: B,
    at: [cb(3), b1],
    jobType: 'shared.notify-client',
    inputs: notifyClient('="SUBMISSION_REPLY"'),
  });
  m.add({ kind: 'exclusiveGateway', id: 'ReplyJoin', parent: B, at: [cb(4), b1] });
  m.add({ kind: 'exclusiveGateway', id: 'ScheduleChangeGateway', name: 'Jāpārplāno grafiks?', parent: B, at: [cb(5), b1], labelPos: [0, -36] });
  m.add({ kind: 'intermediateThrowEvent', id: 'RequestReplanAfterSubmission', name: 'Jāpārplāno grafiks', parent: B, at: [cb(6), b1], escalationCode: 'REPLAN_NEEDED' });
  m.add({ kind: 'endEvent', id: 'SubmissionHandled', name: 'Iesniegums izskatīts', parent: B, at: [cb(7), b1] });
  m.add({ kind: 'endEvent', id: 'SubmissionNoted', name: 'Iesniegums izskatīts', parent: B, at: [cb(7), b1 + 110] });
  m.flow('ClientSubmitted', 'ReviewClientSubmission');
  m.flow('ReviewClientSubmission', 'ReplyNeeded');
  m.flow('ReplyNeeded', 'ReplyToClient', { name: 'Jā', condition: '=submissionReplyRequired = true' });
  m.flow('ReplyNeeded', 'ReplyJoin', { name: 'Nē', exit: 'top', entry: 'top', laneY: b0, condition: '=submissionReplyRequired != true', label: [8, -40] });
  m.flow('ReplyToClient', 'ReplyJoin');
  m.flow('ReplyJoin', 'ScheduleChangeGateway');
  m.flow('ScheduleChangeGateway', 'RequestReplanAfterSubmission', { name: 'Jā', condition: '=scheduleChangeNeeded = true' });
  m.flow('RequestReplanAfterSubmission', 'SubmissionHandled');
  m.flow('ScheduleChangeGateway', 'SubmissionNoted', { name: 'Nē', exit: 'bottom', condition: '=scheduleChangeNeeded != true', label: [8, 40] });

  // ---------------------------------------------------------------- ESP C: replan (caught escalation)
  const C = 'Replanning';
  const cx0 = cb(7) + 170;
  const cy0 = by;
  const cc = (i) => cx0 + 70 + i * 140;
  const c1 = cy0 + 130;
  m.add({
    kind: 'subProcess',
    id: C,
    doc: 'Caught escalation REPLAN_NEEDED: the remaining hours (sentenced − ledger) are re-planned from today with the schedule generator; if it cannot, the officer changes the constraints.',
    name: 'Grafika pārplānošana',
    parent: S,
    triggeredByEvent: true,
    box: [cx0, cy0, cc(4) + 60 - cx0, 640],
    inputs: [['replanProblemNote', '=null']],
  });
  m.add({ kind: 'startEvent', id: 'ReplanRequested', name: 'Jāpārplāno grafiks', parent: C, at: [cc(0), c1], interrupting: false, escalationCode: 'REPLAN_NEEDED' });
  m.add({ kind: 'exclusiveGateway', id: 'ReplanAgainJoin', parent: C, at: [cc(1) - 20, c1] });
  serviceTask(m, {
    id: 'ReplanSchedule',
    name: 'Pārplānot atlikušās stundas',
    parent: C,
    at: [cc(2), c1],
    jobType: `${P}.replan-schedule`,
    inputs: [
      ['limitsProfile', `="${v.limitsProfile}"`],
      ['measure', v.measure],
    ],
  });
  m.boundary({
    id: 'ReplanNotFeasible',
    name: 'Nevar pārplānot',
    attachedTo: 'ReplanSchedule',
    offset: 0,
    errorCode: 'SCHEDULE_NOT_FEASIBLE',
    labelPos: [52, 20],
    labelWidth: 70,
    outputs: [['scheduleProblem', '=scheduleProblem']],
  });
  serviceTask(m, {
    id: 'NotifyClientNewSchedule',
    name: 'Paziņot klientam jauno grafiku',
    parent: C,
    at: [cc(3), c1],
    jobType: 'shared.notify-client',
    inputs: notifyClient('="SCHEDULE_CHANGED"'),
  });
  m.add({ kind: 'endEvent', id: 'Replanned', name: 'Grafiks pārplānots', parent: C, at: [cc(4), c1] });
  userTask(m, {
    id: 'ResolveReplanProblem',
    name: 'Mainīt grafika nosacījumus',
    parent: C,
    at: [cc(2), c1 + 190],
    form: forms['replan-problem'],
    deadlines: dl('replanProblem'),
    keepPrefill: ['scheduleConstraints'],
  });
  m.flow('ReplanRequested', 'ReplanAgainJoin');
  m.flow('ReplanAgainJoin', 'ReplanSchedule');
  m.flow('ReplanSchedule', 'NotifyClientNewSchedule');
  m.flow('NotifyClientNewSchedule', 'Replanned');
  m.flow('ReplanNotFeasible', 'ResolveReplanProblem', { entry: 'top' });
  m.flow('ResolveReplanProblem', 'ReplanAgainJoin', { exit: 'left', entry: 'bottom' });

  // ---------------------------------------------------------------- ESP D and E: periodic control (non-interrupting cycles)
  const dy = by + 460;
  const periodic = (id, name, x0, timerName, every, ut, st) => {
    const cd = (i) => x0 + 80 + i * 160;
    const yy = dy + 120;
    m.add({
      kind: 'subProcess',
      id,
      name,
      parent: S,
      triggeredByEvent: true,
      box: [x0, dy, cd(3) + 70 - x0, 420],
      inputs: formOutputKeys(ut.form).map((k) => [k, '=null']),
    });
    m.add({ kind: 'startEvent', id: `${id}Due`, name: timerName, parent: id, at: [cd(0), yy], interrupting: false, timer: { cycle: `="R/" + rules.${every}` } });
    userTask(m, { ...ut, parent: id, at: [cd(1), yy] });
    serviceTask(m, { ...st, parent: id, at: [cd(2), yy] });
    m.add({ kind: 'endEvent', id: `${id}Done`, name: 'Ierakstīts lietā', parent: id, at: [cd(3), yy] });
    m.flow(`${id}Due`, ut.id);
    m.flow(ut.id, st.id);
    m.flow(st.id, `${id}Done`);
  };
  periodic(
    'EmployerContact',
    'Periodiska saziņa ar darba devēju',
    40,
    'Saziņas termiņš',
    'employerContactEvery',
    { id: 'ContactEmployer', name: 'Sazināties ar darba devēju', form: forms['employer-contact'], deadlines: dl('employerContact') },
    { id: 'RecordEmployerContact', name: 'Ierakstīt saziņu lietā', jobType: `${P}.record-control-contact` },
  );
  periodic(
    'OnSiteControl',
    'Kontrole izpildes vietā',
    690,
    'Pārbaudes termiņš',
    'onSiteCheckEvery',
    { id: 'CheckOnSite', name: 'Pārbaudīt izpildi darba vietā', form: forms['on-site-check'], deadlines: dl('onSiteCheck') },
    { id: 'RecordInspectionAct', name: 'Sagatavot pārbaudes aktu', jobType: `${P}.record-inspection-act` },
  );

  // ---------------------------------------------------------------- ESP F: possible breach of the minors' protection rules (issue 15)
  const F = 'PossibleBreachReview';
  // Right of the re-planning subprocess, on the same row.
  const fx0 = cc(4) + 100;
  const fc = (i) => fx0 + 80 + i * 160;
  const fy = cy0 + 130;
  m.add({
    kind: 'subProcess',
    id: F,
    doc: "Caught escalation MINOR_LIMITS_BREACH (non-interrupting, beside the hours loop): an employer reported a minor's day beyond the Labour Law's limits; the report was refused back to the employer with the reasons, and the officer looks at a possible breach of the minors' protection rules (employer instructed, State Labour Inspectorate informed, or an error in the report). The review is written into the case.",
    name: 'Iespējams nepilngadīgo aizsardzības noteikumu pārkāpums',
    parent: S,
    triggeredByEvent: true,
    box: [fx0, cy0, fc(3) + 70 - fx0, 420],
    inputs: [['breachCheck', '=hoursCheck'], ...formOutputKeys(forms['review-possible-breach']).map((k) => [k, '=null'])],
  });
  m.add({ kind: 'startEvent', id: 'PossibleBreachReported', name: 'Ziņots par iespējamu pārkāpumu', labelWidth: 90, parent: F, at: [fc(0), fy], interrupting: false, escalationCode: 'MINOR_LIMITS_BREACH' });
  userTask(m, { id: 'ReviewPossibleBreach', name: 'Izvērtēt iespējamu pārkāpumu', parent: F, at: [fc(1), fy], form: forms['review-possible-breach'], deadlines: dl('breachReview') });
  serviceTask(m, { id: 'RecordBreachReview', name: 'Ierakstīt izvērtējumu lietā', parent: F, at: [fc(2), fy], jobType: `${P}.record-breach-review` });
  m.add({ kind: 'endEvent', id: 'PossibleBreachReviewed', name: 'Izvērtēts', parent: F, at: [fc(3), fy] });
  m.flow('PossibleBreachReported', 'ReviewPossibleBreach');
  m.flow('ReviewPossibleBreach', 'RecordBreachReview');
  m.flow('RecordBreachReview', 'PossibleBreachReviewed');
}
