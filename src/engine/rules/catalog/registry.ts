import type { RuleMetadata } from '../types';

/** The registry rules' metadata, by rule id (their checks are in rules/registry/). */
export const REGISTRY_RULES = {
  'AML-ACR-001': {
    title: 'Registry without public access reached only through a user-assigned identity',
    area: 'registry',
    severity: 'error',
    confidence: 'unconfirmed',
    facts: ['R16'],
    sources: ['S3', 'S4', 'S1'],
    description:
      'When the workspace container registry has public network access turned off, the workspace can still authenticate with its system-assigned identity or with the registry admin user, but the support table lists a workspace user-assigned identity (even with AcrPull) as unsupported. A workspace that has only user-assigned identities and a registry with the admin user off is therefore likely to fail building and pulling images. The table comes from the AI Foundry copy of the page and the trusted-services limits of the registry, so the finding is a warning.',
  },
  'AML-ACR-002': {
    title: 'Workspace user-assigned identity lacks AcrPull on the workspace registry',
    area: 'registry',
    severity: 'error',
    confidence: 'documented',
    facts: ['R17'],
    needs: ['role-assignments'],
    sources: ['S3', 'S1'],
    description:
      'A workspace that authenticates with a user-assigned identity gets no automatic grants, and the documented setup gives that identity AcrPull on the workspace container registry next to its management role, so that the workspace can read the images it builds and references. The check asks whether the identity may perform the pull action on the registry; AcrPull is the least role that allows it (a broader role whose actions cover it also counts). A system-assigned workspace identity receives what it needs from Azure ML and is not checked here.',
  },
  'AML-ACR-003': {
    title: 'Registry admin user enabled, or about to be',
    area: 'registry',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R18', 'R19'],
    sources: ['S1', 'S13', 'S21'],
    description:
      'The admin user of a container registry is a single user name and password that can push and pull every image and that no role assignment reveals. When a workspace is created without naming a registry, Azure ML creates one the first time it needs it and enables that admin user. Turning it off makes computes and endpoints pull with their managed identities, so they need AcrPull first; where a policy forbids the admin user altogether, bring a registry created without it.',
  },
  'AML-ACR-004': {
    title: 'Compute cluster cannot pull images from the workspace registry',
    area: 'registry',
    severity: 'error',
    otherSeverities: ['warning'],
    confidence: 'documented',
    facts: ['R20', 'R27'],
    needs: ['role-assignments'],
    sources: ['S1'],
    description:
      'With the registry admin user off, a compute cluster pulls its job images with its default managed identity: the system-assigned one, else the first user-assigned one. Azure ML grants AcrPull on the workspace registry by itself only to a system identity of a cluster created after that registry existed. A cluster created earlier, a cluster running as a user-assigned identity (whose automatic grant is not documented) and a cluster with no identity at all must be given the grant, or an identity, by hand; otherwise every job fails while preparing its image. For a user-assigned identity the finding is a warning, since whether Azure ML grants it is unconfirmed.',
  },
  'AML-ACR-005': {
    title: 'Attached AKS cluster cannot pull from the workspace registry',
    area: 'registry',
    severity: 'error',
    confidence: 'documented',
    facts: ['R21'],
    needs: ['role-assignments'],
    sources: ['S1', 'S6'],
    description:
      'An AKS cluster created or attached for Azure ML inference pulls images from the workspace registry with its service principal, which Azure ML grants AcrPull when the cluster is attached. A bring-your-own cluster that authenticates with a managed identity only is not supported for this, and a service principal that lacks AcrPull cannot pull the scoring images.',
  },
  'AML-ACR-006': {
    title: 'Classic registry roles on a registry that uses ABAC repository permissions',
    area: 'registry',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R23', 'R23:property'],
    sources: ['S25'],
    description:
      'A container registry can be switched to a permissions mode in which repository access is decided by ABAC-enabled roles. In that mode AcrPull, AcrPush and AcrDelete are ignored, so identities that rely on them (including the AcrPull grants Azure ML makes for compute and endpoint identities) cannot pull or push even though their role assignments look right. They need one of the ABAC-enabled repository roles instead.',
  },
  'AML-ACR-007': {
    title: 'Workspace registry restricted by a service endpoint',
    area: 'registry',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R24'],
    sources: ['S4', 'S8'],
    description:
      'When the workspace registry is limited to private endpoints or IP rules, Azure ML gets in as a trusted Microsoft service, authenticating with a managed identity that holds a role on the registry, as long as the registry keeps the trusted-services exception on (AML-NET-004 checks that). A registry limited with a service endpoint offers no such exception at all, so Azure ML traffic that does not come from the allowed subnet is refused; this rule flags that case.',
  },
  'AML-ACR-008': {
    title: 'Registry behind a network boundary and no image build compute',
    area: 'registry',
    severity: 'warning',
    confidence: 'documented',
    facts: ['R25'],
    sources: ['S13', 'S12'],
    description:
      'Azure ML normally builds environment images with tasks that run in the workspace registry itself. Once that registry is closed to public networks or restricted to particular networks, those builds cannot run there, and the workspace must name a compute cluster to build images on (image_build_compute) or rely on serverless image building. A workspace that names none, or names a compute it does not have, leaves environment builds failing.',
  },
} satisfies Record<string, RuleMetadata>;
