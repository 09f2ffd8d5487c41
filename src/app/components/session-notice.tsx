import { useState } from 'react';
import { useAppStore } from '../store/app-store';
import { downloadKeptAside, timeOf } from './kept-aside-files';
import { selectPersistenceNotice, selectResetToSample } from '../store/persistence-slice';
import type { PersistenceNotice } from '../store/app-state';

const BUTTON =
  'rounded-md border border-current/30 px-2 py-1 text-xs font-semibold hover:bg-black/5 dark:hover:bg-white/10';

function message(notice: PersistenceNotice): { tone: 'info' | 'problem'; title: string; body: string } {
  switch (notice.kind) {
    case 'restored':
      return {
        tone: 'info',
        title: 'Welcome back',
        body: `Your working estate is as you left it, with ${[
          notice.edits > 0 ? `${notice.edits} what-if change${notice.edits === 1 ? '' : 's'}` : undefined,
          notice.reviewMarks > 0 ? `${notice.reviewMarks} review mark${notice.reviewMarks === 1 ? '' : 's'}` : undefined,
        ]
          .filter((part) => part !== undefined)
          .join(' and ')} you can undo.`,
      };
    case 'kept-aside':
      return {
        tone: 'problem',
        title: 'Your saved work could not be restored',
        body: `What was saved in this browser is unreadable (${notice.reason}). It has been kept aside, not deleted: download it to look at it or to report the problem. The app started afresh.`,
      };
    case 'trimmed':
      return {
        tone: 'problem',
        title: 'Browser storage is nearly full',
        body: `Your estate is saved, but only part of the undo history will survive a reload (${notice.dropped} older step${notice.dropped === 1 ? '' : 's'} left out).`,
      };
    case 'quota':
      return { tone: 'problem', title: 'Not saved: browser storage is full', body: notice.message };
    case 'unavailable':
      return { tone: 'problem', title: 'Not saved in this browser', body: notice.message };
    case 'changed-elsewhere':
      return {
        tone: 'problem',
        title: 'Changed in another tab',
        body: `Another tab of this app saved its own working estate at ${timeOf(notice.savedAt)}. Open that version here, or keep this one: the next change you make here is then saved, and the other tab's work is kept aside for download rather than overwritten.`,
      };
    case 'set-aside':
      return {
        tone: 'info',
        title: 'Your edits are kept aside',
        body: `Before ${notice.what}, your edited estate was kept in this browser. Download it as an estate file from “Kept aside” in the header whenever you like.`,
      };
    case 'other-tab':
      return {
        tone: 'problem',
        title: 'Another tab’s work was kept aside',
        body: `This tab saved over the working estate another tab had saved at ${timeOf(notice.savedAt)}. That work is kept, not lost: download it as an estate file and open it whenever you like.`,
      };
  }
}

/** What happened to the saved work: restored, kept aside, or not saved. Dismissible; a problem is announced. */
export function SessionNotice() {
  const notice = useAppStore(selectPersistenceNotice);
  const dismiss = useAppStore((state) => state.setPersistenceNotice);
  const reset = useAppStore(selectResetToSample);
  const [failed, setFailed] = useState<string>();
  const documentVersion = useAppStore((state) => state.documentVersion);
  const touring = useAppStore((state) => state.activeTour !== undefined);
  // A welcome back promises undo of the restored document: once another is open, that promise is void.
  if (!notice || (notice.kind === 'restored' && notice.documentVersion !== documentVersion)) return null;
  const { tone, title, body } = message(notice);
  return (
    <div
      role={tone === 'problem' ? 'alert' : 'status'}
      data-testid="session-notice"
      data-kind={notice.kind}
      // The tour card sits at the bottom left: during a tour the notice goes to the top, never over the card.
      className={`fixed ${touring ? 'top-16' : 'bottom-4'} left-1/2 z-50 w-[min(40rem,calc(100vw-2rem))] -translate-x-1/2 rounded-lg border p-3 text-sm shadow-lg ${
        tone === 'problem'
          ? 'border-amber-300 bg-amber-50 text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50'
          : 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-700 dark:bg-sky-950 dark:text-sky-50'
      }`}
    >
      <p className="font-semibold">{title}</p>
      <p className="mt-0.5">{body}</p>
      {failed && <p className="mt-1 font-medium">That did not work: {failed}</p>}
      <div className="mt-2 flex flex-wrap gap-2">
        {notice.kind === 'kept-aside' && (
          <button type="button" className={BUTTON} onClick={() => void downloadKeptAside({ key: notice.key, kind: 'unreadable' }).catch((error: unknown) => setFailed(String(error)))}>
            Download the unreadable data
          </button>
        )}
        {notice.kind === 'set-aside' && (
          <button type="button" className={BUTTON} onClick={() => void downloadKeptAside({ key: notice.key, kind: 'set-aside' }).catch((error: unknown) => setFailed(String(error)))}>
            Download it now
          </button>
        )}
        {notice.kind === 'other-tab' && (
          <button type="button" className={BUTTON} onClick={() => void downloadKeptAside({ key: notice.key, kind: 'other-tab' }).catch((error: unknown) => setFailed(String(error)))}>
            Download the other tab’s estate
          </button>
        )}
        {notice.kind === 'changed-elsewhere' && (
          <button type="button" className={BUTTON} onClick={() => void notice.open().catch((error: unknown) => setFailed(String(error)))}>
            Open that version
          </button>
        )}
        {notice.kind === 'restored' && (
          <button
            type="button"
            className={BUTTON}
            onClick={() => {
              if (reset((question) => window.confirm(question))) dismiss(undefined);
            }}
          >
            Start again from the original
          </button>
        )}
        <button type="button" className={BUTTON} onClick={() => dismiss(undefined)}>
          {notice.kind === 'changed-elsewhere' ? 'Keep this tab’s' : 'Dismiss'}
        </button>
      </div>
    </div>
  );
}
