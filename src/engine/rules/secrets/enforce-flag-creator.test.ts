import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import { ENFORCE_FLAG, endpointEstate, IDS } from '../../testing/endpoints';
import { enforceFlagCreator } from './enforce-flag-creator';

const SECRETS_READER = 'ea01e6af-a1c1-4350-9563-ad00f8c72ec5';
const bobDeploys = `online_deployments:
  - name: blue
    endpoint: ep
    created_by: bob@contoso.com
`;
const aliceReads =
  '{ principal: alice@contoso.com, role: Azure Machine Learning Workspace Connection Secrets Reader, scope: ws-ml }';

describe('AML-SEC-004 creator of an enforced endpoint may not read connection secrets', () => {
  it('fires for the endpoint creator, noting the withheld automatic grant', () => {
    const findings = runRuleOn(
      enforceFlagCreator,
      endpointEstate({
        endpoint: ENFORCE_FLAG,
        deployments: bobDeploys,
        roles: [
          '{ principal: bob@contoso.com, role: Azure Machine Learning Workspace Connection Secrets Reader, scope: ws-ml }',
        ],
      }),
    );
    const finding = expectOnlyFinding(findings, {
      subjects: [IDS.alice, IDS.endpoint],
      severity: 'error',
      consequence: ['rejects the creation of endpoint ep'],
    });
    expect(finding?.evidence.some((e) => e.label.includes('withheld'))).toBe(true);
    expect(finding?.fix?.actions).toEqual([
      { kind: 'assign-role', principal: IDS.alice, role: SECRETS_READER, scope: IDS.workspace },
    ]);
  });

  it('fires for a deployment creator too', () => {
    const findings = runRuleOn(
      enforceFlagCreator,
      endpointEstate({ endpoint: ENFORCE_FLAG, deployments: bobDeploys, roles: [aliceReads] }),
    );
    expectOnlyFinding(findings, {
      subjects: [IDS.bob, IDS.blue, IDS.endpoint],
      message: ['deployment blue of endpoint ep'],
    });
  });

  it('stays quiet when every creator may read connection secrets', () => {
    expect(
      runRuleOn(enforceFlagCreator, endpointEstate({ endpoint: ENFORCE_FLAG, roles: [aliceReads] })),
    ).toEqual([]);
  });

  it('stays quiet without the flag', () => {
    expect(runRuleOn(enforceFlagCreator, endpointEstate())).toEqual([]);
  });

  it('is a warning in an observed estate, where the endpoint already exists', () => {
    const findings = runRuleOn(
      enforceFlagCreator,
      endpointEstate({ assignments: 'observed', endpoint: ENFORCE_FLAG }),
    );
    expect(findings.map((f) => f.severity)).toEqual(['warning', 'warning']);
  });
});
