import { expect } from 'vitest';
import { readInputs } from '../io/inputs';
import type { Estate } from '../model/types';

/**
 * Reads a template with its parameters file, as the CLI and the app read the two dropped together, and fails the
 * test on any error: the rule tests built on a (changed) copy of a quickstart want its estate, not its diagnostics.
 */
export function readTemplateWithParameters(template: unknown, parameters: Record<string, unknown>): Estate {
  const parametersFile = {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
    contentVersion: '1.0.0.0',
    parameters: Object.fromEntries(Object.entries(parameters).map(([name, value]) => [name, { value }])),
  };
  const { estate, diagnostics } = readInputs([
    { file: 'azuredeploy.json', text: JSON.stringify(template) },
    { file: 'azuredeploy.parameters.json', text: JSON.stringify(parametersFile) },
  ]);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return estate as Estate;
}
