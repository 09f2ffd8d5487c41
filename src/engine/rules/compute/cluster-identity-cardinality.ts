import { identityTypeOf } from '../../model/estate';
import { settingEvidence } from '../helpers';
import { defineRule } from '../catalog';

/** R26 and R33: a cluster has one system identity or user-assigned ones; Kubernetes compute has exactly one. */
export const clusterIdentityCardinality = defineRule('AML-CMP-001', {
  *check(context) {
    for (const compute of context.estate.computes) {
      const { system, userAssigned } = compute.identity;
      const type = identityTypeOf(compute.identity);
      if (compute.computeType === 'amlcompute' && system && userAssigned.length > 0) {
        yield {
          subjects: [compute.id],
          message: `Compute cluster ${compute.name} asks for both its system-assigned identity and ${userAssigned.length} user-assigned one(s).`,
          consequence: 'Azure refuses to create or update the cluster; pick the system identity or the user-assigned ones.',
          evidence: [settingEvidence(compute.id, 'identity.type', type)],
          fix: {
            summary: `Keep only the user-assigned identities on ${compute.name} (or only the system one).`,
            actions: [{ kind: 'manual', text: `Set identity.type of ${compute.name} to user_assigned (keeping its identities) or to system_assigned, then run az ml compute update.` }],
          },
        };
      }
      if (compute.computeType === 'kubernetes' && (system ? 1 : 0) + userAssigned.length > 1) {
        yield {
          subjects: [compute.id],
          message: `Kubernetes compute ${compute.name} has ${(system ? 1 : 0) + userAssigned.length} identities; it may have only one.`,
          consequence: 'Azure refuses the configuration; Kubernetes compute takes one system-assigned or one user-assigned identity.',
          evidence: [settingEvidence(compute.id, 'identity.type', type)],
          fix: { summary: `Keep a single identity on ${compute.name}.`, actions: [{ kind: 'manual', text: `Reduce the identities of ${compute.name} to one.` }] },
        };
      }
    }
  },
});
