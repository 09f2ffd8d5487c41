import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { sampleIdFromUrl } from './features/samples/url';
import { initTheme } from './features/theme/theme';
import { loadEstateGraph } from './layout/estate-graph-chunk';
import { useAppStore } from './store/app-store';
import { installHistoryShortcuts } from './store/history-shortcuts';
import { appStorage } from './store/persistence-idb';
import { startPersistence } from './store/persistence-session';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Everything fetched today is a static file of this site: one retry covers a flaky network, more only delays the error.
      retry: 1,
      refetchOnWindowFocus: false,
    },
  },
});

// Before the first paint: the theme, so the page never flashes the wrong one, and a sample named in the URL,
// so a link to it opens straight on it instead of on the gallery.
initTheme();
const linkedSample = sampleIdFromUrl();
// A linked sample opens on the graph: its chunk downloads while the storage and the sample are read. Not for every
// visit: on the gallery, the first view of a new visitor, the download competed with the gallery's own requests
// (Lighthouse mobile LCP ~4.2 s against ~2.7-3.1 s). A failed fetch is shown by the graph's error boundary.
if (linkedSample) loadEstateGraph().catch(() => undefined);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element to render into.');

const root = createRoot(container);
function render() {
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
}

installHistoryShortcuts(useAppStore);
// The working estate saved on the last visit wins over the sample in the URL (which still names the sample
// the edits started from). Rendering waits for it so the page never shows the sample and then swaps it.
// A storage that never answers must not keep the page blank: after a moment, go on without it.
const persistence = startPersistence(useAppStore, appStorage(), linkedSample ? { linkedSample } : {}).catch(() => undefined);
const patience = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 2500));
void Promise.race([persistence, patience]).then((handle) => {
  // The last visit's work opens on the graph: its chunk is fetched from here, not after the first render.
  if (handle?.restored) loadEstateGraph().catch(() => undefined);
  if (linkedSample && !handle?.restored) useAppStore.getState().chooseSample(linkedSample);
  render();
});
