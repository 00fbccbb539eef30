import { api, currentUser, type ApiAnswer } from '../api';
import { isTextKey, t, type TextKey } from '../i18n';
import { el, errorBox, formatDateTime, okBox } from './dom';

/**
 * Undelivered notifications in the client file. The dispatcher gives up on a notification after a permanent refusal
 * or a day of failures, and the case cannot close while one is left; here the officer sends it again (once the cause
 * is mended) or records how it reached the recipient otherwise. Shown only when there is something to do.
 */
export type NotificationRow = ApiAnswer<'/api/clients/{id}/notifications'>['items'][number];

const recipientLabel = (type: string) => (isTextKey(`rcp${type}`) ? t(`rcp${type}` as TextKey) : type);

type Act = (call: () => Promise<unknown>, done: TextKey) => Promise<void>;

export function undeliveredNotifications(rows: NotificationRow[], total: number): HTMLElement | null {
  if (!rows.length) return null;
  let left = total;
  const heading = el('h2', { id: 'undelivered-title' }, `${t('undeliveredTitle')} (${left})`);
  const help = el('p', { class: 'notice' }, t('undeliveredHelp'));
  const message = el('div', { role: 'status', 'aria-live': 'polite' });
  const mayAct = currentUser()?.permissions.includes('tasks:work') ?? false;
  const items = rows.map((n) => {
    // Done with: the notification leaves the list and the message says what happens next.
    const act: Act = async (call, done) => {
      // One action at a time: a double click must not send the second as a refused request.
      const buttons = [...item.querySelectorAll('button')];
      if (buttons.some((b) => b.disabled)) return;
      buttons.forEach((b) => (b.disabled = true));
      try {
        await call();
        item.remove();
        heading.textContent = `${t('undeliveredTitle')} (${--left})`;
        if (left === 0) help.remove();
        message.replaceChildren(okBox(`${n.subject}: ${t(done)}`));
      } catch (err) {
        message.replaceChildren(errorBox(err));
      } finally {
        buttons.forEach((b) => (b.disabled = false));
      }
    };
    const resend = el('button', { type: 'button' }, t('resend'));
    resend.addEventListener(
      'click',
      () => void act(() => api(`/api/notifications/${n.id}/resend`, { method: 'POST' }), 'resent'),
    );
    const item = el(
      'li',
      { class: 'card notification', 'data-notification-id': String(n.id) },
      el('strong', {}, n.subject),
      el(
        'dl',
        { class: 'facts' },
        el('dt', {}, t('colCase')),
        el('dd', {}, n.caseNumber ?? '—'),
        el('dt', {}, t('notifTo')),
        el('dd', {}, `${recipientLabel(n.recipientType)} · ${n.recipient}`),
        el('dt', {}, t('notifQueued')),
        el('dd', {}, formatDateTime(n.createdAt)),
        el('dt', {}, t('notifReason')),
        el('dd', {}, n.reason ?? '—'),
      ),
      ...(mayAct ? [el('div', { class: 'actions' }, resend), deliveredOtherwiseForm(n, act)] : []),
    );
    return item;
  });
  return el(
    'section',
    { 'aria-labelledby': 'undelivered-title' },
    heading,
    help,
    message,
    el('ul', { class: 'plain' }, ...items),
    ...(total > rows.length
      ? [el('p', { class: 'muted' }, t('undeliveredMore', { shown: String(rows.length), total: String(total) }))]
      : []),
  );
}

function deliveredOtherwiseForm(n: NotificationRow, act: Act): HTMLElement {
  const id = `other-${n.id}`;
  const channel = el(
    'select',
    { id: `${id}-channel`, name: 'channel' },
    el('option', { value: 'POST' }, t('chPOST')),
    el('option', { value: 'IN_PERSON' }, t('chIN_PERSON')),
  ) as HTMLSelectElement;
  const note = el('textarea', {
    id: `${id}-note`,
    name: 'note',
    required: '',
    minlength: '5',
    maxlength: '1000',
    rows: '2',
  }) as HTMLTextAreaElement;
  const form = el(
    'form',
    { class: 'stacked' },
    el('div', { class: 'field' }, el('label', { for: channel.id }, t('deliveredHow')), channel),
    el('div', { class: 'field' }, el('label', { for: note.id }, t('deliveredNote')), note),
    el('button', { type: 'submit', class: 'primary' }, t('save')),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act(
      () =>
        api(`/api/notifications/${n.id}/delivered-otherwise`, {
          method: 'POST',
          body: { channel: channel.value, note: note.value },
        }),
      'deliveredRecorded',
    );
  });
  return el('details', {}, el('summary', {}, t('deliveredOtherwise')), form);
}
