// Any path the app does not know.
import { Link } from 'react-router-dom';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';

export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <AuthLayout title="Page not found">
      <p>There is nothing at this address. Check the link, or start again from home.</p>
      <Link to="/" className="button button-primary">
        Go home
      </Link>
    </AuthLayout>
  );
}
