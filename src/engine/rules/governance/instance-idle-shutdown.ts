import { entityKnown, settingEvidence, settingKnown } from '../helpers';
import { bicepSymbol, computeArgs } from '../workspace/cli-args';
import { POLICIES, PSRULES, policyEvidence, psRuleEvidence } from './references';
import { defineRule } from '../catalog';

/** R87 and R88: a compute instance should shut itself down when idle. */
export const instanceIdleShutdown = defineRule('AML-GOV-004', {
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
});
