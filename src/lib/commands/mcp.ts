/** `casebook mcp`: the Model Context Protocol server on stdio (src/lib/mcp/). */
import { defineCommand } from '../cli/command.ts';
import { COMMON_OPTIONS } from '../cli/args.ts';
import { contentDirOf, dbUriOf } from '../config.ts';
import { CasebookError } from '../errors.ts';
import { parseEmbedderKind } from '../search/embedder.ts';
import { storageOptionsOf } from '../search/store.ts';
import { createMcpContext, parseSiteUrl } from '../mcp/context.ts';
import { serveStdio } from '../mcp/server.ts';
import { LIMITS_TEXT } from '../mcp/limits.ts';

export const command = defineCommand({
  name: 'mcp',
  summary: 'Serve the reviews to AI assistants (Claude Code, Cursor) as an MCP server on stdio.',
  description: `Runs a Model Context Protocol server on stdin/stdout for an AI assistant: tools
find_similar_incidents, search_reviews, get_review, list_failure_modes, list_services,
draft_review_prompt and verify_draft, and resources casebook://reviews/<id> and
casebook://failure-modes. It only reads: it writes no file and calls no model. Notes passed to
any tool are redacted as \`casebook draft\` does. The reviews are loaded at start-up and the index
at the first find_similar_incidents call: restart the server after \`casebook embed\` or edits.
Logs go to stderr; stdout carries only the protocol. Client configuration: see the README.`,
  options: {
    content: COMMON_OPTIONS.content,
    db: COMMON_OPTIONS.db,
    site: {
      type: 'string',
      value: '<url>',
      help: 'URL the site is served from; results link to review pages\n(default CASEBOOK_SITE; no links when unset)',
    },
    'db-option': COMMON_OPTIONS['db-option'],
    embedder: COMMON_OPTIONS.embedder,
  },
  notes: `Environment: CASEBOOK_CONTENT, CASEBOOK_DB, CASEBOOK_SITE, CASEBOOK_INCLUDE_DRAFTS, CASEBOOK_REDACT_PII.\n${LIMITS_TEXT}`,
  exitCodes: '0 stdin closed, 1 bad content folder, 2 usage.',
  async run({ values, positionals }, io) {
    if (positionals.length)
      throw new CasebookError(
        'USAGE',
        `unexpected argument "${positionals[0]}": casebook mcp takes options only.`,
      );
    const site = parseSiteUrl(values.site ?? io.env.CASEBOOK_SITE);
    const log = (line: string) => void io.stderr.write(`${line}\n`);
    const options = {
      contentDir: contentDirOf(values.content, io),
      dbUri: dbUriOf(values.db, io),
      storageOptions: storageOptionsOf(io.env, values['db-option']),
      site,
      embedder: parseEmbedderKind(values.embedder),
      io,
      log,
    };
    // The protocol is answered while the reviews load; a bad content folder still ends the command.
    await serveStdio(createMcpContext(options), io.stdin, io.stdout as NodeJS.WritableStream, log);
    return 0;
  },
});
