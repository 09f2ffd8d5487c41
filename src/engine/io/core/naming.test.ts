import { describe, expect, it } from 'vitest';
import { stableGuid } from './naming';

describe('stableGuid', () => {
  // Ids made from it are kept in saved estates and compared across versions: these values must never change.
  it('gives the same GUID for the same text as it always has', () => {
    expect(stableGuid('')).toBe('5db4a501-5167-8058-9369-4f3420943e29');
    expect(stableGuid('role|data scientist')).toBe('a3b1d95b-8826-85bf-82f0-37624e861813');
    expect(
      stableGuid('group:00000000-0000-4000-8000-000000000001|f6c7c914-8db3-469d-8ca1-694a8f32e121|/subscriptions/s/resourcegroups/rg'),
    ).toBe('748a9b16-1194-89e9-a556-7d00321635f8');
  });

  it('writes lower-case hex in the 8-4-4-4-12 form with the custom version nibble 8', () => {
    for (const text of ['a', 'b', 'deny|x|/', '\u00e9\u4e2d']) expect(stableGuid(text)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(stableGuid('a')).not.toBe(stableGuid('b'));
  });
});
