// The agreement of a document's blind review (docs/agreement.md) as the report prints it:
// "κ 0.62 (0.48–0.76), 40 claims", or why a figure has none.
import type { AgreementEstimate } from '@factdesk/model';

const coefficient = (value: number) => value.toFixed(2).replace('-', '−');

export function estimateText(symbol: string, estimate: AgreementEstimate): string {
  const claims = `${estimate.units} ${estimate.units === 1 ? 'claim' : 'claims'}`;
  if (estimate.value === null || estimate.low === null || estimate.high === null) {
    return `not available, ${claims}: ${estimate.undefinedReason ?? ''}`;
  }
  return `${symbol} ${coefficient(estimate.value)} (${coefficient(estimate.low)}–${coefficient(estimate.high)}), ${claims}`;
}
