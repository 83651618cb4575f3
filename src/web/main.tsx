import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { sessionQuery } from './admin/auth/session';
import { onSignedOut, ProblemError, setCsrfToken } from './api';
import { router } from './router';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx answer will not change by asking again; retry only network and server failures.
      retry: (failures, error) => !(error instanceof ProblemError && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// An admin call answered 401: the session is over. Forgetting it sends the admin shell to the login page,
// which brings the user back to where they were.
onSignedOut(() => {
  setCsrfToken(null);
  queryClient.setQueryData(sessionQuery().queryKey, null);
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
