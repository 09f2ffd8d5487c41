import type { AnalysisContext } from '../context/analysis-context';
import { endpointPaths } from './resolve-endpoints';
import { jobDatastorePaths } from './resolve-jobs';
import { computePaths, otherWorkspacePaths, studioPaths, workspaceDependencyPaths } from './resolve-workspace';
import type { AccessPath } from './types';

export type * from './types';
export { PATH_KINDS, pathPrincipals } from './types';
export { workspaceServiceIdentity } from './resolve-jobs';

/**
 * Enumerates every data-access path of the estate and resolves, for each, the identity it authenticates as,
 * the trace of why, the permissions that identity needs and what RBAC says about them.
 */
export function resolvePaths(context: AnalysisContext): AccessPath[] {
  return [
    ...workspaceDependencyPaths(context),
    ...computePaths(context),
    ...jobDatastorePaths(context),
    ...studioPaths(context),
    ...endpointPaths(context),
    ...otherWorkspacePaths(context),
  ];
}
