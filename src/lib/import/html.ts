/**
 * HTML → Markdown through turndown and its GFM plugin: HTML exports (Confluence "Export to
 * HTML", Google Docs "Web page", a saved page) before the Markdown importer reads them, and the
 * raw `<img>` tags of Markdown sources. Page chrome (scripts, styles, navigation, Confluence
 * breadcrumbs, page metadata, attachment lists, footers) is dropped; headings, lists, code blocks
 * and tables (always GFM tables) survive; every `<img>` becomes a Markdown image. Pure.
 */
import TurndownService from 'turndown';
import { highlightedCodeBlock, strikethrough, taskListItems } from 'turndown-plugin-gfm';
import { visit } from 'unist-util-visit';
import { parseMarkdown } from '../markdown/index.ts';

type Element = HTMLElement;

/** Elements that are never content. */
const CHROME_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'NAV',
  'FOOTER',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'CANVAS',
  'BUTTON',
  'SELECT',
  'META',
  'LINK',
]);
/** ids and classes of page chrome: Confluence's breadcrumbs, page metadata and footer, generic navigation. */
const CHROME_NAMES =
  /^(breadcrumbs?|breadcrumb-section|page-metadata|footer|footer-body|footer-logo|navigation|sidebar|skip-link|greybox)$/i;
const CHROME_ROLES = new Set(['navigation', 'banner', 'contentinfo', 'search']);

const words = (value: string | null): string[] => (value ?? '').split(/\s+/).filter(Boolean);

function isChrome(node: Element): boolean {
  if (CHROME_TAGS.has(node.nodeName)) return true;
  if (CHROME_ROLES.has(node.getAttribute('role') ?? '')) return true;
  if ([node.id, ...words(node.getAttribute('class'))].some((n) => n && CHROME_NAMES.test(n)))
    return true;
  // Confluence's "Attachments:" section lists icon images and file names, not content.
  return (
    words(node.getAttribute('class')).includes('pageSection') &&
    /^\s*Attachments\s*:/.test(node.textContent ?? '')
  );
}

/** A Markdown image for an `<img>`; inline data (`data:` URIs) is not carried over. */
function image(node: Element): string {
  const alt = (node.getAttribute('alt') ?? node.getAttribute('title') ?? '')
    .replace(/\s+/g, ' ')
    .replace(/([[\]\\])/g, '\\$1')
    .trim();
  const src = (node.getAttribute('src') ?? '').trim();
  if (!src) return alt ? `![${alt}]()` : '';
  if (/^data:/i.test(src)) return `![${alt || 'image'} (embedded in the source, not imported)]()`;
  return `![${alt}](${/[\s()<>]/.test(src) ? `<${src.replace(/[<>]/g, encodeURIComponent)}>` : src})`;
}

/** The real target of a Google Docs redirect link (`https://www.google.com/url?q=…`), else the href. */
function realHref(href: string): string {
  const m = /^https?:\/\/(?:www\.)?google\.[a-z.]+\/url\?(.*)$/i.exec(href);
  if (!m) return href;
  return new URLSearchParams(m[1]).get('q') ?? href;
}

/** One table cell's Markdown on one line, its pipes escaped. */
const cellText = (content: string): string =>
  content
    .replace(/\s*\n+\s*/g, ' ')
    .replace(/(?<!\\)\|/g, '\\|')
    .trim();

function service(found: { title?: string; docTitle?: string }): TurndownService {
  const td = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    strongDelimiter: '**',
    hr: '---',
  });
  td.use([highlightedCodeBlock, strikethrough, taskListItems]);
  // Rules added later win over earlier ones and over turndown's own.
  td.addRule('tableCell', {
    filter: ['th', 'td'],
    replacement: (content) => ` ${cellText(content)} |`,
  });
  td.addRule('tableRow', {
    filter: 'tr',
    replacement: (content) => `\n|${content}`,
  });
  td.addRule('tableSection', {
    filter: ['thead', 'tbody', 'tfoot'],
    replacement: (content) => content,
  });
  // Every table becomes a GFM table, its first row the header (Google Docs tables have no <th>).
  td.addRule('table', {
    filter: 'table',
    replacement: (content, node) => {
      const rows = content.split('\n').filter((l) => l.trim());
      if (!rows.length) return '';
      const table = node as HTMLTableElement;
      const columns = Math.max(1, ...Array.from(table.rows ?? [], (r) => r.cells.length));
      const header =
        rows[0] + ' |'.repeat(Math.max(0, columns - (table.rows[0]?.cells.length ?? 0)));
      const rule = `|${' --- |'.repeat(columns)}`;
      return `\n\n${[header, rule, ...rows.slice(1)].join('\n')}\n\n`;
    },
  });
  // Confluence code and "noformat" macros: <pre> without <code>.
  td.addRule('preformatted', {
    filter: (node) => node.nodeName === 'PRE' && node.firstElementChild?.nodeName !== 'CODE',
    replacement: (_content, node) => {
      const params = (node as Element).getAttribute('data-syntaxhighlighter-params') ?? '';
      const language = /brush:\s*([\w+-]+)/.exec(params)?.[1] ?? '';
      const code = (node.textContent ?? '').replace(/\n$/, '');
      const fence = code.includes('```') ? '~~~~' : '```';
      return `\n\n${fence}${language}\n${code}\n${fence}\n\n`;
    },
  });
  // "- item" / "1. item" with one space (turndown pads markers to four columns).
  td.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as Element | null;
      let marker = '-';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? 1) || 1;
        marker = `${start + Array.prototype.indexOf.call(parent.children, node)}.`;
      }
      const indent = ' '.repeat(marker.length + 1);
      const body = content
        .replace(/^\n+/, '')
        .replace(/\n+$/, '\n')
        .replace(/\n(?=.)/g, `\n${indent}`);
      return `${marker} ${body}${node.nextSibling && !body.endsWith('\n') ? '\n' : ''}`;
    },
  });
  td.addRule('image', { filter: 'img', replacement: (_c, node) => image(node as Element) });
  td.addRule('googleLink', {
    filter: (node) =>
      node.nodeName === 'A' &&
      realHref(node.getAttribute('href') ?? '') !== node.getAttribute('href'),
    replacement: (content, node) =>
      content.trim()
        ? `[${content.trim()}](${realHref((node as Element).getAttribute('href') ?? '')})`
        : '',
  });
  // Google Docs marks the document title as <p class="title">: the title, read apart from the body.
  td.addRule('docTitle', {
    filter: (node) => node.nodeName === 'P' && words(node.getAttribute('class')).includes('title'),
    replacement: (_content, node) => {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text) found.docTitle ??= text;
      return '';
    },
  });
  // The page title (<title>, Confluence's title heading) is read apart from the body.
  td.addRule('pageTitle', {
    filter: (node) => node.nodeName === 'TITLE' || node.id === 'title-heading',
    replacement: (_content, node) => {
      const text = (node.textContent ?? '').replace(/\s+/g, ' ').trim();
      if (text && (node.id === 'title-heading' || !found.title)) found.title = text;
      return '';
    },
  });
  td.addRule('chrome', { filter: (node) => isChrome(node), replacement: () => '' });
  return td;
}

/** Confluence pages are titled "Space : Page"; the page name is the title. */
const CONFLUENCE = /confluence|wiki-content|id="main-content"/i;

/**
 * Converts an HTML document to Markdown. `title` is the page title (`<title>`, or Confluence's
 * title heading without its space name), when there is one.
 */
export function htmlToMarkdown(html: string): { markdown: string; title?: string } {
  const found: { title?: string; docTitle?: string } = {};
  const markdown = service(found)
    .turndown(html)
    .replace(/[ \t]+$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  let title = found.docTitle ?? found.title;
  if (title && !found.docTitle && CONFLUENCE.test(html))
    title = title.replace(/^[^:]{1,80}\s:\s+/, '').trim();
  return title ? { markdown, title } : { markdown };
}

/**
 * Markdown with the raw HTML that holds an `<img>` (a `<p align="center"><img …></p>` block, an
 * inline `<img>`) rewritten as Markdown images, so no tag shows as text on the site. Everything
 * else is returned as written.
 */
export function htmlImagesToMarkdown(markdown: string): string {
  if (!/<img\b/i.test(markdown)) return markdown;
  const spans: { start: number; end: number; value: string }[] = [];
  visit(parseMarkdown(markdown), 'html', (node) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || !/<img\b/i.test(node.value)) return;
    spans.push({ start, end, value: service({}).turndown(node.value).trim() });
  });
  let out = markdown;
  for (const span of spans.sort((a, b) => b.start - a.start))
    out = out.slice(0, span.start) + span.value + out.slice(span.end);
  return out;
}
