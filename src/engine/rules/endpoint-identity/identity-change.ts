import { identityTypeOf } from '../../model/estate';
import type { ManagedIdentitySetting } from '../../model/types';
import { settingEvidence } from '../helpers';
import type { Rule } from '../types';

function sameIdentity(a: ManagedIdentitySetting, b: ManagedIdentitySetting): boolean {
  if (a.system !== b.system || a.userAssigned.length !== b.userAssigned.length) return false;
  const ids = new Set(a.userAssigned);
  return b.userAssigned.every((id) => ids.has(id));
}

/** R70 (and R15): an endpoint keeps the identity it was created with. */
export const endpointIdentityChange: Rule = {
  id: 'AML-EPI-001',
  title: 'Planned update changes an endpoint identity',
  area: 'endpoint-identity',
  severity: 'error',
  confidence: 'documented',
  facts: ['R70', 'R15'],
  sources: ['S2', 'S11', 'S1'],
  description:
    'An online endpoint is given its identity, system-assigned or a user-assigned one, when it is created, and Azure ML offers no way to change it afterwards. A planned update that switches the identity type or swaps the user-assigned identity cannot be applied; the endpoint has to be recreated (with its deployments and traffic moved over) under the new identity.',
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
};
