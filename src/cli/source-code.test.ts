import { describe, expect, it } from 'vitest';
import { memoryIo } from './testing/io';
import { run } from './run';

/** Bicep and Terraform source given to the CLI: exit 2 and one located line naming the command to run. */

const BICEP = `param location string = resourceGroup().location

resource ws 'Microsoft.MachineLearningServices/workspaces@2024-04-01' = {
  name: 'ws'
  location: location
}
`;
const HCL = `resource "azurerm_machine_learning_workspace" "ws" {
  name = "ws"
}
`;

describe('the CLI on Bicep and Terraform source', () => {
  it('exits 2 from the CLI with the one located line', async () => {
    for (const [file, text, command] of [
      ['main.bicep', BICEP, 'az bicep build'],
      ['main.tf', HCL, 'terraform show -json'],
    ] as const) {
      const m = memoryIo({ [file]: text });
      expect(await run(['validate', file], m.io)).toBe(2);
      const lines = m.stderr().trim().split('\n');
      expect(lines.filter((l) => l.includes(command))).toHaveLength(1);
      expect(lines.find((l) => l.includes(command))).toMatch(
        new RegExp(`^${file.replace('.', '\\.')}:\\d+:\\d+`),
      );
    }
  });
});
