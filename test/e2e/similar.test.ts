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
      await page.$$eval('#similar-results .similar-hit__snippets li', (l) => l.length),
    ).toBeGreaterThan(0);
    // A label and a one-line why, never a raw score.
    const first = (await page.textContent('#similar-results .similar-hit')) ?? '';
    expect(first).toMatch(/strong match|possible match/);
    expect(first).not.toMatch(/score/i);
    expect(await page.textContent('#similar-results .similar-hit__why')).toMatch(/^Matched “/);
    // Snippets show config keys and errors as code, not as raw backticks.
    const why = await page.$$eval('#similar-results .similar-hit__snippets li', (l) =>
      l.map((x) => x.innerHTML).join('\n'),
    );
    expect(why).toContain('<code>');
    expect(why).not.toMatch(/`[^`\n]+`/);
    expect(requests.every((u) => u.startsWith(siteUrl))).toBe(true);
    await page.close();
  });

  it('says "no close match" for gibberish notes', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}/similar/`);
    for (const notes of ['the quick brown fox', 'asdfghjk']) {
      await page.fill('#similar-notes', notes);
      await page.click('#similar-form button[type=submit]');
      await expect.poll(() => page.textContent('#similar-status')).toMatch(/^No close match/);
      expect(await page.locator('#similar-results .similar-hit').count()).toBe(0);
    }
    await page.close();
  });

  it('says so when the notes are empty', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteUrl}/similar/`);
    await page.click('#similar-form button[type=submit]');
    expect(await page.textContent('#similar-status')).toContain('Paste some notes first');
    await page.close();
  });

  it('lists similar incidents that share a failure mode or a service on a review page', async () => {
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
    // Each shares a failure mode or a service with the review, or says it is a text-only match.
    expect(
      items.every((t) => /Same (failure modes?|services?): |strong match, text only/.test(t)),
    ).toBe(true);
    expect(items.every((t) => !/score/i.test(t))).toBe(true);
    expect(await page.$$eval('nav a[href="/similar/"]', (a) => a.length)).toBeGreaterThan(0);
    await page.close();
  });
});
