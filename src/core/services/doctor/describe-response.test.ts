import { describe, expect, it } from 'vitest';
import { describeBodyDifference } from './describe-response';
import type { ProbeResponse } from './http-probe';

const res = (body: string | Buffer, contentType = 'text/plain'): ProbeResponse => ({
  ok: true,
  status: 200,
  headers: { 'content-type': contentType },
  body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  ms: 1,
});
const want = Buffer.from('5927782489abc');

describe('describeBodyDifference', () => {
  it('is null only for a byte-exact body', () => {
    expect(describeBodyDifference(want, res('5927782489abc'))).toBeNull();
    expect(describeBodyDifference(want, res('5927782489abd'))).not.toBeNull();
  });

  it('names each usual way the echo gets broken', () => {
    expect(describeBodyDifference(want, res(''))!.en).toMatch(/empty/);
    expect(
      describeBodyDifference(want, res(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), want])))!.zh,
    ).toMatch(/BOM/);
    expect(describeBodyDifference(want, res(' 5927782489abc\n'))!.en).toMatch(/1 leading and 1 trailing/);
    expect(describeBodyDifference(want, res('"5927782489abc"'))!.en).toMatch(/quotes/);
    expect(describeBodyDifference(want, res('<html><title>Error</title></html>', 'text/html'))!.en).toMatch(
      /HTML page came back \(“Error”\)/,
    );
    expect(describeBodyDifference(want, res('echo:5927782489abc'))!.en).toMatch(/plus other text/);
    expect(describeBodyDifference(want, res('nope'))!.en).toMatch(
      /expected "5927782489abc" \(13 bytes\), got "nope" \(4 bytes, starting 6e 6f 70 65\)/,
    );
  });
});
