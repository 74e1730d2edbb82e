/**
 * The one stop-word list and stemmer for classifying incident text. They are the search
 * tokenizer's (a pure, browser-safe leaf module), so similarity search, failure-mode evidence and
 * verify's dead-end matching agree on what a word is.
 */
import { STOP_WORDS, stem } from '../search/tokenize.ts';

export { STOP_WORDS, stem };

/** Lower-cased content words of three letters or more, without stop words, in text order. */
function contentWords(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9]+/g) ?? []).filter(
    (w) => w.length > 2 && !STOP_WORDS.has(w),
  );
}

/** The stems of `contentWords(text)`. */
export const contentStems = (text: string): string[] => contentWords(text).map(stem);
