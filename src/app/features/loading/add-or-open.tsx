import { useCallback, useId, useState, type ReactNode } from 'react';
import { useAppStore } from '../../store/app-store';
import { ModalDialog } from '../../components/modal-dialog';
import { PRIMARY_SMALL_BUTTON, SMALL_BUTTON } from '../../components/ui';
import { useLoader, type LoadSource } from './loader';

/**
 * Files chosen while an estate is open may be more of the same estate (the role assignments to go with a
 * workspace export) or another one: the user says which. With nothing open, they simply open.
 * Returns the function the pickers call, and the dialog to render beside them.
 */
export function useAddOrOpen(): { choose: (source: LoadSource) => void; dialog: ReactNode } {
  const { load } = useLoader();
  const [pending, setPending] = useState<LoadSource>();
  const titleId = useId();

  const choose = useCallback(
    (source: LoadSource) => {
      if (useAppStore.getState().estate === undefined) void load(source);
      else setPending(source);
    },
    [load],
  );
  const answer = (mode: 'add' | 'replace' | undefined) => {
    const source = pending;
    setPending(undefined);
    if (source && mode) void load(source, { mode });
  };
  const count = pending?.kind === 'files' ? pending.files.length : 1;
  return {
    choose,
    dialog: (
      <ModalDialog
        open={pending !== undefined}
        onCancel={() => answer(undefined)}
        titleId={titleId}
        testId="add-or-open"
        widthClass="w-[min(30rem,calc(100vw-2rem))]"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Add to the open estate, or open instead?
        </h2>
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
          Adding merges the {count === 1 ? 'file' : `${count} files`} into the estate that is open, as one
          what-if step that undo takes back. Opening instead replaces it.
        </p>
        <div className="mt-3 flex flex-wrap justify-end gap-2">
          <button type="button" className={SMALL_BUTTON} onClick={() => answer(undefined)}>
            Cancel
          </button>
          <button type="button" className={SMALL_BUTTON} onClick={() => answer('replace')}>
            Open instead
          </button>
          <button type="button" className={PRIMARY_SMALL_BUTTON} onClick={() => answer('add')} autoFocus>
            Add to the open estate
          </button>
        </div>
      </ModalDialog>
    ),
  };
}
