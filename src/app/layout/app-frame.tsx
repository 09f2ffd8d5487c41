import { ReplaceDialog } from '../components/replace-dialog';
import { DropZone } from '../features/loading/drop-zone';
import { useActiveSample } from '../features/samples/use-active-sample';
import { AppHeader } from './app-header';
import { MainArea } from './main-area';
import { SidePanel } from './side-panel';

const SKIP_LINK =
  'sr-only rounded-md bg-white px-3 py-2 text-sm font-medium focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 dark:bg-slate-800';

/** The page: header across the top, the graph in the centre, the panels on the right. */
export function AppFrame() {
  const { index, sampleId, sample } = useActiveSample();
  return (
    <div className="flex h-dvh flex-col overflow-hidden bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      {/* Past the header, and past every node of the graph, for keyboard users. */}
      <a href="#graph" className={SKIP_LINK}>
        Skip to the graph
      </a>
      <a href="#panels" className={SKIP_LINK}>
        Skip to the panels
      </a>
      <AppHeader samples={index.data} samplesUnavailable={index.isError} />
      <div className="flex min-h-0 flex-1">
        <MainArea index={index} sampleId={sampleId} sample={sample} />
        <SidePanel />
      </div>
      <DropZone />
      <ReplaceDialog />
    </div>
  );
}
