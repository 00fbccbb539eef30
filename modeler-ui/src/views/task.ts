import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { api, ApiError, currentUser, type ApiAnswer } from '../api';
import { t } from '../i18n';
import { el, formatDateTime, processLabel } from './dom';
import { dueState, type Task } from './inbox';

/**
 * One task: what it is about (case, client, due date), take it / give it back, and its Camunda Form rendered by
 * form-js with the process data and my draft filled in. Complete validates the form first; the API's refusal
 * (someone else was faster, another department) is shown in its own words.
 */
type TaskForm = ApiAnswer<'/api/tasks/{taskKey}/form'>;

export async function renderTask(root: HTMLElement, key: string): Promise<HTMLElement> {
  const heading = el('h1', { id: 'task-title', tabindex: '-1' }, t('loadingData'));
  const message = el('div', { role: 'status', 'aria-live': 'polite' });
  root.replaceChildren(el('p', {}, el('a', { href: '#/inbox' }, `← ${t('backToInbox')}`)), heading, message);
  const show = (kind: 'up' | 'down' | 'loading', text: string) => {
    message.replaceChildren(el('p', { class: 'overall', 'data-state': kind }, text));
  };

  let task: Task;
  let form: TaskForm;
  try {
    [task, form] = await Promise.all([api<Task>(`/api/tasks/${key}`), api<TaskForm>(`/api/tasks/${key}/form`)]);
  } catch (err) {
    heading.textContent = t('errorTitle');
    show('down', err instanceof Error ? err.message : String(err));
    return heading;
  }
  heading.textContent = task.taskName ?? task.elementId ?? key;
  document.title = `${heading.textContent} — PLUS Flow`;

  const me = currentUser();
  const due = dueState(task.dueDate);
  const facts = el(
    'dl',
    { class: 'facts' },
    el('dt', {}, t('fProcess')),
    el('dd', {}, processLabel(task.caseProcessId ?? task.bpmnProcessId)),
    el('dt', {}, t('colCase')),
    el('dd', {}, task.caseNumber ?? '—'),
    el('dt', {}, t('colClient')),
    el(
      'dd',
      {},
      task.clientId ? el('a', { href: `#/clients/${task.clientId}` }, task.clientName ?? String(task.clientId)) : '—',
    ),
    el('dt', {}, t('colDue')),
    el(
      'dd',
      {},
      task.dueDate ? formatDateTime(task.dueDate) : '—',
      ...(due ? [' ', el('span', { class: `badge ${due}` }, t(due === 'overdue' ? 'overdue' : 'dueSoonBadge'))] : []),
    ),
    el('dt', {}, t('colAssignee')),
    el('dd', {}, task.assignee ?? t('unassigned')),
  );
  const claim = el('button', { type: 'button' }, task.assignee === me?.username ? t('unclaim') : t('claim'));
  if (task.assignee && task.assignee !== me?.username) claim.setAttribute('disabled', '');
  claim.addEventListener('click', async () => {
    try {
      await api(`/api/tasks/${key}/${task.assignee === me?.username ? 'unclaim' : 'claim'}`, { method: 'POST' });
      task.assignee = task.assignee === me?.username ? null : (me?.username ?? null);
      claim.textContent = task.assignee ? t('unclaim') : t('claim');
      facts.querySelectorAll('dd')[4]!.textContent = task.assignee ?? t('unassigned');
    } catch (err) {
      show('down', err instanceof Error ? err.message : String(err));
    }
  });

  const container = el('div', { class: 'form-container' });
  const save = el('button', { type: 'button' }, t('saveDraft'));
  const complete = el('button', { type: 'button', class: 'primary' }, t('complete'));
  const actions = el('div', { class: 'actions' }, complete, save);
  root.append(
    el('section', { class: 'card' }, facts, el('div', { class: 'actions' }, claim)),
    el('section', { class: 'card', 'aria-labelledby': 'task-title' }, container, actions),
  );
  if (form.draftSavedAt) show('loading', t('draftSaved', { time: formatDateTime(form.draftSavedAt) }));

  if (!form.schema) {
    container.append(el('p', { class: 'notice' }, t('noForm')));
  }
  const viewer = form.schema ? new Form({ container }) : undefined;
  let latest: Record<string, unknown> = {};
  if (viewer) {
    await viewer.importSchema(form.schema as never, form.data);
    viewer.on('changed', (e: { data: Record<string, unknown>; errors: Record<string, unknown> }) => {
      latest = e.data;
      // The "form has errors" message goes as soon as the last error is fixed.
      if (!Object.keys(e.errors ?? {}).length && message.textContent === t('formInvalid')) message.replaceChildren();
    });
  }

  save.addEventListener('click', async () => {
    try {
      const r = await api<ApiAnswer<'/api/tasks/{taskKey}/draft', 'put'>>(`/api/tasks/${key}/draft`, {
        method: 'PUT',
        body: { variables: latest },
      });
      show('up', t('draftSaved', { time: formatDateTime(r.savedAt) }));
    } catch (err) {
      show('down', err instanceof Error ? err.message : String(err));
    }
  });
  complete.addEventListener('click', async () => {
    let variables: Record<string, unknown> = {};
    if (viewer) {
      const result = viewer.submit() as { data: Record<string, unknown>; errors: Record<string, unknown> };
      if (Object.keys(result.errors).length) {
        show('down', t('formInvalid'));
        (
          container.querySelector(
            '.fjs-has-errors input, .fjs-has-errors select, .fjs-has-errors textarea',
          ) as HTMLElement | null
        )?.focus();
        return;
      }
      variables = result.data;
    }
    complete.setAttribute('disabled', '');
    try {
      await api(`/api/tasks/${key}/complete`, { method: 'POST', body: { variables } });
      show('up', t('completed'));
      actions.replaceChildren(el('a', { href: '#/inbox', class: 'button-link' }, t('backToInbox')));
    } catch (err) {
      complete.removeAttribute('disabled');
      show('down', err instanceof ApiError ? `${err.title}: ${err.detail}` : String(err));
    }
  });
  return heading;
}
