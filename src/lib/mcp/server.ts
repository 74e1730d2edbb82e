/**
 * The Casebook MCP server: the tools of `tools.ts` and the review and taxonomy resources,
 * registered on the official SDK's `McpServer`. Every tool result is redacted and bounded, and
 * every error comes back as an MCP tool error (`isError`) with the CLI's message. `serveStdio`
 * runs it on a stdin/stdout pair until stdin ends.
 */
import { createRequire } from 'node:module';
import { McpServer, ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { ErrorCode } from '@modelcontextprotocol/sdk/types.js';
import { stringify } from 'yaml';
import type { z } from 'zod';
import { reviewJson } from '../export/review-json.ts';
import type { McpContext } from './context.ts';
import { MAX_INPUT_ELEMENTS, MAX_RESULT_CHARS } from './limits.ts';
import { bound, redactText, toolError, toolResult, type ToolResult } from './safety.ts';
import {
  draftReviewPrompt,
  findSimilarIncidents,
  getReview,
  listFailureModes,
  listServices,
  searchReviews,
  verifyDraftTool,
  type ToolDefinition,
} from './tools.ts';

const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string })
  .version;

const REVIEW_URI_PREFIX = 'casebook://reviews/';
const FAILURE_MODES_URI = 'casebook://failure-modes';

const INSTRUCTIONS = `Casebook holds the team's incident reviews: the mechanism of each past incident, the investigation path with its dead ends, the config keys and values involved.
During an incident, call find_similar_incidents with what the engineer sees (symptoms, error strings, metrics, services, recent changes), then get_review with the best ids and sections ["Detailed mechanism", "Investigation path"]. Use search_reviews for exact terms (an error string, a config key, a ticket id).
After an incident, draft_review_prompt builds the drafting prompt from the notes and verify_draft checks a draft against them. The server only reads: it writes no file and calls no model.`;

/** Registers one tool: the handler's result or error becomes a redacted, bounded tool result. */
function register<Shape extends z.ZodRawShape>(
  server: McpServer,
  ready: Promise<McpContext>,
  log: (line: string) => void,
  tool: ToolDefinition<Shape>,
): void {
  server.registerTool(
    tool.name,
    {
      title: tool.title,
      description: tool.description,
      inputSchema: tool.input,
      annotations: { readOnlyHint: true, openWorldHint: false, idempotentHint: true },
    },
    // The SDK types arguments through its own zod-compat layer; they are exactly the schema's output.
    (async (args: z.objectOutputType<Shape, z.ZodTypeAny>): Promise<ToolResult> => {
      const started = Date.now();
      let ctx: McpContext | undefined;
      try {
        ctx = await ready;
        const result = await toolResult(await tool.run(ctx, args), ctx.redaction.output);
        log(`${tool.name}: ok in ${Date.now() - started} ms.`);
        return result;
      } catch (error) {
        const result = await toolError(tool.name, error, log, ctx?.redaction.output);
        // The text already starts with the tool's name.
        log(result.content[0]?.text ?? `${tool.name}: error`);
        return result;
      }
    }) as never,
  );
}

/** The review as Markdown: its front matter as YAML, then its body. */
function reviewMarkdown(ctx: McpContext, id: string): string {
  const review = ctx.catalog.byId.get(id);
  // A plain Error with the code: an McpError's message already says "MCP error <code>:", and the
  // client adds it again.
  if (!review)
    throw Object.assign(
      new Error(
        `no review "${id}" in ${ctx.contentDir}. List the resources, or use search_reviews, for review ids.`,
      ),
      { code: ErrorCode.InvalidParams },
    );
  return `---\n${stringify(reviewJson(review).frontMatter)}---\n\n${review.body.trim()}\n`;
}

/**
 * Builds the server (not yet connected to a transport) over a context that may still be loading:
 * the protocol (initialize, tools/list) answers at once, and calls wait for the corpus.
 */
export function createMcpServer(
  context: McpContext | Promise<McpContext>,
  log: (line: string) => void,
): McpServer {
  const ready = Promise.resolve(context);
  // A failed load is reported by whoever awaits it (serveStdio, each call); never unhandled.
  ready.catch(() => undefined);
  const server = new McpServer(
    { name: 'casebook', version: VERSION },
    { instructions: INSTRUCTIONS, maxToolInputElements: MAX_INPUT_ELEMENTS },
  );
  register(server, ready, log, findSimilarIncidents);
  register(server, ready, log, searchReviews);
  register(server, ready, log, getReview);
  register(server, ready, log, listFailureModes);
  register(server, ready, log, listServices);
  register(server, ready, log, draftReviewPrompt);
  register(server, ready, log, verifyDraftTool);

  server.registerResource(
    'review',
    new ResourceTemplate(`${REVIEW_URI_PREFIX}{id}`, {
      list: async () => ({
        resources: (await ready).reviews.map((r) => ({
          uri: `${REVIEW_URI_PREFIX}${encodeURIComponent(r.id)}`,
          name: r.id,
          title: r.data.title,
          description: `${r.data.severity}, ${r.data.date.toISOString().slice(0, 10)}: ${r.data.failureModes.join(', ')}`,
          mimeType: 'text/markdown',
        })),
      }),
    }),
    {
      title: 'Incident review',
      description: 'One incident review as Markdown: front matter (YAML) and its sections.',
      mimeType: 'text/markdown',
    },
    async (uri, variables) => {
      const ctx = await ready;
      const raw = variables.id;
      const id = decodeURIComponent(String(Array.isArray(raw) ? raw[0] : raw));
      const text = (await redactText(reviewMarkdown(ctx, id), ctx.redaction.output)).text;
      return {
        contents: [
          {
            uri: uri.href,
            mimeType: 'text/markdown',
            text: bound(text, MAX_RESULT_CHARS, 'Use get_review with fewer sections.'),
          },
        ],
      };
    },
  );

  server.registerResource(
    'failure-modes',
    FAILURE_MODES_URI,
    {
      title: 'Failure-mode taxonomy',
      description: 'Every failure mode (slug, name, description) with its number of reviews.',
      mimeType: 'application/json',
    },
    async (uri) => {
      const ctx = await ready;
      const { content } = await toolResult(listFailureModes.run(ctx, {}), ctx.redaction.output);
      return {
        contents: [{ uri: uri.href, mimeType: 'application/json', text: content[0]?.text ?? '' }],
      };
    },
  );
  return server;
}

/**
 * Serves over MCP on a stdin/stdout pair until stdin ends or closes; then closes the server and
 * the index. Answers the protocol while the corpus loads; a failed load closes the server and
 * throws (the CLI prints it). Only protocol messages go to `stdout`; `log` is stderr.
 */
export async function serveStdio(
  context: Promise<McpContext>,
  stdin: NodeJS.ReadableStream,
  stdout: NodeJS.WritableStream,
  log: (line: string) => void,
): Promise<void> {
  const server = createMcpServer(context, log);
  const transport = new StdioServerTransport(
    stdin as ConstructorParameters<typeof StdioServerTransport>[0],
    stdout as ConstructorParameters<typeof StdioServerTransport>[1],
  );
  const closed = new Promise<void>((resolve) => {
    const end = () => resolve();
    stdin.once('end', end);
    stdin.once('close', end);
  });
  await server.connect(transport);
  log('casebook mcp: listening on stdio.');
  let ctx: McpContext;
  try {
    ctx = await context;
  } catch (error) {
    await server.close();
    throw error;
  }
  await closed;
  await server.close();
  await ctx.close();
  log('casebook mcp: stdin closed, stopped.');
}
