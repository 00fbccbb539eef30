import { CLIENT_NOTIFICATION_TYPES, clientMessage } from './messages';

describe('client notification texts', () => {
  const base = { caseNumber: 'PL-2026-000123', clientName: 'Jānis Ozoliņš', minor: false };

  it('exist for every type, name the case and read as Latvian sentences', () => {
    for (const type of CLIENT_NOTIFICATION_TYPES) {
      const m = clientMessage(type, {
        ...base,
        appointment: { at: '2026-11-25T07:30:00Z', place: 'Parka iela 2, Cēsis' },
        schedule: { startDate: '2026-11-26', endDate: '2026-12-16', hours: 40 },
        replyText: 'Paldies, saņemts.',
        hoursWorked: 120,
      });
      expect(m.subject).toContain('PL-2026-000123');
      expect(m.body.length).toBeGreaterThan(10);
      expect(m.body).not.toMatch(/\.\.|undefined|null/);
    }
  });

  it('gives the appointment in Riga time and the schedule period', () => {
    expect(
      clientMessage('APPOINTMENT', {
        ...base,
        appointment: { at: '2026-11-25T07:30:00Z', place: 'Parka iela 2, Cēsis' },
      }).body,
    ).toContain('25.11.2026. plkst. 09:30, adrese: Parka iela 2, Cēsis');
    expect(
      clientMessage('SCHEDULE_CHANGED', { ...base, schedule: { endDate: '2026-12-16', hours: 12.5 } }).body,
    ).toContain('atlikušās 12,5 stundas līdz 16.12.2026');
  });

  it('speaks of the educational measure for minors', () => {
    expect(clientMessage('EXECUTION_COMPLETED', { ...base, minor: true, hoursWorked: 20 }).body).toContain(
      'audzinoša rakstura piespiedu līdzekļa',
    );
  });
});
