// Asks the archive service for a copy of a page and returns the copy's address. The default is
// the Internet Archive's Save Page Now: GET https://web.archive.org/save/<url> answers with the
// snapshot (a redirect to it, or its path in Content-Location). Any service that answers the
// same way can be set with ARCHIVE_ENDPOINT. The fetch is the SSRF-safe one, so the endpoint's
// credentials never follow a redirect to another site.
import { fetchOutside, type OutboundLimits, OutboundRefusal } from '../outbound/fetchOutside.ts';

export interface ArchiveService {
  endpoint: string;
  authorization: string | undefined;
}

/** Why the archive service gave no copy, in a sentence; `timedOut`: it did not answer in time. */
export class ArchiveFailure extends Error {
  override name = 'ArchiveFailure';
  constructor(
    message: string,
    readonly timedOut = false,
  ) {
    super(message);
  }
}

export async function archiveLink(
  url: string,
  service: ArchiveService,
  limits: OutboundLimits,
): Promise<string> {
  const request = `${service.endpoint}${url}`;
  let response: Awaited<ReturnType<typeof fetchOutside>>;
  try {
    response = await fetchOutside(request, limits, {
      headers: {
        accept: 'text/html',
        ...(service.authorization ? { authorization: service.authorization } : {}),
      },
      discardBody: true,
    });
  } catch (error) {
    throw new ArchiveFailure(
      `The archive service could not be reached: ${(error as Error).message}.`,
      error instanceof OutboundRefusal && error.code === 'timeout',
    );
  }
  if (response.status >= 400) {
    throw new ArchiveFailure(`The archive service answered ${response.status}; try again later.`);
  }
  const location = response.headers['content-location'];
  if (location) return new URL(location, response.url).href;
  if (response.url !== request) return response.url;
  throw new ArchiveFailure('The archive service did not say where the copy is.');
}
