import { describe, expect, it } from 'vitest';
import type { EntityId } from '../model/ids';
import type { Decision, GrantReason } from '../rbac/types';
import { groupEvidence, type AccessEvidence } from './evidence-groups';
import type { Evidence } from './types';

const SCOPE = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/ws/datastores/blob';
const ACTION = 'Microsoft.MachineLearningServices/workspaces/datastores/listsecrets/action';

function grant(assignment: string, role: string, viaGroups: string[] = []): GrantReason {
  return {
    assignmentId: assignment as EntityId,
    roleId: role as never,
    roleName: role,
    assignedScope: '/subscriptions/s',
    viaGroups: viaGroups as EntityId[],
    matchedPattern: 'Microsoft.MachineLearningServices/*',
    origin: 'observed',
  };
}

function decision(principal: string, grants: GrantReason[], extra: Partial<Decision> = {}): Decision {
  return {
    question: { principal: principal as EntityId, action: ACTION, scope: SCOPE, dataAction: false },
    effect: grants.length > 0 ? 'allowed' : 'denied',
    allowed: grants.length > 0,
    grants,
    exclusions: [],
    ...extra,
  };
}

const nameOf = (id: string) => id.replace(/^user:/, '');
const readerOf = (principal: string, grants: GrantReason[], extra: Partial<Decision> = {}): Evidence => ({
  kind: 'decision',
  label: `${nameOf(principal)}: datastores/listsecrets on blob`,
  decision: decision(principal, grants, extra),
});

describe('groupEvidence', () => {
  const team = grant('a-team', 'Data Scientist', ['group:team']);
  const own = (who: string) => grant(`a-${who}`, 'Contributor');

  it('tells one question once, each grant once with the principals it covers', () => {
    const grouped = groupEvidence(
      [
        { kind: 'setting', label: 'credentials: account_key', entity: 'ds' as EntityId, field: 'credentials', value: 'account_key' },
        readerOf('user:alice', [team, own('alice')]),
        readerOf('user:bob', [team]),
        readerOf('user:carol', [team, own('carol')]),
      ],
      nameOf,
    );
    expect(grouped.map((item) => item.kind)).toEqual(['setting', 'access']);
    const access = grouped[1] as AccessEvidence;
    expect(access).toMatchObject({
      label: 'datastores/listsecrets on blob',
      question: { action: ACTION, scope: SCOPE, dataAction: false },
      effect: 'allowed',
      principals: ['user:alice', 'user:bob', 'user:carol'],
    });
    expect(access.grants).toEqual([
      { ...team, principals: ['user:alice', 'user:bob', 'user:carol'] },
      { ...own('alice'), principals: ['user:alice'] },
      { ...own('carol'), principals: ['user:carol'] },
    ]);
  });

  it('loses no reason: every principal keeps exactly the grants, exclusions and denies of its own decision', () => {
    const deny = { denyAssignmentId: 'd1' as EntityId, name: 'no secrets', scope: '/subscriptions/s', matchedPattern: '*' };
    const excluded = { ...grant('a-narrow', 'Narrow'), notPattern: 'Microsoft.MachineLearningServices/*/listsecrets/action' };
    const decisions = [
      decision('user:alice', [team], { exclusions: [excluded] }),
      decision('user:bob', [team], { effect: 'denied', allowed: false, deniedBy: deny }),
      decision('user:carol', [team, own('carol')], { exclusions: [excluded] }),
      decision('user:dave', [team], { effect: 'denied', allowed: false, deniedBy: deny }),
    ];
    const grouped = groupEvidence(
      decisions.map((d) => ({ kind: 'decision' as const, label: 'listsecrets', decision: d })),
      nameOf,
    ) as AccessEvidence[];
    // Allowed and denied are told apart: the outcome belongs to the item.
    expect(grouped.map((item) => [item.effect, item.principals])).toEqual([
      ['allowed', ['user:alice', 'user:carol']],
      ['denied', ['user:bob', 'user:dave']],
    ]);
    for (const d of decisions) {
      const principal = d.question.principal;
      const item = grouped.find((g) => g.principals.includes(principal));
      const of = <R extends { principals: string[] }>(reasons: R[] | undefined) =>
        (reasons ?? []).filter((r) => r.principals.includes(principal)).map(({ principals: _, ...reason }) => reason);
      expect(item?.effect).toBe(d.effect);
      expect(of(item?.grants)).toEqual(d.grants);
      expect(of(item?.exclusions)).toEqual(d.exclusions);
      expect(of(item?.deniedBy)).toEqual(d.deniedBy ? [d.deniedBy] : []);
    }
  });

  it('keeps questions, labels and outcomes apart, and a denial without grants lists its principals', () => {
    const grouped = groupEvidence(
      [
        readerOf('user:alice', []),
        readerOf('user:bob', []),
        { kind: 'decision', label: 'blob write at st', decision: { ...decision('user:alice', []), question: { ...decision('user:alice', []).question, action: 'write' } } },
        { kind: 'note', label: 'No Storage File Data Privileged Contributor assignment applies.' },
      ],
      nameOf,
    );
    expect(grouped).toEqual([
      expect.objectContaining({ kind: 'access', effect: 'denied', principals: ['user:alice', 'user:bob'], grants: [] }),
      expect.objectContaining({ kind: 'access', label: 'blob write at st', principals: ['user:alice'] }),
      { kind: 'note', label: 'No Storage File Data Privileged Contributor assignment applies.' },
    ]);
  });

  it('tells a decision about an unknown principal as a decision, once per shape', () => {
    const unknown = (principal: string): Evidence => ({
      kind: 'decision',
      label: `${principal} on blob`,
      decision: decision(principal, [], { unknown: { principal } }),
    });
    const grouped = groupEvidence([unknown('user:ghost'), unknown('user:ghost'), unknown('user:phantom')], nameOf);
    expect(grouped).toHaveLength(1);
    expect(grouped[0]).toMatchObject({ kind: 'decision', principals: ['user:ghost', 'user:phantom'] });
    // Alone, it is the evidence as the rule wrote it.
    expect(groupEvidence([unknown('user:ghost')], nameOf)).toEqual([unknown('user:ghost')]);
  });
});
