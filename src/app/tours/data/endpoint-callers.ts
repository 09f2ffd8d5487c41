import { pathStatusIn } from '../engine/conditions';
import { pathRef, ref } from '../engine/refs';
import type { Tour } from '../engine/types';
import { ROLES, assignRoleStep, findingStep, openPathStep, selectEntityStep, source } from './shared';

const endpoint = ref('onlineEndpoint', 'ep-pricing');
const edgeEndpoint = ref('onlineEndpoint', 'ep-pricing-edge');
const portal = ref('servicePrincipal', 'sp-partner-portal');
const api = ref('servicePrincipal', 'sp-pricing-api');
const emma = ref('user', 'emma.johansson');
const portalCall = pathRef('endpoint-invoke', portal, endpoint);

export const endpointCallersTour: Tour = {
  id: 'endpoint-callers',
  title: 'Calling and managing an online endpoint',
  summary:
    'Calling an endpoint and managing it are separate permissions. Find a caller that cannot score, grant it, and meet the two traps: Entra tokens on Kubernetes and the studio’s extra permission.',
  sample: 'kubernetes-endpoint-callers',
  steps: [
    {
      id: 'overview',
      title: 'Two different permissions',
      text: [
        'With Entra token authentication, whoever calls an endpoint needs the score action on it. Creating, updating or deleting the endpoint needs other actions entirely.',
        'The map draws both kinds of path for every principal that touches ep-pricing.',
      ],
      sources: [source('S2')],
      highlight: { entities: [endpoint, portal, api] },
    },
    selectEntityStep(endpoint, {
      id: 'select-endpoint',
      title: 'Look at the endpoint',
      text: ['Select ep-pricing. The inspector lists the paths through it: who calls it and who manages it.'],
    }),
    openPathStep(portalCall, {
      id: 'open-denied-call',
      title: 'A caller that cannot score',
      text: [
        'Open the path from sp-partner-portal to ep-pricing. The portal is declared as a caller but holds no role that carries the score action.',
      ],
    }),
    assignRoleStep(
      { principal: portal, role: ROLES.azureMlDataScientist, scope: endpoint },
      pathStatusIn(
        portalCall,
        ['granted'],
        'give sp-partner-portal a role with the score action on ep-pricing',
      ),
      {
        id: 'grant-score',
        title: 'Your turn: let it call',
        text: [
          'Select sp-partner-portal and assign it AzureML Data Scientist on ep-pricing. That role includes the score action; a custom role holding only that action would be narrower still.',
        ],
        sources: [source('S2'), source('S14')],
      },
    ),
    findingStep('AML-EPD-001', edgeEndpoint, {
      id: 'kubernetes',
      title: 'Entra tokens stop at Kubernetes',
      text: [
        'ep-pricing-edge runs on Kubernetes compute but asks for Entra token authentication. Kubernetes endpoints accept keys or Azure ML tokens only, so every call path to it is unsupported, whatever roles the callers hold.',
      ],
      sources: [source('S2')],
    }),
    findingStep('AML-EPC-002', emma, {
      id: 'studio-operators',
      title: 'Managing from the studio needs a bit more',
      text: [
        'emma.johansson may create and update ep-pricing from the command line. The studio deploys through resource group deployments, which needs permissions her role lacks.',
      ],
      sources: [source('S2')],
    }),
  ],
};
