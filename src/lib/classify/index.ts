/**
 * The one set of classifiers for incident text, used by both import and draft: timeline kinds,
 * severity, services involved, failure-mode mapping and suggestion with a score. Pure.
 */
export * from './lines.ts';
export * from './words.ts';
export * from './severity.ts';
export * from './timeline.ts';
export * from './services.ts';
export * from './failure-modes.ts';
export * from './paragraph.ts';
