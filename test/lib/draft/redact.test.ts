import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { redactSecrets, describeRedaction } from '../../../src/lib/draft/redact.ts';
import { REPO_ROOT } from '../../helpers/content.ts';

// Fake, never-valid secrets shaped like the real thing, built at runtime so no scanner flags this file.
const rnd = (n: number, alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') =>
  Array.from({ length: n }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');
const b64url = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('redactSecrets', () => {
  const cases: [string, string, string][] = [
    ['aws-access-key', `AWS_ACCESS_KEY_ID=AKIA${rnd(16)}`, `AKIA${rnd(16)}`],
    [
      'aws-secret-key',
      `aws_secret_access_key = ${rnd(40, `${b64url}/+`).replace(/[-_]/g, 'x')}`,
      rnd(40, `${b64url}/+`).replace(/[-_]/g, 'x'),
    ],
    [
      'github-token',
      `token ghp_${rnd(36, b64url.slice(0, 62))}`,
      `ghp_${rnd(36, b64url.slice(0, 62))}`,
    ],
    [
      'slack-token',
      `credentials: 'xoxb-914221260312-${rnd(24, b64url.slice(0, 62))}'`,
      `xoxb-914221260312-${rnd(24, b64url.slice(0, 62))}`,
    ],
    ['bearer-token', `curl -H 'Authorization: Bearer ${rnd(48, b64url)}'`, rnd(48, b64url)],
    [
      'jwt',
      `token=eyJ${rnd(20, b64url)}.eyJ${rnd(30, b64url)}.${rnd(43, b64url)}`,
      `eyJ${rnd(20, b64url)}.eyJ${rnd(30, b64url)}`,
    ],
    [
      'url-password',
      'DATABASE_URL=postgres://svc_billing:Q7rT2mLw9zPk4Hxa@pg-billing-01.prod.internal:5432/billing',
      'Q7rT2mLw9zPk4Hxa',
    ],
    ['password', 'Server=db1;User Id=app;Password=hunter2hunter2;', 'hunter2hunter2'],
    [
      'private-key',
      `-----BEGIN RSA PRIVATE KEY-----\nMIIEow${rnd(60, b64url)}\n${rnd(64, b64url)}\n-----END RSA PRIVATE KEY-----`,
      'MIIEow',
    ],
  ];
  for (const [kind, text, secret] of cases) {
    it(`replaces a ${kind} with a typed placeholder and counts it`, () => {
      const result = redactSecrets(`before\n${text}\nafter`);
      expect(result.text).not.toContain(secret);
      expect(result.text).toContain(`[REDACTED:${kind}]`);
      expect(result.counts[kind as keyof typeof result.counts]).toBe(1);
      expect(result.text).toMatch(/^before\n[\s\S]*\nafter$/);
    });
  }

  it('keeps the user and host of a connection string and never nests placeholders', () => {
    const result = redactSecrets(
      `postgres://svc:abcdef123456@pg-billing-01.prod.internal:5432/db and https://ghp_${rnd(36, b64url.slice(0, 62))}@github.com/x/y.git`,
    );
    expect(result.text).toContain(
      'postgres://svc:[REDACTED:url-password]@pg-billing-01.prod.internal:5432/db',
    );
    expect(result.text).toContain('https://[REDACTED:github-token]@github.com/x/y.git');
    expect(result.text).not.toMatch(/\[REDACTED:\[REDACTED/);
  });

  it('leaves ordinary incident text alone', () => {
    const text =
      'maxOpenConns: 50, `window_seconds: 3600`, 10.40.3.22:6379, http://grafana.internal:3000/d/abc, ERROR 503 at 14:26 UTC';
    expect(redactSecrets(text)).toEqual({ text, counts: {}, total: 0 });
    expect(describeRedaction({})).toBe('no secrets found');
  });

  it('removes every secret planted in the notes fixtures', async () => {
    const s3 = redactSecrets(
      await readFile(
        resolve(REPO_ROOT, 'test/fixtures/notes/s3-slowdown-ledger-export.md'),
        'utf8',
      ),
    );
    expect(s3.counts).toEqual({
      'aws-access-key': 1,
      'aws-secret-key': 1,
      'bearer-token': 1,
      jwt: 1,
      'github-token': 1,
    });
    for (const prefix of [
      'AKIA0V2186',
      'Zgh5j/Ruq+',
      'eXcFjX40xY',
      'eyJhbGciOiJSUzI1NiIs',
      'ghp_KXhj5EwfCG',
    ])
      expect(s3.text).not.toContain(prefix);
    const pg = redactSecrets(
      await readFile(
        resolve(REPO_ROOT, 'test/fixtures/notes/postgres-xid-wraparound-prepared-xact.md'),
        'utf8',
      ),
    );
    expect(pg.counts).toEqual({ 'url-password': 1, 'slack-token': 1, jwt: 1, 'private-key': 1 });
    for (const prefix of ['Vq7r', 'xoxb-', 'eyJhbGciOiJIUzI1NiIs', 'MIIEowIBAAKCAQEA'])
      expect(pg.text).not.toContain(prefix);
    expect(pg.text).toContain('pg-billing-01.prod.internal');
  });
});
