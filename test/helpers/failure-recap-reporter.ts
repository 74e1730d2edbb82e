/**
 * A vitest reporter that repeats the failed tests, one line each, as the very last lines of the
 * run. Vitest prints the coverage table after every reporter has finished, so without this the
 * names of failed tests scroll out of a CI log that keeps only its tail.
 */
import type { RunnerTask, RunnerTestFile } from 'vitest';
import type { Reporter } from 'vitest/reporters';

const firstLine = (errors: readonly { message?: string }[] | undefined): string =>
  (errors?.[0]?.message ?? '').split('\n')[0]?.slice(0, 200) ?? '';

function collect(task: RunnerTask, path: string[], out: string[]): void {
  if (task.type === 'test' && task.result?.state === 'fail') {
    out.push(
      `FAILED ${task.file.name} > ${[...path, task.name].join(' > ')}: ${firstLine(task.result.errors)}`,
    );
  }
  if (task.type === 'suite') {
    if (task.result?.state === 'fail' && !task.tasks.length)
      out.push(
        `FAILED ${task.file.name} > ${task.name} (could not run): ${firstLine(task.result.errors)}`,
      );
    for (const child of task.tasks) collect(child, [...path, task.name], out);
  }
}

export default class FailureRecapReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = [], errors: unknown[] = []): void {
    const lines: string[] = [];
    for (const file of files) {
      if (file.result?.state === 'fail' && !file.tasks.length)
        lines.push(`FAILED ${file.name} (could not run): ${firstLine(file.result.errors)}`);
      for (const child of file.tasks) collect(child, [], lines);
    }
    for (const error of errors) {
      const message = error instanceof Error ? error.message : String(error);
      lines.push(`UNHANDLED ERROR: ${message.split('\n')[0]?.slice(0, 200) ?? ''}`);
    }
    if (!lines.length) return;
    // Printed as the process exits, after the coverage report.
    process.once('exit', () => {
      process.stdout.write(`\nFailed tests (${lines.length}):\n${lines.join('\n')}\n`);
    });
  }
}
