import { missingGrantDrafts } from '../helpers';
import type { Rule } from '../types';

/** R31: an instance with a managed identity shuts itself down when idle only if that identity may act on the workspace. */
export const instanceIdleShutdown: Rule = {
  id: 'AML-CMP-004',
  title: 'Compute instance identity cannot carry out idle shutdown',
  area: 'compute',
  severity: 'warning',
  confidence: 'documented',
  facts: ['R31'],
  needs: ['role-assignments'],
  sources: ['S1'],
  description:
    'A compute instance that has a managed identity and an idle shutdown timer stops itself through that identity, which therefore needs Contributor on the workspace. Without it the timer has no effect: the instance keeps running, and billing, after it falls idle.',
  *check(context) {
    for (const path of context.pathsOfKind('instance-idle-shutdown')) {
      yield* missingGrantDrafts(context, path, {
        consequence: 'The instance does not stop when idle, so it keeps running and costing money.',
      });
    }
  },
};
