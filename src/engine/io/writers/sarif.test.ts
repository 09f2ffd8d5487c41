import { describe, expect, it } from 'vitest';
import starter from '../../../../public/samples/starter.yaml?raw';
import { analyze } from '../../analysis/analyze';
import { RULES } from '../../rules/all-rules';
import { estateFromYaml } from '../../testing/estates';
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

  it('suppresses findings the design review accepted as a risk, with the reason, and no others', () => {
    const estate = estateFromYaml(starter, 'starter.yaml');
    const analysis = analyze(estate);
    const [first, second] = analysis.findings;
    const reviewed = {
      ...estate,
      review: {
        entries: [
          { finding: first!.id, status: 'accepted-risk' as const, reason: 'sandbox only' },
          { finding: second!.id, status: 'fixed' as const },
        ],
      },
    };
    const results = JSON.parse(writeSarif(analysis, reviewed, RULES)).runs[0].results as { partialFingerprints: { findingId: string }; suppressions?: unknown }[];
    const byId = new Map(results.map((r) => [r.partialFingerprints.findingId, r]));
    expect(byId.get(first!.id)?.suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'sandbox only' }]);
    expect(byId.get(second!.id)?.suppressions).toBeUndefined();
    expect(results.filter((r) => r.suppressions !== undefined)).toHaveLength(1);
  });
});
