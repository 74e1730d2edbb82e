/**
 * End-to-end: what a new on-call engineer sees on the sample site (built once by global-setup):
 * search that finds every review of a failure mode and says when nothing matches, similar
 * incidents that share something with the review, the review page's way around, the catalogue
 * pages, phone layout, the theme switch, and an axe-core audit of every page type in light and
 * dark with zero violations. Layout is checked by relations (A above B, nothing wider than the
 * screen), not by pixel values.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import { PROJECT_ROOT } from './build-site.ts';
import { loadCorpus, publishedReviews } from '../../src/lib/review/load.ts';
import { loadTaxonomy } from '../../src/lib/review/taxonomy.ts';
import type { Review } from '../../src/lib/review/parse.ts';
import type { FailureMode } from '../../src/lib/review/taxonomy.ts';

let browser: Browser;
let site: string;
let published: Review[];
let modes: FailureMode[];
let axeSource: string;

const PGBOUNCER = '2026-02-19-payments-api-pgbouncer-pool-exhaustion-retry-storm';

beforeAll(async () => {
  site = inject('siteUrl');
  const content = join(PROJECT_ROOT, 'content');
  published = publishedReviews((await loadCorpus(content)).reviews, false);
  modes = await loadTaxonomy(content);
  axeSource = await readFile(join(PROJECT_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

async function withPage<T>(
  path: string,
  options: Parameters<Browser['newContext']>[0],
  run: (page: Page, context: BrowserContext) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext(options);
  try {
    const page = await context.newPage();
    await page.goto(site + path);
    return await run(page, context);
  } finally {
    await context.close();
  }
}

const DESKTOP = { viewport: { width: 1440, height: 900 } };
/** Pagefind and the vocabulary load lazily; on a busy 2-core machine that takes seconds. */
const SLOW = { timeout: 20_000 };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** Every result href of a search, after "Show more" until all are listed. */
async function allResults(page: Page): Promise<string[]> {
  await expect.poll(() => page.textContent('#search-status'), SLOW).toMatch(/\S/);
  await page.waitForFunction(
    () => !/^Type a word/.test(document.getElementById('search-status')?.textContent ?? ''),
  );
  const more = page.locator('#search-more');
  while (await more.isVisible()) {
    const before = await page.locator('.search-result').count();
    await more.click();
    await expect.poll(() => page.locator('.search-result').count(), SLOW).toBeGreaterThan(before);
  }
  return page
    .locator('.search-result__title')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
}

describe('search', () => {
  it('finds every review tagged with a failure mode when its name is typed', async () => {
    const used = modes.filter((m) => published.some((r) => r.data.failureModes.includes(m.slug)));
    expect(used.length).toBeGreaterThan(5);
    let found = 0;
    let tagged = 0;
    const missing: string[] = [];
    const perMode: string[] = [];
    await withPage('/search/', DESKTOP, async (page) => {
      await expect.poll(() => page.textContent('#search-status'), SLOW).toMatch(/^Type a word/);
      for (const mode of used) {
        const want = published
          .filter((r) => r.data.failureModes.includes(mode.slug))
          .map((r) => `/reviews/${r.id}/`);
        await page.fill('#search-q', '');
        await page.fill('#search-q', mode.name);
        await page.press('#search-q', 'Enter');
        await expect
          .poll(() => page.textContent('#search-status'), SLOW)
          .toContain(`for “${mode.name}”`);
        const got = new Set(await allResults(page));
        tagged += want.length;
        const hits = want.filter((href) => got.has(href)).length;
        found += hits;
        perMode.push(`${mode.name}: ${hits}/${want.length}`);
        for (const href of want) if (!got.has(href)) missing.push(`${mode.name}: ${href}`);
      }
    });
    console.log(
      `failure-mode names found by search (found/tagged):\n${perMode.join('\n')}\ntotal: ${found}/${tagged}`,
    );
    expect(missing, `not found: ${missing.join('; ')}`).toEqual([]);
  }, 300_000);

  it('says when nothing matches, with "did you mean" from the site’s own words', async () => {
    await withPage('/search/?q=pgbouncr', DESKTOP, async (page) => {
      await expect.poll(() => page.textContent('#search-status'), SLOW).toMatch(/^No match/);
      expect(await page.textContent('#search-status')).toContain('Did you mean pgbouncer?');
      expect(await page.locator('.search-result').count()).toBe(0);
      await page.click('#search-status a');
      await expect.poll(() => page.url(), SLOW).toContain('q=pgbouncer');
      const results = await allResults(page);
      expect(results).toContain(`/reviews/${PGBOUNCER}/`);
    });
    await withPage('/search/?q=asdfghjk', DESKTOP, async (page) => {
      await expect
        .poll(() => page.textContent('#search-status'), SLOW)
        .toBe('No match: no review mentions “asdfghjk”.');
      expect(await page.locator('.search-result').count()).toBe(0);
    });
  });

  it('offers each part of a failure mode plus service query that no review mentions together', async () => {
    // A used failure mode and a service such that no review naming the service uses any word of
    // the mode's name: no page can hold every word of "<mode> <service>".
    const textOf = (r: Review) => `${r.body} ${JSON.stringify(r.data)}`.toLowerCase();
    const services = [...new Set(published.flatMap((r) => r.data.services))];
    const pair = modes
      .filter((m) => published.some((r) => r.data.failureModes.includes(m.slug)))
      // A name of words only, so the offered part reads exactly as the name.
      .filter((m) => /^[\p{L} -]+$/u.test(m.name))
      .flatMap((m) => services.map((s) => ({ m, s })))
      .find(({ m, s }) => {
        const stems = m.name
          .toLowerCase()
          .split(/[^a-z0-9]+/)
          .filter((w) => w.length > 3)
          .map((w) => w.slice(0, 5));
        return published
          .filter((r) => textOf(r).includes(s))
          .every((r) => !stems.some((w) => textOf(r).includes(w)));
      });
    expect(pair, 'a failure mode and a service never mentioned together').toBeTruthy();
    const { m, s } = pair!;
    await withPage(`/search/?q=${encodeURIComponent(`${m.name} ${s}`)}`, DESKTOP, async (page) => {
      await expect
        .poll(() => page.textContent('#search-status'), SLOW)
        .toMatch(/^No review mentions all of/);
      expect(await page.locator('.search-result').count()).toBe(0);
      const parts = await page
        .locator('#search-status a')
        .evaluateAll((as) => as.map((a) => a.textContent ?? ''));
      expect(parts).toEqual([m.name.toLowerCase(), s]);
      await page.click(`#search-status a:text-is("${m.name.toLowerCase()}")`);
      await page.waitForURL(/\/search\/\?q=/);
      const got = await allResults(page);
      for (const r of published.filter((r) => r.data.failureModes.includes(m.slug)))
        expect(got).toContain(`/reviews/${r.id}/`);
    });
  });

  it('offers the known words of a query alone when one word is unknown', async () => {
    const service = published[0]!.data.services[0]!;
    await withPage(
      `/search/?q=${encodeURIComponent(`${service} qxzvwk`)}`,
      DESKTOP,
      async (page) => {
        await expect
          .poll(() => page.textContent('#search-status'), SLOW)
          .toMatch(/^No match: no review mentions “qxzvwk”\. Or search for/);
        await page.click(`#search-status a:text-is("${service}")`);
        await page.waitForURL(/\/search\/\?q=/);
        const got = await allResults(page);
        for (const r of published.filter((r) => r.data.services.includes(service)))
          expect(got).toContain(`/reviews/${r.id}/`);
      },
    );
  });

  it('keeps the other options of a ticked filter group, so ticking a second one adds its reviews', async () => {
    const bySeverity = new Map<string, string[]>();
    for (const r of published)
      bySeverity.set(r.data.severity, [
        ...(bySeverity.get(r.data.severity) ?? []),
        `/reviews/${r.id}/`,
      ]);
    const sorted = [...bySeverity].sort((a, b) => a[0].localeCompare(b[0]));
    expect(sorted.length, 'reviews of two severities at least').toBeGreaterThan(1);
    const [first, firstIds] = sorted[0]!;
    const [second, secondIds] = sorted[1]!;
    await withPage(`/search/?severity=${first}`, DESKTOP, async (page) => {
      expect((await allResults(page)).sort()).toEqual([...firstIds].sort());
      const other = page.locator(`input[data-filter="severity"][value="${second}"]`);
      expect(await other.isChecked()).toBe(false);
      expect(
        await page.locator(`label[for="${await other.getAttribute('id')}"]`).textContent(),
      ).toBe(`${second} (${secondIds.length})`);
      await other.check();
      await expect
        .poll(() => new URL(page.url()).searchParams.getAll('severity'), SLOW)
        .toEqual([first, second]);
      await expect
        .poll(() => page.textContent('#search-status'), SLOW)
        .toBe(`${firstIds.length + secondIds.length} reviews.`);
      expect((await allResults(page)).sort()).toEqual([...firstIds, ...secondIds].sort());
    });
  });

  it('drops a filter of a shared URL that no review has, says so, and reads a lower-case severity', async () => {
    const severity = published[0]!.data.severity;
    const want = published
      .filter((r) => r.data.severity === severity)
      .map((r) => `/reviews/${r.id}/`);
    const path = `/search/?severity=${severity.toLowerCase()}&service=no-such-service`;
    await withPage(path, DESKTOP, async (page) => {
      await expect
        .poll(() => page.textContent('#search-status'), SLOW)
        .toBe(
          `${want.length} review${want.length === 1 ? '' : 's'}. Left out filters that match no review: service=no-such-service.`,
        );
      expect(new URL(page.url()).search).toBe(`?severity=${severity}`);
      expect(
        await page.locator(`input[data-filter="severity"][value="${severity}"]`).isChecked(),
      ).toBe(true);
      expect((await allResults(page)).sort()).toEqual(want.sort());
    });
  });

  it('shows severity, date, services and failure modes on each result', async () => {
    const review = published.find((r) => r.id === PGBOUNCER)!;
    await withPage('/search/?q=maxIdleConns', DESKTOP, async (page) => {
      const first = page.locator('.search-result').first();
      await first.waitFor(SLOW);
      const text = (await first.textContent()) ?? '';
      expect(text).toContain(review.data.severity);
      expect(text).toContain(review.data.date.toISOString().slice(0, 10));
      for (const s of review.data.services) expect(text).toContain(s);
      expect(text).toContain('Connection-pool exhaustion');
    });
  });

  it('keeps filters in the URL, restores them from it, and hides options with no review', async () => {
    await withPage('/search/?q=timeout&severity=SEV2', DESKTOP, async (page) => {
      await page.locator('.search-result').first().waitFor(SLOW);
      expect(await page.locator('input[data-filter="severity"][value="SEV2"]').isChecked()).toBe(
        true,
      );
      const labels = await page.locator('.search-filter label').allTextContents();
      expect(labels.length).toBeGreaterThan(0);
      expect(labels.filter((l) => /\(0\)/.test(l))).toEqual([]);
      const sev2 = new Set(
        published.filter((r) => r.data.severity === 'SEV2').map((r) => `/reviews/${r.id}/`),
      );
      const hrefs = await allResults(page);
      expect(hrefs.length).toBeGreaterThan(0);
      expect(hrefs.every((h) => sev2.has(h))).toBe(true);
      await page.locator('input[data-filter="severity"][value="SEV2"]').uncheck();
      await expect.poll(() => new URL(page.url()).search, SLOW).toBe('?q=timeout');
    });
  });

  it('keeps the header box and the search page’s box in step', async () => {
    await withPage('/search/?q=ledger', DESKTOP, async (page) => {
      expect(await page.inputValue('#site-search')).toBe('ledger');
      await expect.poll(() => page.textContent('#search-status'), SLOW).toContain('for “ledger”');
      await page.fill('#search-q', 'pgbouncer');
      expect(await page.inputValue('#site-search')).toBe('pgbouncer');
      await page.fill('#site-search', 'kafka');
      expect(await page.inputValue('#search-q')).toBe('kafka');
      await expect.poll(() => page.url(), SLOW).toContain('q=kafka');
    });
  });

  it('shows the first result on a phone without scrolling past the filters', async () => {
    await withPage('/search/?q=timeout', PHONE, async (page) => {
      const first = page.locator('.search-result').first();
      await first.waitFor(SLOW);
      // The filters are folded to one line, so the first result is on the first screen.
      expect(await page.locator('.search-filters-box').getAttribute('open')).toBeNull();
      const box = (await first.boundingBox())!;
      expect(box.y + box.height / 2).toBeLessThan(844);
    });
  });
});

describe('similar incidents', () => {
  it('on every review share a failure mode or a service, or are labelled a strong text-only match', async () => {
    let links = 0;
    let sharing = 0;
    let textOnly = 0;
    const context = await browser.newContext(DESKTOP);
    for (const review of published) {
      const page = await context.newPage();
      await page.goto(`${site}/reviews/${review.id}/`);
      const items = await page.locator('.similar-incidents__list > li').evaluateAll((lis) =>
        lis.map((li) => ({
          href: li.querySelector('a')?.getAttribute('href') ?? '',
          text: li.textContent ?? '',
          textOnly: li.getAttribute('data-text-only') === 'true',
        })),
      );
      const related = new Set(review.data.related.map((id) => `/reviews/${id}/`));
      for (const item of items) {
        links++;
        const other = published.find((r) => `/reviews/${r.id}/` === item.href)!;
        expect(other, item.href).toBeTruthy();
        expect(related.has(item.href), `${item.href} is already under Related`).toBe(false);
        expect(item.text).not.toMatch(/score|\d\.\d{3}/i);
        const shares =
          other.data.failureModes.some((m) => review.data.failureModes.includes(m)) ||
          other.data.services.some((s) => review.data.services.includes(s));
        if (shares) sharing++;
        else {
          textOnly++;
          expect(item.textOnly).toBe(true);
          expect(item.text).toContain('strong match, text only');
        }
        expect(item.text).toMatch(/Matched “|Same (failure mode|service)/);
      }
      if (!items.length)
        expect(await page.textContent('.similar-incidents')).toContain('No close match');
      await page.close();
    }
    await context.close();
    console.log(
      `similar-incident links on ${published.length} reviews sharing a mode or service: ${sharing}/${links}; labelled text-only: ${textOnly}`,
    );
    expect(links).toBeGreaterThan(0);
  }, 300_000);
});

describe('the review page', () => {
  it('starts the Summary on the first screen at 1440×900, with "On this page" to its right', async () => {
    await withPage(`/reviews/${PGBOUNCER}/`, DESKTOP, async (page) => {
      const summary = (await page.locator('h2#summary').boundingBox())!;
      expect(summary.y + summary.height).toBeLessThan(900);
      const toc = (await page.locator('.review-toc').boundingBox())!;
      const article = (await page.locator('article.review').boundingBox())!;
      expect(toc.x).toBeGreaterThanOrEqual(article.x + article.width);
      expect(await page.locator('.review-toc__box').getAttribute('open')).not.toBeNull();
      const links = await page
        .locator('.review-toc a')
        .evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
      expect(links.slice(0, 2)).toEqual([
        ['Summary', '#summary'],
        ['Detailed mechanism', '#detailed-mechanism'],
      ]);
      for (const [, href] of links)
        expect(await page.locator(href!).count(), `${href} exists`).toBe(1);
      expect(await page.locator('h2#summary a.heading-anchor').getAttribute('href')).toBe(
        '#summary',
      );
    });
  });

  it('fits every table of every review page in its box at 1440 px, with no sideways scrolling', async () => {
    const context = await browser.newContext(DESKTOP);
    const page = await context.newPage();
    const wide: string[] = [];
    for (const review of published) {
      await page.goto(`${site}/reviews/${review.id}/`);
      wide.push(
        ...(await page
          .locator('article table')
          .evaluateAll(
            (tables, id) =>
              tables
                .filter((t) => t.scrollWidth > (t.parentElement?.clientWidth ?? 0) + 1)
                .map((t) => `${id}: table.${t.className}`),
            review.id,
          )),
      );
    }
    await context.close();
    expect(wide).toEqual([]);
  }, 120_000);

  it('folds "On this page" on a phone, above the Summary', async () => {
    await withPage(`/reviews/${PGBOUNCER}/`, PHONE, async (page) => {
      expect(await page.locator('.review-toc__box').getAttribute('open')).toBeNull();
      const toc = (await page.locator('.review-toc').boundingBox())!;
      const summary = (await page.locator('h2#summary').boundingBox())!;
      expect(toc.y).toBeLessThan(summary.y);
    });
  });

  it('links to the previous and next review of the same failure mode or service', async () => {
    const review = published.find((r) => r.id === PGBOUNCER)!;
    await withPage(`/reviews/${PGBOUNCER}/`, DESKTOP, async (page) => {
      const hrefs = await page
        .locator('.review-pager a[rel]')
        .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
      expect(hrefs.length).toBeGreaterThan(0);
      for (const href of hrefs) {
        const other = published.find((r) => `/reviews/${r.id}/` === href)!;
        expect(
          other.data.failureModes.some((m) => review.data.failureModes.includes(m)) ||
            other.data.services.some((s) => review.data.services.includes(s)),
        ).toBe(true);
      }
    });
  });

  it('links tags and tickets to a search for them', async () => {
    const review = published.find((r) => r.id === PGBOUNCER)!;
    const ticket = review.data.actionItems.find((a) => a.ticket)!.ticket!;
    await withPage(`/reviews/${PGBOUNCER}/`, DESKTOP, async (page) => {
      expect(await page.locator('.meta-more a.tag', { hasText: ticket }).getAttribute('href')).toBe(
        `/search/?q=${encodeURIComponent(ticket)}`,
      );
      // The ticket of each action item links to the same search.
      expect(
        await page.locator('table.actions a', { hasText: ticket }).first().getAttribute('href'),
      ).toBe(`/search/?q=${encodeURIComponent(ticket)}`);
      const tag = review.data.tags[0]!;
      expect(
        await page.locator('.meta-more a.tag', { hasText: tag }).first().getAttribute('href'),
      ).toBe(`/search/?q=${encodeURIComponent(tag)}`);
    });
  });
});

describe('catalogue pages', () => {
  it('lists the incident titles under each failure mode and names the unseen modes once', async () => {
    await withPage('/failure-modes/', DESKTOP, async (page) => {
      const blocks = await page.locator('.catalogue__item').evaluateAll((items) =>
        items.map((li) => ({
          name: li.querySelector('.catalogue__name a')?.textContent ?? '',
          titles: [...li.querySelectorAll('.catalogue__reviews a')].map((a) => a.textContent),
        })),
      );
      for (const block of blocks) {
        const mode = modes.find((m) => m.name === block.name)!;
        const titles = published
          .filter((r) => r.data.failureModes.includes(mode.slug))
          .map((r) => r.data.title);
        expect(block.titles.sort()).toEqual(titles.sort());
        expect(titles.length).toBeGreaterThan(0);
      }
      expect(await page.locator('.catalogue').textContent()).not.toContain('0 reviews');
    });
  });

  it('links a service page to its reading path, which explains its order', async () => {
    await withPage('/services/payments-api/', DESKTOP, async (page) => {
      await page.click('a[href="/oncall/payments-api/"]');
      await page.waitForURL(/\/oncall\/payments-api\/$/);
      expect(await page.textContent('.reading-path__order')).toMatch(/^\s*Why this order/);
    });
  });
});

describe('phone and keyboard', () => {
  const pages = [
    '/',
    `/reviews/${PGBOUNCER}/`,
    '/failure-modes/',
    '/services/',
    '/services/inventory-service/',
    '/oncall/',
    '/stats/',
    '/similar/',
  ];

  it('fits every page type on a phone: nothing wider than the screen, names not broken mid-word', async () => {
    const services = [...new Set(published.flatMap((r) => r.data.services))];
    const context = await browser.newContext(PHONE);
    for (const path of pages) {
      const page = await context.newPage();
      await page.goto(site + path);
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
        path,
      ).toBeLessThanOrEqual(0);
      // A table wider than its box sits in a labelled scroll region.
      const unboxed = await page.locator('table').evaluateAll((tables) =>
        tables
          .filter((t) => t.getBoundingClientRect().width > (t.parentElement?.clientWidth ?? 0) + 1)
          .filter((t) => {
            const region = t.closest('[role="region"][aria-label]');
            return !region || getComputedStyle(region).overflowX === 'visible';
          })
          .map((t) => t.className),
      );
      expect(unboxed, path).toEqual([]);
      // Service names (chips, code in tables) stay whole on one line.
      const broken = await page.locator('.chip, td code, h1 code').evaluateAll(
        (els, names) =>
          els
            .filter((e) => names.includes((e.textContent ?? '').trim()))
            .filter((e) => e.getClientRects().length > 1 || e.getBoundingClientRect().height > 40)
            .map((e) => e.textContent),
        services,
      );
      expect(broken, path).toEqual([]);
      await page.close();
    }
    await context.close();
  }, 300_000);

  it('shows the "/" hint only where there is a keyboard', async () => {
    await withPage('/', DESKTOP, async (page) => {
      expect(await page.locator('.header-search__hint').isVisible()).toBe(true);
    });
    await withPage('/', PHONE, async (page) => {
      expect(await page.locator('.header-search__hint').isVisible()).toBe(false);
    });
  });

  it('switches to dark or light next to the OS default, and remembers the choice', async () => {
    await withPage('/', { ...DESKTOP, colorScheme: 'light' }, async (page) => {
      const background = () =>
        page.evaluate(() => {
          const [r, g, b] = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? [])
            .slice(0, 3)
            .map(Number);
          return (r ?? 0) + (g ?? 0) + (b ?? 0);
        });
      expect(await page.inputValue('#theme-switch')).toBe('system');
      const light = await background();
      await page.selectOption('#theme-switch', 'dark');
      expect(await background()).toBeLessThan(light);
      await page.goto(`${site}/failure-modes/`);
      expect(await page.inputValue('#theme-switch')).toBe('dark');
      expect(await background()).toBeLessThan(light);
      await page.selectOption('#theme-switch', 'system');
      expect(await background()).toBe(light);
    });
  });
});

/** axe-core's violations on the page as it stands: rule, impact and how many nodes. */
async function axeViolations(page: Page): Promise<{ id: string; impact: string; nodes: number }[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(d: Document): Promise<unknown> } }).axe;
    const result = (await axe.run(document)) as {
      violations: { id: string; impact: string; nodes: unknown[] }[];
    };
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
  });
}

describe('accessibility', () => {
  /** Every page type, and the states a reader brings about with script (results, an open TOC). */
  const pageTypes: { name: string; path: string; prepare?: (page: Page) => Promise<void> }[] = [
    { name: 'home', path: '/' },
    { name: 'home, filtered', path: '/?severity=SEV2' },
    { name: 'review', path: `/reviews/${PGBOUNCER}/` },
    {
      name: 'review, details open',
      path: `/reviews/${PGBOUNCER}/`,
      prepare: async (page) => {
        await page.locator('.meta-more summary').click();
      },
    },
    { name: 'search', path: '/search/?q=retry+storm' },
    { name: 'search, filtered', path: '/search/?q=timeout&severity=SEV2' },
    { name: 'search, no match', path: '/search/?q=pgbouncr' },
    { name: 'similar', path: '/similar/' },
    {
      name: 'similar, with results',
      path: '/similar/',
      prepare: async (page) => {
        await page.fill('#similar-notes', 'pgbouncer pool exhausted, clients waiting, 503s');
        await page.click('#similar-form button[type=submit]');
        await page.locator('#similar-results .similar-hit').first().waitFor(SLOW);
      },
    },
    { name: 'failure modes', path: '/failure-modes/' },
    { name: 'failure mode', path: '/failure-modes/retry-storm/' },
    { name: 'failure mode, no review', path: '/failure-modes/cache-stampede/' },
    { name: 'services', path: '/services/' },
    { name: 'service', path: '/services/payments-api/' },
    { name: 'on-call', path: '/oncall/' },
    { name: 'reading path', path: '/oncall/payments-api/' },
    { name: 'stats', path: '/stats/' },
    { name: 'not found', path: '/404.html' },
  ];

  it('has zero axe-core violations of any impact on every page type, in light and in dark', async () => {
    /** Violating nodes per page type and scheme, printed as a table and kept as JSON. */
    const totals: Record<string, { light?: number; dark?: number }> = {};
    const violations: string[] = [];
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ ...DESKTOP, colorScheme: scheme });
      for (const { name, path, prepare } of pageTypes) {
        const page = await context.newPage();
        await page.goto(site + path);
        if (path.startsWith('/search/'))
          await expect.poll(() => page.textContent('#search-status'), SLOW).toMatch(/\S/);
        await prepare?.(page);
        const found = await axeViolations(page);
        (totals[name] ??= {})[scheme] = found.reduce((sum, v) => sum + v.nodes, 0);
        violations.push(
          ...found.map((v) => `${scheme} ${path}: ${v.id} (${v.impact}) ×${v.nodes}`),
        );
        await page.close();
      }
      await context.close();
    }
    const rows = Object.entries(totals).map(
      ([name, t]) =>
        `| ${name.padEnd(24)} | ${String(t.light).padStart(5)} | ${String(t.dark).padStart(4)} |`,
    );
    console.log(
      `axe-core violations (nodes, any impact) per page type:\n| page type                | light | dark |\n${rows.join('\n')}`,
    );
    await mkdir(join(PROJECT_ROOT, '.casebook', 'tmp'), { recursive: true });
    await writeFile(
      join(PROJECT_ROOT, '.casebook', 'tmp', 'axe-totals.json'),
      `${JSON.stringify({ totals, violations }, null, 2)}\n`,
    );
    expect(violations).toEqual([]);
  }, 600_000);

  it('has zero axe-core violations on every review page (code blocks, tables, similar incidents), in light and in dark', async () => {
    const violations: string[] = [];
    const nodes = { light: 0, dark: 0 };
    for (const scheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ ...DESKTOP, colorScheme: scheme });
      const page = await context.newPage();
      for (const review of published) {
        await page.goto(`${site}/reviews/${review.id}/`);
        for (const v of await axeViolations(page)) {
          nodes[scheme] += v.nodes;
          violations.push(`${scheme} ${review.id}: ${v.id} (${v.impact}) ×${v.nodes}`);
        }
      }
      await context.close();
    }
    console.log(
      `axe-core violations (nodes) over ${published.length} review pages: light ${nodes.light}, dark ${nodes.dark}`,
    );
    expect(violations).toEqual([]);
  }, 600_000);
});
