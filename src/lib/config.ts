/** Defaults and environment lookups shared by commands, the site and scripts. */
import { resolve } from 'node:path';

/** Where settings come from: the environment and the working directory (a subset of the CLI's Io). */
export interface ConfigSource {
  env: Record<string, string | undefined>;
  cwd: string;
}

/** Default content folder, relative to the working directory. */
const DEFAULT_CONTENT_DIR = 'content';
/** Default LanceDB location: an embedded local folder. */
const DEFAULT_DB_URI = '.casebook/lancedb';

/** The content folder: flag, then CASEBOOK_CONTENT, then ./content; resolved against io.cwd. */
export function contentDirOf(flag: string | undefined, io: ConfigSource): string {
  return resolve(io.cwd, flag ?? io.env.CASEBOOK_CONTENT ?? DEFAULT_CONTENT_DIR);
}

/** The LanceDB URI: flag, then CASEBOOK_DB, then .casebook/lancedb. Remote URIs (s3://, gs://, db://) pass through. */
export function dbUriOf(flag: string | undefined, io: ConfigSource): string {
  const uri = flag ?? io.env.CASEBOOK_DB ?? DEFAULT_DB_URI;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(uri) ? uri : resolve(io.cwd, uri);
}

/** Whether drafts are shown on the site. */
export const includeDrafts = (env: Record<string, string | undefined>): boolean =>
  env.CASEBOOK_INCLUDE_DRAFTS === '1';
