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

/** How strongly a variable or key name says "secret": 'always' (password), 'value' (key: check the value), null. */
function secretName(name: string): 'always' | 'value' | null {
  const parts = nameParts(name);
  const last = parts[parts.length - 1] ?? '';
  const joined = parts.join('');
  // The secret itself: POSTGRES_PASSWORD, PGPASSWORD, client_secret, pwd.
  if (/^(?:pwd|pass|passwd)$|(?:password|passphrase|secret|secrets)$/.test(last)) return 'always';
  // Names of keys and tokens, and names that only mention a secret (password_min_length=12,
  // secret_rotation_days=90): only a value that looks generated counts.
  if (
    /^(?:token|key|apikey|credential|credentials|auth|sig|signature|dsn|pat|salt|cookie|session|sessionid|sid)$/.test(
      last,
    ) ||
    /(?:token|apikey|accesskey|secretkey|privatekey|accountkey|authkey)$/.test(joined) ||
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
  ['telegram-bot-token', /\b\d{8,10}:AA[A-Za-z0-9_-]{33}\b/g],
  [
    'discord-webhook',
    /https:\/\/(?:ptb\.|canary\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[A-Za-z0-9_-]+/g,
  ],
  ['jwt', /\beyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}/g],
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
  ...spansOf(
    text,
    /\b(Authorization:\s*(?:Basic|Token|Digest|SSWS|Bot|ApiKey|Key)\s+)([A-Za-z0-9+/=._-]{8,})/gi,
    'basic-auth',
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
  for (const m of text.matchAll(pattern)) {
    const name = m[2] ?? '';
    const strength = secretName(name);
    if (!strength) continue;
    const found = valueAt(text, (m.index ?? 0) + m[0].length);
    if (!found || isPlaceholderValue(found.value)) continue;
    const value = found.value;
    if (value.includes('://') && strength !== 'always') continue; // a URL: the DSN rule decides
    // A UUID under a token or key name is the token (legacy npm, Heroku), not a request id.
    const generated = looksGenerated(value, 12) || UUID.test(value);
    if (strength === 'always' ? value.length < 3 : !generated) continue;
    // Prose: "password: the one in vault" — a lone word followed by more words is not a value.
    if (strength === 'always' && /^[a-z]+$/.test(value) && value.length < 6) continue;
    out.push({
      start: found.start,
      end: found.start + value.length,
      kind: kindOfName(name),
      rule: 'casebook/assignment',
    });
  }
  return out;
};

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

/** Prose: "the password is Tr0ub4dor&3", "pwd was s3cr3t!" (a value with a digit or symbol). */
const prosePasswordRule: Rule = (text) =>
  spansOf(
    text,
    /(\b(?:password|passwd|passphrase|pwd)\s+(?:is|was|of|set to|changed to)\s+["'`]?)([^\s"'`,;]{6,})/gi,
    (m) => {
      const value = (m[2] ?? '').replace(/[.:]+$/, '');
      return /[\d!@#$%^&*+=?]/.test(value) && !isPlaceholderValue(value) ? 'password' : null;
    },
    'prose-password',
    2,
  ).map((s) => {
    const value = text.slice(s.start, s.end).replace(/[.:]+$/, '');
    return { ...s, end: s.start + value.length };
  });

/** Kubernetes `env:` entries: `name: DB_PASSWORD` then `value: …` on the next line. */
const envEntryRule: Rule = (text) =>
  spansOf(
    text,
    /(-?[ \t]*name:[ \t]*["']?([A-Za-z0-9_.-]+)["']?[ \t]*\r?\n[ \t]*value:[ \t]*["']?)([^\s"']{3,})/g,
    (m) => (secretName(m[2] ?? '') && !isPlaceholderValue(m[3] ?? '') ? 'secret' : null),
    'env-entry',
    3,
  );

const FLAG_STOPWORDS =
  /^(?:flag|flags|option|options|argument|arguments|parameter|is|was|were|and|or|the|to|with|from|for|in|on|of|that|this|it|as|set|value|prompt|file|env)$/i;

/** Command-line flags: `--password <v>`, `--password=<v>`, `--token v`, `mysql -pS3cret`. */
const flagRule: Rule = (text) => {
  const out = spansOf(
    text,
    /(?<![\w-])(--?(?:[a-z]+-)*(?:password|passwd|pass|token|secret|api-key|apikey|access-key|secret-key|auth-token|client-secret|private-key)(?:=|[ \t]+))(["']?)([^\s"']{3,})\2/gi,
    (m) =>
      FLAG_STOPWORDS.test(m[3] ?? '') ||
      isPlaceholderValue(m[3] ?? '') ||
      (m[3] ?? '').startsWith('-')
        ? null
        : 'password',
    'flag',
    3,
  );
  // `curl -u user:password`, `--user user:password`: the password part.
  out.push(
    ...spansOf(
      text,
      /((?:^|\s)(?:-u|--user)[ \t]+["']?)([^\s:"']+:)([^\s"'@]{3,})/g,
      (m) => (isPlaceholderValue(m[3] ?? '') ? null : 'password'),
      'flag',
      3,
    ),
  );
  // `redis-cli -a <password>`, `sshpass -p <password>`.
  out.push(
    ...spansOf(
      text,
      /(\b(?:redis-cli\b[^\n]*?\s-a|sshpass\b[^\n]*?\s-p)[ \t]+["']?)([^\s"']{3,})/g,
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

/**
 * High-entropy strings within a few words after a secret-like word on the same line
 * ("the leaked API key was 9Gx…"). UUIDs and commit hashes stay.
 */
const entropyRule: Rule = (text) => {
  const out: Span[] = [];
  for (const line of linesOf(text)) {
    if (!SECRET_WORDS.test(line.text)) continue;
    for (const m of line.text.matchAll(/[A-Za-z0-9+/_~.-]{20,}={0,2}/g)) {
      const word = m[0].replace(/^[.=_-]+|[.=_-]+$/g, '');
      const at = (m.index ?? 0) + m[0].indexOf(word);
      const before = line.text.slice(Math.max(0, at - 48), at);
      if (!SECRET_WORDS.test(before)) continue;
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
  prefixedRule,
  authHeaderRule,
  assignmentRule,
  prosePasswordRule,
  envEntryRule,
  flagRule,
  dsnRule,
  kubernetesSecretRule,
  signedUrlRule,
  keyInUserRule,
  entropyRule,
];

export const findSecretSpans = (text: string): Span[] => SECRET_RULES.flatMap((rule) => rule(text));
