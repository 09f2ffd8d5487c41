import { useAppStore } from '../store/app-store';
import type { AppState } from '../store/app-state';
import { selectHasEdits, selectResetToSample } from '../store/persistence-slice';
import { TOOLBAR_BUTTON } from './styles';

const selectOriginKind = (state: AppState) => state.origin?.kind;

/**
 * Puts the estate back as it was opened (the sample as published, or the files as read), after asking.
 * The store keeps the opened estate with the saved session, so this works after a reload too; the reset is
 * an edit like any other, so it can be undone.
 */
export function ResetButton() {
  const hasEdits = useAppStore(selectHasEdits);
  const resetToSample = useAppStore(selectResetToSample);
  const originKind = useAppStore(selectOriginKind);
  const what = originKind === 'sample' ? 'sample' : originKind === 'files' ? 'file' : 'estate';
  return (
    <button
      type="button"
      disabled={!hasEdits}
      onClick={() => resetToSample((question) => window.confirm(question))}
      title={hasEdits ? `Discard every what-if change and go back to the ${what} as opened (undo brings them back)` : 'No changes to reset'}
      className={TOOLBAR_BUTTON}
    >
      Reset to {what}
    </button>
  );
}
