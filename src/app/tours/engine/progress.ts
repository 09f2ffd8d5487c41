/*
 * Where each tour was left, kept in localStorage under a versioned key of its own (the session record in
 * IndexedDB is the estate's, and its format stays untouched). Reading is forgiving: an entry that does not
 * parse is dropped, never allowed to break the tour list.
 */

export const TOUR_PROGRESS_KEY = 'aml-access-map.tours.v1';

export interface TourProgress {
  /** The step the person was on (or last finished). */
  stepId: string;
  /** True once the last step was reached. */
  completed: boolean;
  /** ISO time of the last change, to show the most recent first if a list ever wants to. */
  updatedAt: string;
}

export type TourProgressMap = Readonly<Record<string, TourProgress>>;

interface StoredProgress {
  version: 1;
  tours: Record<string, TourProgress>;
}

function isProgress(value: unknown): value is TourProgress {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.stepId === 'string' &&
    typeof entry.completed === 'boolean' &&
    typeof entry.updatedAt === 'string'
  );
}

/** The progress in a stored string; empty for anything unreadable or from another version. */
export function parseTourProgress(text: string | null): TourProgressMap {
  if (text === null) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== 'object' || value === null || (value as { version?: unknown }).version !== 1)
    return {};
  const tours = (value as { tours?: unknown }).tours;
  if (typeof tours !== 'object' || tours === null) return {};
  const result: Record<string, TourProgress> = {};
  for (const [id, entry] of Object.entries(tours))
    if (isProgress(entry))
      result[id] = { stepId: entry.stepId, completed: entry.completed, updatedAt: entry.updatedAt };
  return result;
}

export function serializeTourProgress(progress: TourProgressMap): string {
  const stored: StoredProgress = { version: 1, tours: { ...progress } };
  return JSON.stringify(stored);
}

/** The minimal storage this needs: window.localStorage in the browser, a Map-backed stand-in in tests. */
export interface ProgressStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Reads the saved progress; a storage that throws (privacy mode, say) reads as empty. */
export function loadTourProgress(storage: ProgressStorage | undefined): TourProgressMap {
  try {
    return parseTourProgress(storage?.getItem(TOUR_PROGRESS_KEY) ?? null);
  } catch {
    return {};
  }
}

/** Saves the progress; returns false when the storage refused (the tours still work, they just forget). */
export function saveTourProgress(storage: ProgressStorage | undefined, progress: TourProgressMap): boolean {
  try {
    storage?.setItem(TOUR_PROGRESS_KEY, serializeTourProgress(progress));
    return storage !== undefined;
  } catch {
    return false;
  }
}
