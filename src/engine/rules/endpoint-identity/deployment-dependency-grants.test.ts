import { describe, expect, it } from 'vitest';
import { assignRole, expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { deploymentDependencyGrants } from './deployment-dependency-grants';
import {
  DEFAULT_DEPLOYMENTS,
  endpointEstate,
  IDS,
  OTHER_REGISTRY,
  UAI_DEPLOYMENT_GRANTS,
  UAI_IDENTITY,
  UAI_PRINCIPAL_ID,
} from '../../testing/endpoints';

const ACR_PULL = '7f951dda-4ed3-4680-a7ca-43fe172d538d';
const BLOB_READER = '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1';

describe('AML-EPI-002 endpoint identity cannot pull the image or read the model', () => {
  it('fires for a user-assigned identity without AcrPull and blob read, saying they must exist first', () => {
    const findings = runRuleOn(deploymentDependencyGrants, endpointEstate({ endpoint: UAI_IDENTITY }));
    expect(findings).toHaveLength(2);
    const pull = findings.find(
      (f) => f.fix?.actions[0]?.kind === 'assign-role' && f.fix.actions[0].role === ACR_PULL,
    );
    expect(pull?.subjects).toEqual([IDS.uai, IDS.registry, IDS.endpoint]);
    expect(pull?.severity).toBe('error');
    expect(pull?.message).toContain('uai-ep');
    expect(pull?.message).toContain('before the deployment is created');
    expect(pull?.fix?.actions).toEqual([
      { kind: 'assign-role', principal: IDS.uai, role: ACR_PULL, scope: IDS.registry },
    ]);
    expect(pull?.fix?.az.join('\n')).toContain(`--assignee-object-id ${UAI_PRINCIPAL_ID}`);
    const storage = findings.find((f) => f !== pull);
    expect(storage?.fix?.actions).toEqual([
      { kind: 'assign-role', principal: IDS.uai, role: BLOB_READER, scope: IDS.storage },
    ]);
  });

  it('stays quiet once the user-assigned identity holds its grants', () => {
    expect(
      runRuleOn(
        deploymentDependencyGrants,
        endpointEstate({ endpoint: UAI_IDENTITY, roles: UAI_DEPLOYMENT_GRANTS }),
      ),
    ).toEqual([]);
  });

  it('stays quiet for a planned system identity, which Azure ML grants itself', () => {
    expect(runRuleOn(deploymentDependencyGrants, endpointEstate())).toEqual([]);
  });

  it('fires for a system identity in an observed estate, noting that Azure normally makes the grant', () => {
    const findings = runRuleOn(deploymentDependencyGrants, endpointEstate({ assignments: 'observed' }));
    expect(findings).toHaveLength(2);
    expect(findings.every((f) => f.message.includes('normally makes this grant'))).toBe(true);
    expect(findings[0]?.subjects[0]).toBe(IDS.endpointSai);
    expect(findings[0]?.message.startsWith('The system-assigned identity of ep cannot')).toBe(true);
  });

  it('reports one finding for two deployments sharing the gap', () => {
    const deployments = `${DEFAULT_DEPLOYMENTS}  - name: green
    endpoint: ep
`;
    const findings = runRuleOn(
      deploymentDependencyGrants,
      endpointEstate({ endpoint: UAI_IDENTITY, deployments, roles: UAI_DEPLOYMENT_GRANTS.slice(1) }),
    );
    expectOnlyFinding(findings, { message: ['blue and green'], pathCount: 2 });
  });

  it('fires for a planned system identity pulling from a registry outside the workspace', () => {
    const deployments = `${DEFAULT_DEPLOYMENTS}    image: acrother.azurecr.io/score:1\n`;
    const findings = runRuleOn(
      deploymentDependencyGrants,
      endpointEstate({ deployments, registries: OTHER_REGISTRY }),
    );
    expectOnlyFinding(findings, {
      subjects: [IDS.endpointSai, IDS.otherRegistry, IDS.endpoint],
      message: ['assigned by hand'],
      fixActions: [assignRole(IDS.endpointSai, ACR_PULL, IDS.otherRegistry)],
    });
    expect(findings[0]?.fix?.az.join('\n')).toContain('az ml online-endpoint show --name ep');
  });

  it('reports an endpoint with no identity once', () => {
    const estate = endpointEstate();
    const endpoint = estate.onlineEndpoints[0];
    if (endpoint) endpoint.identity = { system: false, userAssigned: [] };
    const findings = runRuleOn(deploymentDependencyGrants, estate);
    expectOnlyFinding(findings, { subjects: [IDS.endpoint], message: ['no managed identity'] });
  });
});
