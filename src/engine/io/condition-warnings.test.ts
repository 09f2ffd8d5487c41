import { describe, expect, it } from 'vitest';
import roleAssignments from './azcli/fixtures/role-assignment-list.json';
import denyPage from './azcli/fixtures/deny-assignments-rest.json';
import { readInputs } from './inputs';

const GOOD =
  "((!(ActionMatches{'Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read'})) OR (@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'data'))";
// A typo Azure would refuse too: the operator is misspelt.
const BROKEN = GOOD.replace('StringEquals', 'StringEqual');

function withCondition(condition: string): string {
  const list = structuredClone(roleAssignments) as Record<string, unknown>[];
  list[2] = { ...list[2], condition, conditionVersion: '2.0' };
  return JSON.stringify(list, null, 2);
}

describe('conditions that cannot be read', () => {
  it('are a located warning naming the assignment, where reading stopped and the text there', () => {
    const result = readInputs([{ file: 'ra.json', text: withCondition(BROKEN) }]);
    expect(result.estate).toBeDefined();
    const warning = result.diagnostics.find((d) => d.message.includes('ABAC condition'));
    expect(warning).toMatchObject({
      severity: 'warning',
      file: 'ra.json',
      path: '[2]',
      line: expect.any(Number),
    });
    expect(warning?.message).toContain(
      `role assignment \`${String(roleAssignments[2]?.id).replace('/resourcegroups/', '/resourceGroups/')}\``,
    );
    expect(warning?.message).toContain(
      `at character ${BROKEN.indexOf('StringEqual') + 1} (unknown operator \`StringEqual\`)`,
    );
    expect(warning?.message).toContain("⟨here⟩StringEqual 'data'");
    expect(warning?.message).toContain('never as granting');
  });

  it('stay quiet for a condition that reads', () => {
    const result = readInputs([{ file: 'ra.json', text: withCondition(GOOD) }]);
    expect(result.diagnostics.filter((d) => d.message.includes('ABAC condition'))).toEqual([]);
  });

  it('are reported for deny assignments too', () => {
    const page = structuredClone(denyPage);
    const permission = page.value[1]?.properties.permissions[0] as { condition: string | null };
    permission.condition =
      "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals 'raw";
    const result = readInputs([{ file: 'deny.json', text: JSON.stringify(page, null, 2) }]);
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        file: 'deny.json',
        path: 'value[1]',
        message: expect.stringContaining('string is never closed'),
      }),
    );
  });
});
