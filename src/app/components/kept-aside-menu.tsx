import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { TOOLBAR_BUTTON } from '../layout/styles';
import { useAppStore } from '../store/app-store';
import type { KeptAside } from '../store/persistence';
import { appStorage } from '../store/persistence-idb';
import { selectPersistenceNotice } from '../store/persistence-slice';
import { downloadKeptAside, keptAsideQuery, timeOf } from './kept-aside-files';

const ROW_BUTTON =
  'rounded border border-slate-300 px-2 py-0.5 text-xs font-medium hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800';

function describe(entry: KeptAside): { title: string; when: string } {
  switch (entry.kind) {
    case 'other-tab':
      return { title: 'Another tab’s working estate', when: `saved at ${timeOf(entry.savedAt)}` };
    case 'set-aside':
      return { title: 'Your edited estate, kept aside', when: `kept at ${timeOf(entry.savedAt)}` };
    case 'unreadable':
      return { title: 'An unreadable saved session', when: `set aside at ${timeOf(entry.savedAt)}` };
  }
}

/**
 * The header's way back to work kept aside (another tab's estate this tab saved over, a saved session that
 * could not be read) after its notice has gone: each can be downloaded, or deleted once the user says so.
 * Shows nothing while nothing is kept aside.
 */
export function KeptAsideMenu() {
  const client = useQueryClient();
  const entries = useQuery(keptAsideQuery());
  const notice = useAppStore(selectPersistenceNotice);
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string>();
  const listId = useId();

  // A notice about something newly kept aside means the list has grown.
  useEffect(() => {
    if (notice?.kind === 'kept-aside' || notice?.kind === 'other-tab' || notice?.kind === 'set-aside')
      void client.invalidateQueries(keptAsideQuery());
  }, [notice, client]);

  const list = entries.data ?? [];
  if (list.length === 0) return null;

  const remove = async (entry: KeptAside) => {
    const { title, when } = describe(entry);
    if (!window.confirm(`Delete “${title}” (${when}) from this browser for good? Download it first if you may want it.`)) return;
    try {
      await appStorage().delete(entry.key);
    } catch (error) {
      setProblem(`It could not be deleted: ${error instanceof Error ? error.message : String(error)}`);
    }
    await client.invalidateQueries(keptAsideQuery());
  };

  return (
    <div className="relative" onKeyDown={(event) => event.key === 'Escape' && setOpen(false)}>
      <button
        type="button"
        className={TOOLBAR_BUTTON}
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        Kept aside ({list.length})
      </button>
      {open && (
        <div
          id={listId}
          role="region"
          aria-label="Work kept aside in this browser"
          data-testid="kept-aside-list"
          className="absolute right-0 z-50 mt-1.5 w-[min(26rem,calc(100vw-1rem))] space-y-2 rounded-xl border border-slate-200 bg-white p-3 text-sm shadow-xl dark:border-slate-700 dark:bg-slate-900"
        >
          <p className="text-slate-600 dark:text-slate-300">
            Kept in this browser so that nothing is lost. Download what you want to keep, then delete it here.
          </p>
          <ul className="space-y-2">
            {list.map((entry) => {
              const { title, when } = describe(entry);
              return (
                <li key={entry.key} className="flex flex-wrap items-center justify-between gap-2 rounded-lg border border-slate-200 p-2 dark:border-slate-700">
                  <span>
                    <span className="block font-medium text-slate-900 dark:text-slate-100">{title}</span>
                    <span className="text-xs text-slate-500 dark:text-slate-400">{when}</span>
                  </span>
                  <span className="flex gap-1.5">
                    <button
                      type="button"
                      className={ROW_BUTTON}
                      aria-label={`Download ${title}, ${when}`}
                      onClick={() => void downloadKeptAside(entry).catch((error: unknown) => setProblem(`The download failed: ${String(error)}`))}
                    >
                      Download
                    </button>
                    <button type="button" className={ROW_BUTTON} aria-label={`Delete ${title}, ${when}`} onClick={() => void remove(entry)}>
                      Delete
                    </button>
                  </span>
                </li>
              );
            })}
          </ul>
          {problem && (
            <p role="alert" className="font-medium text-amber-800 dark:text-amber-200">
              {problem}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
