import { describe, expect, it, vi } from 'vitest';
import { setStorageAccess } from '../../engine/edits';
import { starterEstate } from '../testing/estates';
import { createAppStore } from './app-store';
import { memoryStorage, OTHER_TAB_PREFIX, SESSION_KEY, type Session } from './persistence';
import { startPersistence, type SavesChannel } from './persistence-session';


const SAMPLE = { kind: 'sample', sampleId: 'starter', file: 'starter.yaml' } as const;

async function editedSession() {
  const storage = memoryStorage();
  const store = createAppStore();
  const handle = await startPersistence(store, storage, { delayMs: 1 });
  const estate = starterEstate();
  store.getState().openEstate(estate, SAMPLE);
  const account = estate.storageAccounts[0]!.id;
  store.getState().applyEdit({ label: 'shared keys off', apply: (e) => setStorageAccess(e, { storageAccount: account, allowSharedKeyAccess: false }) });
  store.getState().select({ kind: 'entity', id: account });
  store.getState().setCollapsed(['x']);
  await handle.flush();
  handle.stop();
  return { storage, estate, account };
}

describe('startPersistence', () => {
  it('saves the working estate, its history and the view, and restores them in a new page', async () => {
    const { storage, estate, account } = await editedSession();
    expect((storage.data.get(SESSION_KEY) as Session).past).toHaveLength(1);

    const store = createAppStore();
    const handle = await startPersistence(store, storage, { linkedSample: 'starter' });
    expect(handle.restored).toBe(true);
    const state = store.getState();
    expect(state.estate?.storageAccounts[0]?.allowSharedKeyAccess).toBe(false);
    expect(state.origin).toEqual(SAMPLE);
    expect(state.past.map((step) => step.label)).toEqual(['shared keys off']);
    expect(state.baseline).toEqual(estate);
    expect(state.selection).toEqual({ kind: 'entity', id: account });
    expect(state.graphCollapsed).toEqual({ documentVersion: state.documentVersion, ids: ['x'] });
    expect(state.persistenceNotice).toMatchObject({ kind: 'restored', edits: 1 });

    // Undo works across the reload, and "reset" goes back to the sample as opened, after asking.
    state.undo();
    expect(store.getState().estate?.storageAccounts[0]?.allowSharedKeyAccess).toBe(true);
    state.redo();
    expect(store.getState().resetToSample(() => false)).toBe(false);
    expect(store.getState().resetToSample(() => true)).toBe(true);
    expect(store.getState().estate).toEqual(estate);
    expect(store.getState().past.at(-1)?.label).toBe('Reset to the sample');
    handle.stop();
  });

  it('lets a link to another sample win only when the saved estate has no edits', async () => {
    const { storage } = await editedSession();
    const store = createAppStore();
    expect((await startPersistence(store, storage, { linkedSample: 'other' })).restored).toBe(true);

    const clean = memoryStorage();
    const first = createAppStore();
    const handle = await startPersistence(first, clean, { delayMs: 1 });
    first.getState().openEstate(starterEstate(), SAMPLE);
    await handle.flush();
    handle.stop();
    const second = createAppStore();
    expect((await startPersistence(second, clean, { linkedSample: 'other' })).restored).toBe(false);
    expect(second.getState().estate).toBeUndefined();
  });

  it('does not replace an estate opened while the saved one was still loading', async () => {
    const { storage } = await editedSession();
    const store = createAppStore();
    const shared = { ...starterEstate(), name: 'opened from a share link' };
    store.getState().openEstate(shared, { kind: 'share-link' });
    const handle = await startPersistence(store, storage, {});
    expect(handle.restored).toBe(false);
    expect(store.getState().estate?.name).toBe('opened from a share link');
    expect(store.getState().past).toEqual([]);
    handle.stop();
  });

  it('keeps a corrupt record aside and says so, leaving the store empty for the sample', async () => {
    const storage = memoryStorage([[SESSION_KEY, { format: 'aml-access-map.session', version: 1, estate: 42 }]]);
    const store = createAppStore();
    const handle = await startPersistence(store, storage);
    expect(handle.restored).toBe(false);
    expect(store.getState().estate).toBeUndefined();
    expect(store.getState().persistenceNotice).toMatchObject({ kind: 'kept-aside', reason: 'its estate is unreadable: it is not an object' });
    const key = (store.getState().persistenceNotice as { key: string }).key;
    expect(storage.data.get(key)).toEqual({ format: 'aml-access-map.session', version: 1, estate: 42 });
    handle.stop();
  });

  it('on a full storage, tells the user and leaves the state in memory alone', async () => {
    const storage = memoryStorage();
    storage.set = async () => {
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    };
    const store = createAppStore();
    const handle = await startPersistence(store, storage, { delayMs: 1 });
    const estate = starterEstate();
    store.getState().openEstate(estate, SAMPLE);
    await handle.flush();
    expect(store.getState().persistenceNotice).toMatchObject({ kind: 'quota' });
    expect(store.getState().estate).toBe(estate);
    handle.stop();
  });

  it('after a full storage, tries again by itself and clears the warning once a save goes through', async () => {
    const storage = memoryStorage();
    const realSet = storage.set;
    let full = true;
    let attempts = 0;
    storage.set = async (key, value) => {
      attempts += 1;
      if (full) throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
      await realSet(key, value);
    };
    const store = createAppStore();
    const handle = await startPersistence(store, storage, { delayMs: 1, retryDelaysMs: [1, 2] });
    const estate = starterEstate();
    store.getState().openEstate(estate, SAMPLE);
    await handle.flush();
    expect(store.getState().persistenceNotice).toMatchObject({ kind: 'quota', message: expect.stringContaining('Export the estate') });
    // No edit is needed for the next attempt: it comes on its own, and keeps coming while storage stays full.
    await vi.waitFor(() => expect(attempts).toBeGreaterThan(6));
    expect(storage.data.has(SESSION_KEY)).toBe(false);
    full = false;
    await vi.waitFor(() => expect(storage.data.has(SESSION_KEY)).toBe(true));
    await handle.flush();
    expect(store.getState().persistenceNotice).toBeUndefined();
    expect((storage.data.get(SESSION_KEY) as Session).estate).toEqual(estate);
    handle.stop();
  });

  it('stops trying again once stopped, and does not retry after a save that worked', async () => {
    const storage = memoryStorage();
    const realSet = storage.set;
    let attempts = 0;
    storage.set = async (key, value) => {
      attempts += 1;
      await realSet(key, value);
    };
    const store = createAppStore();
    const handle = await startPersistence(store, storage, { delayMs: 1, retryDelaysMs: [1] });
    store.getState().openEstate(starterEstate(), SAMPLE);
    await handle.flush();
    expect(attempts).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(attempts).toBe(1);

    storage.set = async () => {
      attempts += 1;
      throw Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    };
    store.getState().applyEdit({ label: 'x', apply: (e) => ({ ...e, name: 'renamed' }) });
    await handle.flush();
    handle.stop();
    const after = attempts;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(attempts).toBe(after);
  });

  it('says so when a save fails for another reason, and clears it once saving works again', async () => {
    const storage = memoryStorage();
    const realSet = storage.set;
    let broken = true;
    storage.set = async (key, value) => {
      if (broken) throw new Error('disk on fire');
      await realSet(key, value);
    };
    const store = createAppStore();
    const handle = await startPersistence(store, storage, { delayMs: 1, retryDelaysMs: [1] });
    store.getState().openEstate(starterEstate(), SAMPLE);
    await handle.flush();
    expect(store.getState().persistenceNotice).toEqual({ kind: 'unavailable', message: 'Saving failed: disk on fire. Your work in this tab is unaffected.' });
    broken = false;
    await vi.waitFor(() => expect(storage.data.has(SESSION_KEY)).toBe(true));
    await handle.flush();
    expect(store.getState().persistenceNotice).toBeUndefined();
    handle.stop();
  });

  it('does not add a save notice of its own to a page without a BroadcastChannel', async () => {
    // Node has BroadcastChannel; a page in a browser without one still saves, only without the news.
    const storage = memoryStorage();
    const store = createAppStore();
    const handle = await startPersistence(store, storage, { delayMs: 1, channel: null });
    store.getState().openEstate(starterEstate(), SAMPLE);
    await handle.flush();
    expect((storage.data.get(SESSION_KEY) as Session).writer).toMatch(/^[0-9a-f]{16}$/);
    handle.stop();
  });
});

/** A pair of connected channels, delivering synchronously, as two tabs' BroadcastChannels would (later). */
function channelPair(): [SavesChannel, SavesChannel] {
  const make = (): SavesChannel & { peer?: SavesChannel } => ({
    onmessage: null,
    postMessage(message) {
      this.peer?.onmessage?.({ data: structuredClone(message) });
    },
    close() {},
  });
  const a = make();
  const b = make();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

const renameEdit = (name: string) => ({ label: `rename to ${name}`, apply: (e: ReturnType<typeof starterEstate>) => ({ ...e, name }) });

/** Two tabs of the app on one storage: A opens the starter and saves it, then B starts and restores it. */
async function twoTabs() {
  const storage = memoryStorage();
  const [channelA, channelB] = channelPair();
  const a = createAppStore();
  const tabA = await startPersistence(a, storage, { delayMs: 1, writer: 'tab-a', channel: channelA });
  a.getState().openEstate(starterEstate(), SAMPLE);
  await tabA.flush();
  const b = createAppStore();
  const tabB = await startPersistence(b, storage, { delayMs: 1, writer: 'tab-b', channel: channelB });
  expect(tabB.restored).toBe(true);
  const stop = () => {
    tabA.stop();
    tabB.stop();
  };
  return { storage, a, b, tabA, tabB, stop };
}

/** Renames the estate in one tab and waits for that tab's save. */
async function renameAndSave(store: ReturnType<typeof createAppStore>, tab: { flush(): Promise<unknown> }, name: string) {
  store.getState().applyEdit(renameEdit(name));
  await tab.flush();
}

describe('two tabs on one saved session', () => {
  it('moves the work another tab saved aside instead of saving over it, and says where it went', async () => {
    const { storage, a, b, tabA, tabB, stop } = await twoTabs();
    await renameAndSave(b, tabB, 'edited in B');
    // A has not seen B's save (its estate is older): its next save must not wipe B's work.
    await renameAndSave(a, tabA, 'edited in A');
    const saved = storage.data.get(SESSION_KEY) as Session;
    expect(saved.estate.name).toBe('edited in A');
    expect(saved.writer).toBe('tab-a');
    const aside = storage.data.get(`${OTHER_TAB_PREFIX}tab-b`) as Session;
    expect(aside.estate.name).toBe('edited in B');
    expect(aside.past.map((step) => step.label)).toEqual(['rename to edited in B']);
    expect(a.getState().persistenceNotice).toMatchObject({ kind: 'other-tab', key: `${OTHER_TAB_PREFIX}tab-b`, savedAt: aside.savedAt });
    stop();
  });

  it('saves over its own record, or one it has read, without keeping anything aside', async () => {
    const { storage, a, b, tabB, stop } = await twoTabs();
    // B restored A's record: saving over it loses nothing.
    await renameAndSave(b, tabB, 'one');
    await renameAndSave(b, tabB, 'two');
    expect([...storage.data.keys()]).toEqual([SESSION_KEY]);
    expect(b.getState().persistenceNotice).toBeUndefined();
    expect(a.getState().persistenceNotice).toMatchObject({ kind: 'changed-elsewhere' });
    stop();
  });

  it('treats a tab that only moved the selection as having changed nothing', async () => {
    const { storage, a, b, tabA, tabB, stop } = await twoTabs();
    b.getState().select({ kind: 'entity', id: b.getState().estate!.storageAccounts[0]!.id });
    await tabB.flush();
    expect((storage.data.get(SESSION_KEY) as Session).writer).toBe('tab-b');
    // Saved, but not announced: A has nothing new to look at.
    expect(a.getState().persistenceNotice).toBeUndefined();
    await renameAndSave(a, tabA, 'edited in A');
    expect([...storage.data.keys()]).toEqual([SESSION_KEY]);
    expect(a.getState().persistenceNotice).toBeUndefined();
    expect(b.getState().persistenceNotice).toMatchObject({ kind: 'changed-elsewhere' });
    stop();
  });

  it('lets a tab whose view alone changed give way to newer work from another tab, until it edits', async () => {
    const { storage, a, b, tabA, tabB, stop } = await twoTabs();
    await renameAndSave(a, tabA, 'edited in A');
    // B only moves its selection: nothing of B's is worth more than A's newer estate, so nothing is written.
    b.getState().select({ kind: 'entity', id: b.getState().estate!.storageAccounts[0]!.id });
    await tabB.flush();
    expect([...storage.data.keys()]).toEqual([SESSION_KEY]);
    expect((storage.data.get(SESSION_KEY) as Session).estate.name).toBe('edited in A');
    expect(b.getState().persistenceNotice).toMatchObject({ kind: 'changed-elsewhere' });
    // A real edit in B is saved, with A's work kept aside.
    await renameAndSave(b, tabB, 'edited in B');
    expect((storage.data.get(SESSION_KEY) as Session).estate.name).toBe('edited in B');
    expect((storage.data.get(`${OTHER_TAB_PREFIX}tab-a`) as Session).estate.name).toBe('edited in A');
    expect(b.getState().persistenceNotice).toMatchObject({ kind: 'other-tab' });
    stop();
  });

  it('tells the other tab about a save, and opening that version there takes it without saving it back', async () => {
    const { storage, a, b, tabA, tabB, stop } = await twoTabs();
    await renameAndSave(b, tabB, 'edited in B');
    const notice = a.getState().persistenceNotice;
    expect(notice).toMatchObject({ kind: 'changed-elsewhere', savedAt: (storage.data.get(SESSION_KEY) as Session).savedAt });
    await (notice as { open: () => Promise<void> }).open();
    expect(a.getState().estate?.name).toBe('edited in B');
    expect(a.getState().past.map((step) => step.label)).toEqual(['rename to edited in B']);
    expect(a.getState().persistenceNotice).toBeUndefined();
    await tabA.flush();
    expect((storage.data.get(SESSION_KEY) as Session).writer).toBe('tab-b');
    // Now that A has B's version, A's next save replaces it quietly, and B hears of it.
    await renameAndSave(a, tabA, 'then A');
    expect([...storage.data.keys()]).toEqual([SESSION_KEY]);
    expect(a.getState().persistenceNotice).toBeUndefined();
    expect(b.getState().persistenceNotice).toMatchObject({ kind: 'changed-elsewhere' });
    stop();
  });

  it('keeps one record per other tab however often the tabs take turns', async () => {
    const { storage, a, b, tabA, tabB, stop } = await twoTabs();
    for (const round of [1, 2, 3]) {
      b.getState().applyEdit(renameEdit(`B ${round}`));
      await tabB.flush();
      a.getState().applyEdit(renameEdit(`A ${round}`));
      await tabA.flush();
    }
    expect([...storage.data.keys()].sort()).toEqual([`${OTHER_TAB_PREFIX}tab-a`, `${OTHER_TAB_PREFIX}tab-b`, SESSION_KEY]);
    expect((storage.data.get(`${OTHER_TAB_PREFIX}tab-b`) as Session).estate.name).toBe('B 3');
    expect((storage.data.get(`${OTHER_TAB_PREFIX}tab-a`) as Session).estate.name).toBe('A 2');
    expect((storage.data.get(SESSION_KEY) as Session).estate.name).toBe('A 3');
    stop();
  });
});
