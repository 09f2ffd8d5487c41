import { settingEvidence } from '../helpers';
import { endpointIdentityKind } from '../endpoint-identity/common';
import { defineRule } from '../catalog';

/** R76: the enforce flag concerns the system identity only; with a user-assigned one it is not accepted. */
export const enforceFlagOnUai = defineRule('AML-SEC-003', {
  *check(context) {
    for (const endpoint of context.estate.onlineEndpoints) {
      if (!endpoint.enforceAccessToDefaultSecretStores || endpointIdentityKind(endpoint) !== 'user') continue;
      yield {
        subjects: [endpoint.id],
        message: `Endpoint ${endpoint.name} runs as a user-assigned identity but sets enforce_access_to_default_secret_stores.`,
        consequence: `Creating ${endpoint.name} may be refused, and even if it is not, the flag grants nothing: the user-assigned identity still needs its connection and key vault access assigned by hand.`,
        evidence: [
          settingEvidence(endpoint.id, 'identity.type', 'user_assigned'),
          settingEvidence(endpoint.id, 'properties.enforce_access_to_default_secret_stores', 'enabled'),
        ],
        fix: {
          summary: `Remove enforce_access_to_default_secret_stores from ${endpoint.name} and grant its identity the secret access it needs directly.`,
          actions: [
            {
              kind: 'manual',
              text: `Delete properties.enforce_access_to_default_secret_stores from the YAML of endpoint ${endpoint.name}.`,
            },
          ],
        },
      };
    }
  },
});
