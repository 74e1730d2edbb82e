/** The registry of `casebook` sub-commands. Modules load lazily so each command starts fast. */
import type { Command } from './command.ts';

export const COMMANDS: Record<string, { summary: string; load: () => Promise<{ command: Command }> }> = {
  check: { summary: 'Validate reviews: front matter, sections, failure modes, related ids, timeline order.', load: () => import('../commands/check.ts') },
};
