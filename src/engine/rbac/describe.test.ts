import { describe, expect, it } from 'vitest';
import { entityId, type EntityId, type RoleId } from '../model/ids';
import { check } from './check';
import { describeDecision } from './describe';
import { buildRbacIndex } from './rbac-index';
import { EstateBuilder } from '../testing/rbac';

const PULL = 'Microsoft.ContainerRegistry/registries/pull/read';
const BLOB_READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';

function setup() {
  const b = new EstateBuilder();
  const rg = b.rg(b.sub('s'), 'rg-ml');
  const acr = b.registry(rg, 'acrprod');
  const sa = b.storage(rg, 'saml');
  const uai = b.uai(rg, 'uai-train');
  const g1 = b.group('g1', [uai]);
  const g2 = b.group('g2', [g1]);
  return { b, rg, acr, sa, uai, g1, g2 };
}

describe('describeDecision', () => {
  it('explains a grant through nested groups with names, scopes and the pattern', () => {
    const { b, rg, acr, uai, g2 } = setup();
    b.assign(g2, 'AcrPull', rg);
    const index = buildRbacIndex(b.estate);
    const lines = describeDecision(check(index, { principal: uai, action: PULL, scope: acr }), index);
    expect(lines).toEqual([
      'Allowed: uai-train holds AcrPull at registry acrprod (assigned at resource group rg-ml), through group g1 → g2; ' +
        'pattern Microsoft.ContainerRegistry/registries/pull/read matched.',
    ]);
  });

  it('says when the assignment sits at the scope itself and when Azure ML made it', () => {
    const { b, acr, uai } = setup();
    const index = buildRbacIndex(b.estate, {
      extraAssignments: [
        {
          id: entityId('auto'),
          principal: uai,
          role: '7f951dda-4ed3-4680-a7ca-43fe172d538d' as RoleId,
          scope: acr,
          origin: 'automatic',
        },
      ],
    });
    const [line] = describeDecision(check(index, { principal: uai, action: PULL, scope: acr }), index);
    expect(line).toContain('assigned at that scope itself');
    expect(line).toContain('Azure ML makes this assignment by itself');
  });

  it('explains a denial with the exclusion that removed the action', () => {
    const { b, rg, uai } = setup();
    b.assign(uai, 'Contributor', rg);
    const index = buildRbacIndex(b.estate);
    const lines = describeDecision(
      check(index, { principal: uai, action: 'Microsoft.Authorization/roleAssignments/write', scope: rg }),
      index,
    );
    expect(lines[0]).toMatch(
      /^Denied: no role that uai-train holds at resource group rg-ml or above grants the action/,
    );
    expect(lines[1]).toContain('Not granted by Contributor');
    expect(lines[1]).toContain('Microsoft.Authorization/*/Write');
  });

  it('points out that Actions never grant data actions', () => {
    const { b, rg, sa, uai } = setup();
    b.assign(uai, 'Owner', rg);
    const index = buildRbacIndex(b.estate);
    const lines = describeDecision(
      check(index, { principal: uai, action: BLOB_READ, scope: sa, dataAction: true }),
      index,
    );
    expect(lines[0]).toContain('grants the data action');
    expect(lines.some((l) => l.startsWith('Note: Owner') && l.includes('never grant data actions'))).toBe(
      true,
    );
  });

  it('names the deny assignment that blocked a grant', () => {
    const { b, rg, acr, uai } = setup();
    b.assign(uai, 'AcrPull', rg);
    b.deny('managed-app-lock', rg, { actions: ['*'] });
    const index = buildRbacIndex(b.estate);
    const lines = describeDecision(check(index, { principal: uai, action: PULL, scope: acr }), index);
    expect(lines[0]).toMatch(/^Denied: deny assignment managed-app-lock \(made at resource group rg-ml\)/);
    expect(lines[0]).toContain('overriding every role that grants it');
    expect(lines[1]).toMatch(/^Would otherwise allow: uai-train holds AcrPull/);
  });

  it('explains a conditional grant with its condition', () => {
    const { b, sa, uai } = setup();
    b.assign(uai, 'Storage Blob Data Reader', sa, { condition: 'container is data' });
    const index = buildRbacIndex(b.estate);
    const lines = describeDecision(
      check(index, { principal: uai, action: BLOB_READ, scope: sa, dataAction: true }),
      index,
    );
    expect(lines[0]).toMatch(/^Conditional, because the condition could not be read/);
    expect(lines[1]).toContain('Its condition could not be read');
    expect(lines[1]).toContain('Condition: `container is data`');
  });

  it('explains unknown principals and scopes', () => {
    const { b, rg } = setup();
    const index = buildRbacIndex(b.estate);
    expect(
      describeDecision(check(index, { principal: entityId('nobody'), action: PULL, scope: rg }), index),
    ).toEqual(['Denied: no principal called "nobody" exists in this estate.']);
    const uai = index.resolvePrincipal('uai-train') as EntityId;
    const lines = describeDecision(
      check(index, { principal: uai, action: PULL, scope: '/subscriptions/ghost' }),
      index,
    );
    expect(lines).toEqual(['Denied: the scope "/subscriptions/ghost" is not part of this estate.']);
  });
});

describe('describeDecision with a role nothing defines', () => {
  const UNDEFINED_ROLE = '99999999-9999-9999-9999-999999999999';

  it('answers "unknown role", not a plain denial, when only an undefined role could grant it', () => {
    const { b, acr, uai } = setup();
    b.assign(uai, UNDEFINED_ROLE, acr);
    const index = buildRbacIndex(b.estate);
    const lines = describeDecision(check(index, { principal: uai, action: PULL, scope: acr }), index);
    expect(lines[0]).toMatch(/^Unknown role: uai-train holds 99999999-9999-9999-9999-999999999999 at registry acrprod/);
    expect(lines.some((line) => line.startsWith('Denied'))).toBe(false);
  });

  it('still says Denied when every role the principal holds is defined and none grants it', () => {
    const { b, acr, uai } = setup();
    b.assign(uai, 'AcrDelete', acr);
    const index = buildRbacIndex(b.estate);
    const [line] = describeDecision(check(index, { principal: uai, action: PULL, scope: acr }), index);
    expect(line).toMatch(/^Denied: no role/);
  });

  it('knows a real built-in role the old catalog lacked (Cognitive Services User)', () => {
    const { b, acr, uai } = setup();
    b.assign(uai, 'Cognitive Services User', acr);
    const index = buildRbacIndex(b.estate);
    const decision = check(index, { principal: uai, action: 'Microsoft.CognitiveServices/accounts/read', scope: acr });
    expect(decision.unresolvedRoles).toBeUndefined();
    expect(decision.effect).toBe('allowed');
  });
});
