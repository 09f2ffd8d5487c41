import { useAppStore } from '../store/app-store';
import type { AppState } from '../store/app-state';
import { TOOLBAR_BUTTON } from './styles';

const selectUndoLabel = (state: AppState) => state.past[state.past.length - 1]?.label;
const selectRedoLabel = (state: AppState) => state.future[0]?.label;
const selectUndo = (state: AppState) => state.undo;
const selectRedo = (state: AppState) => state.redo;

/** Undo and redo, each naming the edit it would take back or make again. */
export function HistoryButtons() {
  const undoLabel = useAppStore(selectUndoLabel);
  const redoLabel = useAppStore(selectRedoLabel);
  const undo = useAppStore(selectUndo);
  const redo = useAppStore(selectRedo);
  return (
    <div role="group" aria-label="History" className="flex items-center gap-1">
      <button
        type="button"
        onClick={undo}
        disabled={undoLabel === undefined}
        title={undoLabel === undefined ? 'Nothing to undo' : `Undo: ${undoLabel}`}
        className={`${TOOLBAR_BUTTON} max-w-52`}
        data-testid="undo"
      >
        <span aria-hidden="true">↶</span>
        <span className="truncate">
          Undo{undoLabel !== undefined && <span className="font-normal text-slate-600 dark:text-slate-300">: {undoLabel}</span>}
        </span>
      </button>
      <button
        type="button"
        onClick={redo}
        disabled={redoLabel === undefined}
        title={redoLabel === undefined ? 'Nothing to redo' : `Redo: ${redoLabel}`}
        className={`${TOOLBAR_BUTTON} max-w-52`}
        data-testid="redo"
      >
        <span aria-hidden="true">↷</span>
        <span className="truncate">
          Redo{redoLabel !== undefined && <span className="font-normal text-slate-600 dark:text-slate-300">: {redoLabel}</span>}
        </span>
      </button>
    </div>
  );
}
