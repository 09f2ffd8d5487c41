import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { isolationIrreversible } from './isolation-irreversible';

function workspace(mode: string): string {
  return `    identity:\n      type: system_assigned\n    managed_network:\n      isolation_mode: ${mode}`;
}

describe('AML-MNET-002 managed network mode only tightens', () => {
  it('notes that an internet-outbound workspace cannot go back to disabled', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: workspace('allow_internet_outbound') }));
    const findings = runRuleOn(isolationIrreversible, estate);
    expectOnlyFinding(findings, {
      severity: 'info',
      subjects: [estate.workspaces[0]?.id],
      message: ['ws-ml uses managed network mode allow_internet_outbound; it can never return to disabled'],
    });
  });

  it('notes that approved-only cannot be opened up again', () => {
    const findings = runRuleOn(isolationIrreversible, estateFromYaml(baseEstateYaml({ workspace: workspace('allow_only_approved_outbound') })));
    expect(findings[0]?.message).toContain('allow_internet_outbound or disabled');
  });

  it('stays quiet when the managed network is disabled', () => {
    expect(runRuleOn(isolationIrreversible, estateFromYaml(baseEstateYaml({ workspace: workspace('disabled') })))).toEqual([]);
  });
});
