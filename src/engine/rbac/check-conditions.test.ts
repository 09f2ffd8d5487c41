import { describe, expect, it } from 'vitest';
import type { EntityId } from '../model/ids';
import { check } from './check';
import { describeDecision } from './describe';
import { buildRbacIndex } from './rbac-index';
import { EstateBuilder } from '../testing/rbac';

const BLOB_READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
const BLOB_WRITE = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write';
const ROLE_WRITE = 'Microsoft.Authorization/roleAssignments/write';

// "Read access to blobs in a named container", as Microsoft's examples write it.
const ONLY_DATA = `(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})
 )
 OR 
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data'
 )
)`;

// "Role Based Access Control Administrator can only assign AcrPull and Storage Blob Data Reader".
const CONSTRAIN_ROLES = `(
 (
  !(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})
 )
 OR 
 (
  @Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {7f951dda-4ed3-4680-a7ca-43fe172d538d, 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1}
 )
)`;

function setup(condition: string, role = 'Storage Blob Data Reader') {
  const b = new EstateBuilder();
  const rg = b.rg(b.sub('s'), 'rg');
  const sa = b.storage(rg, 'sa');
  const u = b.user('u');
  const assignment = b.assign(u, role, role === 'Storage Blob Data Reader' ? sa : rg, {
    condition,
    conditionVersion: '2.0',
  });
  return {
    b,
    rg,
    sa,
    u,
    assignment,
    container: (name: string) => `${sa}/blobServices/default/containers/${name}`,
  };
}

function ask(b: EstateBuilder, principal: EntityId, action: string, scope: string, dataAction = true) {
  const index = buildRbacIndex(b.estate);
  const decision = check(index, { principal, action, scope, dataAction });
  return { decision, lines: describeDecision(decision, index) };
}

describe('check with ABAC conditions', () => {
  it('allows at the container the condition names, and says why', () => {
    const { b, u, container } = setup(ONLY_DATA);
    const { decision, lines } = ask(b, u, BLOB_READ, container('data'));
    expect(decision.effect).toBe('allowed');
    expect(decision.grants[0]?.conditionVerdict).toMatchObject({
      outcome: 'holds',
      because: [expect.stringContaining("the container name is 'data' (from the scope)")],
    });
    expect(lines[0]).toMatch(/^Allowed: u holds Storage Blob Data Reader/);
    expect(lines[0]).toContain(
      "its condition holds here, because `@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data'` holds",
    );
  });

  it('denies at another container, keeping the assignment in the trace with its failed condition', () => {
    const { b, u, container, assignment } = setup(ONLY_DATA);
    const { decision, lines } = ask(b, u, BLOB_READ, container('logs'));
    expect(decision.effect).toBe('denied');
    expect(decision.grants).toEqual([]);
    expect(decision.conditionsNotMet).toEqual([
      expect.objectContaining({
        assignmentId: assignment.id,
        conditionVerdict: expect.objectContaining({ outcome: 'fails' }),
      }),
    ]);
    expect(lines[0]).toMatch(
      /^Denied: the roles that u holds .* only under ABAC conditions that do not hold/,
    );
    expect(lines.join('\n')).toContain('Not granted by Storage Blob Data Reader');
    expect(lines.join('\n')).toContain("does not hold: the container name is 'logs' (from the scope)");
  });

  it('stays conditional at the storage account and quotes the condition', () => {
    const { b, u, sa } = setup(ONLY_DATA);
    const { decision, lines } = ask(b, u, BLOB_READ, sa);
    expect(decision.effect).toBe('conditional');
    expect(decision.grants[0]?.conditionVerdict?.outcome).toBe('undecided');
    expect(lines[0]).toMatch(/^Conditional, because /);
    expect(lines.join('\n')).toContain('lies above every container, so a request may name any');
    expect(lines.join('\n')).toContain("StringEquals 'data'");
  });

  it('decides an action-only condition: another action passes the guard', () => {
    const { b, u, sa } = setup(ONLY_DATA, 'Storage Blob Data Contributor');
    expect(ask(b, u, BLOB_WRITE, sa).decision.effect).toBe('allowed');
  });

  it('leaves a delegation condition conditional for role assignment writes and allows reads', () => {
    const { b, u, rg } = setup(CONSTRAIN_ROLES, 'Role Based Access Control Administrator');
    const write = ask(b, u, ROLE_WRITE, rg, false);
    expect(write.decision.effect).toBe('conditional');
    expect(write.lines.join('\n')).toContain(
      'Microsoft.Authorization/roleAssignments:RoleDefinitionId, which an access question does not carry',
    );
    expect(ask(b, u, 'Microsoft.Authorization/roleAssignments/read', rg, false).decision.effect).toBe(
      'allowed',
    );
  });

  it('never allows through a condition it cannot read, and says where reading stopped', () => {
    const unclosed =
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data";
    const { b, u, container } = setup(unclosed);
    const { decision, lines } = ask(b, u, BLOB_READ, container('data'));
    expect(decision.effect).toBe('conditional');
    expect(decision.grants[0]?.conditionVerdict).toMatchObject({
      outcome: 'unreadable',
      parseError: { offset: unclosed.indexOf("'data") },
    });
    expect(lines.join('\n')).toContain('could not be read');
  });

  it('parses each condition once, however many questions meet it', () => {
    const { b, u, container, assignment } = setup(ONLY_DATA);
    const index = buildRbacIndex(b.estate);
    const first = index.conditionOf(assignment);
    for (const name of ['data', 'logs', 'other'])
      check(index, { principal: u, action: BLOB_READ, scope: container(name), dataAction: true });
    expect(index.conditionOf(assignment)).toBe(first);
  });
});

describe('check with conditioned deny assignments', () => {
  it('blocks where the deny condition holds, not where it fails, and is conditional where undecided', () => {
    const b = new EstateBuilder();
    const rg = b.rg(b.sub('s'), 'rg');
    const sa = b.storage(rg, 'sa');
    const u = b.user('u');
    b.assign(u, 'Storage Blob Data Reader', sa);
    const deny = b.deny('no-secret-container', sa, { dataActions: [BLOB_READ] });
    deny.condition =
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'secret'";
    const container = (name: string) => `${sa}/blobServices/default/containers/${name}`;
    const blocked = ask(b, u, BLOB_READ, container('secret'));
    expect(blocked.decision.effect).toBe('denied');
    expect(blocked.decision.deniedBy).toMatchObject({
      name: 'no-secret-container',
      conditionVerdict: { outcome: 'holds' },
    });
    expect(ask(b, u, BLOB_READ, container('public')).decision.effect).toBe('allowed');
    const maybe = ask(b, u, BLOB_READ, sa);
    expect(maybe.decision.effect).toBe('conditional');
    expect(maybe.decision.possibleDenies).toEqual([expect.objectContaining({ name: 'no-secret-container' })]);
    expect(maybe.lines.join('\n')).toContain('may block');
  });

  it('judges a conditioned grant for each question, even where one index answered another before', () => {
    const { b, u, container } = setup(ONLY_DATA);
    const index = buildRbacIndex(b.estate);
    const at = (name: string) => check(index, { principal: u, action: BLOB_READ, scope: container(name), dataAction: true });
    const data = at('data');
    const other = at('other');
    expect(data.effect).toBe('allowed');
    expect(data.grants[0]?.conditionVerdict?.outcome).toBe('holds');
    expect(other.effect).toBe('denied');
    expect(other.conditionsNotMet?.[0]?.conditionVerdict?.outcome).toBe('fails');
    // The first decision's reason is not changed by the second question.
    expect(data.grants[0]?.conditionVerdict?.outcome).toBe('holds');
  });
});
