import type { KeyValueStorage } from './persistence';

export const DATABASE_NAME = 'aml-access-map';

/*
 * The IndexedDB store (persistence-idb-store.ts, with the cutting of sessions into pieces) loads as its own
 * chunk: the first paint does not wait for it, and the initial bundle has no room for it. Each call waits for
 * the chunk (a local file, fetched once) and goes through to the store.
 */
export function indexedDbStorage(name = DATABASE_NAME): KeyValueStorage {
  let loading: Promise<KeyValueStorage> | undefined;
  const store = (): Promise<KeyValueStorage> => {
    loading ??= import('./persistence-idb-store').then(
      (module) => module.indexedDbStorage(name),
      (error: unknown) => {
        // A failed load (a network blip) is tried again on the next call rather than failing for good.
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  return {
    get: async (key) => (await store()).get(key),
    set: async (key, value) => (await store()).set(key, value),
    delete: async (key) => (await store()).delete(key),
    keys: async () => (await store()).keys(),
    swap: async (key, value, decide) => {
      const loaded = await store();
      // The store always offers swap; persistence.ts falls back to a read and a write only without one.
      if (loaded.swap === undefined) throw new Error('the IndexedDB store offers no swap');
      return loaded.swap(key, value, decide);
    },
  };
}

let shared: KeyValueStorage | undefined;

/** The app's one storage for sessions (the notice reads kept-aside records from it for download). */
export function appStorage(): KeyValueStorage {
  shared ??= indexedDbStorage();
  return shared;
}
