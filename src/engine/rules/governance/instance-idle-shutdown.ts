import { entityKnown, settingEvidence, settingKnown } from '../helpers';
import type { Rule } from '../types';
import { bicepSymbol, computeArgs } from '../workspace/cli-args';
import { POLICIES, POLICY_AND_PSRULE_BASIS, PSRULES, policyEvidence, psRuleEvidence } from './references';

/** R87 and R88: a compute instance should shut itself down when idle. */
export const instanceIdleShutdown: Rule = {
  id: 'AML-GOV-004',
  title: 'Compute instance has no idle shutdown',
  ...POLICY_AND_PSRULE_BASIS,
  description:
    'Azure Policy 679ddf89-ab8f-48a5-9029-e76054077449 and PSRule Azure.ML.ComputeIdleShutdown expect every compute instance to have an idle shutdown time, so that a forgotten instance does not keep running (and keep its credentials and data in use). The rule flags instances without one.',
  *check(context) {
    const { topology } = context;
    for (const compute of context.estate.computes) {
      if (compute.computeType !== 'computeinstance' || (compute.idleTimeBeforeShutdown ?? '') !== '') continue;
      if (!settingKnown(context, compute.id, 'idleTimeBeforeShutdown')) continue;
      // A workspace no input declares (the placeholder) is not a subject: the finding is about the instance's own setting.
      const found = topology.getOfKind(compute.workspace, 'workspace');
      const workspace = found && entityKnown(context, found.id) ? found : undefined;
      const hasIdentity = compute.identity.system || compute.identity.userAssigned.length > 0;
      yield {
        subjects: [compute.id, ...(workspace ? [workspace.id] : [])],
        message: `Compute instance ${compute.name} has no idle shutdown, contrary to Azure Policy ${POLICIES.idleShutdown.id} and PSRule ${PSRULES.computeIdleShutdown.name}.`,
        consequence: 'The instance keeps running, and billing, until someone stops it by hand.',
        evidence: [settingEvidence(compute.id, 'idle_time_before_shutdown', '(not set)'), policyEvidence(POLICIES.idleShutdown), psRuleEvidence(PSRULES.computeIdleShutdown)],
        fix: {
          summary: `Set an idle shutdown time on ${compute.name}${hasIdentity ? `; its managed identity then needs Contributor on ${workspace?.name ?? 'the workspace'} for the shutdown to work` : ''}.`,
          actions: [
            {
              kind: 'command',
              az: [`az ml compute update ${computeArgs(topology, compute)} --idle-time-before-shutdown-minutes 60`],
              bicep: `// Merge into the declaration of compute instance '${compute.name}'.\nresource ${bicepSymbol(compute.name)} 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {\n  name: '${workspace?.name ?? '<workspace>'}/${compute.name}'\n  properties: {\n    computeType: 'ComputeInstance'\n    properties: {\n      idleTimeBeforeShutdown: 'PT60M'\n    }\n  }\n}`,
            },
          ],
        },
      };
    }
  },
};
