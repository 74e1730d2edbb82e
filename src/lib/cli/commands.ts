/**
 * The registry of `casebook` sub-commands. Modules load lazily so each command starts fast; each
 * module declares its own summary, options and help (see command.ts).
 */
import type { Command } from './command.ts';

/** Command name → lazy loader of its module. */
export type Registry = Record<string, { load: () => Promise<{ command: Command }> }>;

export const COMMANDS: Registry = {
  check: { load: () => import('../commands/check.ts') },
  embed: { load: () => import('../commands/embed.ts') },
  match: { load: () => import('../commands/match.ts') },
  import: { load: () => import('../commands/import.ts') },
  draft: { load: () => import('../commands/draft.ts') },
  verify: { load: () => import('../commands/verify.ts') },
  exec: { load: () => import('../commands/exec.ts') },
  mcp: { load: () => import('../commands/mcp.ts') },
};
