import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type ViteDevServer } from 'vite';
import indexHtml from '../../index.html?raw';

/*
 * index.html carries the Content-Security-Policy as a meta tag. In development Vite injects an inline React
 * refresh preamble that `script-src 'self'` would block; it works only because Vite prepends it to <head>,
 * above the meta tag, and a meta policy governs only what follows it. These tests keep both halves true:
 * the policy stays strict, and a change in Vite or its React plugin that moves the preamble fails here
 * rather than as a blank page in someone's `npm start`.
 */

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i;

function policyOf(html: string): Map<string, string[]> {
  const content = CSP_META.exec(html)?.[1];
  if (content === undefined) throw new Error('index.html has no Content-Security-Policy meta tag');
  return new Map(
    content
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

/** Offsets of `<script>` elements that carry code inline rather than by `src`. */
function inlineScriptOffsets(html: string): number[] {
  return [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter((match) => !/\bsrc=/i.test(match[1] ?? '') && (match[2] ?? '').trim() !== '')
    .map((match) => match.index);
}

describe('index.html', () => {
  it('declares a strict policy', () => {
    const policy = policyOf(indexHtml);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-src')).toEqual(["'none'"]);
    expect(policy.get('worker-src')).toEqual(["'self'"]);
    expect(indexHtml).not.toMatch(/unsafe-eval|wasm-unsafe-eval|unsafe-hashes/);
  });

  it('allows nothing from another origin, nor inline script, anywhere in the policy', () => {
    for (const [name, values] of policyOf(indexHtml)) {
      for (const value of values) {
        // Inline styles are the one exception (React Flow positions nodes with style attributes).
        if (value === "'unsafe-inline'") expect(name).toBe('style-src');
        else expect(["'self'", "'none'", 'data:', 'blob:'], `${name} ${value}`).toContain(value);
      }
    }
    // data: and blob: only for images (the PNG export draws the SVG from a data: URL).
    expect([...policyOf(indexHtml)].filter(([, values]) => values.includes('data:') || values.includes('blob:')).map(([name]) => name)).toEqual(['img-src']);
  });

  it('leaves out what a meta policy cannot carry, which the browser would only complain about', () => {
    for (const headerOnly of ['frame-ancestors', 'report-uri', 'report-to', 'sandbox']) expect(policyOf(indexHtml).has(headerOnly)).toBe(false);
  });

  it('has no inline script of its own', () => {
    expect(inlineScriptOffsets(indexHtml)).toEqual([]);
  });
});

describe('index.html as the dev server serves it', () => {
  let server: ViteDevServer;

  beforeAll(async () => {
    // No listening socket and no HMR websocket: only the HTML transform pipeline is needed.
    server = await createServer({ logLevel: 'silent', server: { middlewareMode: true, ws: false } });
  });
  afterAll(async () => {
    await server?.close();
  });

  it('puts every inline script above the policy, where the policy does not reach', async () => {
    const served = await server.transformIndexHtml('/index.html', indexHtml);
    const policyAt = served.search(CSP_META);
    const inline = inlineScriptOffsets(served);
    // Without the preamble this test would prove nothing.
    expect(inline.length).toBeGreaterThan(0);
    expect(policyAt).toBeGreaterThan(-1);
    expect(inline.every((offset) => offset < policyAt)).toBe(true);
  });
});
