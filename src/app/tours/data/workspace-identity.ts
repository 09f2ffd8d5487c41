import { findingGone } from '../engine/conditions';
import { pathRef, ref } from '../engine/refs';
import type { Tour } from '../engine/types';
import { ROLES, assignRoleStep, findingStep, openPathStep, selectEntityStep, source } from './shared';

const workspace = ref('workspace', 'mlw-credit-risk');
const primary = ref('userAssignedIdentity', 'id-mlw-risk');
const appInsights = ref('applicationInsights', 'appi-credit-risk-ml');
const serverless = ref('userAssignedIdentity', 'id-risk-serverless');
const dependency = (target: ReturnType<typeof ref>) => pathRef('workspace-dependency', workspace, target);
const appInsightsPath = dependency(appInsights);

export const workspaceIdentityTour: Tour = {
  id: 'workspace-identity',
  title: 'System versus user-assigned identity for a workspace',
  summary:
    'Who creates the workspace’s role assignments depends on its identity type. Walk a workspace on user-assigned identities, fix the grant someone forgot, and spot the update that would detach an identity.',
  sample: 'workspace-user-assigned',
  steps: [
    {
      id: 'overview',
      title: 'Who hands out the roles',
      text: [
        'A workspace reaches its storage, key vault, registry and Application Insights as a managed identity. With a system-assigned identity Azure ML creates those role assignments itself.',
        'With user-assigned identities, as mlw-credit-risk has, that job is yours.',
      ],
      sources: [source('S1')],
      highlight: { entities: [workspace, primary] },
    },
    selectEntityStep(workspace, {
      id: 'select-workspace',
      title: 'Look at the workspace',
      text: [
        'Select mlw-credit-risk. The inspector’s Managed identity section lists its user-assigned identities and marks the primary one, the identity it uses for its dependencies.',
      ],
    }),
    {
      id: 'required-grants',
      title: 'What the primary identity needs',
      text: [
        'The primary identity needs Contributor on the workspace, its storage account, its registry and its Application Insights, and on the key vault as well (with Key Vault Administrator or a full access policy).',
        'Four of the five dependency paths here are granted. One is not.',
      ],
      sources: [source('S1'), source('S22')],
      highlight: {
        paths: [
          dependency(ref('storageAccount', 'stcreditriskml')),
          dependency(ref('keyVault', 'kv-credit-risk-ml')),
          dependency(ref('containerRegistry', 'crcreditriskml')),
          appInsightsPath,
        ],
      },
    },
    openPathStep(appInsightsPath, {
      id: 'open-missing',
      title: 'Find the forgotten one',
      text: [
        'Open the path from mlw-credit-risk to appi-credit-risk-ml: id-mlw-risk holds no role on the Application Insights component.',
      ],
    }),
    assignRoleStep(
      { principal: primary, role: ROLES.contributor, scope: appInsights },
      findingGone(
        { rule: 'AML-WS-003', subject: appInsights },
        'give id-mlw-risk the Contributor role on appi-credit-risk-ml',
      ),
      {
        id: 'grant-contributor',
        title: 'Your turn: add the grant',
        text: [
          'Select id-mlw-risk and use “What if… a role were assigned” to give it Contributor on appi-credit-risk-ml. The finding about the missing grant goes away when it is in place.',
        ],
        sources: [source('S1')],
      },
    ),
    findingStep('AML-WS-006', serverless, {
      id: 'risky-update',
      title: 'One more trap: updates replace the list',
      text: [
        'An identity list in a workspace update is the whole new list: any user-assigned identity left out is detached. The update planned here leaves out id-risk-serverless, which a training job still runs as.',
      ],
      sources: [source('S1')],
    }),
  ],
};
