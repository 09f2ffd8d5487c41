import { describe, expect, it } from 'vitest';
import { analyzeYaml, baseEstateYaml } from '../testing/fixtures';

describe('workspace dependency path titles', () => {
  it('read as English for the workspace itself and for each dependency', () => {
    const titles = analyzeYaml(baseEstateYaml())
      .paths.filter((p) => p.kind === 'workspace-dependency')
      .map((p) => p.title);
    expect(titles).toContain('ws-ml reaches itself (the workspace)');
    expect(titles).toContain('ws-ml reaches its storage account');
    expect(titles.filter((t) => t.includes('its the'))).toEqual([]);
  });
});
