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

  it('takes an owner only from an owner position, never from the word "owners" inside an item', () => {
    const items = parseActionItems(
      [
        '- Notify the service owners before each certificate rotation',
        '- Page the DNS owners on resolver errors (owner: infra-oncall)',
        '- Add an expiry alert @mkeller',
      ].join('\n'),
    );
    expect(items.map((i) => i.owner)).toEqual(['unassigned', 'infra-oncall', 'mkeller']);
  });

  it('reads the status from checklists and from "done" or "closed" words', () => {
    const items = parseActionItems(
      [
        '- [x] Rotate the intermediate certificate',
        '- [ ] Alert 30 days before expiry',
        '- Move the renewal cron off the bastion host — done',
        '- Closed: document the manual renewal steps',
        '- Audit every cert in the load balancer (closed)',
        '- Add a runbook link to the alert',
      ].join('\n'),
    );
    expect(items.map((i) => i.status)).toEqual(['done', 'open', 'done', 'done', 'done', 'open']);
  });

  it('reads setext headings, fenced code and nested items as no action items', () => {
    const items = parseActionItems(
      [
        'Follow-ups',
        '----------',
        '',
        '```',
        '- kubectl rollout undo deploy/api',
        '```',
        '',
        '1. Add connection-pool metrics (owner: db-team)',
        '   - sub-task: dashboards',
        '2. Lower the retry budget',
      ].join('\n'),
    );
    expect(items).toEqual([
      { title: 'Add connection-pool metrics (owner: db-team)', owner: 'db-team', status: 'open' },
      { title: 'Lower the retry budget', owner: 'unassigned', status: 'open' },
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
