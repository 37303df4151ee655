import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentStore } from '../../../adapters/incident-store.js';
import { DEMO_NOTIFICATION_CONFIG } from '../../../incidents/notifications/config.js';
import { freshStore } from '../../support/dynamo.js';
import { seedIncidents, serveConsole } from './serve-console.js';

const CHROMIUM = '/usr/bin/chromium';
const shots = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'console');
const available = existsSync(CHROMIUM);
if (!available) console.warn(`console browser test skipped: ${CHROMIUM} is missing (CI installs Debian chromium)`);

describe.skipIf(!available)('console in headless Chromium', () => {
  let browser: Browser;
  let page: Page;
  let stop: () => Promise<void>;
  let ids: string[];
  let store: IncidentStore;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    store = await freshStore();
    const now = new Date();
    ids = await seedIncidents(store, now, [
      { bucket: 'acme-customer-exports', severity: 9.2 },
      { bucket: 'acme-marketing-assets', severity: 5.5 },
      {
        bucket: 'acme-payroll',
        severity: 7.4,
        summary: 'Odd title <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">',
      },
      { bucket: 'acme-hr-archive', severity: 8.1 },
    ]);
    // One incident already on the Art. 33 clock, so the list shows a live countdown from the start.
    const awareAt = new Date(now.getTime() - 50 * 3_600_000).toISOString();
    await store.applyCommand(ids[3]!, { action: 'confirm-breach', actor: 'dpo@acme', awareAt }, now);
    const served = await serveConsole(store, { notifications: () => DEMO_NOTIFICATION_CONFIG });
    stop = served.stop;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({
      viewport: { width: 1440, height: 1000 },
      extraHTTPHeaders: { 'x-breachwatch-user': 'dpo@acme' },
    });
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (msg) => {
      // The refused commands below are expected 400 and 409 answers; Chromium logs every failed fetch.
      const expected = /\/(commands|draft)$/.test(msg.location().url) && /status of 40[09]/.test(msg.text());
      if (msg.type() === 'error' && !expected) problems.push(`console: ${msg.text()} (${msg.location().url})`);
    });
    await page.goto(`${served.url}/console`);
  });

  afterAll(async () => {
    await browser?.close();
    await stop?.();
  });

  const shot = (name: string) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const row = (id: string) => page.locator(`#incidents tbody tr[data-id="${id}"]`);

  it('lists the open incidents with their Art. 33 countdown, most urgent first', async () => {
    await page.locator('#incidents tbody tr').nth(3).waitFor();
    await shot('01-incident-list');
    await expect.poll(() => row(ids[3]!).locator('.clock').textContent()).toMatch(/^2[12] h \d\d m \d\d s left$/);
    expect(await row(ids[0]!).locator('.clock').textContent()).toBe('clock not started');
    expect(await page.locator('#incidents tbody tr').first().getAttribute('data-id')).toBe(ids[3]);
    expect(await page.locator('#viewer').textContent()).toBe('dpo@acme');
  });

  it('renders markup in a title as text and runs none of it', async () => {
    expect(await row(ids[2]!).locator('.title-link').textContent()).toContain('<script>window.__pwned = 1</script>');
    expect(await page.evaluate(() => (globalThis as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it('opens an incident with its evidence, verified timeline and the actions allowed now', async () => {
    await row(ids[0]!).locator('.title-link').click();
    await page.locator('#detail-title').waitFor();
    await shot('02-incident-detail');
    expect(await page.locator('#chain').textContent()).toMatch(/^✓ Chain verified: 1 entry, head [0-9a-f]{12}…$/);
    expect(await page.locator('.evidence li').count()).toBe(1);
    expect(await page.locator('#countdown .clock').textContent()).toBe('clock not started');
    expect(await page.locator('.actions button').allTextContents()).toEqual([
      'Acknowledge',
      'Start investigating',
      'Confirm breach',
      'Escalate',
      'Dismiss',
    ]);
  });

  it('acknowledges with one click', async () => {
    await page.locator('button[data-action="acknowledge"]').click();
    await page.locator('#detail-status', { hasText: 'acknowledged' }).waitFor();
    await shot('03-acknowledged');
    expect(await page.locator('#action-notice').textContent()).toBe('Acknowledge: done.');
    expect(await page.locator('.timeline li').last().textContent()).toContain('open → acknowledged by dpo@acme');
  });

  it('confirms the breach and the 72-hour clock starts', async () => {
    await page.locator('button[data-action="confirm-breach"]').click();
    await page.locator('form[data-form="confirm-breach"]').waitFor();
    await page.locator('#f-reason').fill('Exports bucket read from a Tor exit node; customer records in scope.');
    await shot('04-confirm-breach-form');
    await page.locator('form[data-form="confirm-breach"] button[type="submit"]').click();
    await page.locator('#detail-status', { hasText: 'breach-confirmed' }).waitFor();
    await expect.poll(() => page.locator('#countdown .clock').textContent()).toMatch(/^7[12] h \d\d m \d\d s left$/);
    await shot('05-clock-started');
    expect(await row(ids[0]!).locator('.clock').textContent()).toMatch(/ left$/);
    expect(await page.locator('.actions button').allTextContents()).toEqual([
      'Record decision',
      'Notify authority',
      'Notify data subjects',
      'Exempt subjects',
    ]);
  });

  it('edits the Art. 33(3) draft for the lead authority and saves it as a new version', async () => {
    await page.locator('#draft-status', { hasText: 'Pre-filled from the evidence' }).waitFor();
    expect(await page.locator('#draft-authority').inputValue()).toBe('de-be');
    await page.locator('#d-measuresTaken').fill('Revoked the exporting role; Blocked the Tor exit node at the WAF');
    await page.locator('#d-approxSubjects').fill('1200-1500');
    await page.locator('#d-note').fill('after the call with the bucket owner');
    await page.locator('form[data-form="draft"] button[type="submit"]').click();
    await page.locator('#draft-notice', { hasText: 'Saved version 2.' }).waitFor();
    await shot('06-draft-saved');
    expect(await page.locator('#draft-status').textContent()).toMatch(/^Version 2, saved by dpo@acme at /);
    expect(await page.locator('#d-approxSubjects').inputValue()).toBe('1200-1500');
    await page.locator('#d-approxRecords').fill('many');
    await page.locator('form[data-form="draft"] button[type="submit"]').click();
    await page.locator('#draft-error', { hasText: 'whole number' }).waitFor();
  });

  it('downloads the PDF record from the export buttons', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByText('Download PDF').click()]);
    expect(download.suggestedFilename()).toBe(`${ids[0]}.pdf`);
    await download.saveAs(join(shots, 'record.pdf'));
  });

  it('shows the error when a dismissal is submitted without a reason, and changes nothing', async () => {
    await row(ids[1]!).locator('.title-link').click();
    await page.locator('#detail-title', { hasText: 'acme-marketing-assets' }).waitFor();
    await page.locator('button[data-action="dismiss"]').click();
    await page.locator('form[data-form="dismiss"] button[type="submit"]').click();
    await page.locator('#action-error', { hasText: 'reason is required' }).waitFor();
    await shot('07-dismiss-without-reason');
    expect(await page.locator('#action-error').textContent()).toBe('Could not dismiss: reason is required.');
    expect(await page.locator('#f-reason').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#detail-status').textContent()).toBe('open');
  });

  it('shows where the incident stands when someone else acted since the page loaded it', async () => {
    await store.applyCommand(ids[1]!, { action: 'acknowledge', actor: 'oncall@acme' }, new Date());
    await page.locator('#f-reason').fill('Marketing bucket holds only public brochures.');
    await page.locator('form[data-form="dismiss"] button[type="submit"]').click();
    await page.locator('#detail-status', { hasText: 'acknowledged' }).waitFor();
    await shot('08-changed-elsewhere');
    expect(await page.locator('#action-error').textContent()).toMatch(
      /^Could not dismiss: incident .* changed since you loaded it \(version 1, now 2\): reload and try again\. Showing/,
    );
    expect(await page.locator('.timeline li').last().textContent()).toContain('by oncall@acme');
  });

  it('raised no script errors or CSP violations', () => {
    expect(problems).toEqual([]);
  });
});
