/**
 * Quantities with their unit normalised: durations (base: seconds), sizes (bytes), rates (per
 * second), percentages, and counts with their noun. `1.2k rps` = 1200 rps, `5s` = 5000 ms =
 * 5 seconds, `0.000012 s` = 12 µs. Pure.
 */

type Dimension = 'duration' | 'size' | 'rate' | 'percent' | 'count' | 'number';

export interface Quantity {
  /** The text as written ("1.2k rps", "720 failed orders"). */
  text: string;
  /** Offset in the scanned text. */
  index: number;
  /** The number as written, with k/M/B multipliers applied (1.2k → 1200). */
  value: number;
  dimension: Dimension;
  /** The value in the dimension's base unit (seconds, bytes, per second, percent, count). */
  base: number;
  /** Half the last written digit, in base units: how far rounding could move the value. */
  precision: number;
  /** Counts only: the noun, singular and lower-case ("order"). */
  noun?: string;
  /** Words between the number and a count's noun ("failed"). */
  qualifier?: string;
}

const DURATION: Record<string, number> = {
  ns: 1e-9,
  nanosecond: 1e-9,
  µs: 1e-6,
  μs: 1e-6,
  us: 1e-6,
  microsecond: 1e-6,
  ms: 1e-3,
  millisecond: 1e-3,
  msec: 1e-3,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  d: 86400,
  day: 86400,
  week: 604800,
};
const SIZE: Record<string, number> = {
  b: 1,
  byte: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  tb: 1e12,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  ki: 1024,
  mi: 1024 ** 2,
  gi: 1024 ** 3,
  ti: 1024 ** 4,
};
const PER: Record<string, number> = {
  s: 1,
  sec: 1,
  second: 1,
  min: 1 / 60,
  minute: 1 / 60,
  m: 1 / 60,
  h: 1 / 3600,
  hr: 1 / 3600,
  hour: 1 / 3600,
  day: 1 / 86400,
  d: 1 / 86400,
};
const RATE: Record<string, number> = { rps: 1, qps: 1, tps: 1, rpm: 1 / 60, ops: 1 };

/** Nouns that make a number a count ("720 orders", "9 pods"). Singular. */
const COUNT_NOUNS = new Set(
  (
    'pod node shard replica core vcpu cpu connection conn request req doc document member entry message msg key row ' +
    'user customer merchant tenant account order payment transaction invoice file part object record item job batch ' +
    'call error retry thread worker partition ticket store failover xid segment instance host server machine vm ' +
    'container task process query checkout event page alert client session deploy deployment region zone broker ' +
    'consumer producer table index cluster disk volume lock write read upload download email notification refund ' +
    'charge subscription build test attempt restart crash incident service endpoint certificate cert domain record'
  ).split(' '),
);

/** Plural words that follow numbers without counting things ("3 times", "10 percent"). */
const NOT_COUNTED = new Set([
  'times',
  'percent',
  'others',
  'years',
  'months',
  'weeks',
  'ways',
  'steps',
  'hundreds',
  'thousands',
  'millions',
  'dozens',
]);

/** A noun that makes a count: a known one, or any plural word after a number of 10 or more. */
const isCountNoun = (word: string, value: number): boolean =>
  COUNT_NOUNS.has(singular(word)) ||
  (value >= 10 && /^[a-z]{4,}s$/.test(word) && !NOT_COUNTED.has(word));

const singular = (word: string): string => {
  const w = word.toLowerCase();
  if (/[^aeiou]ies$/.test(w)) return `${w.slice(0, -3)}y`;
  if (/(?:ss|us|is)$/.test(w)) return w;
  if (/(?:xes|ches|shes|sses)$/.test(w)) return w.slice(0, -2);
  return w.endsWith('s') ? w.slice(0, -1) : w;
};

/** A number not glued to a word, date, time, version or path. */
const NUMBER =
  /(?<![\w.,:/#@$-]|\d[.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![\d_]|[.,:]\d|-\d)/g;
const AFTER_MULTIPLIER = /^\s?([kKMB])(?![A-Za-z0-9])/;
/** A unit after the number, spaced, glued or hyphenated as an adjective ("a 14-day monitor"). */
const AFTER_UNIT = /^(?:\s|-(?=[a-zA-Zµμ]))?(%|[a-zA-Zµμ]+(?:\/[a-z]+)?|\/[a-z]+)(?![\w%])/;
const AFTER_COUNT = [
  /^()[ \t]+([a-zA-Z]+)(?![\w-])/,
  /^([ \t]+[a-z][a-z-]*)[ \t]+([a-zA-Z]+)(?![\w-])/,
  /^([ \t]+[a-z][a-z-]*[ \t]+[a-z][a-z-]*)[ \t]+([a-zA-Z]+)(?![\w-])/,
];
/** Words that cannot stand between a number and what it counts ("503 and found thousands"). */
const NOT_A_QUALIFIER =
  /^(?:and|or|but|of|the|a|an|to|in|on|at|for|with|from|by|per|than|then|was|were|is|are|be|been|had|has|have|found|saw|got|over|under|about|after|before|into|more|less|out|x)$/;
const MULTIPLIER: Record<string, number> = { k: 1e3, K: 1e3, M: 1e6, B: 1e9 };

/** The number's value and its rounding precision (half a unit of the last written digit). */
function numberOf(text: string): { value: number; precision: number } {
  const plain = text.replace(/,/g, '');
  const decimals = /\.(\d+)$/.exec(plain)?.[1]?.length ?? 0;
  return { value: Number(plain), precision: 0.5 * 10 ** -decimals };
}

function unitOf(unit: string): { dimension: Dimension; factor: number } | undefined {
  if (unit === '%') return { dimension: 'percent', factor: 1 };
  const u = unit.toLowerCase().replace(/μ/g, 'µ');
  const one = u.length > 3 && u.endsWith('s') && !u.endsWith('ss') ? u.slice(0, -1) : u;
  if (DURATION[unit] !== undefined) return { dimension: 'duration', factor: DURATION[unit] };
  if (DURATION[one] !== undefined && unit !== 'M' && unit !== 'B')
    return { dimension: 'duration', factor: DURATION[one] };
  if (SIZE[u] !== undefined && unit !== 'm' && unit !== 'b')
    return { dimension: 'size', factor: SIZE[u] };
  if (RATE[u] !== undefined) return { dimension: 'rate', factor: RATE[u] };
  const per = /^([a-z]*)\/([a-z]+)$/.exec(u);
  if (per && PER[per[2] ?? ''] !== undefined) {
    const sizeFactor = SIZE[per[1] ?? ''];
    return sizeFactor !== undefined
      ? { dimension: 'rate', factor: sizeFactor * (PER[per[2] ?? ''] ?? 1) }
      : { dimension: 'rate', factor: PER[per[2] ?? ''] ?? 1 };
  }
  return undefined;
}

/** A setting whose key names its unit: `delivery.timeout_ms: 5000`, `ttlSeconds=30`, `max_bytes 1048576`. */
const KEYED =
  /(?<![\w.-])[A-Za-z][\w.-]*?[._-]?(ms|millis|msec|us|seconds|secs|sec|s|minutes|mins|min|hours|h|bytes|kb|mb|gb|kib|mib|gib)\b["'`]?\s?[:=]?\s?["'`]?(\d+(?:\.\d+)?)(?![\d.])/gi;
const KEY_UNIT: Record<string, string> = {
  millis: 'ms',
  msec: 'ms',
  secs: 's',
  sec: 's',
  seconds: 's',
  minutes: 'min',
  mins: 'min',
  hours: 'h',
};

/** Quantities held by settings whose key names the unit (`timeout_ms: 5000` is 5 s). */
function keyedQuantities(text: string): Quantity[] {
  const out: Quantity[] = [];
  for (const m of text.matchAll(KEYED)) {
    const key = m[0].slice(0, m[0].length - (m[2] ?? '').length);
    // Only a unit that ends the key after a separator or a camelCase hump: `timeout_ms`,
    // `ttlSeconds`; never a word that merely ends in one ("depth 48" is not 48 h).
    const unit = m[1] ?? '';
    const bareKey = key.replace(/["'`]?\s?[:=]?\s?["'`]?$/, '');
    const camel = `${unit.charAt(0).toUpperCase()}${unit.slice(1).toLowerCase()}`;
    if (
      !bareKey.toLowerCase().endsWith(`_${unit.toLowerCase()}`) &&
      !bareKey.toLowerCase().endsWith(`.${unit.toLowerCase()}`) &&
      !bareKey.toLowerCase().endsWith(`-${unit.toLowerCase()}`) &&
      !new RegExp(`[a-z0-9]${camel}$`).test(bareKey)
    )
      continue;
    const unitWord = (m[1] ?? '').toLowerCase();
    const u = unitOf(KEY_UNIT[unitWord] ?? unitWord);
    if (!u) continue;
    const { value, precision } = numberOf(m[2] ?? '');
    out.push({
      text: m[0],
      index: m.index ?? 0,
      value,
      dimension: u.dimension,
      base: value * u.factor,
      precision: precision * u.factor,
    });
  }
  return out;
}

/** Every quantity in `text`, in order. Bare numbers of three digits or more (not years) count as `number`. */
export function quantitiesIn(text: string): Quantity[] {
  const out: Quantity[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const num = m[0];
    const index = m.index;
    let rest = text.slice(index + num.length);
    let { value, precision } = numberOf(num);
    let written = num;
    const mult = AFTER_MULTIPLIER.exec(rest);
    if (mult) {
      const scale = MULTIPLIER[mult[1] ?? ''] ?? 1;
      value *= scale;
      precision *= scale;
      written += mult[0];
      rest = rest.slice(mult[0].length);
    }
    const unit = AFTER_UNIT.exec(rest);
    const u = unit ? unitOf(unit[1] ?? '') : undefined;
    if (unit && u) {
      out.push({
        text: `${written}${unit[0]}`,
        index,
        value,
        dimension: u.dimension,
        base: value * u.factor,
        precision: precision * u.factor,
      });
      NUMBER.lastIndex = index + written.length + unit[0].length;
      continue;
    }
    const count = AFTER_COUNT.map((re) => re.exec(rest)).find(
      (c) =>
        c &&
        isCountNoun(c[2] ?? '', value) &&
        !(c[1] ?? '')
          .trim()
          .split(/[ \t]+/)
          .some((w) => NOT_A_QUALIFIER.test(w)),
    );
    if (count) {
      const gap = (count[1] ?? '').trim();
      out.push({
        text: `${written}${count[0]}`,
        index,
        value,
        dimension: 'count',
        base: value,
        precision,
        noun: singular(count[2] ?? ''),
        ...(gap ? { qualifier: gap } : {}),
      });
      continue;
    }
    if (
      mult ||
      /^\d{1,3}(?:,\d{3})+$/.test(num) ||
      (/^\d{3,}$/.test(num) && !/^(?:19|20)\d\d$/.test(num))
    )
      out.push({ text: written, index, value, dimension: 'number', base: value, precision });
  }
  const keyed = keyedQuantities(text);
  // A bare number that is a keyed setting's value is that setting's quantity, not a second one.
  const inKeyed = (x: Quantity) =>
    x.dimension === 'number' &&
    keyed.some((k) => x.index >= k.index && x.index < k.index + k.text.length);
  return [...out.filter((x) => !inKeyed(x)), ...keyed].sort((a, b) => a.index - b.index);
}

/** Every number in `text` (any size, years and versions aside), as `number` quantities. */
export function numbersIn(text: string): Quantity[] {
  const out: Quantity[] = [];
  NUMBER.lastIndex = 0;
  for (let m = NUMBER.exec(text); m; m = NUMBER.exec(text)) {
    const { value, precision } = numberOf(m[0]);
    out.push({ text: m[0], index: m.index, value, dimension: 'number', base: value, precision });
  }
  return out;
}

/** The one quantity `text` consists of, or undefined. */
export function parseQuantity(text: string): Quantity | undefined {
  const all = quantitiesIn(text.trim().replace(/^[~≈]/, ''));
  return all.length === 1 ? all[0] : undefined;
}

/** Dimensions that hold the same kind of value ("720 orders" and a bare "720"). */
const comparable = (a: Quantity, b: Quantity): boolean =>
  a.dimension === b.dimension ||
  ((a.dimension === 'count' || a.dimension === 'number') &&
    (b.dimension === 'count' || b.dimension === 'number'));

/** True when two values are equal within the rounding of the less precise one. */
export const closeTo = (a: number, b: number, precision: number): boolean =>
  Math.abs(a - b) <= Math.max(precision, Math.abs(b) * 1e-9) + 1e-12;

/**
 * The same value in the same dimension, whatever the unit: 5s = 5000 ms, 0.000012 s = 12 µs,
 * 1.2k rps = 1200 rps. Counts must name the same noun (see `sameNumber` for a changed noun).
 */
export function sameQuantity(a: Quantity, b: Quantity): boolean {
  if (a.dimension !== b.dimension) return false;
  if (a.dimension === 'count' && a.noun !== b.noun) return false;
  return closeTo(a.base, b.base, Math.min(a.precision, b.precision));
}

/** The same number of things with the noun dropped or changed ("720 failed orders" → "720 orders", "720"). */
export function sameNumber(a: Quantity, b: Quantity): boolean {
  return comparable(a, b) && a.base === b.base;
}

/**
 * Durations written in two or more units, as one quantity: "1 hour and 29 minutes", "1 h 11 min",
 * "an hour and 11 minutes", "4 min 30 s" (base: seconds; precision: the smallest unit's). `parts`
 * are the single-unit quantities it is made of, as `quantitiesIn` reads them.
 */
export function compoundDurationsIn(text: string): (Quantity & { parts: string[] })[] {
  // "an hour" is one hour: read as "1h" padded to the same length, so every offset holds.
  const spelled = text.replace(/\b(?:an?|one)\s+(hour|minute|day)\b/gi, (m, u: string) =>
    `1${{ hour: 'h', minute: 'min', day: 'd' }[u.toLowerCase()] ?? ''}`.padEnd(m.length),
  );
  const unit = (q: Quantity) => q.base / q.value;
  const LADDER = [86400, 3600, 60, 1];
  const durations = quantitiesIn(spelled).filter(
    (q) => q.dimension === 'duration' && q.value > 0 && LADDER.includes(unit(q)),
  );
  const out: (Quantity & { parts: string[] })[] = [];
  for (let i = 0; i < durations.length; i++) {
    let run = [durations[i]!];
    for (let j = i + 1; j < durations.length; j++) {
      const prev = run[run.length - 1]!;
      const next = durations[j]!;
      const gap = spelled.slice(prev.index + prev.text.length, next.index);
      // The next unit down the ladder, less than one of the previous unit: "1 h 11 min".
      const step = LADDER.indexOf(unit(prev)) + 1;
      if (!/^\s*(?:,\s*|,?\s+and\s+)?$/.test(gap)) break;
      if (LADDER[step] !== unit(next) || next.base >= unit(prev)) break;
      run = [...run, next];
    }
    if (run.length < 2) continue;
    const first = run[0]!;
    const last = run[run.length - 1]!;
    const end = last.index + last.text.length;
    out.push({
      text: text.slice(first.index, end).trim(),
      index: first.index,
      value: run.reduce((sum, q) => sum + q.base, 0),
      dimension: 'duration',
      base: run.reduce((sum, q) => sum + q.base, 0),
      precision: last.precision,
      parts: run.map((q) => text.slice(q.index, q.index + q.text.length).trim()),
    });
    i += run.length - 1;
  }
  return out;
}
