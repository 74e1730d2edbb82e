import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';

describe('similar incidents on the site', () => {
  const siteUrl = inject('siteUrl');
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('matches pasted notes in the browser, with no request off the site', async () => {
    const page = await browser.newPage();
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(`${siteUrl}/similar/`);
    await page.fill(
      '#similar-notes',
      'payments-api returns 503. pgbouncer cl_waiting keeps climbing, clients wait for a server connection: the pool is exhausted while retries pile on.',
    );
    await page.click('#similar-form button[type=submit]');
    await page.waitForSelector('#similar-results .similar-hit');
    const ids = await page.$$eval('#similar-results .similar-hit', (items) =>
      items.map((i) => i.getAttribute('data-id')),
    );
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.length).toBeLessThanOrEqual(5);
    expect(ids[0]).toContain('pgbouncer-pool-exhaustion');
    expect(await page.textContent('#similar-results .similar-hit')).toMatch(
      /Connection-pool exhaustion/i,
    );
    expect(
      await page.$$eval('#similar-results .similar-hit__why li', (l) => l.length),
    ).toBeGreaterThan(0);
    // Snippets show config keys and errors as code, not as raw backticks.
    const why = await page.$$eval('#similar-results .similar-hit__why li', (l) =>
      l.map((x) => x.innerHTML).join('\n'),
    );
    expect(why).toContain('<code>');
    expect(why).not.toMatch(/`[^`\n]+`/);
    expect(requests.every((u) => u.startsWith(siteUrl))).toBe(true);
    await page.close();
  });

  it('says so when the notes are empty', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}/similar/`);
    await page.click('#similar-form button[type=submit]');
    expect(await page.textContent('#similar-status')).toContain('Paste some notes first');
    await page.close();
  });

  it('lists similar incidents with shared failure modes on a review page', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}/`);
    const href = await page.$eval('a[href*="pgbouncer-pool-exhaustion"]', (a) =>
      a.getAttribute('href'),
    );
    await page.goto(`${siteUrl}${href}`);
    const items = await page.$$eval('.similar-incidents li', (li) =>
      li.map((l) => l.textContent ?? ''),
    );
    expect(items.length).toBeGreaterThan(0);
    expect(items.length).toBeLessThanOrEqual(5);
    expect(items.some((t) => /shared: .*Connection-pool exhaustion/i.test(t))).toBe(true);
    expect(await page.$$eval('nav a[href="/similar/"]', (a) => a.length)).toBeGreaterThan(0);
    await page.close();
  });
});
