/** The one `TODO:` rule: how a placeholder is written and recognised. Pure. */
import { LIST_MARKER } from './lines.ts';

/** A `TODO:` marker anywhere in text. */
export const TODO_PATTERN = /TODO:/;

/** Every `TODO:` marker (global, for counting). */
const TODO_GLOBAL = /TODO:/g;

/** One line that is nothing but a placeholder: `TODO: …`, `- TODO: …`, `_TODO: …_`, `**TODO:** …`. */
const TODO_LINE = new RegExp(String.raw`^(?:${LIST_MARKER}\s+)?(?:_|\*)*TODO:`);

/** True when the value is a placeholder (starts with `TODO:`, list marker or emphasis allowed). */
export const isTodo = (value: string): boolean => TODO_LINE.test(value.trim());

/** True when the text has at least one line and every non-blank line is a `TODO:` placeholder. */
export function isTodoOnly(text: string): boolean {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.length > 0 && lines.every((l) => TODO_LINE.test(l));
}

/** How many `TODO:` markers the text holds. */
export const countTodos = (text: string): number => (text.match(TODO_GLOBAL) ?? []).length;
