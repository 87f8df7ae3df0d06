// Entry point: the stylesheet, the session, the interface language, the router.
import './styles.css';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router-dom';
import { Loading } from './components/Loading.tsx';
import { LocaleProvider } from './i18n/LocaleProvider.tsx';
import { router } from './routes.tsx';
import { SessionProvider } from './state/SessionProvider.tsx';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');

createRoot(root).render(
  <StrictMode>
    <SessionProvider>
      <LocaleProvider>
        <Suspense
          fallback={
            <div className="fullpage">
              <Loading />
            </div>
          }
        >
          <RouterProvider router={router} />
        </Suspense>
      </LocaleProvider>
    </SessionProvider>
  </StrictMode>,
);
