// @ts-check
// Real headless-Chromium pictures of the demo gallery for the README:
// `npm run screenshots` (after `npm run build`) writes docs/images/*.png.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright';
import { startDemoSite } from './demo-site.js';
import { CHROMIUM_ARGS, findChromium } from './find-chromium.js';

const OUT = 'docs/images';

/**
 * @typedef {{ name: string, selector: string, width?: number, colorScheme?: 'light' | 'dark',
 *   prepare?: (page: import('playwright').Page) => Promise<void> }} Shot
 */

/** @type {Shot[]} */
const shots = [
  { name: 'form-light', selector: '#json' },
  { name: 'gallery', selector: '.gallery', width: 1100 },
  {
    name: 'form-errors',
    selector: '#json',
    prepare: async (page) => {
      const form = page.locator('keen-lead-form[data-variant="json"]');
      await form.getByLabel('Work email').fill('not-an-email');
      await form.getByRole('button', { name: 'Send' }).click();
      await page.waitForTimeout(100);
    },
  },
  { name: 'form-dark', selector: '#json keen-lead-form', colorScheme: 'dark' },
  { name: 'form-mobile', selector: '#json', width: 360 },
  { name: 'form-rtl', selector: '#rtl' },
  { name: 'themed', selector: '#themed' },
];

const browser = await chromium.launch({ executablePath: findChromium(), args: CHROMIUM_ARGS });
const demo = await startDemoSite();
mkdirSync(OUT, { recursive: true });
try {
  for (const shot of shots) {
    const page = await browser.newPage({
      viewport: { width: shot.width ?? 720, height: 900 },
      colorScheme: shot.colorScheme ?? 'light',
      deviceScaleFactor: 1,
    });
    await page.goto(`${demo.url}/`);
    await page.waitForFunction("customElements.get('keen-lead-form') !== undefined");
    if (shot.prepare) await shot.prepare(page);
    await page.locator(shot.selector).screenshot({ path: `${OUT}/${shot.name}.png`, animations: 'disabled' });
    console.log(`${OUT}/${shot.name}.png`);
    await page.close();
  }
} finally {
  await browser.close();
  await demo.close();
}
