/**
 * The MCP server's size limits: inputs a tool accepts and outputs it returns. Documented in the
 * README's MCP section; a tool asked for more gets a tool error (inputs) or a cut result with a
 * note saying so (outputs).
 */

/** Longest `notes` argument, in characters (find_similar_incidents, draft_review_prompt, verify_draft). */
export const MAX_NOTES_CHARS = 200_000;
/** Longest `draft` argument of verify_draft, in characters. */
export const MAX_DRAFT_CHARS = 400_000;
/** Longest search query, in characters. */
export const MAX_QUERY_CHARS = 1_000;
/** Most reviews find_similar_incidents returns (`k`). */
export const MAX_SIMILAR = 20;
/** Default and largest number of search_reviews results. */
export const DEFAULT_SEARCH_LIMIT = 10;
export const MAX_SEARCH_RESULTS = 25;
/** Longest section text get_review returns; longer sections are cut with a note. */
export const MAX_SECTION_CHARS = 20_000;
/** Longest text of any one tool result or resource, in characters; longer results are cut with a note. */
export const MAX_RESULT_CHARS = 500_000;
/** Largest number of array elements plus object members in one tool call's arguments. */
export const MAX_INPUT_ELEMENTS = 1_000;

const n = (value: number) => value.toLocaleString('en');

/** The limits in one paragraph, for `casebook mcp --help`. */
export const LIMITS_TEXT = `Limits: notes up to ${n(MAX_NOTES_CHARS)} characters, drafts up to ${n(MAX_DRAFT_CHARS)}, queries up to ${n(MAX_QUERY_CHARS)};
k up to ${MAX_SIMILAR}; search up to ${MAX_SEARCH_RESULTS} results; sections cut at ${n(MAX_SECTION_CHARS)} characters and any result
at ${n(MAX_RESULT_CHARS)} (with a note saying so).`;
