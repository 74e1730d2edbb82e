/**
 * The facts of incident text, as typed values: the specifics a review must keep (names, hosts,
 * paths, instance types, config keys and values, error strings, versions, commands, quantities,
 * timestamps), quantities with normalised units, and the equivalence and derivation rules that
 * `verify` uses to judge meaning rather than spelling. Pure.
 */
export * from './specifics.ts';
export * from './quantities.ts';
export * from './clock.ts';
export * from './time.ts';
