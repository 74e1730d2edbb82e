import { describe, expect, it } from 'vitest';
import {
  escapeHtml,
  inlineCodeHtml,
  isOverdue,
  isoDay,
  longDay,
  serviceHref,
  serviceSlug,
  severityBadge,
  timeOfDay,
} from '../../../src/lib/site/format.ts';

describe('site formatting', () => {
  it('renders `code spans` from front-matter strings as <code> and escapes everything else', () => {
    expect(inlineCodeHtml('Set `pool_mode = transaction` on <pgbouncer>')).toBe(
      'Set <code>pool_mode = transaction</code> on &lt;pgbouncer&gt;',
    );
    expect(inlineCodeHtml('`<script>alert(1)</script>`')).toBe(
      '<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>',
    );
    expect(inlineCodeHtml('a lone ` backtick')).toBe('a lone ` backtick');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });

  it('marks open and in-progress items past their due day as overdue, never done or wont-do ones', () => {
    const now = new Date('2026-04-02T10:00:00Z');
    const due = new Date('2026-04-01');
    expect(isOverdue({ status: 'open', due }, now)).toBe(true);
    expect(isOverdue({ status: 'in-progress', due }, now)).toBe(true);
    expect(isOverdue({ status: 'done', due }, now)).toBe(false);
    expect(isOverdue({ status: 'wont-do', due }, now)).toBe(false);
    expect(isOverdue({ status: 'open', due: new Date('2026-04-02') }, now)).toBe(false);
    expect(isOverdue({ status: 'open', due: undefined }, now)).toBe(false);
  });

  it('formats dates and times in UTC', () => {
    const d = new Date('2026-03-14T23:30:00-02:00');
    expect(isoDay(d)).toBe('2026-03-15');
    expect(longDay(new Date('2026-03-14'))).toBe('14 Mar 2026');
    expect(timeOfDay(new Date('2026-03-14T09:05:00Z'), new Date('2026-03-14T00:00:00Z'))).toBe(
      '09:05',
    );
    expect(timeOfDay(new Date('2026-03-15T01:05:00Z'), new Date('2026-03-14T00:00:00Z'))).toBe(
      '2026-03-15 01:05',
    );
  });

  it('turns service names into URL segments', () => {
    expect(serviceSlug('payments-api')).toBe('payments-api');
    expect(serviceSlug('Payments API (EU)')).toBe('payments-api-eu');
    expect(serviceHref('pgbouncer-payments')).toBe('/services/pgbouncer-payments/');
  });

  it('shows a severity as written and an unknown one as SEV?, never as a severity', () => {
    expect(severityBadge('SEV2')).toEqual({
      cls: 'badge--sev2',
      title: 'SEV2: major',
      text: 'SEV2',
    });
    expect(severityBadge('unknown')).toEqual({
      cls: 'badge--unknown',
      title: 'Severity unknown: the source never stated it',
      text: 'SEV?',
    });
  });
});
