// Every page of the app. The signed-in shell loads with the first page; each page is its
// own chunk, fetched when first visited.
import { type ComponentType, lazy } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './components/AppLayout.tsx';
import { WorkspaceLayout } from './components/WorkspaceLayout.tsx';

/** React.lazy for a module's named export. */
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
): ComponentType {
  return lazy<ComponentType>(async () => ({ default: (await load())[name] }));
}

const LoginPage = page(() => import('./pages/LoginPage.tsx'), 'LoginPage');
const SignupPage = page(() => import('./pages/SignupPage.tsx'), 'SignupPage');
const InvitePage = page(() => import('./pages/InvitePage.tsx'), 'InvitePage');
const ResetPasswordPage = page(() => import('./pages/ResetPasswordPage.tsx'), 'ResetPasswordPage');
const ForgotPasswordPage = page(
  () => import('./pages/ForgotPasswordPage.tsx'),
  'ForgotPasswordPage',
);
const UnsubscribePage = page(() => import('./pages/UnsubscribePage.tsx'), 'UnsubscribePage');
const NotificationSettingsPage = page(
  () => import('./pages/NotificationSettingsPage.tsx'),
  'NotificationSettingsPage',
);
const HomePage = page(() => import('./pages/HomePage.tsx'), 'HomePage');
const MembersPage = page(() => import('./pages/members/MembersPage.tsx'), 'MembersPage');
const WorkspaceSettingsPage = page(
  () => import('./pages/WorkspaceSettingsPage.tsx'),
  'WorkspaceSettingsPage',
);
const DocumentsPage = page(() => import('./pages/documents/DocumentsPage.tsx'), 'DocumentsPage');
const DocumentPage = page(() => import('./pages/document/DocumentPage.tsx'), 'DocumentPage');
const BoardPage = page(() => import('./pages/board/BoardPage.tsx'), 'BoardPage');
const SearchPage = page(() => import('./pages/search/SearchPage.tsx'), 'SearchPage');
const DashboardPage = page(() => import('./pages/dashboard/DashboardPage.tsx'), 'DashboardPage');
const QueuePage = page(() => import('./pages/queue/QueuePage.tsx'), 'QueuePage');
const TokensPage = page(() => import('./pages/TokensPage.tsx'), 'TokensPage');
const PasswordPage = page(() => import('./pages/PasswordPage.tsx'), 'PasswordPage');
const NotFoundPage = page(() => import('./pages/NotFoundPage.tsx'), 'NotFoundPage');

export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  { path: '/signup', element: <SignupPage /> },
  { path: '/invite/:token', element: <InvitePage /> },
  { path: '/reset/:token', element: <ResetPasswordPage /> },
  { path: '/forgot', element: <ForgotPasswordPage /> },
  { path: '/unsubscribe/:token', element: <UnsubscribePage /> },
  {
    path: '/',
    element: <AppLayout />,
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'w/:workspaceId',
        element: <WorkspaceLayout />,
        children: [
          { index: true, element: <DocumentsPage /> },
          { path: 'd/:documentId', element: <DocumentPage /> },
          { path: 'board', element: <BoardPage /> },
          { path: 'search', element: <SearchPage /> },
          { path: 'dashboard', element: <DashboardPage /> },
          { path: 'members', element: <MembersPage /> },
          { path: 'settings', element: <WorkspaceSettingsPage /> },
        ],
      },
      { path: 'queue', element: <QueuePage /> },
      { path: 'settings/tokens', element: <TokensPage /> },
      { path: 'settings/password', element: <PasswordPage /> },
      { path: 'settings/notifications', element: <NotificationSettingsPage /> },
    ],
  },
  { path: '*', element: <NotFoundPage /> },
]);
