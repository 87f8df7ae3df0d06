// Why the last write of a form did not happen: the conflict sentence of a 409 or the API's
// own sentence, shown next to the form that sent it.
import { ErrorAlert } from '../../../components/Alert.tsx';
import type { ClaimWrite } from './useClaimWrite.ts';

/** `kept`: the form still holds what the person typed (say so); false for plain buttons. */
export function WriteProblem({ write, kept = true }: { write: ClaimWrite; kept?: boolean }) {
  if (write.conflict) {
    return (
      <ErrorAlert>
        <p>{write.conflict}</p>
        {kept && (
          <p>What you entered is still here: check the claim as it is now and send it again.</p>
        )}
      </ErrorAlert>
    );
  }
  return <ErrorAlert error={write.error} />;
}
