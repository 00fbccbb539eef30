/** Latvian formatting for documents and notifications (Europe/Riga). */
const dateFmt = new Intl.DateTimeFormat('lv-LV', {
  timeZone: 'Europe/Riga',
  year: 'numeric',
  month: 'long',
  day: 'numeric',
});
const shortDateFmt = new Intl.DateTimeFormat('lv-LV', {
  timeZone: 'Europe/Riga',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});
const timeFmt = new Intl.DateTimeFormat('lv-LV', { timeZone: 'Europe/Riga', hour: '2-digit', minute: '2-digit' });
const weekdayFmt = new Intl.DateTimeFormat('lv-LV', { timeZone: 'Europe/Riga', weekday: 'long' });

const asDate = (d: Date | string): Date =>
  typeof d === 'string' ? new Date(d.length === 10 ? `${d}T12:00:00Z` : d) : d;

/** "2026. gada 23. novembris" */
export const longDate = (d: Date | string): string => dateFmt.format(asDate(d));
/** "23.11.2026." */
export const shortDate = (d: Date | string): string => shortDateFmt.format(asDate(d));
/** "09:30" */
export const clock = (d: Date | string): string => timeFmt.format(asDate(d));
export const weekday = (d: Date | string): string => weekdayFmt.format(asDate(d));
/** "12,5" */
export const hours = (h: number): string => h.toLocaleString('lv-LV', { maximumFractionDigits: 1 });
