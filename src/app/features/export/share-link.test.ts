import { describe, expect, it } from 'vitest';
import { writeNativeEstate } from '../../../engine/io/native';
import { starterEstate } from '../../testing/estates';
import { createShareLink, decodeEstate, encodeEstate, payloadFromHash, toBase64Url } from './share-link';

const starter = () => starterEstate();

const BASE = 'https://example.test/app/';

describe('share links', () => {
  it('round-trips an estate through the URL fragment', async () => {
    const estate = starter();
    const link = await createShareLink(estate, BASE);
    expect(link.ok).toBe(true);
    if (!link.ok) return;
    expect(link.url.startsWith(`${BASE}#estate=`)).toBe(true);
    expect(link.url).toMatch(/^[^#]+#estate=[A-Za-z0-9_-]+$/);
    const payload = payloadFromHash(new URL(link.url).hash);
    expect(payload).toBeDefined();
    const decoded = await decodeEstate(payload ?? '');
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.estate.name).toBe(estate.name);
    expect(writeNativeEstate(decoded.estate, 'json')).toBe(writeNativeEstate(estate, 'json'));
  });

  it('carries the design review with the estate, text as written', async () => {
    const estate = {
      ...starter(),
      review: {
        entries: [
          { finding: 'AML-ACR-004|a|b', status: 'accepted-risk' as const, reason: 'Sandbox <b>only</b> & [x](y)', updatedAt: '2025-06-01' },
          { finding: 'AML-OLD-001|gone', status: 'fixed' as const, notes: 'line one\nline two' },
        ],
      },
    };
    const link = await createShareLink(estate, BASE);
    if (!link.ok) throw new Error(link.message);
    const decoded = await decodeEstate(payloadFromHash(new URL(link.url).hash) ?? '');
    if (!decoded.ok) throw new Error(decoded.message);
    expect(decoded.estate.review).toEqual(estate.review);
  });

  it('carries nothing secret-looking', async () => {
    const payload = await encodeEstate(starter());
    const decoded = await decodeEstate(payload);
    if (!decoded.ok) throw new Error(decoded.message);
    const json = writeNativeEstate(decoded.estate, 'json');
    expect(json).not.toMatch(
      /password|secret_?value|client_?secret|access_?key|connection_?string|sas_?token|AccountKey=|sig=/i,
    );
  });

  it('refuses a link longer than the limit, with a message', async () => {
    const link = await createShareLink(starter(), BASE, 100);
    expect(link.ok).toBe(false);
    if (link.ok) return;
    expect(link.length).toBeGreaterThan(100);
    expect(link.message).toMatch(/too large to share/);
  });

  it('reports corrupt, truncated, oversized and invalid payloads without throwing', async () => {
    const good = await encodeEstate(starter());
    const cases = [
      ['', /is empty/],
      ['abc$def', /character 4 .* not base64url/],
      [good.slice(0, Math.floor(good.length / 2)), /damaged/],
      ['A'.repeat(40), /damaged/],
      ['A'.repeat(40_000), /more than the/],
      [toBase64Url(new TextEncoder().encode('not deflate')), /damaged/],
    ] as const;
    for (const [payload, message] of cases) {
      const result = await decodeEstate(payload);
      expect(result.ok, payload.slice(0, 20)).toBe(false);
      if (!result.ok) expect(result.message).toMatch(message);
    }
  });

  it('reports a payload that unpacks to something that is not an estate', async () => {
    const bytes = new TextEncoder().encode('{"name": 42, "workspaces": "nope"}');
    const compressed = new Uint8Array(
      await new Response(
        new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw')),
      ).arrayBuffer(),
    );
    const result = await decodeEstate(toBase64Url(compressed));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/not a valid estate/);
  });

  it('only treats #estate= fragments as share links', () => {
    expect(payloadFromHash('')).toBeUndefined();
    expect(payloadFromHash('#other=1')).toBeUndefined();
    expect(payloadFromHash('#estate=abc')).toBe('abc');
  });
});
