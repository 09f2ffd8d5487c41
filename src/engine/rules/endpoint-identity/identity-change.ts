import { identityTypeOf } from '../../model/estate';
import type { ManagedIdentitySetting } from '../../model/types';
import { settingEvidence } from '../helpers';
import { defineRule } from '../catalog';

function sameIdentity(a: ManagedIdentitySetting, b: ManagedIdentitySetting): boolean {
  if (a.system !== b.system || a.userAssigned.length !== b.userAssigned.length) return false;
  const ids = new Set(a.userAssigned);
  return b.userAssigned.every((id) => ids.has(id));
}

/** R70 (and R15): an endpoint keeps the identity it was created with. */
export const endpointIdentityChange = defineRule('AML-EPI-001', {
  *check(context) {
    const { topology } = context;
    for (const endpoint of context.estate.onlineEndpoints) {
      const planned = endpoint.plannedUpdate?.identity;
      if (!planned || sameIdentity(endpoint.identity, planned)) continue;
      const describe = (s: ManagedIdentitySetting) =>
        s.userAssigned.length > 0
          ? `${identityTypeOf(s)} (${s.userAssigned.map((id) => topology.nameOf(id)).join(', ')})`
          : identityTypeOf(s);
      yield {
        subjects: [endpoint.id],
        message: `The planned update of endpoint ${endpoint.name} changes its identity from ${describe(endpoint.identity)} to ${describe(planned)}.`,
        consequence: `Azure ML rejects the update: ${endpoint.name} keeps the identity it was created with.`,
        evidence: [
          settingEvidence(endpoint.id, 'identity', describe(endpoint.identity)),
          settingEvidence(endpoint.id, 'planned_update.identity', describe(planned)),
        ],
        fix: {
          summary: `Create a new endpoint with the new identity, grant that identity what the deployments need, move the deployments and traffic, then delete ${endpoint.name}.`,
          actions: [
            {
              kind: 'manual',
              text: `Recreate ${endpoint.name} under a new name with identity ${describe(planned)}; an endpoint's identity cannot be updated in place.`,
            },
          ],
        },
      };
    }
  },
});
