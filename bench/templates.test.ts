// The template row's own guarantees: the generated template is the size asked for, nests modules, and reads
// without errors into what it declares. No timing is asserted here.
import { describe, expect, it } from 'vitest';
import { readArmTemplate } from '../src/engine/io/arm/template';
import { generatedTemplate } from './templates';

describe('generatedTemplate', () => {
  it('is at least the size asked for, of modules within modules, and reads cleanly into every team stack', () => {
    const text = generatedTemplate(200_000);
    expect(text.length).toBeGreaterThanOrEqual(200_000);
    const teams = (JSON.parse(text) as { resources: unknown[] }).resources.length;
    const result = readArmTemplate(text, 'generated.json', {
      deployment: { subscriptionId: '11111111-2222-3333-4444-555555555555', resourceGroup: 'rg-bench' },
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.estate?.workspaces).toHaveLength(teams);
    // Six computes per team, from the inner module's copy loop.
    expect(result.estate?.computes).toHaveLength(teams * 6);
    expect(result.estate?.roleAssignments).toHaveLength(teams * 9);
  });
});
