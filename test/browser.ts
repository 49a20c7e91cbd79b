import { type Browser, chromium } from 'playwright-core';

/**
 * Debian's Chromium (or the user's own, from CHROME_PATH), headless: no test tool
 * downloads a browser of its own here.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}
