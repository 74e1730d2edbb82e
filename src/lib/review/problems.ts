/** A validation problem, reported as `path:line: message`. */
type ProblemCode =
  | 'not-text'
  | 'not-markdown'
  | 'bad-id'
  | 'duplicate-id'
  | 'no-front-matter'
  | 'yaml'
  | 'schema'
  | 'unknown-failure-mode'
  | 'related-missing'
  | 'timeline-order'
  | 'section-missing'
  | 'section-empty'
  | 'section-order'
  /** An `in-review` or `published` review keeps a placeholder (`TODO:`, `unknown` severity, no service). */
  | 'incomplete'
  | 'taxonomy'
  | 'symlink'
  /** A folder named like a review (`x.md/`), a named pipe, a socket: not a regular file. */
  | 'not-a-file'
  | 'too-large'
  | 'unsafe-name'
  | 'name-collision';

export interface Problem {
  /** The file, as given or relative to the working directory. */
  path: string;
  /** 1-based line the problem is at (1 when it concerns the whole file). */
  line: number;
  /** Stable machine-readable kind. */
  code: ProblemCode;
  /** What is wrong and how to fix it. */
  message: string;
}

export const formatProblem = (p: Problem): string => `${p.path}:${p.line}: ${p.message}`;

export const sortProblems = (problems: Problem[]): Problem[] =>
  [...problems].sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
