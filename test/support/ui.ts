import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../../platform/config';

/** Helpers the browser tests share: sign in through the real OpenID flow, and run axe in the page. */
const AXE = readFileSync(path.join(REPO_ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** WCAG 2.1 A/AA violations on the page; `exclude` leaves out third-party renderings (e.g. bpmn-js's SVG). */
export async function axeViolations(page: Page, exclude: string[] = []): Promise<string[]> {
  // Evaluated through the DevTools protocol: the page's CSP (no inline scripts) stays on.
  await page.evaluate(AXE);
  const result = await page.evaluate(async (ex) => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: unknown,
            opts: unknown,
          ): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(ex.length ? { exclude: ex.map((s) => [s]) } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
  }, exclude);
  return result.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  );
}

/** Signs in on the provider's page as a person does and waits for the inbox. */
export async function signInAs(page: Page, base: string, username: string): Promise<void> {
  await page.goto(`${base}/#/inbox`);
  await page.getByRole('link', { name: 'Pieteikties' }).click();
  await page.getByLabel('Lietotājvārds').fill(username);
  await page.getByLabel('Parole').fill('demo');
  await page.getByRole('button', { name: 'Pieteikties' }).click();
  await page.getByRole('heading', { name: 'Uzdevumi' }).waitFor({ timeout: 20_000 });
}
