import { describe, expect, it } from 'vitest';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { computeLocalAuth } from './compute-local-auth';

function cluster(localAuth: string): string {
  return `computes:
  - name: cpu-cluster
    workspace: ws-ml
    type: amlcompute
    identity:
      type: system_assigned${localAuth}
`;
}

describe('AML-GOV-002 compute local authentication', () => {
  it('fires for a cluster that does not disable local authentication', () => {
    const estate = estateFromYaml(baseEstateYaml({ extra: cluster('') }));
    const findings = runRuleOn(computeLocalAuth, estate);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.severity).toBe('warning');
    expect(finding?.subjects).toEqual([estate.computes[0]?.id, estate.workspaces[0]?.id]);
    expect(finding?.message).toContain('cpu-cluster');
    expect(finding?.message).toContain('e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f');
    expect(finding?.message).toContain('Azure.ML.DisableLocalAuth');
    expect(finding?.fix?.bicep).toContain('disableLocalAuth: true');
    expect(finding?.fix?.terraform).toContain('local_auth_enabled = false');
  });

  it('stays quiet when local authentication is disabled', () => {
    expect(runRuleOn(computeLocalAuth, estateFromYaml(baseEstateYaml({ extra: cluster('\n    disable_local_auth: true') })))).toEqual([]);
  });
});
