import { describe, expect, it } from 'vitest';
import { safeHttpsUrl, shortUrl } from './safe-url';

describe('safeHttpsUrl', () => {
  it('keeps absolute https URLs', () => {
    expect(safeHttpsUrl('https://learn.microsoft.com/azure/x')).toBe('https://learn.microsoft.com/azure/x');
  });
  it('refuses other schemes, relative URLs, credentials and garbage', () => {
    for (const value of ['javascript:alert(1)', 'http://example.com', '/docs', 'data:text/html,x', 'https://u:p@example.com/', 'not a url', undefined])
      expect(safeHttpsUrl(value)).toBeUndefined();
  });
});

describe('shortUrl', () => {
  it('shows host and last segment', () => {
    expect(shortUrl('https://www.learn.microsoft.com/azure/machine-learning/how-to-assign-roles')).toBe(
      'learn.microsoft.com › how-to-assign-roles',
    );
    expect(shortUrl('https://example.com/')).toBe('example.com');
  });
});

describe('safeHttpsUrl against injection payloads', () => {
  it('refuses every script-bearing scheme, however it is spelt', async () => {
    const { XSS_PAYLOADS } = await import('../../../e2e/fixtures/xss-payloads');
    const schemes = [
      ...XSS_PAYLOADS,
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      ' javascript:alert(1)',
      'java\nscript:alert(1)',
      'java\tscript:alert(1)',
      '\u0000javascript:alert(1)',
      'javascript&colon;alert(1)',
      'jav&#x61;script:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'data:image/svg+xml,<svg onload=alert(1)>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'blob:https://example.com/1234',
      '//evil.example/x',
      'https:/\\evil.example',
      'https://evil.example@',
    ];
    for (const value of schemes) {
      const safe = safeHttpsUrl(value);
      if (safe !== undefined) expect(new URL(safe).protocol, value).toBe('https:');
      expect(safe ?? '', value).not.toMatch(/^\s*(javascript|data|vbscript|file|blob):/i);
    }
    // None of the payloads is a plain https URL, so none survives at all.
    expect(XSS_PAYLOADS.map(safeHttpsUrl).filter((url) => url !== undefined)).toEqual([]);
  });

  it('keeps the https part of a URL exactly, so a payload in its path cannot break out of the attribute', () => {
    const url = safeHttpsUrl('https://learn.microsoft.com/a?q="><script>x</script>');
    expect(url).toBe('https://learn.microsoft.com/a?q=%22%3E%3Cscript%3Ex%3C/script%3E');
  });
});
