import { describe, expect, it } from 'vitest';
import { createAnalysisContext } from '../../../engine/context/analysis-context';
import { baseEstateYaml, estateFromYaml } from '../../../engine/testing/estates';
import { capabilityMatrix } from './capability-matrix';

const estate = estateFromYaml(
  baseEstateYaml({
    extra: `user_assigned_identities:
  - name: uai-train
    resource_group: rg-ml
computes:
  - name: cpu
    workspace: ws-ml
    type: amlcompute
    identity:
      type: system_assigned,user_assigned
      user_assigned_identities:
        - resource_id: uai-train
role_assignments:
  - principal: uai-train
    role: AcrPull
    scope: acrml
  - principal: uai-train
    role: Storage Blob Data Reader
    scope: stml
`,
  }),
);
const context = createAnalysisContext(estate);
const cell = (matrix: ReturnType<typeof capabilityMatrix>, row: string, column: number) =>
  matrix.rows.find((r) => r.capability.id === row)?.cells[column];

describe('capabilityMatrix', () => {
  it('has one column per managed identity of a compute, on its workspace', () => {
    const matrix = capabilityMatrix(context, estate.computes[0]!);
    expect(matrix.columns.map((column) => column.principalName)).toHaveLength(2);
    expect(matrix.columns.every((column) => column.workspace.name === 'ws-ml')).toBe(true);
    // Column 1 is uai-train: pull and read are granted, write is not.
    expect(cell(matrix, 'pull', 1)?.effect).toBe('allowed');
    expect(cell(matrix, 'read-data', 1)?.effect).toBe('allowed');
    expect(cell(matrix, 'write-data', 1)?.effect).toBe('denied');
    expect(cell(matrix, 'pull', 1)?.question).toMatchObject({ action: 'Microsoft.ContainerRegistry/registries/pull/read', dataAction: false });
  });

  it('asks about a principal on every workspace', () => {
    const user = estate.users[0]!;
    const matrix = capabilityMatrix(context, user);
    expect(matrix.columns).toHaveLength(1);
    expect(cell(matrix, 'secrets', 0)?.effect).toBe('denied');
  });

  it('has no columns for an entity without identities', () => {
    expect(capabilityMatrix(context, estate.storageAccounts[0]!).columns).toEqual([]);
  });
});
