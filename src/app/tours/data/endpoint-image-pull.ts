import { pathStatusIn } from '../engine/conditions';
import { pathRef, ref } from '../engine/refs';
import type { Tour } from '../engine/types';
import { ROLES, assignRoleStep, openPathStep, source } from './shared';

const endpoint = ref('onlineEndpoint', 'ep-credit-scoring');
const deployment = ref('onlineDeployment', 'scorecard-v7');
const identity = ref('userAssignedIdentity', 'id-ep-credit-scoring');
const registry = ref('containerRegistry', 'crlendingml');
const pullPath = pathRef('deployment-image-pull', deployment, registry);

export const endpointImagePullTour: Tour = {
  id: 'endpoint-image-pull',
  title: 'Why can’t my endpoint pull its image?',
  summary:
    'An online endpoint on a user-assigned identity gets no roles by itself. Find the broken image pull, see why, and grant the missing AcrPull.',
  sample: 'endpoint-user-assigned',
  steps: [
    {
      id: 'overview',
      title: 'An endpoint with its own identity',
      text: [
        'ep-credit-scoring serves the deployment scorecard-v7. Its container runs as the user-assigned identity id-ep-credit-scoring, and that identity is what fetches the image from crlendingml.',
      ],
      sources: [source('S2'), source('S11')],
      highlight: { entities: [endpoint, deployment, identity, registry] },
    },
    openPathStep(pullPath, {
      id: 'open-path',
      title: 'Find the broken pull',
      text: [
        'Open the path from scorecard-v7 to crlendingml, in the Paths panel or by selecting the deployment. It shows as missing.',
      ],
    }),
    {
      id: 'why',
      title: 'Why nothing was granted',
      text: [
        'When an endpoint uses a system-assigned identity, Azure ML itself gives it AcrPull on the workspace registry. A user-assigned identity gets nothing automatically.',
        'Someone has to grant AcrPull before the deployment is created, or the image never arrives and the deployment fails.',
      ],
      sources: [source('S2')],
      highlight: { paths: [pullPath], findings: [{ rule: 'AML-EPI-002', subject: registry }] },
    },
    assignRoleStep(
      { principal: identity, role: ROLES.acrPull, scope: registry },
      pathStatusIn(
        pullPath,
        ['granted', 'automatic'],
        'grant id-ep-credit-scoring the AcrPull role on crlendingml',
      ),
      {
        id: 'grant-acrpull',
        title: 'Your turn: grant AcrPull',
        text: [
          'The finding already knows the fix. In the Findings panel, open “Endpoint identity cannot pull the image or read the model” about crlendingml and press Try this fix: it adds AcrPull for id-ep-credit-scoring on crlendingml as a what-if, which undo takes back.',
          'To do it by hand instead, select id-ep-credit-scoring and use the inspector’s “What if… a role were assigned” form with AcrPull on crlendingml.',
        ],
        sources: [source('S14')],
      },
    ),
    {
      id: 'what-is-left',
      title: 'The pull works; two gaps remain',
      text: [
        'The image path is granted now. The same identity still cannot read its model from stlendingml or the secret injected from kv-proseware-bureau: the Findings panel lists each with the role to add.',
      ],
      sources: [source('S2'), source('S9')],
      highlight: {
        findings: [
          { rule: 'AML-EPI-002', subject: ref('storageAccount', 'stlendingml') },
          { rule: 'AML-SEC-001', subject: ref('keyVault', 'kv-proseware-bureau') },
        ],
      },
    },
  ],
};
