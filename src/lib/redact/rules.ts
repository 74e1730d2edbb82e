/**
 * Casebook's own secret rules: the generic shapes a token scanner's fixed prefixes miss
 * (named assignments, command-line flags, DSNs, cut-short PEM blocks, Kubernetes Secret data,
 * high-entropy values next to secret-like words) plus a few vendor formats the secretlint preset
 * does not cover. Each rule returns spans; `index.ts` merges them with secretlint's. Pure.
 */
import { codeBlocks } from '../markdown/blocks.ts';

/** One secret found in a text: `[start, end)` are UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
  /** Short kebab-case kind, shown in the placeholder (`[REDACTED:<kind>]`). */
  kind: string;
  /** The rule that found it (`casebook/<name>` or the secretlint rule id). */
  rule: string;
}

/** Matches any placeholder; rules never redact a placeholder again. */
export const PLACEHOLDER_PATTERN = /\[REDACTED:[a-z0-9-]+\]/g;

/** Shannon entropy of `s` in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/** Values that stand for a secret without being one: references, masks, empty-ish words. */
function isPlaceholderValue(value: string): boolean {
  const v = value.trim();
  if (!v) return true;
  if (v.startsWith('[REDACTED:')) return true;
  if (/^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/.test(v)) return true; // $VAR, ${VAR}
  if (/^\{\{.*\}\}$/.test(v) || /^<[^<>]*>$/.test(v) || /^%[A-Za-z_]+%$/.test(v)) return true;
  if (/^([*x.•#-])\1{2,}$/i.test(v)) return true; // ****, xxxx, ....
  // References to a secret store: an ARN, a GCP secret path, op:// and vault:/ssm: lookups.
  if (/^(?:arn:|projects\/[^/\s]+\/secrets\/|op:\/\/|(?:vault|ssm|secretsmanager|sops):)/i.test(v))
    return true;
  // A digest (`sha1:<hex>`) names content; it opens nothing.
  if (/^(?:md5|sha1|sha224|sha256|sha384|sha512|blake2b|blake3):[0-9a-f]{16,}$/i.test(v))
    return true;
  return /^(?:true|false|null|none|nil|undefined|empty|redacted|hidden|masked|required|optional|string|secret|password|token|yes|no|on|off)$/i.test(
    v,
  );
}

/** A value shaped like a machine-generated key: long, from a token alphabet, not a plain word or number. */
export function looksGenerated(value: string, minLength = 16): boolean {
  if (value.length < minLength) return false;
  if (!/^[A-Za-z0-9+/=_.~:%-]+$/.test(value)) return false;
  if (/^\d+$/.test(value)) return false;
  if (/^[a-z]+(?:[-_.][a-z]+)*$/i.test(value)) return false; // words: sort_key=created_at_desc
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) return false; // dates
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((r) => r.test(value)).length;
  return classes >= 2 && entropy(value) >= 3;
}

/** Identifier components: `POSTGRES_PASSWORD` → [postgres, password]; `_authToken` → [auth, token]. */
function nameParts(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Words that make a `*_key` name a data key (cache_key, sort_key) or a public one. */
const DATA_KEY_WORDS = new Set([
  ...['cache', 'sort', 'primary', 'foreign', 'partition', 'idempotency', 'shard', 'row'],
  ...['hash', 'dedup', 'dedupe', 'lookup', 'public', 'object', 'composite', 'index', 'range'],
]);

/** How strongly a variable or key name says "secret": 'always' (password), 'value' (key: check the value), null. */
function secretName(name: string): 'always' | 'value' | null {
  const parts = nameParts(name);
  const last = parts[parts.length - 1] ?? '';
  const joined = parts.join('');
  // The secret itself: POSTGRES_PASSWORD, PGPASSWORD, client_secret, pwd, DB_PW.
  if (/^(?:pw|pwd|pass|passwd)$|(?:password|passphrase|secret|secrets)$/.test(last))
    return 'always';
  // Keys that index data, not keys that open something: cache_key, sort_key, public_key.
  if (last === 'key' && parts.slice(0, -1).some((p) => DATA_KEY_WORDS.has(p))) return null;
  // Names of keys and tokens, and names that only mention a secret (password_min_length=12,
  // secret_rotation_days=90): only a value that looks generated counts.
  if (
    /^(?:token|key|apikey|credential|credentials|auth|sig|signature|dsn|pat|salt|cookie|session|sessionid|sid)$/.test(
      last,
    ) ||
    // `SSHPASS`, `PGPASS`: a glued `pass` (but `bypass` too, so only a generated value counts).
    /(?:token|apikey|accesskey|secretkey|privatekey|accountkey|authkey|pass)$/.test(joined) ||
    /(?:password|passwd|passphrase|secret)/.test(joined)
  )
    return 'value';
  return null;
}

type Rule = (text: string) => Span[];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const spansOf = (
  text: string,
  pattern: RegExp,
  kind: string | ((m: RegExpExecArray) => string | null),
  rule: string,
  group = 0,
): Span[] => {
  const out: Span[] = [];
  const withIndices = pattern.hasIndices
    ? pattern
    : new RegExp(pattern.source, `${pattern.flags}d`);
  for (const m of text.matchAll(withIndices)) {
    const at = m.indices?.[group];
    if (!at || at[1] <= at[0]) continue;
    const k = typeof kind === 'string' ? kind : kind(m);
    if (!k) continue;
    out.push({ start: at[0], end: at[1], kind: k, rule: `casebook/${rule}` });
  }
  return out;
};

/** Vendor tokens with a fixed prefix or shape. */
const PREFIXED: [string, RegExp][] = [
  ['aws-access-key', /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA|ABIA|ACCA)[A-Z0-9]{16}\b/g],
  ['github-token', /\b(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{22,})/g],
  ['gitlab-token', /\bgl(?:pat|dt|ptt|rt|cbt|oas)-[A-Za-z0-9_-]{20,}/g],
  ['slack-token', /\b(?:xox[abposre]|xapp|xoxe\.xox[bp]|xoxe)-[A-Za-z0-9-]{10,}/g],
  [
    'slack-webhook',
    /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g,
  ],
  ['stripe-key', /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/g],
  ['stripe-webhook-secret', /\bwhsec_[A-Za-z0-9+/=]{20,}/g],
  ['google-api-key', /\bAIza[0-9A-Za-z_-]{35}\b/g],
  ['google-oauth-secret', /\bGOCSPX-[A-Za-z0-9_-]{20,}/g],
  ['npm-token', /\bnpm_[A-Za-z0-9]{36}\b/g],
  ['anthropic-key', /\bsk-ant-[A-Za-z0-9_-]{20,}/g],
  ['openai-key', /\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{32,}/g],
  ['twilio-key', /\b(?:SK|AC)[0-9a-f]{32}\b/g],
  ['sendgrid-key', /\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/g],
  ['mailgun-key', /\bkey-[0-9a-f]{32}\b/g],
  ['square-token', /\bsq0(?:atp|csp|idp)-[A-Za-z0-9_-]{20,}/g],
  ['pypi-token', /\bpypi-AgE[A-Za-z0-9_-]{50,}/g],
  ['docker-token', /\bdckr_pat_[A-Za-z0-9_-]{20,}/g],
  ['digitalocean-token', /\bdo[por]_v1_[a-f0-9]{64}\b/g],
  ['doppler-token', /\bdp\.(?:st|sa|ct|scim|audit)\.[A-Za-z0-9_.-]{20,}/g],
  ['vault-token', /\bhv[sbr]\.[A-Za-z0-9_-]{24,}/g],
  ['newrelic-key', /\bNR(?:AK|AA|II|JS)-[A-Z0-9]{20,}/g],
  ['huggingface-token', /\bhf_[A-Za-z0-9]{30,}/g],
  ['grafana-token', /\bgl(?:sa|c)_[A-Za-z0-9_=+/-]{30,}/g],
  ['shopify-token', /\bshp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}\b/g],
  ['linear-key', /\blin_(?:api|oauth)_[A-Za-z0-9]{30,}/g],
  // Also inside a Bot API URL: `https://api.telegram.org/bot<token>/sendMessage`.
  ['telegram-bot-token', /(?<![0-9])\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g],
  // Entra ID (Azure AD) client secrets: three characters, a digit, `Q~`, then 31-34 more.
  ['azure-client-secret', /(?<![\w~.-])[\w~.-]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])/g],
  // Password hashes in modular crypt format (htpasswd, /etc/shadow, bcrypt): crackable offline.
  [
    'password-hash',
    /\$(?:1|2[abxy]?|5|6|7|y|gy|apr1|argon2(?:id|i|d)|scrypt|pbkdf2(?:-sha\d+)?)\$[A-Za-z0-9./$=,+-]{20,}/g,
  ],
  [
    'discord-webhook',
    /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]+/g,
  ],
  // A JWT, also wrapped over lines: the header and payload may break anywhere (the two dots
  // anchor them); the signature goes on over a break only onto lines that hold nothing else.
  [
    'jwt',
    /\beyJ[\w-]{5,}(?:\r?\n[ \t>]*[\w-]+)*\.(?:\r?\n[ \t>]*)?[\w-]{5,}(?:\r?\n[ \t>]*[\w-]+)*\.(?:\r?\n[ \t>]*)?[\w-]{5,}(?:\r?\n[ \t>]*[\w-]+(?=[ \t]*(?:\r?\n|$)))*/g,
  ],
  ['age-secret-key', /\bAGE-SECRET-KEY-1[0-9A-Z]{50,}/g],
  ['atlassian-token', /\bATATT3[A-Za-z0-9_=-]{30,}/g],
  ['heroku-key', /\bHRKU-[A-Za-z0-9_-]{30,}/g],
];

const prefixedRule: Rule = (text) =>
  PREFIXED.flatMap(([kind, pattern]) => spansOf(text, pattern, kind, kind));

/** Authorization headers: `Bearer <token>`, `Basic <base64>`, `Token <t>`. */
const authHeaderRule: Rule = (text) => [
  ...spansOf(text, /\b(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/gi, 'bearer-token', 'bearer', 2).filter(
    (s) => !isPlaceholderValue(text.slice(s.start, s.end)),
  ),
  // Any scheme (`Basic`, `Token`, `Splunk`, `GenieKey`, `SSWS`…): the credentials after it.
  ...spansOf(
    text,
    /\b((?:Proxy-)?Authorization:[ \t]*(?!Bearer\b)[A-Za-z][\w-]*[ \t]+)([A-Za-z0-9+/=._~-]{8,})/gi,
    (m) => (isPlaceholderValue(m[2] ?? '') ? null : 'basic-auth'),
    'authorization',
    2,
  ),
  // No scheme at all: `Authorization: <token>`.
  ...spansOf(
    text,
    /\b((?:Proxy-)?Authorization:[ \t]*["']?)([A-Za-z0-9+/=._~-]{16,})(?=["']?[ \t]*(?:$|[\r\n,;]))/gim,
    (m) => (looksGenerated(m[2] ?? '', 16) ? 'authorization' : null),
    'authorization',
    2,
  ),
];

/**
 * PEM private keys, including one pasted without its END line: the BEGIN line, then every line
 * that is base64 or a PEM header, up to the END line or the first other line.
 */
const privateKeyRule: Rule = (text) => {
  const out: Span[] = [];
  const begin = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g;
  for (const m of text.matchAll(begin)) {
    const start = m.index ?? 0;
    let end = start + m[0].length;
    const endMarker = /-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g;
    endMarker.lastIndex = end;
    // Same-line body: a key flattened onto one line, or JSON with escaped newlines
    // ("private_key": "-----BEGIN PRIVATE KEY-----\nMIIE…\n-----END PRIVATE KEY-----\n").
    const sameLine =
      /^(?:[ \t]|\\n|[A-Za-z0-9+/=])*(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----(?:\\n)?)?/.exec(
        text.slice(end),
      );
    if (sameLine) end += sameLine[0].length;
    if (sameLine && /-----END/.test(sameLine[0])) {
      out.push({ start, end, kind: 'private-key', rule: 'casebook/private-key' });
      continue;
    }
    let pos = text.indexOf('\n', end);
    while (pos >= 0) {
      const next = text.indexOf('\n', pos + 1);
      const line = text.slice(pos + 1, next < 0 ? text.length : next);
      const trimmed = line.trim().replace(/^[>|]\s*/, '');
      const isEnd = /^-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/.test(trimmed);
      if (isEnd) {
        end =
          pos + 1 + line.indexOf('-----END') + trimmed.match(/^-----END[^\n]*?-----/)![0].length;
        break;
      }
      if (/^=?[A-Za-z0-9+/=]{4,}$/.test(trimmed) || /^[A-Za-z-]+: \S/.test(trimmed)) {
        end = pos + 1 + line.length;
        pos = next;
        continue;
      }
      if (trimmed === '' && end === pos) {
        // A blank line right after Proc-Type headers is part of the block; elsewhere it ends it.
        const prev = text.slice(text.lastIndexOf('\n', pos - 1) + 1, pos).trim();
        if (/^[A-Za-z-]+: \S/.test(prev)) {
          pos = next;
          continue;
        }
      }
      break;
    }
    out.push({ start, end, kind: 'private-key', rule: 'casebook/private-key' });
  }
  return out;
};

/** PuTTY key files: the `Private-Lines: N` header and the N base64 lines under it. */
const puttyRule: Rule = (text) => {
  const out: Span[] = [];
  for (const m of text.matchAll(/Private-Lines:[ \t]*(\d+)[ \t]*\r?\n/g)) {
    const start = (m.index ?? 0) + m[0].length;
    let end = start;
    for (let i = 0; i < Number(m[1]) && end < text.length; i++) {
      const next = text.indexOf('\n', end);
      const line = text.slice(end, next < 0 ? text.length : next);
      if (!/^[ \t>]*[A-Za-z0-9+/=]+[ \t\r]*$/.test(line)) break;
      end = next < 0 ? text.length : next + 1;
    }
    const body = text.slice(start, end).trimEnd();
    if (body)
      out.push({ start, end: start + body.length, kind: 'private-key', rule: 'casebook/putty' });
  }
  return out;
};

/** The value after `=` or `:` at `index`: quoted (may hold spaces) or up to a delimiter. */
function valueAt(text: string, index: number): { start: number; value: string } | null {
  const rest = text.slice(index, index + 2000);
  const quoted = /^(["'`])([^"'`\n]{1,500})\1/.exec(rest);
  if (quoted) return { start: index + 1, value: quoted[2] ?? '' };
  const bare = /^[^\s"'`,;&|<>)}\]]+/.exec(rest);
  if (!bare) return null;
  let value = bare[0];
  // A trailing sentence full stop is not part of the value.
  value = value.replace(/[.:]+$/, '');
  return value ? { start: index, value } : null;
}

/**
 * Named assignments: `POSTGRES_PASSWORD=…`, `aws_session_token = …`, `"client_secret": "…"`,
 * `_authToken=…`, `AccountKey=…;`, `&sig=…`, `DD-API-KEY: …`. Password-like names redact any
 * value; key/token-like names only a generated-looking value.
 */
const assignmentRule: Rule = (text) => {
  const out: Span[] = [];
  const pattern =
    /(?<![A-Za-z0-9_])(["']?)([A-Za-z_][A-Za-z0-9_.-]{0,80}?)\1[ \t]*(?::=|=>|=|:)(?!\/\/)[ \t]*/g;
  // `arn:aws:secretsmanager:…:secret:db` names a secret; its parts are not assignments.
  const arns = [...text.matchAll(/\barn:[\w-]+:[^\s"'<>]+/g)].map((m) => [
    m.index ?? 0,
    (m.index ?? 0) + m[0].length,
  ]);
  for (const m of text.matchAll(pattern)) {
    const at = m.index ?? 0;
    if (arns.some(([a, b]) => at >= (a ?? 0) && at < (b ?? 0))) continue;
    const span = namedValueSpan(text, m[2] ?? '', at + m[0].length, 'casebook/assignment');
    if (span) out.push(span);
  }
  return out;
};

/**
 * The span of the value at `index` when `name` says it is a secret: password-like names redact
 * any value, key/token-like names only a generated-looking one. Shared by every rule that pairs a
 * name with a value (assignments, name/value entries, XML).
 */
function namedValueSpan(text: string, name: string, index: number, rule: string): Span | null {
  const strength = secretName(name);
  if (!strength) return null;
  // "REDIS_PASSWORD= (unset in staging)": a parenthesised remark, not a value.
  if (/^\([^)\n]*\s[^)\n]*\)/.test(text.slice(index, index + 200))) return null;
  const found = valueAt(text, index);
  if (!found || isPlaceholderValue(found.value)) return null;
  let value = found.value;
  if (value.includes('://') && strength !== 'always') return null; // a URL: the DSN rule decides
  // A UUID under a token or key name is the token (legacy npm, Heroku), not a request id.
  const generated = looksGenerated(value, 12) || UUID.test(value) || looksComplex(value);
  if (strength === 'always' ? value.length < 3 : !generated) return null;
  // Prose: "password: the one in vault" — a lone word followed by more words is not a value.
  if (strength === 'always' && /^[a-z]+$/.test(value) && value.length < 6) return null;
  // A passphrase is often words with spaces: the rest of the line (up to a comment) is the value.
  if (/passphrase$/i.test(name) && text[found.start - 1] !== '"' && text[found.start - 1] !== "'") {
    const rest = /^[^\n#]*/.exec(text.slice(found.start))?.[0].trimEnd() ?? value;
    if (rest.length > value.length) value = rest;
  }
  return { start: found.start, end: found.start + value.length, kind: kindOfName(name), rule };
}

/**
 * A value with symbols that a token alphabet lacks (`django-insecure-…#@!…`): long, no spaces or
 * path separators, and at least three of lower case, upper case, digits and symbols.
 */
function looksComplex(value: string): boolean {
  if (value.length < 16 || /[\s/\\]/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(value)).length;
  return classes >= 3 && entropy(value) >= 3.5;
}

function kindOfName(name: string): string {
  const parts = nameParts(name);
  const last = parts[parts.length - 1] ?? '';
  const joined = parts.join('');
  if (/^(?:pwd|pass|passwd)$|(?:password|passphrase)$/.test(last)) return 'password';
  if (/^(?:sig|signature)$/.test(last)) return 'signature';
  if (/token$/.test(last)) return 'token';
  if (/key$/.test(last)) return /secret/.test(joined) ? 'secret-key' : 'key';
  if (/secret/.test(joined)) return 'secret';
  return /password|passphrase/.test(joined) ? 'password' : 'credential';
}

/**
 * Prose: "the password is Tr0ub4dor&3", "pwd was s3cr3t!" (a value with a digit or symbol), and
 * the word followed straight by a generated-looking value (`.netrc`'s `login x password y`).
 */
const prosePasswordRule: Rule = (text) =>
  spansOf(
    text,
    /(\b(?:password|passwd|passphrase|pwd)(\s+(?:is|was|of|set to|changed to))?[ \t]+["'`]?)([^\s"'`,;]{6,})/gi,
    (m) => {
      const value = (m[3] ?? '').replace(/[.:]+$/, '');
      if (isPlaceholderValue(value)) return null;
      if (!m[2]) return looksGenerated(value, 8) || UUID.test(value) ? 'password' : null;
      return /[\d!@#$%^&*+=?]/.test(value) ? 'password' : null;
    },
    'prose-password',
    3,
  ).map((s) => {
    const value = text.slice(s.start, s.end).replace(/[.:]+$/, '');
    return { ...s, end: s.start + value.length };
  });

/**
 * A secret name and its value held in two fields: Kubernetes `env:` entries (`name: DB_PASSWORD`
 * then `value: …`), ECS and CloudFormation `{"name": …, "value": …}` / `ParameterKey=…,
 * ParameterValue=…`, Terraform outputs (`"db_password": {"value": …}`), XML
 * (`<password>…</password>`, `<property name="password">…</property>`, `<add key="ApiKey"
 * value="…"/>`).
 */
const namedFieldRule: Rule = (text) => {
  const out: Span[] = [];
  const push = (name: string, index: number) => {
    const span = namedValueSpan(text, name, index, 'casebook/named-field');
    if (span) out.push(span);
  };
  const q = `["']?`;
  const pairs = new RegExp(
    `${q}(?:name|key|Name|Key|ParameterKey|parameterKey)${q}[ \\t]*[:=][ \\t]*${q}([A-Za-z0-9_.-]+)${q}[ \\t]*[,;]?[ \\t]*(?:\\r?\\n[ \\t]*)?${q}(?:value|Value|ParameterValue|parameterValue)${q}[ \\t]*[:=][ \\t]*`,
    'g',
  );
  for (const m of text.matchAll(pairs)) push(m[1] ?? '', (m.index ?? 0) + m[0].length);
  const objects = /["']([A-Za-z0-9_.-]+)["'][ \t]*:[ \t]*\{\s*["']value["'][ \t]*:[ \t]*/g;
  for (const m of text.matchAll(objects)) push(m[1] ?? '', (m.index ?? 0) + m[0].length);
  // Call arguments: `define('DB_PASSWORD', '…')`, `os.environ.setdefault("API_TOKEN", "…")`.
  const args = /["']([A-Za-z0-9_.-]+)["'][ \t]*,[ \t]*(?=["'])/g;
  for (const m of text.matchAll(args)) push(m[1] ?? '', (m.index ?? 0) + m[0].length);
  // XML: the element's name, or its name/key attribute, names the text or the value attribute.
  const elements = /<([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/g;
  for (const m of text.matchAll(elements)) {
    const attrs = m[2] ?? '';
    const named = /\b(?:name|key)\s*=\s*["']([^"']+)["']/i.exec(attrs)?.[1];
    const valueAttr = /\bvalue\s*=\s*(["'])/i.exec(attrs);
    const tagEnd = (m.index ?? 0) + m[0].length;
    if (named && valueAttr) {
      push(
        named,
        (m.index ?? 0) + 1 + (m[1] ?? '').length + (valueAttr.index ?? 0) + valueAttr[0].length - 1,
      );
      continue;
    }
    if (m[3]) continue;
    const close = text.indexOf(`</${m[1]}>`, tagEnd);
    if (close < 0 || close - tagEnd > 500 || text.slice(tagEnd, close).includes('<')) continue;
    push(named ?? m[1] ?? '', tagEnd);
  }
  return out;
};

const FLAG_STOPWORDS =
  /^(?:flag|flags|option|options|argument|arguments|parameter|is|was|were|and|or|the|to|with|from|for|in|on|of|that|this|it|as|set|value|prompt|file|env)$/i;

/** Command-line flags: `--password <v>`, `--password=<v>`, `--token v`, `mysql -pS3cret`. */
const flagRule: Rule = (text) => {
  const out = spansOf(
    text,
    /(?<![\w-])(--?(?:[a-z]+-)*([a-z]*)(?:password|passwd|pass|token|secret|api-key|apikey|access-key|secret-key|auth-token|client-secret|private-key)(?:=|[ \t]+))(["']?)([^\s"']{3,})\3/gi,
    (m) => {
      const value = m[4] ?? '';
      if (FLAG_STOPWORDS.test(value) || isPlaceholderValue(value) || value.startsWith('-'))
        return null;
      // A glued prefix (`-storepass`, `--dbpassword`, but also `--bypass`): not a plain word.
      return m[2] && /^[a-z]+$/.test(value) ? null : 'password';
    },
    'flag',
    4,
  );
  // `curl -u user:password`, `--user user:password`: the password part.
  out.push(
    ...spansOf(
      text,
      /((?:^|\s)(?:-[A-Za-z]*u|--user)(?:[ \t]+|=)["']?)([^\s:"']+:)([^\s"'@]{3,})/g,
      (m) => (isPlaceholderValue(m[3] ?? '') ? null : 'password'),
      'flag',
      3,
    ),
  );
  // Tools whose short flag takes the password: `redis-cli -a`, `sshpass -p`, `ldapsearch -w`,
  // `docker login -p` (and podman, helm, az…), `sqlcmd -P`.
  out.push(
    ...spansOf(
      text,
      /(\b(?:redis-cli\b[^\n]*?\s-a|sshpass\b[^\n]*?\s-p|ldap[a-z]*\b[^\n]*?\s-w|(?:docker|podman|nerdctl|buildah|skopeo|helm|oras|az)\b[^\n]*?\blogin\b[^\n]*?\s-p|(?:sqlcmd|bcp|osql)\b[^\n]*?\s-P)[ \t]+["']?)([^\s"']{3,})/g,
      (m) => (isPlaceholderValue(m[2] ?? '') ? null : 'password'),
      'flag',
      2,
    ),
  );
  // mysql/mariadb clients take the password glued to -p.
  for (const line of linesOf(text)) {
    if (!/\b(?:mysql\w*|mariadb\w*)\b/.test(line.text)) continue;
    for (const m of line.text.matchAll(/(?<=\s)-p([^\s'"-][^\s'"]{2,})/g))
      out.push({
        start: line.start + (m.index ?? 0) + 2,
        end: line.start + (m.index ?? 0) + 2 + (m[1] ?? '').length,
        kind: 'password',
        rule: 'casebook/flag',
      });
  }
  return out;
};

/** `scheme://user:password@host` and `scheme://:password@host`: the password only. */
const dsnRule: Rule = (text) =>
  spansOf(
    text,
    /\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@[\]]*:)([^\s@/[\]]+)(?=@[^\s@]+)/gi,
    (m) => (isPlaceholderValue(m[3] ?? '') ? null : 'url-password'),
    'dsn',
    3,
  );

interface Line {
  start: number;
  text: string;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (const line of text.split('\n')) {
    out.push({ start, text: line });
    start += line.length + 1;
  }
  return out;
}

/**
 * Kubernetes Secret manifests: every value under `data:` or `stringData:` in a YAML document
 * (bounded by `---` or a code fence) that says `kind: Secret`.
 */
const kubernetesSecretRule: Rule = (text) => {
  const out: Span[] = [];
  const lines = linesOf(text);
  let docStart = 0;
  const flush = (from: number, to: number) => {
    const doc = lines.slice(from, to);
    if (!doc.some((l) => /^[\s>]*kind:[ \t]*["']?Secret["']?[ \t]*$/.test(l.text))) return;
    for (let i = 0; i < doc.length; i++) {
      const head = /^([\s>]*)(?:data|stringData):[ \t]*$/.exec(doc[i]!.text);
      if (!head) continue;
      const indent = (head[1] ?? '').length;
      for (let j = i + 1; j < doc.length; j++) {
        const line = doc[j]!;
        const entry = /^([\s>]*)["']?[\w.-]+["']?:[ \t]*(?:[|>][-+]?)?[ \t]*["']?([^\s"']+)?/.exec(
          line.text,
        );
        if (!line.text.trim()) continue;
        if (!entry || (entry[1] ?? '').length <= indent) break;
        const value = entry[2];
        if (!value || isPlaceholderValue(value)) continue;
        const at = line.text.lastIndexOf(value);
        out.push({
          start: line.start + at,
          end: line.start + at + value.length,
          kind: 'kubernetes-secret',
          rule: 'casebook/kubernetes-secret',
        });
      }
    }
  };
  // A YAML document ends at `---` or at either fence of a Markdown code block.
  const fences = new Set(
    codeBlocks(text)
      .filter((b) => b.fenced)
      .flatMap((b) => [b.line - 1, b.endLine - 1]),
  );
  lines.forEach((line, i) => {
    if (fences.has(i) || /^\s*---\s*$/.test(line.text)) {
      flush(docStart, i);
      docStart = i + 1;
    }
  });
  flush(docStart, lines.length);
  return out;
};

/** `…?sig=…` in Azure SAS URLs and signed URLs, and `X-Amz-Signature=…`. */
const signedUrlRule: Rule = (text) =>
  spansOf(
    text,
    /([?&](?:sig|signature|X-Amz-Signature|X-Goog-Signature|X-Amz-Security-Token|token|access_token)=)([A-Za-z0-9%+/=_.-]{16,})/gi,
    'signature',
    'signed-url',
    2,
  );

/** Sentry-style DSNs, whose user part is the key: `https://<32 hex>@o1.ingest.sentry.io/2`. */
const keyInUserRule: Rule = (text) =>
  spansOf(text, /(https?:\/\/)([0-9a-f]{32})(?=@)/g, 'dsn-key', 'dsn-key', 2);

const SECRET_WORDS =
  /\b(?:password|passwd|passphrase|secret|token|api[ _-]?key|access[ _-]?key|private[ _-]?key|signing[ _-]?key|credentials?|auth(?:orization)?|bearer|session[ _-]?key|webhook[ _-]?secret)\b/i;

/** Words after `key` that make it name something other than the key: `KMS key id`, `key fingerprint`. */
const KEY_ABOUT =
  /^(?:id|ids|fingerprint|fingerprints|name|names|arn|alias|version|prefix|pair|rotation|usage|count|length|size|type|path|file|store|ring|space)$/i;

/**
 * "routing key", "license key", "master key": `key` names a secret unless it is a data key
 * (cache key, sort key, public key) or the words after it say it is about the key (key id).
 */
function secretKeyWord(text: string): boolean {
  for (const m of text.matchAll(/(?:\b([A-Za-z]+)[ _-])?\bkeys?\b(?:[ \t]+([A-Za-z]+)\b)?/gi)) {
    const qualifier = (m[1] ?? '').toLowerCase();
    if (DATA_KEY_WORDS.has(qualifier) || ['kms', 'gpg', 'pgp', 'ssh', 'host'].includes(qualifier))
      continue;
    if (KEY_ABOUT.test(m[2] ?? '')) continue;
    return true;
  }
  return false;
}

/**
 * High-entropy strings within a few words after a secret-like word on the same line
 * ("the leaked API key was 9Gx…"). UUIDs and commit hashes stay.
 */
const entropyRule: Rule = (text) => {
  const out: Span[] = [];
  for (const line of linesOf(text)) {
    if (!SECRET_WORDS.test(line.text) && !secretKeyWord(line.text)) continue;
    for (const m of line.text.matchAll(/[A-Za-z0-9+/_~.-]{20,}={0,2}/g)) {
      const word = m[0].replace(/^[.=_-]+|[.=_-]+$/g, '');
      const at = (m.index ?? 0) + m[0].indexOf(word);
      const before = line.text.slice(Math.max(0, at - 48), at);
      if (!SECRET_WORDS.test(before) && !secretKeyWord(before)) continue;
      if (UUID.test(word)) continue;
      if (
        /^[0-9a-f]{7,64}$/.test(word) &&
        /\b(?:commit|sha|revision|rev|hash|digest)\b/i.test(before)
      )
        continue;
      // Paths and URLs: `//brew.sh/2018/08/05/…`, `example.com/a/b`, `/var/lib/x`.
      if (word.startsWith('/') || /:\/?\/?$/.test(line.text.slice(0, at))) continue;
      if (/^[\w-]+(?:\.[\w-]+)+\//.test(word)) continue;
      if (/[/.]/.test(word) && /^[\w.-]+(?:\/[\w.-]+)+$/.test(word) && !/\d/.test(word)) continue;
      if (!looksGenerated(word, 20) || entropy(word) < 3.5) continue;
      out.push({
        start: line.start + at,
        end: line.start + at + word.length,
        kind: 'high-entropy',
        rule: 'casebook/entropy',
      });
    }
  }
  return out;
};

/** Every Casebook secret rule, in no particular order (spans are merged afterwards). */
const SECRET_RULES: readonly Rule[] = [
  privateKeyRule,
  puttyRule,
  prefixedRule,
  authHeaderRule,
  assignmentRule,
  prosePasswordRule,
  namedFieldRule,
  flagRule,
  dsnRule,
  kubernetesSecretRule,
  signedUrlRule,
  keyInUserRule,
  entropyRule,
];

export const findSecretSpans = (text: string): Span[] => SECRET_RULES.flatMap((rule) => rule(text));
