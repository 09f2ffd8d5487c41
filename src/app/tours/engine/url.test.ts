import { describe, expect, it } from 'vitest';
import { shareableTourUrl, tourLinkFromUrl, withTourLink } from './url';

describe('tour links', () => {
  it('reads the tour and step from the search parameters', () => {
    expect(tourLinkFromUrl('http://x/?sample=a&tour=t1&step=s2')).toEqual({ tourId: 't1', stepId: 's2' });
    expect(tourLinkFromUrl('http://x/?tour=t1')).toEqual({ tourId: 't1' });
  });
  it('reads nothing when no tour is named', () => {
    expect(tourLinkFromUrl('http://x/?sample=a')).toBeUndefined();
    expect(tourLinkFromUrl('http://x/?tour=%20&step=s')).toBeUndefined();
  });
  it('sets and clears the tour without touching the sample or the hash', () => {
    const set = withTourLink('http://x/?sample=a#share', { tourId: 't', stepId: 's' });
    expect(set).toBe('http://x/?sample=a&tour=t&step=s#share');
    expect(withTourLink(set, { tourId: 't' })).toBe('http://x/?sample=a&tour=t#share');
    expect(withTourLink(set, undefined)).toBe('http://x/?sample=a#share');
    // A URL without a tour is returned untouched, encoding and all.
    expect(withTourLink('http://x/?q=a%20b', undefined)).toBe('http://x/?q=a%20b');
  });
  it('builds a link to send with only the sample, tour and step', () => {
    expect(
      shareableTourUrl('http://x/app/?foo=1&tour=old#estate=abc', 'smp', { tourId: 't', stepId: 's' }),
    ).toBe('http://x/app/?sample=smp&tour=t&step=s');
  });
});
