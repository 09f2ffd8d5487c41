import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { runRuleOn } from '../../testing/estates';
import {
  AOAI_CONNECTION,
  connectionRef,
  deploymentWithVariables,
  ENFORCE_FLAG,
  endpointEstate,
  IDS,
} from '../../testing/endpoints';
import { manualConnectionGrant } from './manual-connection-grant';

const deployments = deploymentWithVariables({ OPENAI_KEY: connectionRef('aoai') });
const saiReads =
  '{ principal: system:ws-ml/onlineEndpoints/ep, role: Azure Machine Learning Workspace Connection Secrets Reader, scope: ws-ml }';

describe('AML-SEC-005 connection-secret access rests on a hand-made grant', () => {
  it('notes the manual grant of a system identity created without the enforce flag', () => {
    const findings = runRuleOn(
      manualConnectionGrant,
      endpointEstate({ deployments, extra: AOAI_CONNECTION, roles: [saiReads] }),
    );
    expectOnlyFinding(findings, {
      subjects: [IDS.endpointSai, IDS.endpoint],
      severity: 'info',
      message: ['Azure Machine Learning Workspace Connection Secrets Reader at workspace ws-ml',],
    });
  });

  it('stays quiet when the grant is missing (AML-SEC-002 reports that)', () => {
    expect(runRuleOn(manualConnectionGrant, endpointEstate({ deployments, extra: AOAI_CONNECTION }))).toEqual(
      [],
    );
  });

  it('stays quiet for an endpoint with the enforce flag', () => {
    expect(
      runRuleOn(
        manualConnectionGrant,
        endpointEstate({ endpoint: ENFORCE_FLAG, deployments, extra: AOAI_CONNECTION, roles: [saiReads] }),
      ),
    ).toEqual([]);
  });
});
