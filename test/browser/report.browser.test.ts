/**
 * The HTML report and a notebook page, opened in headless Chromium (Debian's chromium,
 * driven by playwright-core): every chart is shown, the embedded font is used, and there is
 * no console error. A screenshot of each page is kept in test/artifacts/.
 *
 * CI installs Chromium and sets FAIRSHARE_BROWSER_TEST=required, so there the test cannot
 * be skipped; elsewhere it runs when /usr/bin/chromium is there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI } from '../helpers/cli.js';

const CHROMIUM = process.env.FAIRSHARE_CHROMIUM ?? '/usr/bin/chromium';
const REQUIRED = process.env.FAIRSHARE_BROWSER_TEST === 'required';
const ARTIFACTS = resolve('test/artifacts');

describe.skipIf(!REQUIRED && !existsSync(CHROMIUM))('pages in headless Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`Chromium is required here (FAIRSHARE_BROWSER_TEST=required) but ${CHROMIUM} is missing: install Debian's chromium package`);
    mkdirSync(ARTIFACTS, { recursive: true });
    // As the machine's notes say: without the background-networking flags, Chromium keeps
    // trying to reach Google's hosts, which this closed network refuses.
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  const pages: [string, string[], number][] = [
    ['report.html', ['report', 'models/avon-and-somerset-2025-26.yaml', 'models/avon-and-somerset-crime-weighted-up.yaml', 'models/avon-and-somerset-grant-cut-5pc.yaml'], 8],
    ['victims-fund-split.html', ['notebook', 'run', 'notebooks/victims-fund-split.md'], 2],
  ];

  it.each(pages)('%s shows every chart, in the embedded font, with no console error', async (name, args, charts) => {
    const file = join(ARTIFACTS, name);
    const made = spawnSync(process.execPath, [CLI, ...args, '--out', file], { encoding: 'utf8' });
    expect(made.status, made.stderr).toBe(0);
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    page.on('pageerror', (error) => errors.push(String(error)));
    page.on('requestfailed', (request) => errors.push(`request failed: ${request.url()}`));
    await page.goto(`file://${file}`, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready);

    const figures = page.locator('figure.chart');
    expect(await figures.count()).toBe(charts);
    for (let i = 0; i < charts; i++) {
      const svg = figures.nth(i).locator('svg');
      await svg.scrollIntoViewIfNeeded();
      expect(await svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box!.width).toBeGreaterThan(300);
      expect(box!.height).toBeGreaterThan(100);
      // The chart's own text is there and drawn (not empty, not hidden).
      const labels = await svg.locator('text').allTextContents();
      expect(labels.join(' ')).toMatch(/£|%/);
    }
    // The embedded DejaVu Sans is what the page and its charts are drawn with.
    expect(await page.evaluate(() => document.fonts.check('12px "DejaVu Sans"'))).toBe(true);
    expect(await page.evaluate(() => Array.from(document.fonts as unknown as Iterable<FontFace>).some((font) => font.family.replace(/"/g, '') === 'DejaVu Sans' && font.status === 'loaded'))).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, name.replace(/\.html$/, '.png')), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
});
