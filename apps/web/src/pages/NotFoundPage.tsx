// Any path the app does not know.
import { Link } from 'react-router-dom';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { usePageTitle } from '../components/usePageTitle.ts';
import { useT } from '../i18n/useT.ts';

export function NotFoundPage() {
  const t = useT();
  usePageTitle(t('notFound.title'));
  return (
    <AuthLayout title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <Link to="/" className="button button-primary">
        {t('notFound.goHome')}
      </Link>
    </AuthLayout>
  );
}
