import { missingGrantDrafts } from '../helpers';
import { defineRule } from '../catalog';

const CONSEQUENCE = 'Storage cannot wrap or unwrap the workspace encryption key with this identity, so encrypted workspace data becomes unreadable.';

/** R11 (key side): the identity storage uses for the customer-managed key needs to use that key. */
export const cmkKeyAccess = defineRule('AML-WS-011', {
  *check(context) {
    for (const path of context.pathsOfKind('cmk-key-vault')) {
      yield* missingGrantDrafts(context, path, { consequence: CONSEQUENCE, policyPermissions: ['get', 'wrapKey', 'unwrapKey'] });
    }
  },
});
