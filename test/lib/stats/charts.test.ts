import { describe, it, expect } from 'vitest';
import { barChart, chartTable } from '../../../src/lib/stats/charts.ts';

const bars = [
  { label: 'payments-api', value: 3, href: '/services/payments-api/' },
  { label: '<script>', value: 1 },
  { label: 'idle', value: 0 },
];

describe('barChart', () => {
  it('draws one bar per value, with the number on hover and as data attributes', () => {
    const svg = barChart({ id: 'svc', title: 'Incidents per service', bars, unit: 'incidents' });
    expect(svg.match(/<g class="cb-chart-bar"/g)).toHaveLength(3);
    expect(svg).toContain(
      '<g class="cb-chart-bar" data-label="payments-api" data-value="3"><title>payments-api: 3 incidents</title>',
    );
    // Bars are not links (the table beside the chart carries them).
    expect(svg).not.toContain('<a ');
    // The longest bar spans the plot; a zero bar has no width.
    expect(svg).toMatch(
      /data-value="0"><title>idle: 0 incidents<\/title><rect x="[\d.]+" y="[\d.]+" width="0"/,
    );
  });

  it('is accessible, escapes labels, uses currentColor and makes no external requests', () => {
    const svg = barChart({ id: 'svc', title: 'Incidents & more', bars });
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="svc-title svc-desc"/);
    expect(svg).toContain('<title id="svc-title">Incidents &amp; more</title>');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('currentColor');
    expect(svg).not.toMatch(/(src|href)="https?:/);
    expect(svg).not.toMatch(/#[0-9a-f]{6}/i);
  });

  it('draws vertical bars for a time series, labelled on the axis, with the value on hover and above the bar when it fits', () => {
    const svg = barChart({
      id: 'ttd',
      title: 'Median time to detect',
      orientation: 'vertical',
      bars: [
        { label: '2026-Q1', value: 600000, display: '10 min (n=3)' },
        { label: '2026-Q2', value: 3 },
        { label: '2026-Q3', value: 0, display: '—' },
      ],
    });
    expect(svg).toContain('<title>2026-Q1: 10 min (n=3)</title>');
    expect(svg).toContain('>2026-Q1</text>');
    expect(svg).not.toContain('>10 min (n=3)</text>');
    expect(svg).toMatch(/data-value="3"><title>2026-Q2: 3<\/title>.*<text[^>]*>3<\/text><\/g>/);
  });
});

describe('chartTable', () => {
  it('gives the same numbers as a table with a caption and headers', () => {
    const html = chartTable(bars, {
      caption: 'Incidents per service',
      labelHeader: 'Service',
      valueHeader: 'Incidents',
    });
    expect(html).toContain('<caption>Incidents per service</caption>');
    expect(html).toContain(
      '<th scope="row"><a href="/services/payments-api/">payments-api</a></th><td data-value="3">3</td>',
    );
    expect(html).toContain('&lt;script&gt;');
  });
});
