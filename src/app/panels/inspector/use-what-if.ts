import { useCallback } from 'react';
import { type EditName, type EditParams, estateEdit } from '../../../engine';
import { useAppStore } from '../../store/app-store';
import type { AppState } from '../../store/app-state';

const selectApplyEdit = (state: AppState) => state.applyEdit;

/**
 * Applies a what-if edit by name to the open estate, labelled for undo and redo. Findings, paths and the
 * graph follow by themselves: they derive from the estate.
 */
export function useWhatIf() {
  const applyEdit = useAppStore(selectApplyEdit);
  return useCallback(
    <N extends EditName>(name: N, params: EditParams<N>) => {
      // Read at call time: the label should name things as they are when the user acts.
      const estate = useAppStore.getState().estate;
      if (estate) applyEdit(estateEdit(name, params, estate));
    },
    [applyEdit],
  );
}
