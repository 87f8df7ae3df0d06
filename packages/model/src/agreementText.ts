// An agreement figure (docs/agreement.md) as the dashboard and the report write it:
// "κ 0.62 (0.48–0.76), 40 claims", or why it has none. One wording for both.
import type { AgreementEstimate } from './dashboard.ts';

/** 0.62, −0.10: two decimals and a true minus sign. */
const coefficient = (value: number) => value.toFixed(2).replace('-', '−');

export function agreementEstimateText(symbol: string, estimate: AgreementEstimate): string {
  const claims = `${estimate.units} ${estimate.units === 1 ? 'claim' : 'claims'}`;
  if (estimate.value === null || estimate.low === null || estimate.high === null) {
    return `not available, ${claims}: ${estimate.undefinedReason ?? ''}`;
  }
  return `${symbol} ${coefficient(estimate.value)} (${coefficient(estimate.low)}–${coefficient(estimate.high)}), ${claims}`;
}
