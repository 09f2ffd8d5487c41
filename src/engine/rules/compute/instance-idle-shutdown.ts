import { missingGrantDrafts } from '../helpers';
import { defineRule } from '../catalog';

/** R31: an instance with a managed identity shuts itself down when idle only if that identity may act on the workspace. */
export const instanceIdleShutdown = defineRule('AML-CMP-004', {
  *check(context) {
    for (const path of context.pathsOfKind('instance-idle-shutdown')) {
      yield* missingGrantDrafts(context, path, {
        consequence: 'The instance does not stop when idle, so it keeps running and costing money.',
      });
    }
  },
});
