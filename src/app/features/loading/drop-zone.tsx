import { useEffect, useRef, useState } from 'react';
import { collectDrop, collectionNotes } from '../../reading/dropped-files';
import { useLoader } from './loader';

function carriesFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * Files and folders dropped anywhere on the page are opened (a folder's YAML and JSON files, subfolders
 * included); while files are dragged over it, an overlay says so.
 * Listens on the window so that no part of the page (the graph included) swallows the drop.
 */
export function DropZone() {
  const { load } = useLoader();
  const [dragging, setDragging] = useState(false);
  // dragenter and dragleave fire for every child crossed; counting them tells when the pointer really left.
  const depth = useRef(0);

  useEffect(() => {
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      depth.current += 1;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      // Without this the browser opens the file itself instead of handing it over.
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      depth.current = 0;
      setDragging(false);
      // Something on the page (the compare dialog) took this drop for itself.
      if (event.defaultPrevented || !event.dataTransfer || !carriesFiles(event)) return;
      event.preventDefault();
      // Taken now, walked afterwards: the browser empties the drop's data once this handler returns.
      void collectDrop(event.dataTransfer).then((collected) => load({ kind: 'files', files: collected.files, notes: collectionNotes(collected) }));
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [load]);

  if (!dragging) return null;
  return (
    <div
      aria-hidden="true"
      className="pointer-events-none fixed inset-0 z-50 flex items-center justify-center bg-blue-600/15 p-6 backdrop-blur-[1px]"
    >
      <div className="rounded-2xl border-2 border-dashed border-blue-600 bg-white/95 px-10 py-8 text-center shadow-xl dark:bg-slate-900/95">
        <p className="text-lg font-semibold text-slate-900 dark:text-slate-100">Drop estate files to open them</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">YAML or JSON files, or folders of them; several files are merged into one estate.</p>
      </div>
    </div>
  );
}
