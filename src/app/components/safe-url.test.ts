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
