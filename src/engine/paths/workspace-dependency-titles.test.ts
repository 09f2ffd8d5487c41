import { describe, expect, it } from 'vitest';
import { analyze } from '../analysis/analyze';
import { baseEstateYaml, estateFromYaml } from '../testing/estates';

describe('workspace dependency path titles', () => {
  it('read as English for the workspace itself and for each dependency', () => {
    const titles = analyze(estateFromYaml(baseEstateYaml()))
      .paths.filter((p) => p.kind === 'workspace-dependency')
      .map((p) => p.title);
    expect(titles).toContain('ws-ml reaches itself (the workspace)');
    expect(titles).toContain('ws-ml reaches its storage account');
    expect(titles.filter((t) => t.includes('its the'))).toEqual([]);
  });
});
