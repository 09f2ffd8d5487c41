import { useState } from 'react';
import { useAppStore, type AppState } from '../store/app-store';
import { selectDocumentVersion, selectEstate } from '../store/selectors';
import { TOOLBAR_BUTTON } from './styles';

const selectApplyEdit = (state: AppState) => state.applyEdit;
const selectOriginKind = (state: AppState) => state.origin?.kind;

/**
 * Puts the estate back as it was opened (the sample as published, or the files as read). An edit like any
 * other, so the reset itself can be undone.
 */
export function ResetButton() {
  const estate = useAppStore(selectEstate);
  const version = useAppStore(selectDocumentVersion);
  const originKind = useAppStore(selectOriginKind);
  const applyEdit = useAppStore(selectApplyEdit);
  // The estate as it stood when this document was opened: edits replace the estate, opening bumps the version.
  const [opened, setOpened] = useState({ version, estate });
  if (opened.version !== version) setOpened({ version, estate });
  const original = opened.version === version ? opened.estate : estate;

  const what = originKind === 'sample' ? 'sample' : originKind === 'files' ? 'file' : 'estate';
  const changed = estate !== undefined && original !== undefined && estate !== original;
  return (
    <button
      type="button"
      disabled={!changed}
      onClick={() => {
        if (original) applyEdit({ label: `Reset to the ${what} as opened`, apply: () => original });
      }}
      title={changed ? `Undo every what-if change: back to the ${what} as opened (this can be undone too)` : 'No changes to reset'}
      className={TOOLBAR_BUTTON}
    >
      Reset to {what}
    </button>
  );
}
