import { describe, expect, it } from 'vitest';
import { assignRole, expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { deploymentMetricsGrant } from './deployment-metrics-grant';
import { endpointEstate, IDS, UAI_DEPLOYMENT_GRANTS, UAI_IDENTITY } from '../../testing/endpoints';

describe('AML-EPI-003 endpoint identity cannot write metrics', () => {
  it('warns when a user-assigned identity lacks AzureML Metrics Writer', () => {
    const findings = runRuleOn(
      deploymentMetricsGrant,
      endpointEstate({ endpoint: UAI_IDENTITY, roles: UAI_DEPLOYMENT_GRANTS.slice(0, 2) }),
    );
    expectOnlyFinding(findings, {
      subjects: [IDS.uai, IDS.workspace, IDS.endpoint],
      severity: 'warning',
      consequence: ['no metrics'],
      fixActions: [assignRole(IDS.uai, '635dd51f-9968-44d3-b7fb-6d9a6bd613ae', IDS.workspace)],
    });
  });

  it('stays quiet when the grant exists', () => {
    expect(
      runRuleOn(
        deploymentMetricsGrant,
        endpointEstate({ endpoint: UAI_IDENTITY, roles: UAI_DEPLOYMENT_GRANTS }),
      ),
    ).toEqual([]);
  });

  it('warns for a system identity in an observed estate, noting Azure normally grants it', () => {
    const findings = runRuleOn(deploymentMetricsGrant, endpointEstate({ assignments: 'observed' }));
    expectOnlyFinding(findings, { message: ['normally makes this grant'] });
  });

  it('stays quiet for a planned system identity', () => {
    expect(runRuleOn(deploymentMetricsGrant, endpointEstate())).toEqual([]);
  });
});
