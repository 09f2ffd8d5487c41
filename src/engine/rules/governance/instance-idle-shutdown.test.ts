import { describe, expect, it } from 'vitest';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { instanceIdleShutdown } from './instance-idle-shutdown';

function instance(idle: string): string {
  return `computes:
  - name: ci-alice
    workspace: ws-ml
    type: computeinstance
    identity:
      type: system_assigned${idle}
`;
}

describe('AML-GOV-004 compute instance idle shutdown', () => {
  it('fires for an instance without idle shutdown, with the az fix', () => {
    const estate = estateFromYaml(baseEstateYaml({ extra: instance('') }));
    const findings = runRuleOn(instanceIdleShutdown, estate);
    expect(findings).toHaveLength(1);
    const [finding] = findings;
    expect(finding?.severity).toBe('warning');
    expect(finding?.subjects).toEqual([estate.computes[0]?.id, estate.workspaces[0]?.id]);
    expect(finding?.message).toContain('ci-alice');
    expect(finding?.message).toContain('679ddf89-ab8f-48a5-9029-e76054077449');
    expect(finding?.message).toContain('Azure.ML.ComputeIdleShutdown');
    expect(finding?.fix?.az).toEqual(['az ml compute update --name ci-alice --workspace-name ws-ml --resource-group rg-ml --idle-time-before-shutdown-minutes 60']);
    expect(finding?.fix?.summary).toContain('Contributor on ws-ml');
  });

  it('stays quiet when idle shutdown is set', () => {
    expect(runRuleOn(instanceIdleShutdown, estateFromYaml(baseEstateYaml({ extra: instance('\n    idle_time_before_shutdown: PT30M') })))).toEqual([]);
  });
});
