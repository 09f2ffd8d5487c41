import { describe, expect, it } from 'vitest';
import template from './arm/fixtures/workspace-uai.template.json';
import workspaceShow from './azcli/fixtures/workspace-show.json';
import terraformPlan from './terraform/fixtures/plan.json';
import { parseDeploymentTarget } from './deployment-target';
import { readInputs } from './inputs';

// A compiled Bicep template (its workspace and storage named by parameter defaults) says nothing of where it is deployed.
const TEMPLATE = JSON.stringify(template, null, 2);
const SUBSCRIPTION = '11111111-2222-3333-4444-555555555555';

describe('parseDeploymentTarget', () => {
  it('reads a resource group id or a subscription id as written', () => {
    expect(parseDeploymentTarget(` /SUBSCRIPTIONS/${SUBSCRIPTION}/resourcegroups/RG-ML/ `)).toEqual({ subscriptionId: SUBSCRIPTION, resourceGroup: 'RG-ML' });
    expect(parseDeploymentTarget(`/subscriptions/${SUBSCRIPTION}`)).toEqual({ subscriptionId: SUBSCRIPTION });
  });

  it('gives nothing for a name, a resource id, or a subscription that is not a GUID', () => {
    for (const text of ['rg-ml', '', `/subscriptions/${SUBSCRIPTION}/resourceGroups/`, `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg/providers/x/y/z`, '/subscriptions/prod/resourceGroups/rg', `subscriptions/${SUBSCRIPTION}`])
      expect(parseDeploymentTarget(text), text).toBeUndefined();
  });
});

describe('readInputs: undeployedTemplates', () => {
  const inputs = [
    { file: 'azuredeploy.json', text: TEMPLATE },
    { file: 'workspace.json', text: JSON.stringify(workspaceShow) },
  ];

  it('names the templates read without a full target, and no other file', () => {
    expect(readInputs(inputs).undeployedTemplates).toEqual(['azuredeploy.json']);
    const onlySubscription = inputs.map((input) => ({ ...input, deployment: { subscriptionId: SUBSCRIPTION } }));
    expect(readInputs(onlySubscription).undeployedTemplates).toEqual(['azuredeploy.json']);
  });

  it('is absent once the templates are given where they are deployed, and their resources are placed there', () => {
    const placed = readInputs(inputs.map((input) => ({ ...input, deployment: { subscriptionId: SUBSCRIPTION, resourceGroup: 'rg-ml' } })));
    expect(placed.undeployedTemplates).toBeUndefined();
    expect(placed.estate?.storageAccounts.map((s) => s.armId)).toContain(
      `/subscriptions/${SUBSCRIPTION}/resourceGroups/rg-ml/providers/Microsoft.Storage/storageAccounts/stdesign`,
    );
  });
});

describe('readInputs: a Terraform plan with no subscription', () => {
  // `terraform show -json` of a plan whose provider takes its subscription from the environment (ARM_SUBSCRIPTION_ID).
  const plan = JSON.parse(JSON.stringify(terraformPlan)) as { configuration: { provider_config: { azurerm: { expressions: Record<string, unknown> } } } };
  delete plan.configuration.provider_config.azurerm.expressions.subscription_id;
  const input = { file: 'plan.json', text: JSON.stringify(plan, null, 2) };

  it('is named among the undeployed until its subscription is given', () => {
    expect(readInputs([input]).undeployedTemplates).toEqual(['plan.json']);
    expect(readInputs([{ ...input, deployment: { subscriptionId: SUBSCRIPTION } }]).undeployedTemplates).toBeUndefined();
    expect(readInputs([{ file: 'plan.json', text: JSON.stringify(terraformPlan) }]).undeployedTemplates).toBeUndefined();
  });
});
