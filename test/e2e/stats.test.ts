/**
 * End-to-end: the stats page, the on-call reading paths, the RSS feed and the JSON export of the
 * sample site (built once by global-setup), in headless Chromium.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { PROJECT_ROOT } from './build-site.ts';
import { loadCorpus, publishedReviews } from '../../src/lib/review/load.ts';
import { SEVERITIES } from '../../src/lib/review/schema.ts';
import type { Review } from '../../src/lib/review/parse.ts';

const SHOTS = join(PROJECT_ROOT, 'test-results');
const SERVICE = 'payments-api';

let browser: Browser;
let site: string;
let visible: Review[];
/** What each page requested and the script errors it raised, checked by the test that opened it. */
const seen = new WeakMap<Page, { requests: string[]; errors: string[] }>();

async function open(context: BrowserContext, path: string): Promise<Page> {
  const page = await context.newPage();
  const log = { requests: [] as string[], errors: [] as string[] };
  seen.set(page, log);
  page.on('request', (r) => log.requests.push(r.url()));
  page.on('pageerror', (e) => log.errors.push(e.message));
  const response = await page.goto(site + path);
  expect(response?.status()).toBe(200);
  return page;
}

/** Asserts the page raised no script error and requested nothing outside the site. */
function expectClean(page: Page): void {
  const log = seen.get(page);
  expect(log?.errors).toEqual([]);
  expect(log?.requests.filter((u) => !u.startsWith(site))).toEqual([]);
}

beforeAll(async () => {
  site = inject('siteUrl');
  // What the site shows: the sample corpus without drafts.
  visible = publishedReviews((await loadCorpus(join(PROJECT_ROOT, 'content'))).reviews, false);
  await mkdir(SHOTS, { recursive: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

describe('the stats page', () => {
  it('renders its charts and tables with JavaScript disabled, with no external requests', async () => {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      javaScriptEnabled: false,
    });
    const page = await open(context, '/stats/');
    expect(await page.locator('h1').textContent()).toBe('Stats');
    expect(await page.locator('svg.cb-chart').count()).toBeGreaterThanOrEqual(8);
    expect(await page.locator('table.cb-chart-table').count()).toBe(
      await page.locator('svg.cb-chart').count(),
    );
    expect(await page.locator('#chart-per-service').getAttribute('role')).toBe('img');
    const severityTotal = (
      await page
        .locator('#chart-per-severity g.cb-chart-bar')
        .evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-value'))))
    ).reduce((a, b) => a + b, 0);
    expect(severityTotal).toBe(visible.length);
    await page.screenshot({ path: join(SHOTS, 'stats.png'), fullPage: true });
    expectClean(page);
    await context.close();
  });

  it(`shows the right number of incidents for ${SERVICE} in the per-service chart, as a label and in the table`, async () => {
    const expected = visible.filter((r) => r.data.services.includes(SERVICE)).length;
    expect(expected).toBeGreaterThan(1);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(context, '/stats/');
    const bar = page.locator(`#chart-per-service g.cb-chart-bar[data-label="${SERVICE}"]`);
    expect(await bar.getAttribute('data-value')).toBe(String(expected));
    expect(await bar.locator('text').textContent()).toBe(String(expected));
    expect(await bar.locator('title').textContent()).toBe(`${SERVICE}: ${expected} incidents`);
    // No bar is a link: the chart is one image, its table carries the links.
    expect(await page.locator('#chart-per-service a').count()).toBe(0);
    const tableValue = await page
      .locator('[data-chart="per-service"] table tbody tr')
      .evaluateAll(
        (rows, service) =>
          rows.find((r) => r.querySelector('th')?.textContent === service)?.querySelector('td')
            ?.textContent,
        SERVICE,
      );
    expect(tableValue).toBe(String(expected));
    // The bar is drawn in proportion: the longest bar is the service with the most incidents.
    const widths = await page
      .locator('#chart-per-service g.cb-chart-bar rect')
      .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
    const values = await page
      .locator('#chart-per-service g.cb-chart-bar')
      .evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-value'))));
    expect(widths.indexOf(Math.max(...widths))).toBe(values.indexOf(Math.max(...values)));
    expectClean(page);
    await context.close();
  });
});

describe('the on-call reading path', () => {
  it('lists every service with its estimated reading time', async () => {
    const context = await browser.newContext();
    const page = await open(context, '/oncall/');
    const services = [...new Set(visible.flatMap((r) => r.data.services))].sort((a, b) =>
      a.localeCompare(b),
    );
    expect(
      await page
        .locator('tr[data-service]')
        .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-service'))),
    ).toEqual(services);
    expect(
      (await page.locator(`tr[data-service="${SERVICE}"] td[data-minutes]`).textContent())?.trim(),
    ).toMatch(/^\d+ min$/);
    expectClean(page);
    await context.close();
  });

  it(`lists ${SERVICE}'s reviews in the stated order: onboarding first, then most severe and recent, then one per new failure mode`, async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await open(context, `/oncall/${SERVICE}/`);
    const steps = await page.locator('li.reading-path__step').evaluateAll((lis) =>
      lis.map((li) => ({
        id: li.getAttribute('data-review-id') ?? '',
        reason: li.getAttribute('data-reason') ?? '',
      })),
    );
    const own = visible.filter((r) => r.data.services.includes(SERVICE));
    const byId = new Map(own.map((r) => [r.id, r]));
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.every((s) => byId.has(s.id))).toBe(true);
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length);
    // Blocks in order.
    const order = ['onboarding', 'severe-recent', 'failure-mode'];
    const reasons = steps.map((s) => order.indexOf(s.reason));
    expect(reasons).toEqual([...reasons].sort((a, b) => a - b));
    // Every onboarding review of the service comes first.
    const onboarding = own.filter((r) => r.data.onboarding).map((r) => r.id);
    expect(onboarding.length).toBeGreaterThan(0);
    expect(
      steps
        .filter((s) => s.reason === 'onboarding')
        .map((s) => s.id)
        .sort(),
    ).toEqual(onboarding.sort());
    // The severe-and-recent block is ordered by severity, then newest first, and nothing left out is more severe.
    const severe = steps
      .filter((s) => s.reason === 'severe-recent')
      .map((s) => byId.get(s.id) as Review);
    const rank = (r: Review) => (SEVERITIES as readonly string[]).indexOf(r.data.severity);
    for (let i = 1; i < severe.length; i++) {
      const [a, b] = [severe[i - 1] as Review, severe[i] as Review];
      expect(
        rank(a) < rank(b) ||
          (rank(a) === rank(b) && a.data.date.getTime() >= b.data.date.getTime()),
      ).toBe(true);
    }
    const listed = new Set(steps.map((s) => s.id));
    const last = severe[severe.length - 1];
    if (last)
      for (const r of own.filter((r) => !listed.has(r.id)))
        expect(rank(r)).toBeGreaterThanOrEqual(rank(last));
    // Every failure mode the service has had is covered by the path.
    const covered = new Set(steps.flatMap((s) => (byId.get(s.id) as Review).data.failureModes));
    for (const mode of new Set(own.flatMap((r) => r.data.failureModes)))
      expect(covered.has(mode)).toBe(true);
    // The page shows the reviews' titles in that order.
    expect(
      (await page.locator('.reading-path__title').allTextContents()).map((t) => t.trim()),
    ).toEqual(steps.map((s) => (byId.get(s.id) as Review).data.title));
    await page.screenshot({ path: join(SHOTS, `oncall-${SERVICE}.png`), fullPage: true });
    expectClean(page);
    await context.close();
  });
});

describe('feeds and export', () => {
  it('serves an RSS feed with one item per published review', async () => {
    const xml = await (await fetch(`${site}/rss.xml`)).text();
    const published = visible.filter((r) => r.data.status === 'published');
    expect(xml.match(/<item>/g)?.length).toBe(published.length);
    expect(xml).toContain(`/reviews/${published[0]?.id}/</link>`);
  });

  it('serves /reviews/<id>.json with the front matter and the sections', async () => {
    const review = visible[0] as Review;
    const json = (await (await fetch(`${site}/reviews/${review.id}.json`)).json()) as {
      id: string;
      frontMatter: { title: string; date: string };
      sections: { heading: string }[];
    };
    expect(json.id).toBe(review.id);
    expect(json.frontMatter.title).toBe(review.data.title);
    expect(json.frontMatter.date).toBe(review.data.date.toISOString().slice(0, 10));
    expect(json.sections.map((s) => s.heading)).toEqual(review.sections.map((s) => s.heading));
  });
});
