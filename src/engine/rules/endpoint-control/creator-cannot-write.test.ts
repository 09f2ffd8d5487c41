import { describe, expect, it } from 'vitest';
import { assignRole, expectFinding, expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { endpointEstate, IDS } from '../../testing/endpoints';
import { creatorCannotWrite } from './creator-cannot-write';

const DATA_SCIENTIST = 'f6c7c914-8db3-469d-8ca1-694a8f32e121';

describe('AML-EPC-001 creator lacks the control-plane permission', () => {
  it('fires for an endpoint creator without onlineEndpoints write, with a fix at the workspace', () => {
    const findings = runRuleOn(creatorCannotWrite, endpointEstate());
    const finding = findings.find((f) => f.subjects.length === 2);
    expectFinding(finding, {
      subjects: [IDS.alice, IDS.endpoint],
      severity: 'error',
      message: ['alice@contoso.com', 'create or update endpoints (workspace ws-ml)', 'read the endpoint'],
      fixActions: [assignRole(IDS.alice, DATA_SCIENTIST, IDS.workspace)],
    });
    expect(finding?.fix?.az.join('\n')).toContain(`--role ${DATA_SCIENTIST}`);
    expect(finding?.fix?.az.join('\n')).toContain(
      '--assignee-object-id 11111111-1111-1111-1111-111111111111',
    );
    expect(finding?.pathIds).toHaveLength(1);
  });

  it('fires for a deployment creator without deployments write', () => {
    const deployments = `online_deployments:
  - name: blue
    endpoint: ep
    created_by: bob@contoso.com
`;
    const findings = runRuleOn(
      creatorCannotWrite,
      endpointEstate({
        deployments,
        roles: ['{ principal: alice@contoso.com, role: AzureML Data Scientist, scope: ws-ml }'],
      }),
    );
    expectOnlyFinding(findings, {
      subjects: [IDS.bob, IDS.blue, IDS.endpoint],
      message: ['deployment blue of endpoint ep', 'create or update deployments'],
    });
  });

  it('stays quiet when the creator holds AzureML Data Scientist on the workspace', () => {
    const estate = endpointEstate({
      roles: ['{ principal: alice@contoso.com, role: AzureML Data Scientist, scope: ws-ml }'],
    });
    expect(runRuleOn(creatorCannotWrite, estate)).toEqual([]);
  });

  it('stays quiet when nobody is named as creator', () => {
    const estate = endpointEstate({ deployments: 'online_deployments:\n  - name: blue\n    endpoint: ep\n' });
    const endpoint = estate.onlineEndpoints[0];
    if (endpoint) delete endpoint.createdBy;
    expect(runRuleOn(creatorCannotWrite, estate)).toEqual([]);
  });
});
