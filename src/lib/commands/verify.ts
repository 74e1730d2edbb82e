/** `casebook verify <draft.md> --notes <files...>`: what the draft lost or invented against the notes. */
import { resolve } from 'node:path';
import { defineCommand } from '../cli/command.ts';
import { COMMON_OPTIONS } from '../cli/args.ts';
import { CasebookError } from '../errors.ts';
import { readTextInput } from '../files.ts';
import { formatReport, verifyDraft, verifyFailed } from '../draft/verify.ts';
import { redact, redactOptionsOf } from '../redact/index.ts';

export const command = defineCommand({
  name: 'verify',
  summary:
    'Check a draft against its notes: missing or invented specifics, generalisations, dead ends.',
  usage: '<draft.md> --notes <notes files...>',
  description: `Checks a draft review against the incident notes it came from, before a human owns it:
  missing           specifics from the notes the draft lacks in any form (5s = 5000 ms; a time in
                    another form or zone, converted right, counts as kept)
  invented          config values, numbers with units, versions and error strings the notes cannot
                    support, and times whose zone was changed without converting (also in zoneChanged)
  derived           values worked out from the notes ({value, from}): durations between two times,
                    sums and differences, a count with its noun changed; check them
  generalizations   phrases that stand in for specifics ("a configuration issue", or a role such as
                    "an external service" while a named component is missing), with their line
  deadEndsMissing   the notes name suspects or ruled-out paths the Investigation path lacks
  missingDeadEnds   those note lines
  singleCause       Contributing factors gives a single cause with no account of how factors combined
  todos             how many TODO: markers remain

The notes are redacted the same way \`casebook draft\` does, so placeholders match.`,
  options: {
    notes: {
      type: 'string',
      multiple: true,
      value: '<files>',
      help: 'the notes files (several allowed; - for stdin)',
    },
    'no-redact': {
      type: 'boolean',
      help: 'compare with the notes as they are (for drafts made with --no-redact)',
    },
    json: COMMON_OPTIONS.json,
  },
  notes:
    'JSON: {"missing", "invented", "derived", "generalizations", "deadEndsMissing", "missingDeadEnds", "singleCause", "todos", "zoneChanged"}',
  exitCodes:
    '0 clean, 1 something missing or invented or dead ends missing (or bad input), 2 usage.',
  async run({ values, positionals }, io) {
    const [draftPath, ...extra] = positionals;
    const notesPaths = [...(values.notes ?? []), ...extra];
    if (!draftPath || !(values.notes ?? []).length)
      throw new CasebookError('USAGE', 'pass the draft and --notes <notes files...>.');
    const draft = await readTextInput(
      resolve(io.cwd, draftPath),
      { maxBytes: 2 * 1024 * 1024 },
      io.stdin,
    );
    const notes: string[] = [];
    for (const path of notesPaths)
      notes.push(
        (
          await readTextInput(
            path === '-' ? '-' : resolve(io.cwd, path),
            { maxBytes: 2 * 1024 * 1024 },
            io.stdin,
          )
        ).text,
      );
    if (!notes.join('').trim())
      throw new CasebookError('INPUT_EMPTY', `${notesPaths.join(', ')}: the notes are empty.`);
    const rawNotes = notes.join('\n\n');
    const cleanNotes = values['no-redact']
      ? rawNotes
      : (await redact(rawNotes, redactOptionsOf(io.env, 'api'))).text;
    const report = verifyDraft(draft.text, cleanNotes);
    // What verify prints quotes the notes and the draft: it never shows a secret either way.
    const output = values.json ? JSON.stringify(report) : formatReport(report);
    io.stdout.write((await redact(output, redactOptionsOf(io.env, 'local'))).text + '\n');
    return verifyFailed(report) ? 1 : 0;
  },
});
