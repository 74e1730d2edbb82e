#!/usr/bin/env node
/** The `casebook` CLI: wires the process to src/lib/cli. */
import { runCli } from '../src/lib/cli/main.ts';
import { processIo } from '../src/lib/cli/io.ts';

process.env.LANCEDB_LOG ??= 'error';
process.exitCode = await runCli(process.argv.slice(2), processIo());
