import { afterAll, describe, expect, it, vi } from 'vitest';
import { analyze } from '../../engine/analysis/analyze';
import { answerLoad } from './load-answer';
import type { LoadRequest, LoadResponse } from './load-protocol';
import { parseInputs } from './read-inputs';
import starterYaml from '../../../public/samples/starter.yaml?raw';

// A stand-in for the loading worker: the real worker's code (answerLoad), with every message copied the way
// postMessage copies it, and a log of what crossed.
const crossed: LoadResponse[] = [];
class FakeWorker extends EventTarget {
  postMessage(request: LoadRequest) {
    setTimeout(() =>
      answerLoad(structuredClone(request), (response) => {
        crossed.push(response);
        const event = new MessageEvent('message', { data: structuredClone(response) });
        this.dispatchEvent(event);
      }),
    );
  }
  terminate() {}
}
vi.stubGlobal('Worker', FakeWorker);
afterAll(() => vi.unstubAllGlobals());

const starter = { file: 'starter.yaml', text: starterYaml };

describe('parseInputs through the loading worker', () => {
  it('receives the analysis in parts and puts it back together whole', async () => {
    crossed.length = 0;
    const stages: string[] = [];
    const parsed = await parseInputs([starter], (stage) => stages.push(stage));
    expect(stages).toEqual(['parsing', 'analysing']);
    const parts = crossed.filter((message) => message.stage === 'analysis');
    // head, paths, findings, done at least: never the analysis as one message.
    expect(parts.length).toBeGreaterThanOrEqual(4);
    expect(crossed.some((message) => message.stage === 'done' && 'analysis' in message)).toBe(false);
    expect(parsed.analysis).toEqual(analyze(parsed.result.estate!));
  });

  it('sends no analysis for input that does not open', async () => {
    crossed.length = 0;
    const parsed = await parseInputs([{ file: 'broken.yaml', text: 'kind: [unclosed' }], () => {});
    expect(parsed.result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(parsed.analysis).toBeUndefined();
    expect(crossed.filter((message) => message.stage === 'analysis')).toHaveLength(0);
  });
});
