import { findingGone } from '../engine/conditions';
import { pathRef, ref } from '../engine/refs';
import type { Tour } from '../engine/types';
import { ROLES, assignRoleStep, openPathStep, source } from './shared';

const workspace = ref('workspace', 'mlw-recommender');
const workspaceIdentity = ref('systemAssignedIdentity', 'mlw-recommender');
const cluster = ref('compute', 'gpu-cluster');
const baseRegistry = ref('containerRegistry', 'crfourthcoffeebase');
const buildIdentity = ref('userAssignedIdentity', 'id-base-image-pull');
const asIsPath = pathRef('compute-private-registry', cluster, baseRegistry);
const buildPath = pathRef('environment-build-private-registry', workspace, baseRegistry);

export const privateBaseImagesTour: Tour = {
  id: 'private-base-images',
  title: 'Private registry base images',
  summary:
    'A base image from another team’s registry can be pulled as it is for training, or built on in a managed environment. The two take different identities; fix the build.',
  sample: 'private-base-image',
  steps: [
    {
      id: 'overview',
      title: 'An image from someone else’s registry',
      text: [
        'The recommender team starts from base images kept in crfourthcoffeebase, a registry outside their workspace. There are two ways to use such an image, and each reaches the registry as a different identity.',
      ],
      sources: [source('S1')],
      highlight: { entities: [baseRegistry, cluster, workspace] },
    },
    openPathStep(asIsPath, {
      id: 'as-is',
      title: 'Pulled as it is',
      text: [
        'Open the path from gpu-cluster to crfourthcoffeebase. A job that uses the image unchanged has it pulled by the compute’s identity, which needs AcrPull on the private registry; here it has it.',
      ],
      sources: [source('S1')],
    }),
    openPathStep(buildPath, {
      id: 'build',
      title: 'Built into a managed environment',
      text: [
        'Now open the path from mlw-recommender to crfourthcoffeebase. An environment built on top of the image is built by the workspace registry’s build tasks, not by the cluster.',
        'Those tasks use a user-assigned identity with AcrPull on the private registry, named in a container-registry connection of the workspace.',
      ],
      sources: [source('S1'), source('S26')],
    }),
    {
      id: 'operator',
      title: 'The missing link: handing the identity over',
      text: [
        'The workspace has to attach id-base-image-pull to the build, and that takes Managed Identity Operator on the identity. The workspace’s system identity does not hold it, so the build cannot start.',
      ],
      sources: [source('S1'), source('S14')],
      highlight: {
        entities: [workspaceIdentity, buildIdentity],
        findings: [{ rule: 'AML-PACR-004', subject: buildIdentity }],
      },
    },
    assignRoleStep(
      { principal: workspaceIdentity, role: ROLES.managedIdentityOperator, scope: buildIdentity },
      findingGone(
        { rule: 'AML-PACR-004', subject: buildIdentity },
        'give mlw-recommender’s identity Managed Identity Operator on id-base-image-pull',
      ),
      {
        id: 'grant-operator',
        title: 'Your turn: let the workspace assign it',
        text: [
          'Select id-base-image-pull and, in “What if… a role were assigned”, give the principal mlw-recommender (the workspace’s system identity) the Managed Identity Operator role on it.',
        ],
      },
    ),
    {
      id: 'done',
      title: 'Both ways work',
      text: [
        'The build path no longer reports the missing role. Pulling as-is leans on the compute identity; building leans on the connection’s identity and the workspace’s right to assign it.',
      ],
      highlight: { paths: [asIsPath, buildPath] },
    },
  ],
};
