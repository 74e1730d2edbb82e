import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  describeRedaction,
  luhn,
  redact,
  redactionSummary,
  redactOptionsOf,
  PII_KINDS,
} from '../../../src/lib/redact/index.ts';
import { REPO_ROOT } from '../../helpers/content.ts';
import { NEAR_MISSES, PII, SECRETS, survivingPiece } from '../../fixtures/redact/corpus.ts';

describe('the redaction corpus', () => {
  it('plants at least 60 secrets of at least 30 kinds', () => {
    expect(SECRETS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(SECRETS.map((c) => c.kind)).size).toBeGreaterThanOrEqual(30);
  });

  for (const c of SECRETS) {
    it(`removes a ${c.kind} from "${c.text.split('\n')[0]?.slice(0, 40)}…"`, async () => {
      const out = await redact(c.text);
      expect(out.text).not.toContain(c.secret);
      expect(survivingPiece(c, out.text)).toBeUndefined();
      expect(out.text).toMatch(/\[REDACTED:[a-z0-9-]+\]/);
      expect(out.count).toBe(1);
    });
  }

  for (const c of PII) {
    it(`removes the ${c.kind} ${c.secret} when personal data redaction is on, and keeps it when off`, async () => {
      const on = await redact(c.text, { pii: PII_KINDS });
      expect(on.text).toBe(c.text.replace(c.secret, `[REDACTED:${c.kind}]`));
      expect((await redact(c.text)).text).toBe(c.text);
    });
  }

  for (const near of NEAR_MISSES) {
    it(`leaves the near-miss "${near.label}" unchanged`, async () => {
      const out = await redact(near.text, { pii: PII_KINDS });
      expect(out.text).toBe(near.text);
      expect(out.count).toBe(0);
    });
  }

  it('counts exactly one redaction per planted secret when they are all in one text', async () => {
    const out = await redact(SECRETS.map((c) => c.text).join('\n\n'));
    expect(out.count).toBe(SECRETS.length);
    expect(out.findings).toHaveLength(SECRETS.length);
    expect(out.text.match(/\[REDACTED:[a-z0-9-]+\]/g)).toHaveLength(SECRETS.length);
  });
});

describe('redact', () => {
  it('keeps the user and host of a connection string, with or without a user name', async () => {
    const out = await redact(
      'postgres://svc:abcdef123456@pg-billing-01.prod.internal:5432/db and redis://:Pw0rdXyz123@redis-01:6379',
    );
    expect(out.text).toBe(
      'postgres://svc:[REDACTED:url-password]@pg-billing-01.prod.internal:5432/db and redis://:[REDACTED:url-password]@redis-01:6379',
    );
    expect(out.count).toBe(2);
  });

  it('cuts a private key pasted without its END line up to the end of its base64 block', async () => {
    const out = await redact(
      'before\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAq7BFUmL3Vx9\nZ2x0aGVyZWFsa2V5Ym9keQ==\n\nthe service restarted at 14:20 UTC',
    );
    expect(out.text).toBe('before\n[REDACTED:private-key]\n\nthe service restarted at 14:20 UTC');
  });

  it('redacts a JWT wrapped over three lines and keeps the sentence after it', async () => {
    const out = await redact(
      'cookie:\neyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJvcHMi\nLCJyb2xlIjoiYWRtaW4ifQ.Qm9ndXNTaWduYXR1\ncmVGb3JUZXN0cw\nthen the pod restarted',
    );
    expect(out.text).toBe('cookie:\n[REDACTED:jwt]\nthen the pod restarted');
  });

  it('takes the value out of XML elements and name/value pairs whose name is a secret name', async () => {
    const out = await redact(
      '<dbPassword>Hq7rT2mXw9</dbPassword> <add key="MapsApiKey" value="Zx81Lw0Qp3Rt7Yv2Mn5Bc9Df" /> {"name": "LDAP_PASSWORD", "value": "k3yB0ardCat"} <timeout>300</timeout>',
    );
    expect(out.text).toBe(
      '<dbPassword>[REDACTED:password]</dbPassword> <add key="MapsApiKey" value="[REDACTED:key]" /> {"name": "LDAP_PASSWORD", "value": "[REDACTED:password]"} <timeout>300</timeout>',
    );
  });

  it('leaves references to a secret store and digests under key names alone', async () => {
    const text =
      'PGPASSWORD=op://ops/ledger-db/password and API_KEY=arn:aws:ssm:eu-west-1:123456789012:parameter/ledger/key and content_key=sha1:0beec7b5ea3f0fdbc95d0dd47f3c5bc275da8a33';
    expect((await redact(text)).text).toBe(text);
  });

  it('changes nothing when run twice, so verify can redact notes that draft already redacted', async () => {
    const once = await redact('POSTGRES_PASSWORD=Qk3vX9pLm2Tz and mail ops@example.com', {
      pii: PII_KINDS,
    });
    const twice = await redact(once.text, { pii: PII_KINDS });
    expect(twice.text).toBe(once.text);
    expect(twice.count).toBe(0);
  });

  it('reports where each find is without holding the secret', async () => {
    const out = await redact('line one\nDD_API_KEY=0a1b2c3d4e5f60718293a4b5c6d7e8f9\n');
    expect(out.findings).toEqual([
      { kind: 'key', rule: 'casebook/assignment', line: 2, start: 20, end: 52 },
    ]);
    expect(JSON.stringify(out.findings)).not.toContain('0a1b2c3d');
  });

  it('says how many items it redacted, and says so when there were none', async () => {
    const out = await redact(
      'GITHUB_TOKEN=0123456789abcdef0123456789abcdef01234567\nPGPASSWORD=x7Yq2LmP9z',
    );
    expect(redactionSummary(out)).toBe('Redacted 2 items: 1 password, 1 token.');
    expect(redactionSummary(await redact('nothing here'))).toBe(
      'Redacted 0 items: no secrets or personal data found.',
    );
    expect(describeRedaction({})).toBe('nothing found');
  });

  it('removes every secret planted in the notes fixtures and keeps the hosts', async () => {
    const read = (name: string) =>
      readFile(resolve(REPO_ROOT, 'test/fixtures/notes', name), 'utf8');
    const s3 = await redact(await read('s3-slowdown-ledger-export.md'));
    for (const prefix of [
      'AKIA0V2186',
      'Zgh5j/Ruq+',
      'eXcFjX40xY',
      'eyJhbGciOiJSUzI1NiIs',
      'ghp_KXhj5EwfCG',
    ])
      expect(s3.text).not.toContain(prefix);
    expect(s3.count).toBe(5);
    const pg = await redact(await read('postgres-xid-wraparound-prepared-xact.md'));
    for (const prefix of ['Vq7r', 'xoxb-', 'eyJhbGciOiJIUzI1NiIs', 'MIIEowIBAAKCAQEA'])
      expect(pg.text).not.toContain(prefix);
    expect(pg.text).toContain('pg-billing-01.prod.internal');
    expect(pg.count).toBe(4);
  });
});

describe('luhn', () => {
  it('accepts card numbers with a valid checksum and rejects others', () => {
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('79927398713')).toBe(true);
    expect(luhn('4111111111111112')).toBe(false);
  });
});

describe('redactOptionsOf', () => {
  it('turns personal data on for the API and off for local output when CASEBOOK_REDACT_PII is unset', () => {
    expect(redactOptionsOf({}, 'api')).toEqual({ secrets: true, pii: ['email', 'phone', 'card'] });
    expect(redactOptionsOf({}, 'local')).toEqual({ secrets: true, pii: [] });
  });

  it('reads on, off and a list of kinds from CASEBOOK_REDACT_PII', () => {
    expect(redactOptionsOf({ CASEBOOK_REDACT_PII: 'off' }, 'api').pii).toEqual([]);
    expect(redactOptionsOf({ CASEBOOK_REDACT_PII: 'on' }, 'local').pii).toEqual([
      'email',
      'phone',
      'card',
    ]);
    expect(redactOptionsOf({ CASEBOOK_REDACT_PII: 'emails, cards' }, 'api').pii).toEqual([
      'email',
      'card',
    ]);
  });

  it('rejects an unknown kind with a message naming the variable and the choices', () => {
    expect(() => redactOptionsOf({ CASEBOOK_REDACT_PII: 'email,ssn' }, 'api')).toThrow(
      /CASEBOOK_REDACT_PII: unknown kind "ssn". Use on, off, or a comma list of email, phone, card/,
    );
  });
});
