import type { StaffMember } from './directory';

/**
 * The sign-in page of the local OpenID provider, in Latvian by default and in English with ?lang=en. It names
 * itself a stand-in for VISS so nobody mistakes it for the real state sign-in, and lists the demo accounts.
 */
const TEXT = {
  lv: {
    title: 'Pieteikšanās — PLUS Flow',
    heading: 'Pieteikties PLUS Flow',
    note: 'Izstrādes vide: šī lapa aizstāj VISS (valsts pieteikšanās) un darbinieku katalogu.',
    username: 'Lietotājvārds',
    password: 'Parole',
    submit: 'Pieteikties',
    demo: 'Demo lietotāji',
    demoHint: 'Visiem demo lietotājiem parole ir',
    who: 'Lietotājs',
    roles: 'Lomas',
    department: 'Nodaļa',
    none: '—',
    other: 'English',
    otherLang: 'en',
    invalid: 'Nepareizs lietotājvārds vai parole. Pārbaudiet un mēģiniet vēlreiz.',
    inactive: 'Šis lietotājs ir bloķēts. Vērsieties pie administratora.',
  },
  en: {
    title: 'Sign in — PLUS Flow',
    heading: 'Sign in to PLUS Flow',
    note: 'Development environment: this page stands in for VISS (the state sign-in) and the staff directory.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    demo: 'Demo users',
    demoHint: 'Every demo user has the password',
    who: 'User',
    roles: 'Roles',
    department: 'Department',
    none: '—',
    other: 'Latviski',
    otherLang: 'lv',
    invalid: 'Wrong username or password. Check them and try again.',
    inactive: 'This user is blocked. Ask an administrator.',
  },
} as const;
export type LoginLang = keyof typeof TEXT;
export type LoginError = 'invalid' | 'inactive';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function loginPage(opts: {
  uid: string;
  lang: LoginLang;
  users: StaffMember[];
  demoPassword: string;
  username?: string;
  error?: LoginError;
}): string {
  const t = TEXT[opts.lang];
  const rows = opts.users
    .slice(0, 12)
    .map(
      (u) =>
        `<tr><td><code>${esc(u.username)}</code><br><span class="muted">${esc(u.fullName)}</span></td><td>${esc(u.roles.join(', ') || t.none)}</td><td>${esc(u.department ?? t.none)}</td></tr>`,
    )
    .join('');
  const options = opts.users.map((u) => `<option value="${esc(u.username)}">${esc(u.fullName)}</option>`).join('');
  return `<!doctype html>
<html lang="${opts.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title}</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; color: #1b1b1b; background: #f3f4f6; margin: 0; }
  main { max-width: 34rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 6px; box-shadow: 0 1px 3px rgba(0,0,0,.15); }
  h1 { font-size: 1.5rem; margin: 0 0 .5rem; color: #7a1d2c; }
  .note { color: #4b5563; font-size: .9rem; margin: 0 0 1.5rem; }
  label { display: block; font-weight: 600; margin: 1rem 0 .25rem; }
  input { width: 100%; box-sizing: border-box; font: inherit; padding: .5rem; border: 1px solid #6b7280; border-radius: 4px; }
  input:focus, button:focus, a:focus { outline: 3px solid #1d4ed8; outline-offset: 2px; }
  button { margin-top: 1.5rem; font: inherit; font-weight: 600; background: #7a1d2c; color: #fff; border: 0; border-radius: 4px; padding: .6rem 1.4rem; cursor: pointer; }
  .error { background: #fdecec; border-left: 4px solid #b91c1c; padding: .5rem .75rem; color: #7f1d1d; }
  .lang { float: right; font-size: .9rem; color: #1d4ed8; }
  table { width: 100%; border-collapse: collapse; font-size: .85rem; margin-top: .5rem; }
  th, td { text-align: left; padding: .3rem .4rem; border-bottom: 1px solid #e5e7eb; vertical-align: top; }
  .muted { color: #4b5563; }
  h2 { font-size: 1rem; margin: 2rem 0 0; }
</style>
</head>
<body>
<main>
  <a class="lang" href="?lang=${t.otherLang}" lang="${t.otherLang}">${t.other}</a>
  <h1>${t.heading}</h1>
  <p class="note">${t.note}</p>
  ${opts.error ? `<p class="error" role="alert">${t[opts.error]}</p>` : ''}
  <form method="post" action="/interaction/${esc(opts.uid)}/login?lang=${opts.lang}">
    <label for="username">${t.username}</label>
    <input id="username" name="username" autocomplete="username" required autofocus list="demo-users" value="${esc(opts.username ?? '')}">
    <datalist id="demo-users">${options}</datalist>
    <label for="password">${t.password}</label>
    <input id="password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">${t.submit}</button>
  </form>
  <h2>${t.demo}</h2>
  <p class="muted">${t.demoHint} <code>${esc(opts.demoPassword)}</code>.</p>
  <table><thead><tr><th scope="col">${t.who}</th><th scope="col">${t.roles}</th><th scope="col">${t.department}</th></tr></thead><tbody>${rows}</tbody></table>
</main>
</body>
</html>`;
}
