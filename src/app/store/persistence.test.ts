import { describe, expect, it } from 'vitest';
import { setResourceIdentity, setStorageAccess } from '../../engine/edits';
import type { Estate } from '../../engine/model/types';
import { starterEstate } from '../testing/estates';
import {
  describeForExport,
  isQuotaError,
  KEPT_ASIDE_PREFIX,
  keptAsideEntries,
  OTHER_TAB_PREFIX,
  loadSession,
  memoryStorage,
  parseSession,
  PERSISTED_HISTORY,
  saveSession,
  SESSION_FORMAT,
  SESSION_KEY,
  sessionFrom,
  type KeyValueStorage,
} from './persistence';

const estate = starterEstate();
const storage0 = estate.storageAccounts[0]!.id;

function history(steps: number): { estates: Estate[]; past: { estate: Estate; label: string }[] } {
  const estates: Estate[] = [estate];
  for (let i = 0; i < steps; i += 1)
    estates.push(setStorageAccess(estates[i]!, { storageAccount: storage0, allowSharedKeyAccess: i % 2 === 0 }));
  return { estates, past: estates.slice(0, -1).map((e, i) => ({ estate: e, label: `step ${i + 1}` })) };
}

function quotaError(): Error {
  const error = new Error('The quota has been exceeded.');
  error.name = 'QuotaExceededError';
  return error;
}

/** Storage that refuses any record holding more than `maxSteps` history steps, as a full disk would. */
function cramped(maxSteps: number): KeyValueStorage & { data: Map<string, unknown> } {
  const inner = memoryStorage();
  return {
    ...inner,
    set: async (key, value) => {
      const record = value as { past?: unknown[]; future?: unknown[] };
      if ((record.past?.length ?? 0) + (record.future?.length ?? 0) > maxSteps) throw quotaError();
      await inner.set(key, value);
    },
  };
}

describe('session persistence', () => {
  it('round-trips the estate, its history and the view, keeping shared objects shared', async () => {
    const storage = memoryStorage();
    const { estates, past } = history(3);
    const current = estates.at(-1)!;
    const session = sessionFrom({
      estate: current,
      baseline: estate,
      origin: { kind: 'sample', sampleId: 'starter', file: 'starter.yaml' },
      past,
      future: [],
      view: { focusMode: true, selection: { kind: 'entity', id: storage0 }, collapsed: ['a', 'b'], panelTab: 'paths' },
    });
    expect(await saveSession(storage, session)).toEqual({ kind: 'saved', historyKept: 3 });
    const loaded = await loadSession(storage);
    expect(loaded.kind).toBe('restored');
    if (loaded.kind !== 'restored') return;
    expect(loaded.session).toEqual(session);
    expect(loaded.session.view.selection).toEqual({ kind: 'entity', id: storage0 });
    // Structured clones keep one copy of what the steps share: the saved steps still share their collections.
    expect(loaded.session.past[1]!.estate.workspaces).toBe(loaded.session.past[0]!.estate.workspaces);
    expect(loaded.session.estate.roleAssignments).toBe(loaded.session.past[0]!.estate.roleAssignments);
  });

  it('keeps at least the last 100 steps of history', () => {
    const { estates, past } = history(PERSISTED_HISTORY + 20);
    const session = sessionFrom({ estate: estates.at(-1)!, past, future: [], view: { focusMode: false } });
    expect(session.past).toHaveLength(PERSISTED_HISTORY);
    expect(session.past.at(-1)!.label).toBe(past.at(-1)!.label);
  });

  it('reports an empty storage as empty', async () => {
    expect(await loadSession(memoryStorage())).toEqual({ kind: 'empty' });
  });

  it('keeps an unreadable record aside under another key, never deleting it', async () => {
    const garbage = { format: SESSION_FORMAT, version: 1, estate: 'not an estate', past: [], future: [], view: {} };
    const storage = memoryStorage([[SESSION_KEY, garbage]]);
    const loaded = await loadSession(storage, () => new Date('2025-01-02T03:04:05Z'));
    expect(loaded).toEqual({ kind: 'kept-aside', key: 'unreadable-session:2025-01-02T03:04:05.000Z', reason: 'its estate is unreadable: it is not an object' });
    expect(storage.data.has(SESSION_KEY)).toBe(false);
    expect(storage.data.get('unreadable-session:2025-01-02T03:04:05.000Z')).toEqual(garbage);
    expect((await keptAsideEntries(storage)).map((entry) => entry.key)).toEqual(['unreadable-session:2025-01-02T03:04:05.000Z']);
    expect(describeForExport(garbage)).toContain('not an estate');
  });

  it.each([
    ['a string', 'hello', 'the saved record is not an object'],
    ['another format', { format: 'x' }, 'the saved record is not a saved session of this app'],
    ['a newer version', { format: SESSION_FORMAT, version: 99 }, 'it was saved by a newer version of this app (format 99; this one reads up to 1)'],
    ['a broken history', { format: SESSION_FORMAT, version: 1, estate: starterEstate(), past: [{ label: 'x', estate: {} }], future: [], view: {} }, 'the estate of step 1 of its undo history is unreadable: its version is undefined, not 1'],
    ['a collection that is not a list', { format: SESSION_FORMAT, version: 1, estate: { ...starterEstate(), jobs: {} }, past: [], future: [], view: {} }, 'its estate is unreadable: its jobs is not a list'],
  ])('rejects %s with a reason', (_name, raw, reason) => {
    expect(parseSession(raw)).toEqual({ ok: false, reason });
  });

  it('keeps a record from a newer version of the app aside and says why, rather than wiping it', async () => {
    const future = { format: SESSION_FORMAT, version: 2, estate, past: [], future: [], view: { focusMode: false }, somethingNew: [1, 2] };
    const storage = memoryStorage([[SESSION_KEY, future]]);
    const loaded = await loadSession(storage, () => new Date('2025-05-06T07:08:09Z'));
    expect(loaded).toEqual({
      kind: 'kept-aside',
      key: 'unreadable-session:2025-05-06T07:08:09.000Z',
      reason: 'it was saved by a newer version of this app (format 2; this one reads up to 1)',
    });
    expect(storage.data.get('unreadable-session:2025-05-06T07:08:09.000Z')).toEqual(future);
  });

  it('reads a record of the current version without migrating it', async () => {
    const session = sessionFrom({ estate, past: [], future: [], view: { focusMode: false } });
    expect(parseSession(session)).toEqual({ ok: true, session });
  });

  it('lifts a record saved by the previous version through the migration hook, one version at a time', async () => {
    // What a version 1 record looks like to a version 3 app whose migrations renamed `past`, then added `view`.
    const v1 = { format: SESSION_FORMAT, version: 1, savedAt: 'then', estate, undo: [{ estate, label: 'first' }], future: [] };
    const migrations = {
      1: (record: Record<string, unknown>) => {
        const { undo, ...rest } = record;
        return { ...rest, version: 2, past: undo };
      },
      2: (record: Record<string, unknown>) => ({ ...record, version: 3, view: { focusMode: false } }),
    };
    const parsed = parseSession(v1, { version: 3, migrations });
    expect(parsed).toMatchObject({ ok: true, migratedFrom: 1, session: { version: 3, past: [{ label: 'first' }], view: { focusMode: false } } });
    // A migration that throws leaves the record unread (so it is kept aside), with the reason.
    expect(parseSession(v1, { version: 2, migrations: { 1: () => { throw new Error('bad shape'); } } })).toEqual({
      ok: false,
      reason: 'it could not be brought up to date: bad shape',
    });
  });

  it('runs migrations from older versions through the hook', () => {
    const old = { format: SESSION_FORMAT, version: 1, state: { estate, history: [] }, view: {} };
    const parsed = parseSession(old, {
      version: 2,
      migrations: { 1: (record) => ({ ...record, version: 2, estate: (record.state as { estate: Estate }).estate, past: [], future: [] }) },
    });
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.migratedFrom).toBe(1);
      expect(parsed.session.estate).toBe(estate);
    }
    expect(parseSession({ ...old, version: 1 }, { version: 3, migrations: {} })).toEqual({ ok: false, reason: 'there is no way to read format 1' });
  });

  it('when storage is full, saves with less history before giving up, and never throws', async () => {
    const { estates, past } = history(30);
    const session = sessionFrom({ estate: estates.at(-1)!, past, future: [], view: { focusMode: false } });
    const someRoom = cramped(10);
    expect(await saveSession(someRoom, session)).toEqual({ kind: 'saved-trimmed', historyKept: 10, historyDropped: 20 });
    expect((someRoom.data.get(SESSION_KEY) as { past: unknown[] }).past).toHaveLength(10);

    const noRoom = memoryStorage();
    noRoom.set = async () => {
      throw quotaError();
    };
    const outcome = await saveSession(noRoom, session);
    expect(outcome.kind).toBe('quota');
    expect(session.past).toHaveLength(30);
  });

  it('recognises quota errors as browsers spell them', () => {
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError({ code: 22 })).toBe(true);
    expect(isQuotaError(new Error('other'))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });

  it('reports other storage failures without throwing', async () => {
    const broken = memoryStorage();
    broken.set = async () => {
      throw new Error('disk on fire');
    };
    broken.get = async () => {
      throw new Error('no database');
    };
    const session = sessionFrom({ estate: setResourceIdentity(estate, { resource: estate.computes[0]!.id, system: true, userAssigned: [] }), past: [], future: [], view: { focusMode: false } });
    expect(await saveSession(broken, session)).toEqual({ kind: 'failed', message: 'disk on fire' });
    expect(await loadSession(broken)).toEqual({ kind: 'unavailable', reason: 'no database' });
  });

  it('lists everything kept aside, unreadable or another tab’s, newest first, and nothing else', async () => {
    const storage = memoryStorage([
      [SESSION_KEY, { savedAt: '2025-03-01T00:00:00.000Z' }],
      [`${KEPT_ASIDE_PREFIX}2025-01-02T03:04:05.000Z`, 'garbage'],
      [`${OTHER_TAB_PREFIX}ab12`, { savedAt: '2025-02-01T00:00:00.000Z', estate: {} }],
      [`${OTHER_TAB_PREFIX}cd34`, 'not a record'],
      ['something-else', 1],
    ]);
    expect(await keptAsideEntries(storage)).toEqual([
      { key: `${OTHER_TAB_PREFIX}ab12`, kind: 'other-tab', savedAt: '2025-02-01T00:00:00.000Z' },
      { key: `${KEPT_ASIDE_PREFIX}2025-01-02T03:04:05.000Z`, kind: 'unreadable', savedAt: '2025-01-02T03:04:05.000Z' },
      { key: `${OTHER_TAB_PREFIX}cd34`, kind: 'other-tab', savedAt: undefined },
    ]);
    expect(await keptAsideEntries(memoryStorage([[SESSION_KEY, {}]]))).toEqual([]);
  });
});
