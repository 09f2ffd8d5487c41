import { missingGrantDrafts } from '../helpers';
import type { Rule } from '../types';

const CONSEQUENCE = 'Storage cannot wrap or unwrap the workspace encryption key with this identity, so encrypted workspace data becomes unreadable.';

/** R11 (key side): the identity storage uses for the customer-managed key needs to use that key. */
export const cmkKeyAccess: Rule = {
  id: 'AML-WS-011',
  title: 'Customer-managed-key identity may not use the key',
  area: 'workspace',
  severity: 'error',
  confidence: 'unconfirmed',
  facts: ['R11', 'R11:key-permissions'],
  needs: ['role-assignments'],
  sources: ['S1'],
  description:
    'The storage behind a workspace encrypted with a customer-managed key reaches the key in its key vault as the identity named for the key (or the workspace identity). The rule follows that access path and reports when the identity has neither a key vault role nor an access policy that lets it wrap and unwrap keys. The documents do not spell out the exact key permissions, so the finding is a warning.',
  *check(context) {
    for (const path of context.pathsOfKind('cmk-key-vault')) {
      yield* missingGrantDrafts(context, path, { consequence: CONSEQUENCE, policyPermissions: ['get', 'wrapKey', 'unwrapKey'] });
    }
  },
};
