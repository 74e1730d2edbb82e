/** Action-item tables, lists and checklists → structured `actionItems`. Pure. */
import type { ActionItem } from '../review/schema.ts';
import { dayOf, leadingDate } from '../facts/time.ts';
import { listItems, tables, type TableInfo } from '../markdown/index.ts';

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
function ticketIn(text: string): string | undefined {
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
  owner?: number | undefined;
  status?: number | undefined;
  ticket?: number | undefined;
  due?: number | undefined;
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

/** Items from a Markdown table whose header names an action/owner/status column. */
function tableItems(table: TableInfo): ActionItem[] {
  const columns = columnsOf(table.header);
  if (!columns) return [];
  const items: ActionItem[] = [];
  for (const row of table.rows) {
    const cell = (index: number | undefined) =>
      index === undefined ? undefined : clean(row.cells[index] ?? '');
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
  return items;
}

/**
 * The owner an item names in an owner position only: "Owner: x" / "assignee = x" (a separator
 * is required, so "notify the service owners" names no owner), "assigned to x", "owned by x", or
 * an `@handle`.
 */
function ownerIn(title: string): string | undefined {
  return (
    /\b(?:owner|assignee)\s*[:=]\s*([^,;)\]]+?)\s*(?:[,;)\]]|$)/i.exec(title)?.[1] ??
    /\b(?:assigned to|owned by)\s+([^,;)\]]+?)\s*(?:[,;)\]]|$)/i.exec(title)?.[1] ??
    /(?:^|\s)@([\w.-]+)/.exec(title)?.[1]
  );
}

/**
 * The status word an item states: "status: x", a bracketed word ("(done)", "[in progress]"), or a
 * closing word at either end ("Done: rotate keys", "rotate keys — closed").
 */
function statusWordIn(title: string): string | undefined {
  return (
    /\bstatus\s*[:=]\s*([^,;)\]]+)/i.exec(title)?.[1] ??
    /[([]\s*(done|closed|complete|completed|fixed|in[ -]progress|won'?t do|wontfix)\s*[)\]]/i.exec(
      title,
    )?.[1] ??
    /^(done|closed|completed|fixed)\b\s*[:–—-]/i.exec(title)?.[1] ??
    /[–—:-]\s*(done|closed|completed|fixed)\s*[.!]?$/i.exec(title)?.[1]
  );
}

/** One list item → an action item (owner, ticket, due and status read from the text when written there). */
function listItem(text: string, checked: boolean | null): ActionItem | undefined {
  const title = clean(text.replace(/\s*\n\s*/g, ' '));
  if (!title) return undefined;
  const owner = ownerIn(title);
  const statusWord = statusWordIn(title);
  const status: Status = checked === true ? 'done' : statusWord ? statusOf(statusWord) : 'open';
  const item: ActionItem = { title, owner: owner?.trim() || UNASSIGNED, status };
  const due = /\bdue\s*(?:date)?\s*[:=]?\s*([^,;)\]]+)/i.exec(title)?.[1];
  const dueDay = dueOf(due);
  if (dueDay) item.due = new Date(`${dueDay}T00:00:00Z`);
  const ticket = ticketIn(title);
  if (ticket) item.ticket = ticket;
  return item;
}

/**
 * Reads action items from an action-items section through the Markdown module: GFM tables
 * (columns found by header name) and top-level list or checklist items (`- [ ]`, `- [x]`), in
 * document order. Prose, nested items, code and headings are left out of the structure (the
 * caller keeps the section's original text).
 */
export function parseActionItems(text: string): ActionItem[] {
  const found: { line: number; items: ActionItem[] }[] = [
    ...tables(text).map((t) => ({ line: t.line, items: tableItems(t) })),
    ...listItems(text)
      .filter((li) => li.depth === 0)
      .map((li) => {
        const item = listItem(li.text, li.checked);
        return { line: li.line, items: item ? [item] : [] };
      }),
  ];
  return found.sort((a, b) => a.line - b.line).flatMap((f) => f.items);
}
