// schema.org ClaimReview JSON-LD, one per approved claim, for search engines and fact-check
// feeds: the fields schema.org defines and Google's fact-check markup requires or recommends.
import type { ReportClaim, ReportData } from '@factdesk/model';
import { safeUrl } from './safeUrl.ts';
import { textVersionId } from './textVersion.ts';

export type ClaimReviewJson = Record<string, unknown>;

/** The claim's place on the published fact-check page: `<page>#claim-<n>`. */
function claimUrl(data: ReportData, claim: ReportClaim): string | undefined {
  const page = safeUrl(data.reportUrl);
  return page ? `${page.split('#')[0]}#claim-${claim.number}` : undefined;
}

/** The publisher: the organisation's own site, else the site the fact-check is published on. */
function organization(data: ReportData): ClaimReviewJson {
  const author: ClaimReviewJson = { '@type': 'Organization', name: data.workspace.name };
  const page = safeUrl(data.reportUrl);
  const url = safeUrl(data.workspace.url) ?? (page ? `${new URL(page).origin}/` : undefined);
  if (url) author.url = url;
  const logo = safeUrl(data.workspace.logo);
  if (logo) author.logo = logo;
  return author;
}

/** Who made the claim: its claimant, else the article's author or outlet. */
function claimAuthor(data: ReportData, claim: ReportClaim): ClaimReviewJson | undefined {
  if (claim.claimant) {
    return {
      '@type': claim.claimant.kind === 'person' ? 'Person' : 'Organization',
      name: claim.claimant.name,
    };
  }
  if (data.document.author) return { '@type': 'Person', name: data.document.author };
  if (data.document.outlet) return { '@type': 'Organization', name: data.document.outlet };
  return undefined;
}

/** A numeric verdict carries its value and bounds; one off the scale (Unverifiable) its label only. */
function rating(claim: ReportClaim): ClaimReviewJson | undefined {
  const verdict = claim.verdict;
  if (!verdict) return undefined;
  if (verdict.ratingValue === null) return { '@type': 'Rating', alternateName: verdict.label };
  return {
    '@type': 'Rating',
    ratingValue: verdict.ratingValue,
    bestRating: verdict.bestRating,
    worstRating: verdict.worstRating,
    alternateName: verdict.label,
  };
}

function reviewFor(data: ReportData, claim: ReportClaim): ClaimReviewJson | null {
  const url = claimUrl(data, claim);
  const reviewRating = rating(claim);
  // Without the page it is published on, a ClaimReview is invalid: none is made.
  if (claim.status !== 'approved' || !reviewRating || !url) return null;
  const appearance: ClaimReviewJson = { '@type': 'CreativeWork', headline: data.document.title };
  const articleUrl = safeUrl(data.document.sourceUrl);
  if (articleUrl) appearance.url = articleUrl;
  if (data.document.publishedAt) appearance.datePublished = data.document.publishedAt.slice(0, 10);
  if (data.document.outlet) {
    appearance.publisher = { '@type': 'Organization', name: data.document.outlet };
  }
  // schema.org CreativeWork `version`: the text of the article the review was made from.
  appearance.version = textVersionId(data.textVersion);
  const itemReviewed: ClaimReviewJson = { '@type': 'Claim' };
  const author = claimAuthor(data, claim);
  if (author) itemReviewed.author = author;
  if (data.document.publishedAt) {
    itemReviewed.datePublished = data.document.publishedAt.slice(0, 10);
  }
  itemReviewed.appearance = appearance;
  const review: ClaimReviewJson = {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url,
    claimReviewed: claim.statement.trim() || claim.quote.exact,
    datePublished: (claim.reviewDate ?? claim.approvedAt ?? data.generatedAt).slice(0, 10),
    author: organization(data),
    reviewRating,
    itemReviewed,
  };
  if (data.document.language) review.inLanguage = data.document.language;
  return review;
}

/**
 * ClaimReviews for the approved claims among `claims` (the report's scope already applied).
 * Empty when the document has no published fact-check URL: every ClaimReview needs one.
 */
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
