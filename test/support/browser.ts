import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (installed by .ci/run), headless, with background networking off: the network is closed here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function hasChromium(): boolean {
  return existsSync(CHROMIUM);
}

/** True in CI (.ci/run exports CI=true), where a missing browser is a broken machine, not a reason to skip. */
function inCi(): boolean {
  const ci = process.env.CI?.toLowerCase();
  return ci !== undefined && ci !== '' && ci !== 'false' && ci !== '0';
}

const MISSING = `Chromium is missing at ${CHROMIUM}: install it (apt-get install chromium, as .ci/run does) or point CHROMIUM_PATH at one.`;

/**
 * `describe` for a browser suite. Without Chromium the suite fails in CI with the reason (a skipped UI suite
 * would look green there); on a developer's machine it is skipped and the reason printed.
 */
export function describeIfBrowser(name: string, suite: () => void): void {
  if (hasChromium()) return describe(name, suite);
  if (inCi()) {
    return describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(MISSING);
      });
    });
  }
  console.warn(`Skipping the browser suite "${name}": ${MISSING}`);
  describe.skip(name, suite);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
