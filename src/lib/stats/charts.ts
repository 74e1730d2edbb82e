/**
 * Bar charts as SVG strings, rendered at build time: no JavaScript, no external requests. Each
 * bar has a `<title>` and `data-label`/`data-value` attributes; the chart is one image with an
 * accessible name and description (its bars are not links: a link inside `role="img"` has no
 * name and sits in the tab order), and `chartTable` gives the same numbers, with the links, as
 * a table to show beside it. Colours come from `currentColor` and the `--cb-chart-bar` CSS variable, so the
 * charts follow the page's light or dark theme. Pure.
 */

export interface Bar {
  label: string;
  value: number;
  /** Text shown for the value (default: the number), e.g. "47 min". */
  display?: string;
  /** Optional link for the bar's row in `chartTable` (e.g. the service's page). */
  href?: string;
}

export interface BarChartOptions {
  /** Unique id prefix within the page (for aria references). */
  id: string;
  /** The accessible name, e.g. "Incidents per service". */
  title: string;
  bars: readonly Bar[];
  /** `horizontal` (default) for categories, `vertical` for time series. */
  orientation?: 'horizontal' | 'vertical' | undefined;
  /** Unit in the hover text, e.g. "incidents" ("payments-api: 3 incidents"). */
  unit?: string | undefined;
}

/** Escapes text for XML/HTML content and attribute values. */
const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');

const FONT = 12;
const n = (v: number) => Number(v.toFixed(1));

function hoverText(bar: Bar, unit?: string): string {
  return `${bar.label}: ${bar.display ?? bar.value}${unit && bar.display === undefined ? ` ${unit}` : ''}`;
}

function summary(options: BarChartOptions): string {
  if (!options.bars.length) return 'No data.';
  const top = [...options.bars].sort((a, b) => b.value - a.value)[0];
  return `${options.bars.length} bars; highest: ${top ? hoverText(top, options.unit) : ''}. The same numbers are in the table next to the chart.`;
}

/** An SVG bar chart. Values must be ≥ 0. */
export function barChart(options: BarChartOptions): string {
  const { id, bars } = options;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const titleId = `${id}-title`;
  const descId = `${id}-desc`;
  const head = (w: number, h: number) =>
    `<svg xmlns="http://www.w3.org/2000/svg" class="cb-chart" id="${escapeXml(id)}" role="img" aria-labelledby="${escapeXml(titleId)} ${escapeXml(descId)}" viewBox="0 0 ${n(w)} ${n(h)}" width="${n(w)}" height="${n(h)}" style="max-width:100%;height:auto;font-size:${FONT}px;color:inherit">` +
    `<title id="${escapeXml(titleId)}">${escapeXml(options.title)}</title><desc id="${escapeXml(descId)}">${escapeXml(summary(options))}</desc>`;
  const bar = (
    b: Bar,
    x: number,
    y: number,
    w: number,
    h: number,
    value: { x: number; y: number; anchor: string } | undefined,
  ) =>
    `<g class="cb-chart-bar" data-label="${escapeXml(b.label)}" data-value="${b.value}"><title>${escapeXml(hoverText(b, options.unit))}</title>` +
    `<rect x="${n(x)}" y="${n(y)}" width="${n(Math.max(w, 0))}" height="${n(Math.max(h, 0))}" fill="var(--cb-chart-bar, currentColor)" fill-opacity="0.75"></rect>` +
    (value
      ? `<text x="${n(value.x)}" y="${n(value.y)}" text-anchor="${value.anchor}" fill="currentColor">${escapeXml(b.display ?? String(b.value))}</text>`
      : '') +
    '</g>';

  if ((options.orientation ?? 'horizontal') === 'horizontal') {
    const row = 22;
    const labelWidth = Math.min(
      240,
      Math.max(60, ...bars.map((b) => b.label.length * FONT * 0.6 + 8)),
    );
    const plot = 280;
    const width = labelWidth + plot + 80;
    const height = Math.max(row, bars.length * row) + 4;
    const body = bars
      .map((b, i) => {
        const y = i * row + 3;
        const w = (b.value / max) * plot;
        const label = b.label.length > 40 ? `${b.label.slice(0, 39)}…` : b.label;
        return (
          `<text x="${n(labelWidth - 6)}" y="${n(y + row / 2 + 1)}" text-anchor="end" dominant-baseline="middle" fill="currentColor" aria-hidden="true">${escapeXml(label)}</text>` +
          bar(b, labelWidth, y, w, row - 6, {
            x: labelWidth + w + 4,
            y: y + row / 2 + 4,
            anchor: 'start',
          })
        );
      })
      .join('');
    return `${head(width, height)}${body}</svg>`;
  }

  const slot = bars.length > 40 ? 10 : 24;
  const plot = 160;
  const labelSpace = 56;
  // Room on the left for the first rotated axis label.
  const left = 40;
  const width = left + 8 + Math.max(1, bars.length) * slot;
  const height = plot + labelSpace + 16;
  const every = Math.max(1, Math.ceil(bars.length / 24));
  const body = bars
    .map((b, i) => {
      const x = left + i * slot;
      const h = (b.value / max) * plot;
      const y = 16 + plot - h;
      // The value sits above the bar only when it fits the bar's width; hover and the table always have it.
      const showValue = b.value > 0 && (b.display ?? String(b.value)).length * 6.5 <= slot + 4;
      const label =
        i % every === 0
          ? `<text x="${n(x + slot / 2)}" y="${n(16 + plot + 10)}" transform="rotate(-50 ${n(x + slot / 2)} ${n(16 + plot + 10)})" text-anchor="end" font-size="10" fill="currentColor" aria-hidden="true">${escapeXml(b.label)}</text>`
          : '';
      return (
        bar(
          b,
          x + 2,
          y,
          slot - 4,
          h,
          showValue ? { x: x + slot / 2, y: y - 3, anchor: 'middle' } : undefined,
        ) + label
      );
    })
    .join('');
  return `${head(width, height)}${body}</svg>`;
}

export interface TableOptions {
  caption: string;
  labelHeader: string;
  valueHeader: string;
}

/** The chart's numbers as an HTML table (to show beside the chart). */
export function chartTable(bars: readonly Bar[], options: TableOptions): string {
  const rows = bars
    .map(
      (b) =>
        `<tr><th scope="row">${b.href ? `<a href="${escapeXml(b.href)}">${escapeXml(b.label)}</a>` : escapeXml(b.label)}</th><td data-value="${b.value}">${escapeXml(b.display ?? String(b.value))}</td></tr>`,
    )
    .join('');
  return `<table class="cb-chart-table"><caption>${escapeXml(options.caption)}</caption><thead><tr><th scope="col">${escapeXml(options.labelHeader)}</th><th scope="col">${escapeXml(options.valueHeader)}</th></tr></thead><tbody>${rows}</tbody></table>`;
}
