import { describe, expect, it } from 'vitest';
import connectionList from '../../io/azcli/fixtures/connection-list.json?raw';
import deploymentShow from '../../io/azcli/fixtures/online-deployment-show.json?raw';
import endpointList from '../../io/azcli/fixtures/online-endpoint-list.json?raw';
import roleAssignmentList from '../../io/azcli/fixtures/role-assignment-list.json?raw';
import workspaceShow from '../../io/azcli/fixtures/workspace-show.json?raw';
import { readInputs, type InputFile } from '../../io/inputs';
import { assignRole, expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import {
  AOAI_CONNECTION,
  connectionRef,
  deploymentWithVariables,
  ENFORCE_FLAG,
  endpointEstate,
  IDS,
  UAI_IDENTITY,
} from '../../testing/endpoints';
import { connectionSecretAccess } from './connection-secret-access';

const SECRETS_READER = 'ea01e6af-a1c1-4350-9563-ad00f8c72ec5';
const deployments = deploymentWithVariables({
  OPENAI_KEY: connectionRef('aoai'),
  OPENAI_URL: connectionRef('aoai', '/target'),
});

describe('AML-SEC-002 deployment injects a connection the endpoint identity cannot read', () => {
  it('fires for a user-assigned identity, once per identity and endpoint, with the fix at the workspace', () => {
    const findings = runRuleOn(
      connectionSecretAccess,
      endpointEstate({ endpoint: UAI_IDENTITY, deployments, extra: AOAI_CONNECTION }),
    );
    expectOnlyFinding(findings, {
      subjects: [IDS.uai, IDS.endpoint],
      severity: 'error',
      message: [
        'OPENAI_KEY (connection aoai) and OPENAI_URL (connection aoai)',
        'before creating the deployment',
      ],
      fixActions: [assignRole(IDS.uai, SECRETS_READER, IDS.workspace)],
    });
  });

  it('stays quiet once the identity holds Connection Secrets Reader', () => {
    const estate = endpointEstate({
      endpoint: UAI_IDENTITY,
      deployments,
      extra: AOAI_CONNECTION,
      roles: [
        '{ principal: uai-ep, role: Azure Machine Learning Workspace Connection Secrets Reader, scope: ws-ml }',
      ],
    });
    expect(runRuleOn(connectionSecretAccess, estate)).toEqual([]);
  });

  it('fires for a connection the workspace does not have, even with the grant', () => {
    const estate = endpointEstate({
      endpoint: UAI_IDENTITY,
      deployments: deploymentWithVariables({ OPENAI_KEY: connectionRef('aoia') }),
      extra: AOAI_CONNECTION,
      roles: [
        '{ principal: uai-ep, role: Azure Machine Learning Workspace Connection Secrets Reader, scope: ws-ml }',
      ],
    });
    const findings = runRuleOn(connectionSecretAccess, estate);
    expectOnlyFinding(findings, { subjects: [IDS.blue, IDS.endpoint], message: ['has no such connection'] });
    expect(findings[0]?.id).toContain('missing-connection:aoia');
  });

  it('explains that a system identity without the enforce flag is never granted (R78)', () => {
    const findings = runRuleOn(
      connectionSecretAccess,
      endpointEstate({ deployments, extra: AOAI_CONNECTION }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.subjects[0]).toBe(IDS.endpointSai);
    expect(findings[0]?.message).toContain('enforce_access_to_default_secret_stores');
  });

  it('stays quiet for a planned enforced endpoint whose creator may read secrets (Azure grants it)', () => {
    const estate = endpointEstate({
      endpoint: ENFORCE_FLAG,
      deployments,
      extra: AOAI_CONNECTION,
      roles: [
        '{ principal: alice@contoso.com, role: Azure Machine Learning Workspace Connection Secrets Reader, scope: ws-ml }',
      ],
    });
    expect(runRuleOn(connectionSecretAccess, estate)).toEqual([]);
  });

  it('leaves a planned enforced endpoint whose creator may not read secrets to AML-SEC-004', () => {
    expect(
      runRuleOn(
        connectionSecretAccess,
        endpointEstate({ endpoint: ENFORCE_FLAG, deployments, extra: AOAI_CONNECTION }),
      ),
    ).toEqual([]);
  });

  it('fires in an observed estate where the grant Azure normally makes is absent', () => {
    const estate = endpointEstate({
      assignments: 'observed',
      endpoint: ENFORCE_FLAG,
      deployments,
      extra: AOAI_CONNECTION,
      roles: [
        '{ principal: alice@contoso.com, role: Azure Machine Learning Workspace Connection Secrets Reader, scope: ws-ml }',
      ],
    });
    const findings = runRuleOn(connectionSecretAccess, estate);
    expectOnlyFinding(findings, { message: ['normally makes this grant'] });
  });

  it('says no connection is missing when the import lists none of the workspace (exports without az ml connection list)', () => {
    // `az ml online-deployment show` injects ${{azureml://connections/kv-conn/credentials/key}}.
    const exported: InputFile[] = [
      { file: 'workspace.json', text: workspaceShow },
      { file: 'endpoints.json', text: endpointList },
      { file: 'deployment.json', text: deploymentShow },
      { file: 'role-assignments.json', text: roleAssignmentList },
    ];
    const missingConnection = (files: InputFile[]) => {
      const estate = readInputs(files).estate;
      if (!estate) throw new Error('the exports did not read');
      return runRuleOn(connectionSecretAccess, estate).filter((f) => f.message.includes('has no such connection'));
    };
    expect(missingConnection(exported)).toEqual([]);
    // With the workspace's connections listed (github-repo, aoai, acr-private), kv-conn is known to be missing.
    expect(missingConnection([...exported, { file: 'connections.json', text: connectionList }]).map((f) => f.message)).toEqual([
      expect.stringContaining('refers to connection kv-conn in KV_SECRET (connection kv-conn), but workspace ws-prod has no such connection'),
    ]);
  });
});
