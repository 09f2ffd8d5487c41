import { describe, expect, it } from 'vitest';
import { refusalText } from './test-fixtures';
import { createAnalysisContext } from '../context/analysis-context';
import { explainRefusal, type ExplainedRefusal } from './explain-refusal';
import { ALICE, BOB, questionEstate } from './test-estate';

const fixture = refusalText;

function explained(name: string, options: { principal?: string } = {}, estate = questionEstate()): ExplainedRefusal {
  const result = explainRefusal(createAnalysisContext(estate), fixture(name), options);
  if (!result.ok) throw new Error(result.message);
  return result.answer;
}

describe('why was I refused', () => {
  it('ARM: names the principal, the decision with the NotAction that removed it, and the least role at the scope', () => {
    const answer = explained('arm-authorization-failed.txt');
    expect(answer.principal).toBe(ALICE);
    expect(answer.decision?.effect).toBe('denied');
    expect(answer.decision?.exclusions.map((e) => e.roleName)).toEqual(['AzureML Data Scientist']);
    expect(answer.leastRole?.role.name).toBe('AzureML Compute Operator');
    expect(answer.leastRole?.scope).toBe(answer.refusal.scope);
    expect(answer.missing).toEqual([]);
  });

  it('Key Vault RBAC: the least data role on the secret', () => {
    const answer = explained('key-vault-forbidden-by-rbac.txt');
    expect(answer.principal).toBe(ALICE);
    expect(answer.decision?.grants).toEqual([]);
    expect(answer.leastRole?.role.name).toBe('Key Vault Secrets User');
    expect(answer.leastRole?.scope).toContain('/vaults/kv-ml/secrets/db-password');
  });

  it('Key Vault access policy: the permission a policy must grant, and that the estate thinks the vault uses RBAC', () => {
    const answer = explained('key-vault-access-policy.txt');
    expect(answer.principal).toBe(BOB);
    expect(answer.accessPolicy).toMatchObject({ list: 'secrets', permission: 'get', granted: false });
    expect(answer.leastRole).toBeUndefined();
    expect(answer.notes.join(' ')).toContain('the estate may be out of date');
  });

  it('a job storage refusal names no caller: it asks for one, then finds the job path of that identity', () => {
    expect(explained('azureml-job-storage.txt').missing).toEqual(['The text names no caller; give the principal (--principal) to check it.']);
    const withJob = questionEstate({
      datastores: '  - { name: curated, workspace: ws-ml, type: azure_blob, account_name: stml, container_name: training-data }\n',
      extra: `jobs:
  - name: train
    workspace: ws-ml
    type: command
    compute: cpu-cluster
    identity: { type: managed }
    inputs:
      data: { path: azureml://datastores/curated/paths/in/ }
`,
    });
    const answer = explained('azureml-job-storage.txt', { principal: 'uai-train' }, withJob);
    expect(answer.scope).toContain('/storageAccounts/stml/blobServices/default/containers/training-data');
    expect(answer.decision?.allowed).toBe(true);
    expect(answer.notes.join(' ')).toContain('The estate allows this');
    expect(answer.paths.map((p) => p.id).join(' ')).toContain('train');
    expect(answer.leastRole?.role.name).toBe('Storage Blob Data Reader');
  });

  it('an unreadable text keeps the decoder message', () => {
    const result = explainRefusal(createAnalysisContext(questionEstate()), fixture('not-a-refusal.txt'));
    expect(result).toMatchObject({ ok: false, found: ['operation Microsoft.MachineLearningServices/workspaces/ws-missing'] });
  });
});
