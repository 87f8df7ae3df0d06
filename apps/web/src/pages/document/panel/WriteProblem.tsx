// Why the last write of a form did not happen: the conflict sentence of a 409 or the API's
// own sentence, shown next to the form that sent it.
import { ErrorAlert } from '../../../components/Alert.tsx';
import { useT } from '../../../i18n/useT.ts';
import type { ClaimWrite } from './useClaimWrite.ts';

/** `kept`: the form still holds what the person typed (say so); false for plain buttons. */
export function WriteProblem({ write, kept = true }: { write: ClaimWrite; kept?: boolean }) {
  const t = useT();
  if (write.conflict) {
    return (
      <ErrorAlert>
        <p>{write.conflict}</p>
        {kept && <p>{t('write.kept')}</p>}
      </ErrorAlert>
    );
  }
  return <ErrorAlert error={write.error} />;
}
