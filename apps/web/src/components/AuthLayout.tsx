// The frame of the signed-out pages (log in, sign up, invite): the masthead and one card.
import type { ReactNode } from 'react';
import { useT } from '../i18n/useT.ts';
import { Brand } from './Brand.tsx';

export function AuthLayout({
  title,
  intro,
  children,
  footer,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  const t = useT();
  return (
    <div className="auth">
      <header className="auth-masthead">
        <Brand />
        <p className="auth-tagline">{t('auth.tagline')}</p>
      </header>
      <main id="main" className="auth-card card">
        <h1>{title}</h1>
        {intro && <div className="auth-intro">{intro}</div>}
        {children}
      </main>
      {footer && <footer className="auth-footer">{footer}</footer>}
    </div>
  );
}
