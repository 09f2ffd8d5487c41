import { type AccessPath, PATH_KINDS, pathPrincipals, type PathKind, type PathStatus } from '../../../engine';

/** Each path kind in words, as a group heading. */
export const PATH_KIND_LABEL: Readonly<Record<PathKind, string>> = {
  'job-datastore': 'Jobs reading and writing datastores',
  'compute-image-pull': 'Compute pulling images',
  'compute-private-registry': 'Compute and private registries',
  'environment-build-private-registry': 'Environment builds from private registries',
  'compute-key-vault': 'Compute reading the key vault',
  'workspace-dependency': 'Workspace reaching its dependencies',
  'studio-preview': 'Studio previewing data',
  'studio-browse': 'Studio browsing data',
  'deployment-image-pull': 'Deployments pulling images',
  'deployment-model-storage': 'Deployments reading models',
  'deployment-metrics': 'Deployments writing metrics',
  'deployment-connection-secret': 'Deployments reading connection secrets',
  'deployment-key-vault-secret': 'Deployments reading key vault secrets',
  'endpoint-invoke': 'Calling endpoints',
  'endpoint-manage': 'Managing endpoints',
  'aks-image-pull': 'AKS pulling images',
  'cmk-key-vault': 'Customer-managed key access',
  'instance-idle-shutdown': 'Compute instance idle shutdown',
};

export interface PathFilter {
  /** Undefined: every status. */
  status?: PathStatus | undefined;
  text: string;
}

/** The words a path can be found by: its title, who (every principal it covers), what, through what and as whom. */
function searchText(path: AccessPath, nameOf: (id: string) => string): string {
  return [path.title, ...pathPrincipals(path).map(nameOf), nameOf(path.target), ...path.via.map(nameOf), path.identity.label, PATH_KIND_LABEL[path.kind]]
    .join(' ')
    .toLowerCase();
}

export function filterPaths(paths: readonly AccessPath[], filter: PathFilter, nameOf: (id: string) => string): AccessPath[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return paths.filter((path) => {
    if (filter.status !== undefined && path.status !== filter.status) return false;
    if (words.length === 0) return true;
    const haystack = searchText(path, nameOf);
    return words.every((word) => haystack.includes(word));
  });
}

/** Groups paths by kind in the engine's order of kinds; empty kinds are left out. */
export function groupPaths(paths: readonly AccessPath[]): { kind: PathKind; paths: AccessPath[] }[] {
  return PATH_KINDS.map((kind) => ({ kind, paths: paths.filter((path) => path.kind === kind) })).filter((group) => group.paths.length > 0);
}

/** True when the path involves the entity: as actor (or a principal it covers), target, a hop, or the identity it runs as. */
export function pathInvolves(path: AccessPath, entity: string): boolean {
  return (
    path.actor === entity ||
    path.target === entity ||
    path.via.includes(entity as never) ||
    path.identity.principal === entity ||
    (path.principals?.includes(entity as never) ?? false)
  );
}
