/**
 * End-to-end: the sample site, built once by global-setup and served on 127.0.0.1, in headless
 * Chromium. Screenshots go to test-results/.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { PROJECT_ROOT } from './build-site.ts';
import { loadCorpus, publishedReviews } from '../../src/lib/review/load.ts';
import { REQUIRED_SECTIONS } from '../../src/lib/review/schema.ts';
import type { Review } from '../../src/lib/review/parse.ts';

const SHOTS = join(PROJECT_ROOT, 'test-results');
/** A config key that only the pgbouncer review mentions (checked against the corpus below). */
const UNIQUE_TERM = 'maxIdleConns';

let browser: Browser;
let context: BrowserContext;
let site: string;
let all: Review[];
let published: Review[];

async function open(path: string, ctx: BrowserContext = context): Promise<Page> {
  const page = await ctx.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(site + path);
  (page as Page & { errors?: string[] }).errors = errors;
  return page;
}

beforeAll(async () => {
  site = inject('siteUrl');
  all = (await loadCorpus(join(PROJECT_ROOT, 'content'))).reviews;
  published = publishedReviews(all, false);
  await mkdir(SHOTS, { recursive: true });
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    colorScheme: 'light',
  });
});

afterAll(async () => {
  await browser?.close();
});

describe('the sample site', () => {
  it('lists every published review on the index, newest first, and leaves drafts out', async () => {
    const drafts = all.filter((r) => r.data.status === 'draft');
    expect(
      drafts.length,
      'the sample corpus should hold a draft to check it stays unpublished',
    ).toBeGreaterThan(0);
    const page = await open('/');
    const hrefs = await page
      .locator('#review-list > li .review-card__title a')
      .evaluateAll((links) => links.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(published.map((r) => `/reviews/${r.id}/`));
    for (const draft of drafts) {
      expect(hrefs).not.toContain(`/reviews/${draft.id}/`);
      const response = await page.request.get(`${site}/reviews/${draft.id}/`);
      expect(response.status()).toBe(404);
    }
    await page.screenshot({ path: join(SHOTS, 'index.png'), fullPage: true });
    await page.close();
  });

  it('shows every review without JavaScript, with the JS-only filter form hidden', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const page = await open('/', noJs);
    expect(await page.locator('#review-list > li:visible').count()).toBe(published.length);
    expect(await page.locator('#review-filters').isVisible()).toBe(false);
    await noJs.close();
  });

  it('focuses the search box on "/" but lets "/" be typed inside a text field', async () => {
    const page = await open('/');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    await page.keyboard.type('a/b');
    expect(await page.locator('#site-search').inputValue()).toBe('a/b');
    await page.close();
  });

  it('filters the index by service and severity, keeping the filters in the URL', async () => {
    const counts = new Map<string, number>();
    for (const r of published)
      for (const s of r.data.services) counts.set(s, (counts.get(s) ?? 0) + 1);
    const [service, expected] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    expect(expected).toBeLessThan(published.length);
    const page = await open('/');
    await page.selectOption('select[name="service"]', service);
    await expect.poll(() => page.locator('#review-list > li:visible').count()).toBe(expected);
    expect(new URL(page.url()).searchParams.get('service')).toBe(service);
    await expect
      .poll(() => page.locator('#review-count').textContent())
      .toContain(`${expected} of ${published.length}`);
    await page.screenshot({ path: join(SHOTS, 'index-filtered.png'), fullPage: true });

    // Reloading a filtered URL applies the filter on load.
    const severity = published[0]!.data.severity;
    const bySeverity = published.filter((r) => r.data.severity === severity).length;
    await page.goto(`${site}/?severity=${severity}`);
    await expect.poll(() => page.locator('#review-list > li:visible').count()).toBe(bySeverity);
    expect(await page.locator('select[name="severity"]').inputValue()).toBe(severity);
    await page.close();
  });

  it('finds the one review that contains a rare term first, from the header search box', async () => {
    const containing = published.filter(
      (r) => r.body.includes(UNIQUE_TERM) || JSON.stringify(r.data).includes(UNIQUE_TERM),
    );
    expect(
      containing.map((r) => r.id),
      `exactly one sample review should mention ${UNIQUE_TERM}`,
    ).toHaveLength(1);
    const target = containing[0]!;
    expect(target.id).toContain('pgbouncer-pool-exhaustion');

    const page = await open('/');
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('site-search');
    await page.keyboard.type(UNIQUE_TERM);
    await Promise.all([page.waitForURL(/\/search\/\?q=/), page.keyboard.press('Enter')]);
    const first = page.locator('.search-result').first();
    await first.waitFor({ timeout: 15_000 });
    expect(await first.locator('.search-result__title').getAttribute('href')).toBe(
      `/reviews/${target.id}/`,
    );
    await page.screenshot({ path: join(SHOTS, 'search-results.png'), fullPage: true });
    await page.close();
  });

  it('narrows search results with a severity filter, kept in the URL', async () => {
    const page = await open('/search/?q=timeout');
    await page.locator('.search-result').first().waitFor({ timeout: 15_000 });
    const before = await page.locator('.search-result').count();
    const severityGroup = page.locator('fieldset.search-filter', { hasText: 'Severity' });
    const options = severityGroup.locator('input[type="checkbox"]');
    expect(await options.count()).toBeGreaterThan(1);
    const label = (await severityGroup.locator('label').first().textContent()) ?? '';
    await options.first().check();
    const sev = /SEV\d/.exec(label)?.[0];
    expect(sev).toBeTruthy();
    const allowed = new Set(
      published.filter((r) => r.data.severity === sev).map((r) => `/reviews/${r.id}/`),
    );
    expect(allowed.size).toBeLessThan(published.length);
    const resultHrefs = () =>
      page
        .locator('.search-result__title')
        .evaluateAll((as) => as.map((a) => (a.getAttribute('href') ?? '').split('#')[0] ?? ''));
    await expect
      .poll(
        async () => {
          const hrefs = await resultHrefs();
          return hrefs.length > 0 && hrefs.every((href) => allowed.has(href));
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    expect((await resultHrefs()).length).toBeLessThanOrEqual(before);
    expect(new URL(page.url()).searchParams.getAll('severity')).toEqual([sev]);
    await page.screenshot({ path: join(SHOTS, 'search-facet.png'), fullPage: true });
    await page.close();
  });

  it('renders a review page with its five sections, timeline table and action items', async () => {
    const review = published.find((r) => r.id.includes('pgbouncer-pool-exhaustion'))!;
    const page = await open(`/reviews/${review.id}/`);
    expect(await page.locator('h1').textContent()).toBe(review.data.title);
    // Each heading ends with its anchor link ("#").
    const headings = (await page.locator('article h2').allTextContents()).map((h) =>
      h.replace(/\s*#\s*$/, '').trim(),
    );
    for (const section of REQUIRED_SECTIONS) expect(headings).toContain(section);
    expect(headings.indexOf('Summary')).toBeLessThan(headings.indexOf('Systemic factors'));
    expect(await page.locator('table.timeline tbody tr').count()).toBe(review.data.timeline.length);
    expect(await page.locator('table.actions tbody tr').count()).toBe(
      review.data.actionItems.length,
    );
    const header = (await page.locator('.review__header').textContent()) ?? '';
    for (const label of ['long', 'detected in', 'mitigated in', 'Failure modes', 'Services'])
      expect(header).toContain(label);
    for (const service of review.data.services)
      expect(await page.locator(`.meta-strip a[href="/services/${service}/"]`).count()).toBe(1);
    expect((page as Page & { errors?: string[] }).errors).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'review.png'), fullPage: true });
    await page.close();
  });

  it('reads well at phone width and in dark mode', async () => {
    const review = published[0]!;
    const phone = await browser.newContext({
      viewport: { width: 375, height: 812 },
      colorScheme: 'light',
      isMobile: true,
      hasTouch: true,
    });
    const page = await open(`/reviews/${review.id}/`, phone);
    // Nothing but the scrollable tables may be wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      375,
    );
    await page.screenshot({ path: join(SHOTS, 'review-phone.png'), fullPage: true });
    await phone.close();

    const dark = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      colorScheme: 'dark',
    });
    const darkPage = await open(`/reviews/${review.id}/`, dark);
    const background = await darkPage.evaluate(
      () => getComputedStyle(document.body).backgroundColor,
    );
    const [r, g, b] = (background.match(/\d+/g) ?? []).map(Number);
    expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(150);
    await darkPage.screenshot({ path: join(SHOTS, 'review-dark.png'), fullPage: true });
    await dark.close();
  });

  it('never requests anything outside the site, on any page type', async () => {
    const seen: string[] = [];
    const pages = ['/', `/reviews/${published[0]!.id}/`, '/search/?q=timeout', '/similar/'];
    for (const path of pages) {
      const page = await context.newPage();
      page.on('request', (request) => seen.push(request.url()));
      // The search page loads its bundle and vocabulary from script; under load that can come
      // after the network first goes idle, so wait for both requests rather than for idleness.
      const searchLoads = path.startsWith('/search/')
        ? Promise.all([
            page.waitForRequest((r) => r.url().includes('/pagefind/')),
            page.waitForRequest((r) => r.url().endsWith('/search-vocabulary.json')),
          ])
        : undefined;
      await page.goto(site + path, { waitUntil: 'networkidle' });
      await searchLoads;
      await page.close();
    }
    // The pages, their CSS, the search bundle and vocabulary were all requested from the site.
    expect(seen.some((u) => u.includes('/pagefind/'))).toBe(true);
    expect(seen.some((u) => u.endsWith('/search-vocabulary.json'))).toBe(true);
    expect(seen.filter((u) => !u.startsWith(`${site}/`) && !u.startsWith('data:'))).toEqual([]);
  });
});
