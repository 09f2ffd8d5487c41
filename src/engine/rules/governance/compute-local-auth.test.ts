import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { computeSection, systemIdentity } from '../../testing/computes';
import { computeLocalAuth } from './compute-local-auth';

function cluster(localAuth: string): string {
  return computeSection('cpu-cluster', 'amlcompute', systemIdentity(localAuth));
}

describe('AML-GOV-002 compute local authentication', () => {
  it('fires for a cluster that does not disable local authentication', () => {
    const estate = estateFromYaml(baseEstateYaml({ extra: cluster('') }));
    const findings = runRuleOn(computeLocalAuth, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [estate.computes[0]?.id, estate.workspaces[0]?.id],
      message: ['cpu-cluster', 'e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f', 'Azure.ML.DisableLocalAuth'],
      bicep: ['disableLocalAuth: true'],
      terraform: ['local_auth_enabled = false'],
    });
  });

  it('stays quiet when local authentication is disabled', () => {
    expect(runRuleOn(computeLocalAuth, estateFromYaml(baseEstateYaml({ extra: cluster('\n    disable_local_auth: true') })))).toEqual([]);
  });
});
