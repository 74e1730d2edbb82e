/** Action-item tables, lists and checklists → structured `actionItems`. Pure. */
import type { ActionItem } from '../review/schema.ts';
import { dayOf, leadingDate } from '../facts/time.ts';

/** The owner given to an item whose source names none. */
export const UNASSIGNED = 'unassigned';

type Status = ActionItem['status'];

/** Maps a status word ("Done", "In progress", "won't fix", "[x]") to a Casebook status. */
export function statusOf(text: string | undefined): Status {
  const t = (text ?? '').toLowerCase();
  if (/\b(won'?t|will not|wontfix|cancel+ed|declined|rejected|obsolete)\b/.test(t))
    return 'wont-do';
  if (/\b(in[ -]progress|started|ongoing|wip|doing|underway)\b/.test(t)) return 'in-progress';
  if (/\b(done|complete|completed|fixed|closed|resolved|shipped|finished)\b|✅|✔/.test(t))
    return 'done';
  return 'open';
}

const EMPTY_CELL = /^(?:|-+|—|n\/?a|none|tbd|todo|\?)$/i;
const clean = (s: string): string => s.replace(/\*\*|__/g, '').trim();

/** A ticket id in free text: `PAY-1432`, `Bug 5554823`, `#123`. */
export function ticketIn(text: string): string | undefined {
  const m =
    /\b([A-Z][A-Z0-9]{1,9}-\d+)\b/.exec(text) ??
    /\b((?:bug|issue|ticket)\s*#?\s*\d{3,})\b/i.exec(text);
  return m?.[1];
}

function dueOf(text: string | undefined): string | undefined {
  if (!text || EMPTY_CELL.test(text.trim())) return undefined;
  return leadingDate(text)?.day ?? dayOf(text.trim());
}

interface Columns {
  title: number;
  owner?: number;
  status?: number;
  ticket?: number;
  due?: number;
}

function columnsOf(header: string[]): Columns | undefined {
  const find = (pattern: RegExp, taken: number[]) => {
    const i = header.findIndex(
      (h, index) => !taken.includes(index) && pattern.test(h.toLowerCase()),
    );
    return i < 0 ? undefined : i;
  };
  const taken: number[] = [];
  const pick = (pattern: RegExp) => {
    const i = find(pattern, taken);
    if (i !== undefined) taken.push(i);
    return i;
  };
  const owner = pick(/owner|assignee|who|responsible|team/);
  const status = pick(/status|state|done|progress/);
  const ticket = pick(/bug|ticket|issue|jira|tracking|link|ref/);
  const due = pick(/due|deadline|target|eta|by when|date/);
  const title =
    pick(/action|item|task|title|description|what|follow|remediation|change/) ??
    header.findIndex((_, i) => !taken.includes(i));
  return title < 0 ? undefined : { title, owner, status, ticket, due };
}

const cellsOf = (line: string): string[] =>
  line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());

/** Items from a Markdown table whose header names an action/owner/status column. */
function tableItems(
  lines: string[],
  start: number,
): { items: ActionItem[]; end: number } | undefined {
  const header = cellsOf(lines[start] ?? '');
  if (!/^\s*\|?\s*:?-{3,}/.test(lines[start + 1] ?? '')) return undefined;
  const columns = columnsOf(header);
  if (!columns) return undefined;
  const items: ActionItem[] = [];
  let i = start + 2;
  for (; i < lines.length && (lines[i] ?? '').trim().startsWith('|'); i++) {
    const cells = cellsOf(lines[i] ?? '');
    const cell = (index: number | undefined) =>
      index === undefined ? undefined : clean(cells[index] ?? '');
    const title = cell(columns.title);
    if (!title || EMPTY_CELL.test(title)) continue;
    const owner = cell(columns.owner);
    const ticketCell = cell(columns.ticket);
    const ticket = ticketCell && !EMPTY_CELL.test(ticketCell) ? ticketCell : ticketIn(title);
    const item: ActionItem = {
      title,
      owner: owner && !EMPTY_CELL.test(owner) ? owner : UNASSIGNED,
      status: statusOf(cell(columns.status)),
    };
    const due = dueOf(cell(columns.due));
    if (due) item.due = new Date(`${due}T00:00:00Z`);
    if (ticket) item.ticket = ticket;
    items.push(item);
  }
  return { items, end: i };
}

const LIST_ITEM = /^(\s{0,3})(?:[-*+]|\d+[.)])\s+(?:\[([ xX])\]\s+)?(.+)$/;

/** One list item's text → an action item (owner, ticket, due and status read from the text when written there). */
function listItem(text: string, checkbox: string | undefined): ActionItem | undefined {
  const title = clean(text);
  if (!title) return undefined;
  const owner =
    /\b(?:owner|assignee|assigned to|owned by)\s*[:=]?\s*([^,;)\]]+?)\s*(?:[,;)\]]|$)/i.exec(
      title,
    )?.[1] ?? /(?:^|\s)@([\w.-]+)/.exec(title)?.[1];
  const statusWord =
    /\b(?:status)\s*[:=]\s*([^,;)\]]+)/i.exec(title)?.[1] ??
    /[([]\s*(done|complete|completed|fixed|in[ -]progress|won'?t do|wontfix)\s*[)\]]/i.exec(
      title,
    )?.[1];
  const status: Status = checkbox
    ? checkbox.toLowerCase() === 'x'
      ? 'done'
      : statusWord
        ? statusOf(statusWord)
        : 'open'
    : statusOf(statusWord);
  const item: ActionItem = { title, owner: owner?.trim() || UNASSIGNED, status };
  const due = /\bdue\s*(?:date)?\s*[:=]?\s*([^,;)\]]+)/i.exec(title)?.[1];
  const dueDay = dueOf(due);
  if (dueDay) item.due = new Date(`${dueDay}T00:00:00Z`);
  const ticket = ticketIn(title);
  if (ticket) item.ticket = ticket;
  return item;
}

/**
 * Reads action items from an action-items section: Markdown tables (columns found by header
 * name) and top-level list items or checklist items (`- [ ]`, `- [x]`). Continuation lines of a
 * list item are joined to it; prose, nested items and headings are left out of the structure
 * (the caller keeps the section's original text).
 */
export function parseActionItems(text: string): ActionItem[] {
  const lines = text.split(/\r?\n/);
  const items: ActionItem[] = [];
  let current: { text: string; checkbox?: string } | undefined;
  const flush = () => {
    if (current) {
      const item = listItem(current.text, current.checkbox);
      if (item) items.push(item);
    }
    current = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim().startsWith('|')) {
      flush();
      const table = tableItems(lines, i);
      if (table) {
        items.push(...table.items);
        i = table.end - 1;
      }
      continue;
    }
    const m = LIST_ITEM.exec(line);
    if (m) {
      flush();
      current = { text: m[3] ?? '', checkbox: m[2] };
      continue;
    }
    if (current && line.trim() && /^\s{2,}\S/.test(line) && !/^\s*(?:[-*+]|\d+[.)])\s/.test(line)) {
      current.text += ` ${line.trim()}`;
      continue;
    }
    flush();
  }
  flush();
  return items;
}
