import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { sampleIdFromUrl } from './features/samples/url';
import { initTheme } from './features/theme/theme';
import { useAppStore } from './store/app-store';
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
if (linkedSample) useAppStore.getState().chooseSample(linkedSample);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element to render into.');

createRoot(container).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
