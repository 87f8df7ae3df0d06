// schema.org ClaimReview JSON-LD, one per approved claim, for search engines and fact-check feeds.
import type { ReportClaim, ReportData } from '@factdesk/model';
import { safeUrl } from './safeUrl.ts';

export type ClaimReviewJson = Record<string, unknown>;

function claimUrl(data: ReportData, claim: ReportClaim): string | undefined {
  const base = safeUrl(data.reportUrl) ?? safeUrl(data.workspace.url);
  if (!base) return undefined;
  return `${base.split('#')[0]}#claim-${claim.number}`;
}

function reviewFor(data: ReportData, claim: ReportClaim): ClaimReviewJson | null {
  if (claim.status !== 'approved' || !claim.verdict) return null;
  const rating: ClaimReviewJson = {
    '@type': 'Rating',
    bestRating: data.scale.bestRating,
    worstRating: data.scale.worstRating,
    alternateName: claim.verdict.label,
  };
  if (claim.verdict.ratingValue !== null) rating.ratingValue = claim.verdict.ratingValue;
  const articleUrl = safeUrl(data.document.sourceUrl);
  const appearance: ClaimReviewJson = { '@type': 'CreativeWork', headline: data.document.title };
  if (articleUrl) appearance.url = articleUrl;
  if (data.document.publishedAt) appearance.datePublished = data.document.publishedAt;
  if (data.document.outlet)
    appearance.publisher = { '@type': 'Organization', name: data.document.outlet };
  const itemReviewed: ClaimReviewJson = { '@type': 'Claim', appearance };
  if (claim.claimant) {
    itemReviewed.author = {
      '@type': claim.claimant.kind === 'person' ? 'Person' : 'Organization',
      name: claim.claimant.name,
    };
  }
  if (data.document.publishedAt) itemReviewed.datePublished = data.document.publishedAt;
  const author: ClaimReviewJson = { '@type': 'Organization', name: data.workspace.name };
  const orgUrl = safeUrl(data.workspace.url);
  if (orgUrl) author.url = orgUrl;
  const review: ClaimReviewJson = { '@context': 'https://schema.org', '@type': 'ClaimReview' };
  const url = claimUrl(data, claim);
  if (url) review.url = url;
  review.claimReviewed = claim.statement;
  review.author = author;
  review.datePublished = (claim.reviewDate ?? claim.approvedAt ?? data.generatedAt).slice(0, 10);
  review.reviewRating = rating;
  review.itemReviewed = itemReviewed;
  if (data.document.language) review.inLanguage = data.document.language;
  return review;
}

/** ClaimReviews for the approved claims among `claims` (the report's scope already applied). */
export function buildClaimReviews(data: ReportData, claims: ReportClaim[]): ClaimReviewJson[] {
  const reviews: ClaimReviewJson[] = [];
  for (const claim of claims) {
    const review = reviewFor(data, claim);
    if (review) reviews.push(review);
  }
  return reviews;
}

/**
 * JSON safe inside a `<script type="application/ld+json">` block and in JavaScript source: no
 * `<`, `>` or `&` survives (`</script>` cannot end the block), nor U+2028/U+2029 (line
 * terminators in older JavaScript). Still the same JSON to any parser.
 */
export function jsonForScript(value: unknown, indent?: number): string {
  return JSON.stringify(value, null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
