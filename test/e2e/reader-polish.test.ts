/**
 * End-to-end checks for things a reader stumbled on during QA: the header search box sharing the
 * nav's line, code in failure-mode descriptions, discoverable feed and JSON export, the similar
 * page's form, and stats charts that stay legible on a phone.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.ts';

const PGBOUNCER = '2026-02-19-payments-api-pgbouncer-pool-exhaustion-retry-storm';

let browser: Browser;
let site: string;

beforeAll(async () => {
  site = inject('siteUrl');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function openAt(path: string, width: number) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(site + path);
  return { page, close: () => context.close() };
}

describe('reading the site', () => {
  it('keeps the header search box on the navigation line at 1280 px, also when a nav link is current', async () => {
    const { page, close } = await openAt('/failure-modes/', 1280);
    const nav = await page.locator('.site-header nav').boundingBox();
    const search = await page.locator('.header-search').boundingBox();
    expect(nav && search).toBeTruthy();
    // Same line: the two boxes overlap vertically, and the search box is to the right of the nav.
    expect(search!.y).toBeLessThan(nav!.y + nav!.height);
    expect(search!.y + search!.height).toBeGreaterThan(nav!.y);
    expect(search!.x).toBeGreaterThanOrEqual(nav!.x + nav!.width);
    await close();
  });

  it('keeps the search box and the theme switch on the navigation line at 1280 and 1440 px, whichever nav link is current', async () => {
    for (const width of [1280, 1440]) {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const page = await context.newPage();
      await page.goto(site + '/');
      const links = await page
        .locator('.site-header nav a')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(links.length).toBeGreaterThan(3);
      for (const href of links) {
        await page.goto(site + href);
        const nav = (await page.locator('.site-header nav').boundingBox())!;
        for (const item of ['.header-search', '.theme-switch']) {
          const box = (await page.locator(item).boundingBox())!;
          // Same line: the boxes overlap vertically, and the item is right of the nav.
          expect(box.y, `${item} on ${href} at ${width}px`).toBeLessThan(nav.y + nav.height);
          expect(box.y + box.height).toBeGreaterThan(nav.y);
          expect(box.x).toBeGreaterThanOrEqual(nav.x + nav.width);
        }
      }
      await context.close();
    }
  });

  it('renders code spans in failure-mode descriptions as code, not as backticks', async () => {
    const { page, close } = await openAt('/failure-modes/', 1280);
    const text = await page.locator('.catalogue').innerText();
    expect(text).not.toContain('`');
    expect(await page.locator('.catalogue code', { hasText: 'max.poll.interval.ms' }).count()).toBe(
      1,
    );
    await close();
    const detail = await openAt('/failure-modes/disk-full/', 1280);
    expect(await detail.page.locator('.lede code', { hasText: 'ENOSPC' }).count()).toBe(1);
    await detail.close();
  });

  it('links the RSS feed from every page and the JSON export from a review page', async () => {
    const { page, close } = await openAt(`/reviews/${PGBOUNCER}/`, 1280);
    expect(
      await page
        .locator('head link[rel="alternate"][type="application/rss+xml"]')
        .getAttribute('href'),
    ).toBe('/rss.xml');
    const feed = page.locator('.site-footer a', { hasText: 'RSS' });
    expect(await feed.getAttribute('href')).toBe('/rss.xml');
    const json = page.locator('.review__header a[type="application/json"]');
    const href = await json.getAttribute('href');
    expect(href).toBe(`/reviews/${PGBOUNCER}.json`);
    const response = await page.request.get(site + href);
    expect(response.status()).toBe(200);
    expect((await response.json()).id).toBe(PGBOUNCER);
    await close();
  });

  it('gives the find-similar page a full-width notes box with its label above it', async () => {
    const { page, close } = await openAt('/similar/', 1280);
    const label = await page.locator('label[for="similar-notes"]').boundingBox();
    const box = await page.locator('#similar-notes').boundingBox();
    const form = await page.locator('#similar-form').boundingBox();
    // As wide as its form, several lines tall, and the label above it.
    expect(box!.width).toBeGreaterThanOrEqual(form!.width - 1);
    expect(box!.height).toBeGreaterThan(label!.height * 4);
    expect(label!.y + label!.height).toBeLessThanOrEqual(box!.y + 1);
    await close();
  });

  it('draws stats charts at their own size on a phone, scrolling sideways rather than shrinking the labels', async () => {
    const { page, close } = await openAt('/stats/', 375);
    const svg = page.locator('figure[data-chart="per-month"] svg.cb-chart');
    const drawn = Number(await svg.getAttribute('width'));
    const shown = (await svg.boundingBox())!.width;
    expect(drawn).toBeGreaterThan(375);
    expect(shown).toBeCloseTo(drawn, 0);
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
    await close();
  });
});
