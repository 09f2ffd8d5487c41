import { findingGone } from '../engine/conditions';
import { pathRef, ref } from '../engine/refs';
import type { Tour } from '../engine/types';
import { ROLES, assignRoleStep, openPathStep, selectEntityStep, source } from './shared';

const workspace = ref('workspace', 'mlw-support-ai');
const summary = ref('onlineEndpoint', 'ep-ticket-summary');
const routing = ref('onlineEndpoint', 'ep-ticket-routing');
const router = ref('onlineDeployment', 'router-v2');
const connection = ref('connection', 'aoai-support');
const sam = ref('user', 'sam.patel');
const secretPath = pathRef('deployment-connection-secret', router, connection);

export const secretInjectionTour: Tour = {
  id: 'secret-injection',
  title: 'Secret injection and the enforce flag',
  summary:
    'Deployments can receive connection secrets as environment variables. With the enforce flag on, the person creating the endpoint must be able to read those secrets; see what happens when they cannot.',
  sample: 'endpoint-enforce-secrets',
  steps: [
    {
      id: 'overview',
      title: 'Secrets handed to a deployment',
      text: [
        'A deployment can name a workspace connection in its environment variables, and the endpoint’s identity fetches the secret when the container starts.',
        'Both endpoints here run on system-assigned identities with “enforce access to default secret stores” turned on.',
      ],
      sources: [source('S9')],
      highlight: { entities: [summary, routing, connection] },
    },
    selectEntityStep(routing, {
      id: 'select-endpoint',
      title: 'Look at the routing endpoint',
      text: [
        'Select ep-ticket-routing. Its deployment router-v2 injects the aoai-support connection twice, as an endpoint address and as a key.',
      ],
    }),
    openPathStep(secretPath, {
      id: 'open-secret-path',
      title: 'Open the secret path',
      text: [
        'Open a path from router-v2 to aoai-support. Unlike the summary endpoint’s, it is missing its grant.',
      ],
    }),
    {
      id: 'enforce-flag',
      title: 'What the flag checks',
      text: [
        'With the flag on, Azure ML gives the endpoint’s system identity the right to read connection secrets only if the person creating the endpoint can read them too. Otherwise the endpoint and each deployment are refused.',
        'sam.patel created ep-ticket-routing and cannot read them.',
      ],
      sources: [source('S2'), source('S9')],
      highlight: { entities: [sam, routing], findings: [{ rule: 'AML-SEC-004', subject: sam }] },
    },
    assignRoleStep(
      { principal: sam, role: ROLES.connectionSecretsReader, scope: workspace },
      findingGone(
        { rule: 'AML-SEC-004', subject: sam },
        'give sam.patel the Workspace Connection Secrets Reader role on mlw-support-ai',
      ),
      {
        id: 'grant-reader',
        title: 'Your turn: let the creator read secrets',
        text: [
          'Select sam.patel and assign Azure Machine Learning Workspace Connection Secrets Reader on mlw-support-ai.',
        ],
        sources: [source('S9')],
      },
    ),
    {
      id: 'without-flag',
      title: 'And without the flag',
      text: [
        'Now the creator passes the check and the identity gets its grant. Without the flag, or with a user-assigned identity, nobody is checked and nothing is granted: give the endpoint identity the role yourself.',
      ],
      sources: [source('S2')],
      highlight: { paths: [secretPath] },
    },
  ],
};
