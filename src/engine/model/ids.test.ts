import { describe, expect, it } from 'vitest';
import { isGuid, roleIdFrom } from './ids';

describe('isGuid', () => {
  it('takes the 8-4-4-4-12 form in either case', () => {
    expect(isGuid('acdd72a7-3385-48ef-bd42-f606fba81ae7')).toBe(true);
    expect(isGuid('ACDD72A7-3385-48EF-BD42-F606FBA81AE7')).toBe(true);
    expect(isGuid('00000000-0000-0000-0000-000000000000')).toBe(true);
  });

  it('refuses other lengths, other letters, misplaced dashes and surrounding text', () => {
    expect(isGuid('')).toBe(false);
    expect(isGuid('acdd72a7-3385-48ef-bd42-f606fba81ae')).toBe(false);
    expect(isGuid('acdd72a7-3385-48ef-bd42-f606fba81ae7a')).toBe(false);
    expect(isGuid('acdd72a7-3385-48ef-bd42-f606fba81aeg')).toBe(false);
    expect(isGuid('acdd72a7f3385-48ef-bd42-f606fba81ae7')).toBe(false);
    expect(isGuid('acdd72a7-3385-48ef-bd42-f606fba81-e7')).toBe(false);
    expect(isGuid(' cdd72a7-3385-48ef-bd42-f606fba81ae7')).toBe(false);
    expect(isGuid('acdd72a7-3385-48ef-bd42-f606fba81ae\n')).toBe(false);
    expect(isGuid('{acdd72a7-3385-48ef-bd42-f606fba81a}')).toBe(false);
  });
});

describe('roleIdFrom', () => {
  it('takes the GUID after the last slash of a role definition id, lower-cased', () => {
    expect(
      roleIdFrom(' /subscriptions/S/providers/Microsoft.Authorization/roleDefinitions/ACDD72A7-3385-48EF-BD42-F606FBA81AE7 '),
    ).toBe('acdd72a7-3385-48ef-bd42-f606fba81ae7');
    expect(roleIdFrom('acdd72a7-3385-48ef-bd42-f606fba81ae7')).toBe('acdd72a7-3385-48ef-bd42-f606fba81ae7');
  });

  it('gives nothing when the last segment is no GUID', () => {
    expect(roleIdFrom('/subscriptions/S/providers/Microsoft.Authorization/roleDefinitions/')).toBeUndefined();
    expect(roleIdFrom("[variables('roles').reader]")).toBeUndefined();
  });
});
