import { describe, expect, it } from 'vitest';
import { expectOnlyFinding } from '../../testing/findings';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import { managedNetworkWorkspace } from '../../testing/workspaces';
import { isolationIrreversible } from './isolation-irreversible';

describe('AML-MNET-002 managed network mode only tightens', () => {
  it('notes that an internet-outbound workspace cannot go back to disabled', () => {
    const estate = estateFromYaml(baseEstateYaml({ workspace: managedNetworkWorkspace('allow_internet_outbound') }));
    const findings = runRuleOn(isolationIrreversible, estate);
    expectOnlyFinding(findings, {
      severity: 'info',
      subjects: [estate.workspaces[0]?.id],
      message: ['ws-ml uses managed network mode allow_internet_outbound; it can never return to disabled'],
    });
  });

  it('notes that approved-only cannot be opened up again', () => {
    const findings = runRuleOn(isolationIrreversible, estateFromYaml(baseEstateYaml({ workspace: managedNetworkWorkspace('allow_only_approved_outbound') })));
    expect(findings[0]?.message).toContain('allow_internet_outbound or disabled');
  });

  it('stays quiet when the managed network is disabled', () => {
    expect(runRuleOn(isolationIrreversible, estateFromYaml(baseEstateYaml({ workspace: managedNetworkWorkspace('disabled') })))).toEqual([]);
  });
});
