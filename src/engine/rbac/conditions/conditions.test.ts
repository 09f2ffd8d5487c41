import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateCondition, parseCondition, type ConditionRequest } from './index';

// Condition texts as Microsoft's docs print them ("Example Azure role assignment conditions for Blob
// Storage" and "Delegate Azure role assignment management to others with conditions").
const CONTAINER_READ = `(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})
 )
 OR 
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'blobs-example-container'
 )
)`;

const CONTAINER_READ_WRITE = `(
 (
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete'})
  AND
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'} AND NOT SubOperationMatches{'Blob.List'})
  AND
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write'})
  AND
  !(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/add/action'})
 )
 OR 
 (
  @Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'blobs-example-container'
 )
)`;

const CONSTRAIN_ROLES = `(
 (
  !(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})
 )
 OR 
 (
  @Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {ba92f5b4-2d11-453d-a403-e96b0029c9fe, 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1}
 )
)
AND
(
 (
  !(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})
 )
 OR 
 (
  @Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals {ba92f5b4-2d11-453d-a403-e96b0029c9fe, 2a2b9908-6ea1-4ae2-8e65-a410df84e7d1}
 )
)`;

const SA = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa';
const container = (name: string) => `${SA}/blobServices/default/containers/${name}`;
const BLOB_READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';
const BLOB_WRITE = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write';

function judge(text: string, request: Partial<ConditionRequest> & { scope: string }) {
  const parsed = parseCondition(text);
  expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
  return evaluateCondition(parsed, { action: BLOB_READ, dataAction: true, ...request });
}

describe('parseCondition', () => {
  it('reads the shapes Azure generates', () => {
    for (const text of [CONTAINER_READ, CONTAINER_READ_WRITE, CONSTRAIN_ROLES])
      expect(parseCondition(text).ok).toBe(true);
  });

  it('reads GUIDs written without hyphens (as AVS Orchestrator Role does) in the hyphenated form', () => {
    const parsed = parseCondition(
      "@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidEquals{d715fb95a0f04f1c8be65ad2d2767f67, 4d97b98b-1d4f-4787-a291-c67834d212e7}",
    );
    expect(parsed.ok).toBe(true);
    if (parsed.ok)
      expect(parsed.root).toMatchObject({
        right: { values: ['d715fb95-a0f0-4f1c-8be6-5ad2d2767f67', '4d97b98b-1d4f-4787-a291-c67834d212e7'] },
      });
  });

  it('reads && || ! as AND OR NOT, in any case', () => {
    const symbols = parseCondition(
      "!(ActionMatches{'a/read'}) || @Resource[x/y/z:name] StringEquals 'b' && true BoolEquals true",
    );
    const words = parseCondition(
      "not (ActionMatches{'a/read'}) or @Resource[x/y/z:name] StringEquals 'b' and true BoolEquals true",
    );
    expect(symbols.ok && words.ok).toBe(true);
    if (symbols.ok && words.ok) expect(symbols.root.kind).toBe(words.root.kind);
  });

  it('reads quantifiers, operators with IgnoreCase, sets, Exists and every attribute source', () => {
    const parsed = parseCondition(
      "@Principal[Microsoft.Directory/CustomSecurityAttributes/Id:Engineering_Project] ForAllOfAnyValues:StringEqualsIgnoreCase {'Cascade', 'Baker'} AND Exists @Environment[Microsoft.Network/privateEndpoints] AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringLike 'logs/*' AND @Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path] StringStartsWith 'a'",
    );
    expect(parsed.ok).toBe(true);
  });

  it('says where reading stopped and why', () => {
    const unclosed = parseCondition("(@Resource[x/y:name] StringEquals 'a'");
    expect(unclosed).toMatchObject({
      ok: false,
      error: { offset: 37, message: expect.stringContaining('`)`') },
    });
    const operator = parseCondition("@Resource[x/y:name] StringEqualz 'a'");
    expect(operator).toMatchObject({
      ok: false,
      error: { offset: 20, message: 'unknown operator `StringEqualz`' },
    });
    const quote = parseCondition("@Resource[x/y:name] StringEquals 'a");
    expect(quote).toMatchObject({
      ok: false,
      error: { offset: 33, message: expect.stringContaining('never closed') },
    });
    expect(parseCondition('cond')).toMatchObject({ ok: false });
    expect(parseCondition('   ')).toMatchObject({ ok: false, error: { message: 'the condition is empty' } });
  });

  it('refuses nesting deeper than any real condition without exhausting the stack', () => {
    const deep = `${'('.repeat(10_000)}true BoolEquals true${')'.repeat(10_000)}`;
    expect(parseCondition(deep)).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('nests deeper') },
    });
    expect(parseCondition(`${'!'.repeat(10_000)}true BoolEquals true`).ok).toBe(false);
  });
});

describe('evaluateCondition', () => {
  it('decides a container-name condition at the scope of that container', () => {
    expect(judge(CONTAINER_READ, { scope: container('blobs-example-container') })).toMatchObject({
      truth: 'true',
      because: [expect.stringContaining("the container name is 'blobs-example-container' (from the scope)")],
    });
    const other = judge(CONTAINER_READ, { scope: container('other') });
    expect(other.truth).toBe('false');
    expect(other.because.join(' ')).toContain(
      "ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'}",
    );
  });

  it('leaves it undecided at the storage account, above every container', () => {
    const result = judge(CONTAINER_READ, { scope: SA });
    expect(result.truth).toBe('unknown');
    expect(result.because.join(' ')).toContain('lies above every container');
    const atGroup = judge(CONTAINER_READ, { scope: '/subscriptions/s/resourceGroups/rg' });
    expect(atGroup.truth).toBe('unknown');
    expect(atGroup.because.join(' ')).toContain('lies above every container');
    const elsewhere = judge(CONTAINER_READ, {
      scope: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv',
    });
    expect(elsewhere.because.join(' ')).toContain("the question's scope is not inside one");
  });

  it('decides an action-only condition anywhere: an action the guard does not name passes', () => {
    expect(judge(CONTAINER_READ, { scope: SA, action: BLOB_WRITE }).truth).toBe('true');
  });

  it('leaves a read undecided outside the container, because listing is allowed everywhere', () => {
    const result = judge(CONTAINER_READ_WRITE, { scope: container('other') });
    expect(result.truth).toBe('unknown');
    expect(result.because.join(' ')).toContain("SubOperationMatches{'Blob.List'}");
    expect(judge(CONTAINER_READ_WRITE, { scope: container('other'), action: BLOB_WRITE }).truth).toBe(
      'false',
    );
    expect(judge(CONTAINER_READ_WRITE, { scope: container('blobs-example-container') }).truth).toBe('true');
  });

  it('leaves a delegation condition undecided for role assignment writes and passes other actions', () => {
    const rg = '/subscriptions/s/resourceGroups/rg';
    const write = judge(CONSTRAIN_ROLES, {
      scope: rg,
      action: 'Microsoft.Authorization/roleAssignments/write',
      dataAction: false,
    });
    expect(write.truth).toBe('unknown');
    expect(write.because.join(' ')).toContain(
      'the request attribute Microsoft.Authorization/roleAssignments:RoleDefinitionId',
    );
    const read = judge(CONSTRAIN_ROLES, {
      scope: rg,
      action: 'Microsoft.Authorization/roleAssignments/read',
      dataAction: false,
    });
    expect(read.truth).toBe('true');
  });

  it('applies operators and quantifiers to values the question decides', () => {
    const at = { scope: container('logs-2024') };
    const name = '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]';
    expect(judge(`${name} StringLike 'logs-*'`, at).truth).toBe('true');
    expect(judge(`${name} StringLike 'logs-?'`, at).truth).toBe('false');
    expect(judge(`${name} StringNotLike 'logs-*'`, at).truth).toBe('false');
    expect(judge(`${name} StringStartsWith 'logs'`, at).truth).toBe('true');
    expect(judge(`${name} StringNotEquals 'logs-2024'`, at).truth).toBe('false');
    expect(judge(`${name} StringEqualsIgnoreCase 'LOGS-2024'`, at).truth).toBe('true');
    expect(judge(`${name} StringEquals 'LOGS-2024'`, at).truth).toBe('false');
    expect(judge(`${name} ForAnyOfAnyValues:StringEquals {'a', 'logs-2024'}`, at).truth).toBe('true');
    expect(judge(`${name} ForAnyOfAllValues:StringEquals {'a', 'logs-2024'}`, at).truth).toBe('false');
    expect(judge(`${name} ForAllOfAnyValues:StringLike {'x*', 'logs*'}`, at).truth).toBe('true');
  });

  it('never takes unknown for true: principal, environment and tag attributes stay undecided', () => {
    const at = { scope: container('data') };
    for (const text of [
      "@Principal[Microsoft.Directory/CustomSecurityAttributes/Id:Team] StringEquals 'ml'",
      'Exists @Environment[Microsoft.Network/privateEndpoints]',
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs/tags:Project<$key_case_sensitive$>] StringEquals 'x'",
      "SubOperationMatches{'Blob.List'}",
    ])
      expect(judge(text, at).truth).toBe('unknown');
    expect(
      evaluateCondition(parseCondition('cond'), { action: BLOB_READ, dataAction: true, scope: SA }),
    ).toMatchObject({
      truth: 'unknown',
      because: [expect.stringContaining('could not be read')],
    });
  });
});

describe('conditions from hostile input', () => {
  // Pieces of real conditions, shuffled: the parser and evaluator must answer (never throw) for any mix.
  const PIECES = [
    '(',
    ')',
    '!',
    'NOT',
    '&&',
    'AND',
    '||',
    'OR',
    '{',
    '}',
    ',',
    "'a'",
    "'",
    '@Resource[',
    ']',
    '@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId]',
    '@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]',
    "ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'}",
    "SubOperationMatches{'Blob.List'}",
    'StringEquals',
    'ForAnyOfAnyValues:GuidEquals',
    'StringLike',
    'Exists',
    'ba92f5b4-2d11-453d-a403-e96b0029c9fe',
    '42',
    'true',
    ' ',
  ];

  it('never throws, and an unreadable text is never judged true', () => {
    const text = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(' ')),
    );
    fc.assert(
      fc.property(text, (condition) => {
        const parsed = parseCondition(condition);
        const result = evaluateCondition(parsed, {
          action: BLOB_READ,
          dataAction: true,
          scope: container('data'),
        });
        if (!parsed.ok) {
          expect(result.truth).toBe('unknown');
          expect(parsed.error.offset).toBeGreaterThanOrEqual(0);
          expect(parsed.error.offset).toBeLessThanOrEqual(condition.length);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
