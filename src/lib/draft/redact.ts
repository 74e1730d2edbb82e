/**
 * Secret redaction for incident notes, run before anything is sent to a model or written to disk.
 * Each secret is replaced by a typed placeholder such as `[REDACTED:aws-access-key]`. Pure.
 */

/** The kinds of secret Casebook recognises, in the order the rules run. */
export const SECRET_KINDS = [
  'private-key',
  'bearer-token',
  'basic-auth',
  'jwt',
  'aws-access-key',
  'aws-secret-key',
  'github-token',
  'gitlab-token',
  'slack-token',
  'slack-webhook',
  'stripe-key',
  'google-api-key',
  'npm-token',
  'anthropic-key',
  'openai-key',
  'url-password',
  'password',
  'secret-value',
] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

/** The placeholder that stands in for a secret of `kind`. */
export const placeholder = (kind: SecretKind): string => `[REDACTED:${kind}]`;

/** Matches any placeholder (so rules never redact a placeholder again). */
export const PLACEHOLDER_PATTERN = /\[REDACTED:[a-z-]+\]/g;

interface Rule {
  kind: SecretKind;
  pattern: RegExp;
  /** Index of the capture group holding the secret; 0 replaces the whole match. */
  group: number;
}

const RULES: Rule[] = [
  {
    kind: 'private-key',
    pattern: /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----[\s\S]*?-----END \1PRIVATE KEY-----/g,
    group: 0,
  },
  { kind: 'bearer-token', pattern: /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/gi, group: 2 },
  { kind: 'basic-auth', pattern: /\b(Authorization:\s*Basic\s+)([A-Za-z0-9+/=]{8,})/gi, group: 2 },
  {
    kind: 'jwt',
    pattern: /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g,
    group: 0,
  },
  {
    kind: 'aws-access-key',
    pattern: /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b/g,
    group: 0,
  },
  {
    kind: 'aws-secret-key',
    pattern:
      /\b((?:aws_?)?secret_?access_?key["']?\s*[:=]\s*["']?)([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
    group: 2,
  },
  {
    kind: 'github-token',
    pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/g,
    group: 0,
  },
  { kind: 'gitlab-token', pattern: /\bglpat-[A-Za-z0-9_-]{20,}\b/g, group: 0 },
  {
    kind: 'slack-webhook',
    pattern: /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g,
    group: 0,
  },
  { kind: 'slack-token', pattern: /\bxox[abposre]-[A-Za-z0-9-]{10,}/g, group: 0 },
  { kind: 'stripe-key', pattern: /\b(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{16,}\b/g, group: 0 },
  { kind: 'google-api-key', pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, group: 0 },
  { kind: 'npm-token', pattern: /\bnpm_[A-Za-z0-9]{36}\b/g, group: 0 },
  { kind: 'anthropic-key', pattern: /\bsk-ant-[A-Za-z0-9_-]{20,}/g, group: 0 },
  { kind: 'openai-key', pattern: /\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}/g, group: 0 },
  // scheme://user:password@host — keep the user and host, drop the password.
  {
    kind: 'url-password',
    pattern: /\b([a-z][a-z0-9+.-]*:\/\/[^\s:/@[\]]+:)([^\s@/[\]]+)(?=@)/gi,
    group: 2,
  },
  // Connection strings and config: Password=...; pwd=...; password: ...
  {
    kind: 'password',
    pattern: /\b((?:password|passwd|pwd)["']?\s*(?:=|:\s)\s*["']?)([^\s'";,]{4,})/gi,
    group: 2,
  },
  {
    kind: 'secret-value',
    pattern:
      /\b((?:client_secret|api[_-]?key|access[_-]?token|auth[_-]?token|secret[_-]?key)["']?\s*(?:=|:\s)\s*["']?)([A-Za-z0-9._~+/=-]{12,})/gi,
    group: 2,
  },
];

export interface Redaction {
  /** The text with every secret replaced by a typed placeholder. */
  text: string;
  /** How many secrets of each kind were replaced (kinds with zero are absent). */
  counts: Partial<Record<SecretKind, number>>;
  /** Total number of secrets replaced. */
  total: number;
}

/** Replaces every recognised secret in `text` with a typed placeholder. */
export function redactSecrets(text: string): Redaction {
  const counts: Partial<Record<SecretKind, number>> = {};
  let out = text;
  for (const rule of RULES) {
    out = out.replace(rule.pattern, (...args: unknown[]) => {
      const match = args[0] as string;
      const secret = rule.group === 0 ? match : (args[rule.group] as string | undefined);
      if (!secret || secret.startsWith('[REDACTED:')) return match;
      counts[rule.kind] = (counts[rule.kind] ?? 0) + 1;
      if (rule.group === 0) return placeholder(rule.kind);
      const prefix = args
        .slice(1, rule.group)
        .map((g) => (typeof g === 'string' ? g : ''))
        .join('');
      const index = match.indexOf(secret, prefix.length);
      return match.slice(0, index) + placeholder(rule.kind) + match.slice(index + secret.length);
    });
  }
  const total = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  return { text: out, counts, total };
}

/** "2 aws-access-key, 1 jwt" or "no secrets found". */
export function describeRedaction(counts: Redaction['counts']): string {
  const parts = SECRET_KINDS.filter((k) => counts[k]).map((k) => `${counts[k]} ${k}`);
  return parts.length ? parts.join(', ') : 'no secrets found';
}
