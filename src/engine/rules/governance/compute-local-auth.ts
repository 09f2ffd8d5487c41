import { COMPUTE_KINDS } from '../../model/compute-kinds';
import { entityKnown, settingEvidence, settingKnown } from '../helpers';
import { bicepSymbol } from '../workspace/cli-args';
import { POLICIES, PSRULES, policyEvidence, psRuleEvidence } from './references';
import { defineRule } from '../catalog';

/** R36, R87 and R88: computes should accept Microsoft Entra authentication only. */
export const computeLocalAuth = defineRule('AML-GOV-002', {
  *check(context) {
    const { topology } = context;
    for (const compute of context.estate.computes) {
      const kind = COMPUTE_KINDS[compute.computeType];
      // An attached resource's local access (a VM's SSH account, a cluster's admin login) is its own, not this switch.
      if (!kind.localAuthSwitch) continue;
      if (compute.disableLocalAuth === true || !settingKnown(context, compute.id, 'disableLocalAuth')) continue;
      // A workspace no input declares (the placeholder) is not a subject: the finding is about the compute's own setting.
      const found = topology.getOfKind(compute.workspace, 'workspace');
      const workspace = found && entityKnown(context, found.id) ? found : undefined;
      const wsName = found?.name ?? '<workspace>';
      const terraformType = kind.terraform;
      yield {
        subjects: [compute.id, ...(workspace ? [workspace.id] : [])],
        message: `Compute ${compute.name}${workspace ? ` in ${workspace.name}` : ''} does not disable local authentication, contrary to Azure Policy ${POLICIES.computeLocalAuth.id} and PSRule ${PSRULES.disableLocalAuth.name}.`,
        consequence: 'Local credentials can be used to reach the compute without going through Microsoft Entra ID, so RBAC and sign-in auditing do not cover that access.',
        evidence: [
          settingEvidence(compute.id, 'disable_local_auth', compute.disableLocalAuth === undefined ? '(not set)' : false),
          policyEvidence(POLICIES.computeLocalAuth),
          psRuleEvidence(PSRULES.disableLocalAuth),
        ],
        fix: {
          summary: `Set disableLocalAuth to true on ${compute.name}.`,
          actions: [
            {
              kind: 'command',
              az: [`# az ml compute has no switch for this; set disableLocalAuth: true in the template of ${compute.name} (below) and redeploy it.`],
              bicep: `// Merge into the declaration of compute '${compute.name}'.\nresource ${bicepSymbol(compute.name)} 'Microsoft.MachineLearningServices/workspaces/computes@2024-10-01' = {\n  name: '${wsName}/${compute.name}'\n  properties: {\n    disableLocalAuth: true\n  }\n}`,
              ...(terraformType
                ? { terraform: `# Merge into the ${terraformType} resource for '${compute.name}'.\nresource "${terraformType}" "${bicepSymbol(compute.name)}" {\n  name               = "${compute.name}"\n  local_auth_enabled = false\n}` }
                : {}),
            },
          ],
        },
      };
    }
  },
});
