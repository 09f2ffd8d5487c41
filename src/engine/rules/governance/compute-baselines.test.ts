import { describe, expect, it } from 'vitest';
import { managedNetworkWorkspace } from '../../testing/workspaces';
import { computeSection, systemIdentity } from '../../testing/computes';
import { baseEstateYaml, estateFromYaml, runRuleOn } from '../../testing/estates';
import type { FindingExpectation } from '../../testing/findings';
import { expectOnlyFinding } from '../../testing/findings';
import type { Rule } from '../types';
import { computeLocalAuth } from './compute-local-auth';
import { computeVnet } from './compute-vnet';
import { instanceIdleShutdown } from './instance-idle-shutdown';

/**
 * The governance baselines on a single compute (AML-GOV-002, -004, -007) share one shape: a compute with a
 * system identity and without the setting fires, and the setting (or a managed network) keeps the rule quiet.
 */
interface ComputeBaselineCase {
  title: string;
  rule: Rule;
  compute: { name: string; type: string };
  fires: string;
  expected: FindingExpectation;
  quiet: { when: string; setting?: string; workspace?: string }[];
}

const CASES: ComputeBaselineCase[] = [
  {
    title: 'AML-GOV-002 compute local authentication',
    rule: computeLocalAuth,
    compute: { name: 'cpu-cluster', type: 'amlcompute' },
    fires: 'a cluster that does not disable local authentication',
    expected: {
      message: ['cpu-cluster', 'e96a9a5f-07ca-471b-9bc5-6a0f33cbd68f', 'Azure.ML.DisableLocalAuth'],
      bicep: ['disableLocalAuth: true'],
      terraform: ['local_auth_enabled = false'],
    },
    quiet: [{ when: 'local authentication is disabled', setting: '\n    disable_local_auth: true' }],
  },
  {
    title: 'AML-GOV-004 compute instance idle shutdown',
    rule: instanceIdleShutdown,
    compute: { name: 'ci-alice', type: 'computeinstance' },
    fires: 'an instance without idle shutdown, with the az fix',
    expected: {
      message: ['ci-alice', '679ddf89-ab8f-48a5-9029-e76054077449', 'Azure.ML.ComputeIdleShutdown'],
      az: ['az ml compute update --name ci-alice --workspace-name ws-ml --resource-group rg-ml --idle-time-before-shutdown-minutes 60'],
      fixSummary: ['Contributor on ws-ml'],
    },
    quiet: [{ when: 'idle shutdown is set', setting: '\n    idle_time_before_shutdown: PT30M' }],
  },
  {
    title: 'AML-GOV-007 compute in a virtual network',
    rule: computeVnet,
    compute: { name: 'cpu-cluster', type: 'amlcompute' },
    fires: 'a cluster without a subnet in a workspace without a managed network',
    expected: { message: ['Compute cluster cpu-cluster', 'Azure.ML.ComputeVnet'] },
    quiet: [
      {
        when: 'the cluster is placed in a subnet',
        setting:
          '\n    subnet: /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworks/vnet/subnets/ml',
      },
      {
        when: 'the workspace runs its computes in a managed network',
        workspace: managedNetworkWorkspace('allow_only_approved_outbound'),
      },
    ],
  },
];

describe.each(CASES)('$title', ({ rule, compute, fires, expected, quiet }) => {
  const computeYaml = (setting = '') => computeSection(compute.name, compute.type, systemIdentity(setting));

  it(`fires for ${fires}`, () => {
    const estate = estateFromYaml(baseEstateYaml({ extra: computeYaml() }));
    expectOnlyFinding(runRuleOn(rule, estate), {
      severity: 'warning',
      subjects: [estate.computes[0]?.id, estate.workspaces[0]?.id],
      ...expected,
    });
  });

  it.each(quiet)('stays quiet when $when', ({ setting, workspace }) => {
    const yaml = baseEstateYaml({ extra: computeYaml(setting), ...(workspace ? { workspace } : {}) });
    expect(runRuleOn(rule, estateFromYaml(yaml))).toEqual([]);
  });
});
