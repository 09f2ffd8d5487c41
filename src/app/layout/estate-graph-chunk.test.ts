import { describe, expect, it } from 'vitest';
import { loadedEstateGraph, loadEstateGraph } from './estate-graph-chunk';

describe('the graph chunk', () => {
  it('is not there until fetched, then is the module the graph renders, fetched once', async () => {
    expect(loadedEstateGraph()).toBeUndefined();
    const first = loadEstateGraph();
    expect(loadEstateGraph()).toBe(first);
    const module = await first;
    expect(typeof module.EstateGraph).toBe('function');
    expect(loadedEstateGraph()).toBe(module);
  });
});
