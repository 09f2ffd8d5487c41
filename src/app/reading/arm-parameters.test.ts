import { describe, expect, it } from 'vitest';
import { collectChosenFolder } from './dropped-files';
import { parseInputs, readFilesAsInputs } from './read-inputs';

// A quickstart folder opened in the app (machine-learning-private-ip: azuredeploy.json and its
// azuredeploy.parameters.json, cut to the workspace): the parameters file pairs with its template by name.
const template = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { workspaceName: { type: 'string' } },
  resources: [
    {
      type: 'Microsoft.MachineLearningServices/workspaces',
      apiVersion: '2024-04-01',
      name: "[parameters('workspaceName')]",
      identity: { type: 'SystemAssigned' },
      properties: {},
    },
  ],
});
const parameters = JSON.stringify({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#',
  contentVersion: '1.0.0.0',
  parameters: { workspaceName: { value: 'mlw-private' } },
});

/** A file as a folder chooser gives it: its name, and its path inside the chosen folder. */
function chosen(path: string, text: string): File {
  const file = new File([text], path.split('/').pop() ?? path);
  Object.defineProperty(file, 'webkitRelativePath', { value: path });
  return file;
}

describe('an ARM parameters file opened with its template in the app', () => {
  it('pairs by name within the folder and gives the template its values', async () => {
    const collected = collectChosenFolder([
      chosen('private-ip/azuredeploy.parameters.json', parameters),
      chosen('private-ip/azuredeploy.json', template),
    ]);
    const { inputs } = await readFilesAsInputs(collected.files, () => {});
    const { result } = await parseInputs(inputs, () => {});
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.estate?.workspaces.map((w) => w.name)).toEqual(['mlw-private']);
  });

  it('alone, says its template is missing in one located line', async () => {
    const collected = collectChosenFolder([chosen('private-ip/azuredeploy.parameters.json', parameters)]);
    const { inputs } = await readFilesAsInputs(collected.files, () => {});
    const { result } = await parseInputs(inputs, () => {});
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({ severity: 'error', file: 'private-ip/azuredeploy.parameters.json', line: 1 });
    expect(result.diagnostics[0]?.message).toContain('its template `private-ip/azuredeploy.json` is not among the inputs');
  });
});
