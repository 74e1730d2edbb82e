import { describe, expect, it } from 'vitest';
import { isRemoteUri, lanceReason, storageOptionsOf } from '../../../src/lib/search/store.ts';
import { streamProgress } from '../../../src/lib/progress.ts';

describe('storageOptionsOf', () => {
  it('passes the object stores’ environment variables as lower-cased LanceDB options, and nothing else', () => {
    expect(
      storageOptionsOf({
        AWS_ENDPOINT: 'http://127.0.0.1:9000',
        AWS_ALLOW_HTTP: 'true',
        GOOGLE_SERVICE_ACCOUNT: '/keys/sa.json',
        AZURE_STORAGE_ACCOUNT_NAME: 'casebook',
        CASEBOOK_DB: 's3://bucket/x',
        HOME: '/root',
      }),
    ).toEqual({
      aws_endpoint: 'http://127.0.0.1:9000',
      aws_allow_http: 'true',
      google_service_account: '/keys/sa.json',
      azure_storage_account_name: 'casebook',
    });
  });

  it('lets --db-option pairs override the environment, keeping "=" inside values', () => {
    expect(
      storageOptionsOf({ AWS_REGION: 'us-east-1' }, ['aws_region=eu-west-1', 'token=a=b=']),
    ).toEqual({ aws_region: 'eu-west-1', token: 'a=b=' });
  });

  it('rejects a --db-option without key=value, naming it', () => {
    expect(() => storageOptionsOf({}, ['aws_region'])).toThrow(
      expect.objectContaining({
        code: 'USAGE',
        message: expect.stringContaining('got "aws_region"'),
      }),
    );
  });
});

describe('isRemoteUri', () => {
  it('tells object-store URIs from local folders', () => {
    expect(isRemoteUri('s3://bucket/casebook')).toBe(true);
    expect(isRemoteUri('gs://bucket/casebook')).toBe(true);
    expect(isRemoteUri('az://container/casebook')).toBe(true);
    expect(isRemoteUri('/srv/casebook/lancedb')).toBe(false);
    expect(isRemoteUri('file:///srv/casebook/lancedb')).toBe(false);
  });
});

describe('lanceReason', () => {
  it('keeps the first line of a LanceDB error without its Rust source locations', () => {
    const error = new Error(
      "Table 'nope' was not found  Caused by: Dataset at path casebook/nope.lance was not found: Not found: casebook/nope.lance/_versions, /usr/local/cargo/registry/src/lance-table-8.0.0/src/io/commit.rs:646:26",
    );
    expect(lanceReason(error)).toBe("Table 'nope' was not found");
  });
});

describe('streamProgress', () => {
  it('prints a line per update off a TTY, at most every 2 s, always the last one, and news lines', () => {
    let out = '';
    let clock = 0;
    const progress = streamProgress({ write: (s: string) => (out += s) }, () => clock);
    progress.progress(1, 3, 'embed');
    clock = 500;
    progress.progress(2, 3, 'embed');
    clock = 1500;
    progress.progress(3, 3, 'embed');
    progress.info('embed done');
    expect(out).toBe('embed 1/3 (0.0s)\nembed 3/3 (1.5s)\nembed done\n');
  });
});
