// What shows while something loads: a quiet line, announced politely.
import { useT } from '../i18n/useT.ts';

export function Loading({ label }: { label?: string }) {
  const t = useT();
  return (
    <div className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ?? t('loading')}
    </div>
  );
}
