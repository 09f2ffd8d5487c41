import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePattern, compiledPattern, firstMatch, matcherSteps, matchesAction } from './wildcard';
import { referenceMatches } from './reference-evaluator';

const MLS = 'Microsoft.MachineLearningServices';

describe('matchesAction', () => {
  it('matches a literal pattern exactly and ignores case', () => {
    expect(
      matchesAction(
        'Microsoft.ContainerRegistry/registries/pull/read',
        'microsoft.containerregistry/REGISTRIES/pull/read',
      ),
    ).toBe(true);
    expect(
      matchesAction(
        'Microsoft.ContainerRegistry/registries/pull/read',
        'Microsoft.ContainerRegistry/registries/pull/reads',
      ),
    ).toBe(false);
    expect(
      matchesAction(
        'Microsoft.ContainerRegistry/registries/pull/read',
        'Microsoft.ContainerRegistry/registries/pull',
      ),
    ).toBe(false);
  });

  it('lets a lone star match everything, including the empty string', () => {
    expect(matchesAction('*', 'Microsoft.Authorization/roleAssignments/write')).toBe(true);
    expect(matchesAction('*', '')).toBe(true);
    expect(matchesAction('**', 'x/y')).toBe(true);
  });

  it('lets a star span slashes', () => {
    expect(matchesAction('*/read', 'Microsoft.Storage/storageAccounts/blobServices/containers/read')).toBe(
      true,
    );
    expect(matchesAction('*/read', 'Microsoft.Storage/storageAccounts/write')).toBe(false);
    expect(
      matchesAction(`${MLS}/workspaces/*/action`, `${MLS}/workspaces/onlineEndpoints/score/action`),
    ).toBe(true);
    expect(matchesAction('Microsoft.Authorization/*', 'Microsoft.Authorization/roleAssignments/write')).toBe(
      true,
    );
  });

  it('lets a star between two slashes vanish with one slash', () => {
    expect(matchesAction(`${MLS}/workspaces/*/read`, `${MLS}/workspaces/read`)).toBe(true);
    expect(matchesAction(`${MLS}/workspaces/computes/*/write`, `${MLS}/workspaces/computes/write`)).toBe(
      true,
    );
    expect(matchesAction(`${MLS}/workspaces/computes/*/delete`, `${MLS}/workspaces/computes/delete`)).toBe(
      true,
    );
    expect(
      matchesAction('Microsoft.Authorization/*/Write', 'Microsoft.Authorization/roleAssignments/write'),
    ).toBe(true);
    // Two collapsible stars in a row may both vanish.
    expect(matchesAction('a/*/*/read', 'a/read')).toBe(true);
  });

  it('does not let the slashes themselves disappear', () => {
    expect(matchesAction(`${MLS}/workspaces/*/read`, `${MLS}/workspacesread`)).toBe(false);
    expect(matchesAction(`${MLS}/workspaces/*/read`, `${MLS}/workspaces/xread`)).toBe(false);
    // A trailing "/*" needs at least the slash.
    expect(matchesAction('Microsoft.Compute/virtualMachines/*', 'Microsoft.Compute/virtualMachines')).toBe(
      false,
    );
    expect(
      matchesAction('Microsoft.Compute/virtualMachines/*', 'Microsoft.Compute/virtualMachines/start/action'),
    ).toBe(true);
    // A star glued to text is not between two slashes, so it cannot drop a slash.
    expect(matchesAction('a/b*/read', 'a/read')).toBe(false);
    expect(matchesAction('a/*b/read', 'a/read')).toBe(false);
  });

  it('does not treat a leading "*/" as collapsible', () => {
    expect(matchesAction('*/read', 'read')).toBe(false);
    expect(matchesAction('*/read', '/read')).toBe(true);
  });

  it('matches stars inside a segment', () => {
    expect(
      matchesAction(
        'Microsoft.Storage/storageAccounts/list*/action',
        'Microsoft.Storage/storageAccounts/listKeys/action',
      ),
    ).toBe(true);
    expect(
      matchesAction(
        'Microsoft.Storage/storageAccounts/list*/action',
        'Microsoft.Storage/storageAccounts/regenerateKey/action',
      ),
    ).toBe(false);
  });

  it('reports the first matching pattern', () => {
    const patterns = ['Microsoft.Storage/*', '*/read', '*'].map((p) => compilePattern(p));
    expect(firstMatch(patterns, 'Microsoft.KeyVault/vaults/read')).toBe('*/read');
    expect(firstMatch(patterns, 'Microsoft.Storage/storageAccounts/read')).toBe('Microsoft.Storage/*');
    expect(firstMatch(patterns.slice(0, 2), 'Microsoft.KeyVault/vaults/write')).toBeUndefined();
  });

  it('keeps the source spelling of a compiled pattern and reuses cached compilations', () => {
    const a = compiledPattern('Microsoft.Authorization/*/Delete');
    expect(a.source).toBe('Microsoft.Authorization/*/Delete');
    expect(compiledPattern('Microsoft.Authorization/*/Delete')).toBe(a);
  });

  it('handles hostile patterns against long actions without backtracking', () => {
    const stars = `${'*a'.repeat(200)}*`;
    const compiled = compilePattern(stars);
    const long = 'a'.repeat(10_000);
    expect(compiled.matches(long)).toBe(true);
    expect(compiled.matches(`${'a'.repeat(199)}`)).toBe(false);
    expect(compiled.matches(`${'ab'.repeat(5_000)}`)).toBe(true);
    expect(compiled.matches(`${'b'.repeat(9_900)}${'a'.repeat(100)}`)).toBe(false);
    expect(compiled.matches('b'.repeat(10_000))).toBe(false);
    const slashes = compilePattern(`${'*/'.repeat(100)}x`);
    expect(slashes.matches(`${'/'.repeat(9_999)}y`)).toBe(false);
    expect(slashes.matches(`${'/'.repeat(9_999)}x`)).toBe(true);
    const collapsing = compilePattern(`a${'/*'.repeat(150)}/b`);
    expect(collapsing.matches('a/b')).toBe(true);
    expect(collapsing.matches(`a/${'q/'.repeat(4_000)}c`)).toBe(false);
  });

  it('rules out an action that does not start with the text before the first star without running the matcher', () => {
    const storage = compilePattern('Microsoft.Storage/storageAccounts/*/read');
    const before = matcherSteps();
    expect(storage.matches(`${MLS}/workspaces/read`)).toBe(false);
    expect(matcherSteps()).toBe(before);
    // The same prefix, then the star between slashes vanishing with one of them: the matcher runs and agrees.
    expect(storage.matches('microsoft.storage/storageaccounts/read')).toBe(true);
    expect(matcherSteps()).toBeGreaterThan(before);
  });

  it('agrees with the independent recursive matcher on random patterns', () => {
    const alphabet = fc.constantFrom('a', 'b', '/', '*');
    fc.assert(
      fc.property(
        fc.string({ unit: alphabet, maxLength: 10 }),
        fc.string({ unit: fc.constantFrom('a', 'b', '/', 'A'), maxLength: 12 }),
        (pattern, action) => {
          expect(matchesAction(pattern, action)).toBe(referenceMatches(pattern, action));
        },
      ),
      { numRuns: 5000 },
    );
  });
});
