import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { run } from './run';
import { memoryIo } from './testing/io';

// Real export shapes: `az role assignment list`, `az rest` of denyAssignments, `az graph query` rows.
const fixture = (path: string) => readFileSync(new URL(`../engine/io/${path}`, import.meta.url), 'utf8');
const roleAssignments = fixture('azcli/fixtures/role-assignment-list.json');
const denyRest = fixture('azcli/fixtures/deny-assignments-rest.json');
const denyGraph = fixture('resource-graph/fixtures/deny-assignments.json');

const SUB = '/subscriptions/11111111-2222-3333-4444-555555555555';
const WS = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.MachineLearningServices/workspaces/ws-prod`;
const SA = `${SUB}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stmlprod`;
const UAI_PRINCIPAL = 'bbbbbbbb-0000-4000-8000-000000000001';
const COMPUTE_WRITE = 'Microsoft.MachineLearningServices/workspaces/computes/write';
const BLOB_READ = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read';

const ONLY_DATA =
  "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data'))";

/** `az role assignment list` output with one more entry: Storage Blob Data Reader for one container only. */
function withConditionedReader(): string {
  const list = JSON.parse(roleAssignments) as Record<string, unknown>[];
  list.push({
    ...list[4],
    id: `${SA}/providers/Microsoft.Authorization/roleAssignments/10000000-0000-4000-8000-0000000000aa`,
    name: '10000000-0000-4000-8000-0000000000aa',
    roleDefinitionId: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1`,
    roleDefinitionName: 'Storage Blob Data Reader',
    scope: SA,
    condition: ONLY_DATA,
    conditionVersion: '2.0',
  });
  return JSON.stringify(list, null, 2);
}

/** Asks whether alice may read blobs at `scope`, with the conditioned Storage Blob Data Reader in the export. */
async function explainAliceBlobRead(scope: string, ...format: string[]) {
  const m = memoryIo({ 'ra.json': withConditionedReader() });
  const args = [
    'explain',
    'ra.json',
    '--principal',
    'alice@contoso.com',
    '--data-action',
    BLOB_READ,
    '--scope',
    scope,
  ];
  const code = await run([...args, ...format], m.io);
  return { m, code };
}

/** Asks about the user-assigned identity with the role assignments and a deny export loaded. */
async function explainUaiWithDeny(
  deny: string,
  actionOption: '--action' | '--data-action',
  action: string,
  scope: string,
  ...format: string[]
) {
  const m = memoryIo({ 'ra.json': roleAssignments, 'deny.json': deny });
  const args = ['explain', 'ra.json', 'deny.json', '--principal', UAI_PRINCIPAL, actionOption, action, '--scope', scope];
  const code = await run([...args, ...format], m.io);
  return { m, code };
}

describe('explain with deny assignments from real exports', () => {
  for (const [label, deny] of [
    ['az rest', denyRest],
    ['az graph query', denyGraph],
  ] as const) {
    it(`says Denied and names the deny read from ${label}`, async () => {
      const { m, code } = await explainUaiWithDeny(deny, '--action', COMPUTE_WRITE, WS);
      expect(m.stderr()).not.toContain('error');
      expect(code).toBe(1);
      expect(m.stdout()).toMatch(
        /^Denied: deny assignment Deny assignment created by Deployment Stack '.*stack-ml'\. \(made at \/subscriptions\/[-0-9]+\/resourceGroups\/rg-ml\) blocks Microsoft.MachineLearningServices\/workspaces\/computes\/write/,
      );
      expect(m.stdout()).toContain('Would otherwise allow');
    });
  }

  it('puts the deny, with its condition verdict, into the JSON answer', async () => {
    const scope = `${SA}/blobServices/default/containers/raw`;
    const action = 'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/delete';
    const { m, code } = await explainUaiWithDeny(denyRest, '--data-action', action, scope, '--format', 'json');
    expect(code).toBe(1);
    const json = JSON.parse(m.stdout());
    expect(json.effect).toBe('denied');
    expect(json.deniedBy).toMatchObject({
      name: 'Protect raw training data',
      conditionVerdict: { outcome: 'holds' },
    });
  });
});

describe('explain with ABAC conditions', () => {
  it('allows at the container the condition names and says why', async () => {
    const { m, code } = await explainAliceBlobRead(`${SA}/blobServices/default/containers/data`);
    expect(m.stderr()).not.toContain('error');
    expect(code).toBe(0);
    expect(m.stdout()).toContain(
      "its condition holds here, because `@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data'` holds: the container name is 'data' (from the scope)",
    );
  });

  it('answers conditional, because of the quoted condition, where the question does not decide it', async () => {
    const { m, code } = await explainAliceBlobRead(SA, '--format', 'json');
    expect(code).toBe(1);
    const json = JSON.parse(m.stdout());
    expect(json.effect).toBe('conditional');
    expect(json.grants[0].conditionVerdict.outcome).toBe('undecided');
    expect(json.explanation[0]).toMatch(
      /^Conditional, because `@Resource\[.*containers:name\] StringEquals 'data'` depends on the name of the container/,
    );
    expect(json.explanation[1]).toContain(`Condition: \`${ONLY_DATA}\``);
  });

  it('denies at another container and keeps the assignment in the trace', async () => {
    const { m, code } = await explainAliceBlobRead(
      `${SA}/blobServices/default/containers/logs`,
      '--format',
      'json',
    );
    expect(code).toBe(1);
    const json = JSON.parse(m.stdout());
    expect(json.effect).toBe('denied');
    expect(json.conditionsNotMet).toEqual([
      expect.objectContaining({ role: expect.objectContaining({ name: 'Storage Blob Data Reader' }) }),
    ]);
    expect(json.explanation.join('\n')).toContain(
      "does not hold: the container name is 'logs' (from the scope)",
    );
  });
});
