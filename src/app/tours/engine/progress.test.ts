import { describe, expect, it } from 'vitest';
import {
  loadTourProgress,
  parseTourProgress,
  saveTourProgress,
  serializeTourProgress,
  TOUR_PROGRESS_KEY,
  type ProgressStorage,
} from './progress';

const entry = { stepId: 'grant-acrpull', completed: false, updatedAt: '2026-01-02T03:04:05.000Z' };

function memory(initial: Record<string, string> = {}): ProgressStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('tour progress storage', () => {
  it('round-trips through a versioned record under its own key', () => {
    const storage = memory();
    expect(saveTourProgress(storage, { 'endpoint-image-pull': entry })).toBe(true);
    expect(JSON.parse(storage.data.get(TOUR_PROGRESS_KEY)!)).toMatchObject({ version: 1 });
    expect(loadTourProgress(storage)).toEqual({ 'endpoint-image-pull': entry });
  });
  it('reads nothing from garbage, another version or a missing key', () => {
    expect(parseTourProgress(null)).toEqual({});
    expect(parseTourProgress('{not json')).toEqual({});
    expect(parseTourProgress(JSON.stringify({ version: 2, tours: { a: entry } }))).toEqual({});
    expect(parseTourProgress(JSON.stringify({ version: 1, tours: 'x' }))).toEqual({});
  });
  it('drops malformed entries and keeps the good ones', () => {
    const text = JSON.stringify({ version: 1, tours: { good: entry, bad: { stepId: 3 }, worse: null } });
    expect(parseTourProgress(text)).toEqual({ good: entry });
  });
  it('survives a storage that throws', () => {
    const broken: ProgressStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('full');
      },
    };
    expect(loadTourProgress(broken)).toEqual({});
    expect(saveTourProgress(broken, { a: entry })).toBe(false);
    expect(saveTourProgress(undefined, { a: entry })).toBe(false);
    expect(serializeTourProgress({})).toBe('{"version":1,"tours":{}}');
  });
});
