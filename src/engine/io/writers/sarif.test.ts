import { describe, expect, it } from 'vitest';
import starter from '../../../../public/samples/starter.yaml?raw';
import { analyze } from '../../analysis/analyze';
import { RULES } from '../../rules/all-rules';
import { estateFromYaml } from '../../testing/fixtures';
import { uriReference, writeSarif } from './sarif';

describe('writeSarif', () => {
  it('writes file locations as URI references, relative or file:', () => {
    expect(uriReference('estates/starter.yaml')).toBe('estates/starter.yaml');
    expect(uriReference('my estate.yaml')).toBe('my%20estate.yaml');
    expect(uriReference('/tmp/a b/e.yaml')).toBe('file:///tmp/a%20b/e.yaml');
    expect(uriReference('C:\\estates\\e.yaml')).toBe('file:///C:/estates/e.yaml');
    expect(uriReference('https://example.com/e.yaml')).toBe('https://example.com/e.yaml');
  });

  it('locates each result at the file and line of its first subject', () => {
    const estate = estateFromYaml(starter, '/work/estates/starter.yaml');
    const log = JSON.parse(writeSarif(analyze(estate), estate, RULES));
    const acr = log.runs[0].results.find((r: { ruleId: string }) => r.ruleId === 'AML-ACR-004');
    expect(acr.locations[0].physicalLocation.artifactLocation.uri).toBe('file:///work/estates/starter.yaml');
    expect(acr.locations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(log.runs[0].tool.driver.rules[acr.ruleIndex].id).toBe('AML-ACR-004');
  });
});
