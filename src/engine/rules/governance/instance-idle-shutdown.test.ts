import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { computeSection, systemIdentity } from '../../testing/computes';
import { instanceIdleShutdown } from './instance-idle-shutdown';

function instance(idle: string): string {
  return computeSection('ci-alice', 'computeinstance', systemIdentity(idle));
}

describe('AML-GOV-004 compute instance idle shutdown', () => {
  it('fires for an instance without idle shutdown, with the az fix', () => {
    const estate = estateFromYaml(baseEstateYaml({ extra: instance('') }));
    const findings = runRuleOn(instanceIdleShutdown, estate);
    expectOnlyFinding(findings, {
      severity: 'warning',
      subjects: [estate.computes[0]?.id, estate.workspaces[0]?.id],
      message: ['ci-alice', '679ddf89-ab8f-48a5-9029-e76054077449', 'Azure.ML.ComputeIdleShutdown'],
      az: ['az ml compute update --name ci-alice --workspace-name ws-ml --resource-group rg-ml --idle-time-before-shutdown-minutes 60'],
      fixSummary: ['Contributor on ws-ml'],
    });
  });

  it('stays quiet when idle shutdown is set', () => {
    expect(runRuleOn(instanceIdleShutdown, estateFromYaml(baseEstateYaml({ extra: instance('\n    idle_time_before_shutdown: PT30M') })))).toEqual([]);
  });
});
