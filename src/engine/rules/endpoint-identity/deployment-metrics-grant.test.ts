import { describe, expect, it } from 'vitest';
import { runRuleOn } from '../../testing/estates';
import { deploymentMetricsGrant } from './deployment-metrics-grant';
import { endpointEstate, IDS, UAI_DEPLOYMENT_GRANTS, UAI_IDENTITY } from '../../testing/endpoints';

describe('AML-EPI-003 endpoint identity cannot write metrics', () => {
  it('warns when a user-assigned identity lacks AzureML Metrics Writer', () => {
    const findings = runRuleOn(
      deploymentMetricsGrant,
      endpointEstate({ endpoint: UAI_IDENTITY, roles: UAI_DEPLOYMENT_GRANTS.slice(0, 2) }),
    );
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.subjects).toEqual([IDS.uai, IDS.workspace, IDS.endpoint]);
    expect(finding?.severity).toBe('warning');
    expect(finding?.consequence).toContain('no metrics');
    expect(finding?.fix?.actions).toEqual([
      {
        kind: 'assign-role',
        principal: IDS.uai,
        role: '635dd51f-9968-44d3-b7fb-6d9a6bd613ae',
        scope: IDS.workspace,
      },
    ]);
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
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('normally makes this grant');
  });

  it('stays quiet for a planned system identity', () => {
    expect(runRuleOn(deploymentMetricsGrant, endpointEstate())).toEqual([]);
  });
});
