import type { RuleMetadata } from '../types';

// The two rules about the identity an environment build borrows (R56) share their whole basis.
const BUILD_IDENTITY_BASIS: Pick<RuleMetadata, 'area' | 'severity' | 'confidence' | 'facts' | 'needs' | 'sources'> = {
  area: 'private-registry',
  severity: 'error',
  confidence: 'documented',
  facts: ['R56'],
  needs: ['role-assignments'],
  sources: ['S1', 'S26'],
};

/** The private-registry rules' metadata, by rule id (their checks are in rules/private-registry/). */
export const PRIVATE_REGISTRY_RULES = {
  'AML-PACR-001': {
    title: 'Compute identity cannot pull a base image from a private registry',
    area: 'private-registry',
    severity: 'error',
    confidence: 'documented',
    facts: ['R55'],
    needs: ['role-assignments'],
    sources: ['S1'],
    description:
      'When a job uses an image from a container registry other than the workspace one, as it is and without an Azure ML build on top, the compute cluster pulls it with its own default managed identity. Azure ML never grants anything on such a registry, so that identity needs AcrPull there, and a cluster with no managed identity cannot pull the image at all.',
  },
  'AML-PACR-002': {
    title: 'No managed-identity registry connection for an environment build on a private base image',
    area: 'private-registry',
    severity: 'error',
    confidence: 'documented',
    facts: ['R56'],
    sources: ['S1', 'S26'],
    description:
      'To build an Azure ML-managed environment on top of a base image kept in another private registry, the workspace needs a connection of type container_registry whose target is that registry and whose credentials are of type managed_identity, naming a user-assigned identity by client id and resource id. The build task borrows that identity to pull the base image; without such a connection it has nothing to authenticate with.',
  },
  'AML-PACR-003': {
    title: 'Registry connection identity lacks AcrPull on the private registry',
    ...BUILD_IDENTITY_BASIS,
    description:
      'The user-assigned identity named in the container_registry connection is the one the environment build uses to pull the base image, so it needs AcrPull on the private registry that holds it. Nothing grants this automatically.',
  },
  'AML-PACR-004': {
    title: 'Workspace identity cannot assign the registry connection identity to the build',
    ...BUILD_IDENTITY_BASIS,
    description:
      'For an environment build on a private base image, the workspace attaches the user-assigned identity of the registry connection to the ACR task that runs the build. To do so the workspace identity needs Managed Identity Operator on that user-assigned identity; without it the task cannot run as the identity, whatever roles the identity itself holds.',
  },
} satisfies Record<string, RuleMetadata>;
