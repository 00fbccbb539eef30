// Writes the community-service, minors-public-work and shared-* diagrams, forms and manifests:
//   node processes/community-service/tools/build.mjs
// See bpmn-dsl.mjs for why the layout is hand-placed, and docs/processes/community-service.md for the model.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCloseCase, buildNotifyCourt, buildRegisterLookup, sharedForms } from './shared.mjs';
import { buildWorkProcess, workForms } from './work-process.mjs';

const PROCESSES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function write(folder, file, content) {
  const dir = path.join(PROCESSES, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, file), content);
  console.log(`processes/${folder}/${file}`);
}

function manifest(id, lv, en, description) {
  return JSON.stringify({ id, status: 'draft', name: { lv, en }, description }, null, 2) + '\n';
}

const formJson = (doc) => JSON.stringify(doc, null, 2) + '\n';

// shared call activities
write('shared-register-lookup', 'shared-register-lookup.bpmn', buildRegisterLookup().toXml());
write('shared-register-lookup', 'shared-register-review.form', formJson(sharedForms[0]));
write(
  'shared-register-lookup',
  'process.json',
  manifest(
    'shared-register-lookup',
    'Reģistru datu pieprasīšana (VIIS, IIS VDEĀVK)',
    'Register look-up (education, disability)',
    'Called activity: parallel look-ups in VIIS and IIS VDEĀVK, officer review before anything is saved to the case.',
  ),
);
write('shared-notify-court', 'shared-notify-court.bpmn', buildNotifyCourt().toXml());
write('shared-notify-court', 'shared-notice-rejected.form', formJson(sharedForms[1]));
write(
  'shared-notify-court',
  'process.json',
  manifest(
    'shared-notify-court',
    'Paziņojums tiesai vai prokuratūrai',
    'Notice to court or prosecutor',
    'Called activity: prepares a notice and sends it to TIS or ProIS; a rejected notice goes to the officer.',
  ),
);
write('shared-close-case', 'shared-close-case.bpmn', buildCloseCase().toXml());
write('shared-close-case', 'shared-close-case-confirm.form', formJson(sharedForms[2]));
write(
  'shared-close-case',
  'process.json',
  manifest('shared-close-case', 'Lietas slēgšana', 'Case closure', 'Called activity: the officer confirms the case file is complete, then the case is closed.'),
);

// the two work processes
for (const variant of ['community-service', 'minors-public-work']) {
  const { model, meta } = buildWorkProcess(variant);
  write(variant, `${variant}.bpmn`, model.toXml());
  for (const doc of workForms(variant)) write(variant, `${doc.id}.form`, formJson(doc));
  write(variant, 'process.json', manifest(variant, meta.nameLv, meta.nameEn, meta.description));
}
