import { describe, it, expect } from 'vitest';
import { parseActionItems, statusOf } from '../../../src/lib/import/action-items.ts';

describe('parseActionItems', () => {
  it('reads a table by its header names: title, owner, status, ticket and due date', () => {
    const items = parseActionItems(
      '| Task | Owner | Status | Ticket | Due |\n|---|---|---|---|---|\n| Add jitter | payments-team | In progress | PAY-1 | 2026-04-01 |\n| Alert on lag | | n/a | TODO | |',
    );
    expect(items).toEqual([
      {
        title: 'Add jitter',
        owner: 'payments-team',
        status: 'in-progress',
        ticket: 'PAY-1',
        due: new Date('2026-04-01T00:00:00Z'),
      },
      { title: 'Alert on lag', owner: 'unassigned', status: 'open' },
    ]);
  });

  it('reads checklists and lists, with owner and ticket written in the text', () => {
    const items = parseActionItems(
      '- [x] Raise the timeout (owner: @rosa, JIRA-7)\n- [ ] Add a check\n  that spans two lines\n* Fix docs — assigned to docs-team',
    );
    expect(items).toEqual([
      {
        title: 'Raise the timeout (owner: @rosa, JIRA-7)',
        owner: '@rosa',
        status: 'done',
        ticket: 'JIRA-7',
      },
      { title: 'Add a check that spans two lines', owner: 'unassigned', status: 'open' },
      { title: 'Fix docs — assigned to docs-team', owner: 'docs-team', status: 'open' },
    ]);
  });

  it('finds no items in prose', () => {
    expect(parseActionItems('We will look into this next quarter.')).toEqual([]);
  });
});

describe('statusOf', () => {
  it('maps status words to Casebook statuses', () => {
    expect(['Done', 'completed ✅', "won't fix", 'WIP', 'TBD'].map(statusOf)).toEqual([
      'done',
      'done',
      'wont-do',
      'in-progress',
      'open',
    ]);
  });
});
