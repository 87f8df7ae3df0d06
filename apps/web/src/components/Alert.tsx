// Inline messages: errors from the API (role="alert", read out at once) and confirmations
// (role="status", read out politely). Only the server's sentence is shown, never raw JSON.
import type { ReactNode } from 'react';
import { useIntl } from 'react-intl';
import { type ApiError, errorText } from '../api/ApiError.ts';
import { Icon } from './Icon.tsx';

export function ErrorAlert({
  error,
  children,
}: {
  error?: ApiError | undefined;
  children?: ReactNode;
}) {
  const intl = useIntl();
  if (!error && !children) return null;
  return (
    <div className="alert alert-error" role="alert">
      <Icon name="alert" />
      <div className="alert-content">
        {error && <p>{errorText(intl, error)}</p>}
        {children}
      </div>
    </div>
  );
}

/** A live region that is always in the page, so screen readers hear what appears in it. */
export function Notice({ children }: { children?: ReactNode }) {
  return (
    <div className={children ? 'alert alert-success' : 'notice-empty'} role="status">
      {children && <Icon name="check" />}
      {children && <p>{children}</p>}
    </div>
  );
}
