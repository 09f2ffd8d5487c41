import { SessionNotice } from './components/session-notice';
import { LoaderProvider } from './features/loading/loader';
import { AppFrame } from './layout/app-frame';

export function App() {
  return (
    <LoaderProvider>
      <AppFrame />
      <SessionNotice />
    </LoaderProvider>
  );
}
