// "Archive now", "Check again" and automatic archiving through the real app, against stand-in
// sites and a stand-in archive service on 127.0.0.1 answering as Save Page Now does; and the
// flags the checker's findings raise on the board and in every report format, live and pinned.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { anchorFor, buildDocumentWithText, docFrom } from '../../testing/claimFactories.ts';
import { buildMember, buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp } from '../../testing/testApp.ts';

type ArchiveMode = 'up' | 'down' | 'silent' | 'hold';

/** A stand-in web: pages that work, are gone, moved, and one whose answer a test sets. */
let site: Server;
let siteOrigin: string;
let flakyStatus = 404;
/** A stand-in archive service; `hold` keeps each request until a test answers it. */
let archive: Server;
let archiveOrigin: string;
let archiveMode: ArchiveMode = 'up';
const archiveRequests: IncomingMessage[] = [];
const held: (() => void)[] = [];

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function stop(server: Server): Promise<void> {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}

beforeAll(async () => {
  site = createServer((request, response) => {
    const path = request.url ?? '/';
    if (path === '/alive') return void response.end('a page');
    if (path === '/gone') return void response.writeHead(410).end();
    if (path === '/old') return void response.writeHead(301, { location: '/new' }).end();
    if (path === '/new') return void response.end('moved here');
    if (path === '/flaky') return void response.writeHead(flakyStatus).end('flaky');
    response.writeHead(404).end();
  });
  siteOrigin = await listen(site);
  archive = createServer((request, response) => {
    archiveRequests.push(request);
    const path = request.url ?? '/';
    if (path.startsWith('/web/')) return void response.end('the copy');
    const copy = `/web/20261206/${path.replace(/^\/save\//, '')}`;
    if (archiveMode === 'down') return void response.writeHead(503).end();
    if (archiveMode === 'silent') return; // never answers
    if (archiveMode === 'hold') {
      held.push(() => response.writeHead(302, { location: copy }).end());
      return;
    }
    response.writeHead(302, { location: copy }).end();
  });
  archiveOrigin = await listen(archive);
});
afterAll(async () => {
  await stop(site);
  await stop(archive);
});

const ARTICLE = 'The minister said unemployment fell by 40% last year. Wages stalled.';

/** An app whose outside fetches may reach 127.0.0.1, with its workspace and members. */
async function buildDesk(env: NodeJS.ProcessEnv = {}) {
  const t = await buildTestApp({
    env: {
      ARCHIVE_ENDPOINT: `${archiveOrigin}/save/`,
      OUTBOUND_ALLOW_ADDRESSES: '127.0.0.1',
      OUTBOUND_TIMEOUT_MS: '1000',
      ...env,
    },
  });
  const built = await buildWorkspace(t);
  const moderator = await buildMember(t, built.owner, built.workspaceId, 'moderator');
  const reviewer = await buildMember(t, built.owner, built.workspaceId, 'reviewer');
  const viewer = await buildMember(t, built.owner, built.workspaceId, 'viewer');
  const { documentId, update } = await buildDocumentWithText(t.db.sql, {
    workspaceId: built.workspaceId,
    createdBy: built.owner.id,
    markdown: ARTICLE,
  });
  const as = (user: TestUser, method: string, url: string, payload?: object) =>
    t.request({
      method: method as 'GET',
      url,
      cookie: user.cookie,
      ...(payload ? { payload } : {}),
    });
  async function ok<T = Record<string, unknown>>(
    user: TestUser,
    method: string,
    url: string,
    payload?: object,
  ): Promise<T> {
    const response = await as(user, method, url, payload);
    expect(response.statusCode, response.body).toBeLessThan(300);
    return response.json() as T;
  }
  /** A claim (made by the reviewer) with one evidence link to `url`. */
  async function claimWithLink(url: string, exact = 'unemployment fell by 40%') {
    const claim = await ok<{ id: string; version: number }>(
      reviewer,
      'POST',
      `/api/documents/${documentId}/claims`,
      { anchor: anchorFor(docFrom(update), exact), statement: 'Unemployment fell 40%' },
    );
    const added = await ok<{ evidence: { id: string }; claim: { version: number } }>(
      reviewer,
      'POST',
      `/api/claims/${claim.id}/evidence`,
      {
        version: claim.version,
        url,
        title: 'Labour survey',
        kind: 'official_data',
        stance: 'refutes',
      },
    );
    return { claimId: claim.id, evidenceId: added.evidence.id, version: added.claim.version };
  }
  return { t, ...built, moderator, reviewer, viewer, documentId, as, ok, claimWithLink };
}

type Desk = Awaited<ReturnType<typeof buildDesk>>;

async function linkRow(desk: Desk, evidenceId: string) {
  const [row] = await desk.t.db.sql<
    {
      archive_problem: string | null;
      archive_tried_at: Date | null;
      archiving_until: Date | null;
    }[]
  >`SELECT archive_problem, archive_tried_at, archiving_until FROM evidence_links
    WHERE evidence_id = ${evidenceId}`;
  return row!;
}

describe('Archive now and Check again', () => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await buildDesk();
  });
  afterAll(() => desk.t.close());

  it('stores the copy as the archive link, with a history entry and a live event', async () => {
    archiveMode = 'up';
    const { claimId, evidenceId, version } = await desk.claimWithLink(`${siteOrigin}/alive`);
    const response = await desk.as(desk.reviewer, 'POST', `/api/evidence/${evidenceId}/archive`);
    expect(response.statusCode, response.body).toBe(200);
    const copy = `${archiveOrigin}/web/20261206/${siteOrigin}/alive`;
    const body = response.json();
    expect(body.evidence.archiveUrl).toBe(copy);
    expect(body.claim.version).toBe(version + 1);
    expect(archiveRequests.at(-2)?.url).toBe(`/save/${siteOrigin}/alive`);

    const history = await desk.ok<{ type: string; before: unknown; after: unknown }[]>(
      desk.moderator,
      'GET',
      `/api/claims/${claimId}/history`,
    );
    expect(history.at(-1)).toMatchObject({
      type: 'evidence.updated',
      before: { archiveUrl: null },
      after: { archiveUrl: copy },
      actor: { id: desk.reviewer.id },
    });
    // The events other open editors receive (and catch up on) carry the link with its copy.
    const events = await desk.ok<{ events: { type: string; claimId: string }[] }>(
      desk.viewer,
      'GET',
      `/api/documents/${desk.documentId}/events?after=0`,
    );
    expect(events.events.at(-1)).toMatchObject({ type: 'evidence.updated', claimId });
    expect((await linkRow(desk, evidenceId)).archiving_until).toBeNull();
  });

  it('says so with 502 when the archive service is down, and changes nothing', async () => {
    archiveMode = 'down';
    const { claimId, evidenceId, version } = await desk.claimWithLink(`${siteOrigin}/alive`);
    const response = await desk.as(desk.reviewer, 'POST', `/api/evidence/${evidenceId}/archive`);
    expect(response.statusCode, response.body).toBe(502);
    expect(response.json()).toEqual({
      code: 'archive_failed',
      message: 'The archive service answered 503; try again later.',
    });
    const claim = await desk.ok<{ version: number }>(
      desk.reviewer,
      'GET',
      `/api/claims/${claimId}`,
    );
    expect(claim.version).toBe(version);
    const [evidence] = await desk.ok<{ archiveUrl: string | null }[]>(
      desk.reviewer,
      'GET',
      `/api/claims/${claimId}/evidence`,
    );
    expect(evidence?.archiveUrl).toBeNull();
    expect(await linkRow(desk, evidenceId)).toMatchObject({
      archive_problem: 'The archive service answered 503; try again later.',
      archiving_until: null,
    });
  });

  it('answers 504 when the archive service does not answer in time', async () => {
    archiveMode = 'silent';
    const { evidenceId } = await desk.claimWithLink(`${siteOrigin}/alive`);
    const response = await desk.as(desk.reviewer, 'POST', `/api/evidence/${evidenceId}/archive`);
    expect(response.statusCode, response.body).toBe(504);
    expect(response.json().message).toMatch(/^The archive service could not be reached: .*1000 ms/);
  });

  it('tells a second request that the link is being archived already', async () => {
    archiveMode = 'hold';
    const { evidenceId } = await desk.claimWithLink(`${siteOrigin}/alive`);
    const first = desk.as(desk.reviewer, 'POST', `/api/evidence/${evidenceId}/archive`);
    await expect.poll(() => held.length).toBe(1);
    const second = await desk.as(desk.moderator, 'POST', `/api/evidence/${evidenceId}/archive`);
    expect(second.statusCode, second.body).toBe(409);
    expect(second.json().code).toBe('archiving');
    held.shift()?.();
    expect((await first).statusCode).toBe(200);
  });

  it('refuses a viewer, a bad id and an unknown one, before asking the service', async () => {
    archiveMode = 'up';
    const { evidenceId } = await desk.claimWithLink(`${siteOrigin}/alive`);
    const asked = archiveRequests.length;
    for (const action of ['archive', 'check']) {
      const viewer = await desk.as(desk.viewer, 'POST', `/api/evidence/${evidenceId}/${action}`);
      expect(viewer.statusCode, viewer.body).toBe(403);
      const bad = await desk.as(desk.reviewer, 'POST', `/api/evidence/not-an-id/${action}`);
      expect(bad.statusCode, bad.body).toBe(400);
      const unknown = await desk.as(
        desk.reviewer,
        'POST',
        `/api/evidence/00000000-0000-4000-8000-000000000000/${action}`,
      );
      expect(unknown.statusCode, unknown.body).toBe(404);
      expect(unknown.json().message).toBe('Evidence was not found.');
    }
    expect(archiveRequests.length).toBe(asked);
  });

  it('Check again answers with what the link says now', async () => {
    const gone = await desk.claimWithLink(`${siteOrigin}/gone`);
    const dead = await desk.ok(desk.reviewer, 'POST', `/api/evidence/${gone.evidenceId}/check`);
    expect(dead).toMatchObject({ evidenceId: gone.evidenceId, state: 'dead', httpStatus: 410 });
    expect(Date.parse(String(dead.checkedAt))).toBeGreaterThan(Date.now() - 60_000);
    const old = await desk.claimWithLink(`${siteOrigin}/old`, 'Wages stalled');
    const moved = await desk.ok(desk.reviewer, 'POST', `/api/evidence/${old.evidenceId}/check`);
    expect(moved).toMatchObject({ state: 'moved', finalUrl: `${siteOrigin}/new` });
  });
});

describe('the flags on the board and in the reports', () => {
  let desk: Desk;
  let claimId: string;
  let evidenceId: string;
  let versionId: string;
  beforeAll(async () => {
    desk = await buildDesk();
    flakyStatus = 404;
    ({ claimId, evidenceId } = await desk.claimWithLink(`${siteOrigin}/flaky`));
    const moved = await desk.claimWithLink(`${siteOrigin}/old`, 'Wages stalled');
    await desk.ok(desk.reviewer, 'POST', `/api/evidence/${evidenceId}/check`);
    await desk.ok(desk.reviewer, 'POST', `/api/evidence/${moved.evidenceId}/check`);
    versionId = (
      await desk.ok<{ id: string }>(
        desk.moderator,
        'POST',
        `/api/documents/${desk.documentId}/versions`,
        { name: 'With a dead link' },
      )
    ).id;
  });
  afterAll(() => desk.t.close());

  const report = (format: string, extra = '') =>
    desk
      .as(
        desk.viewer,
        'GET',
        `/api/documents/${desk.documentId}/report?format=${format}&scope=all${extra}`,
      )
      .then((response) => {
        expect(response.statusCode, response.body).toBe(200);
        return response.body;
      });

  it('the board counts each claim’s dead and moved links', async () => {
    const claims = await desk.ok<{ id: string; deadLinkCount: number; movedLinkCount: number }[]>(
      desk.moderator,
      'GET',
      `/api/workspaces/${desk.workspaceId}/claims`,
    );
    const counts = claims.map((c) => [c.id === claimId, c.deadLinkCount, c.movedLinkCount]);
    expect(counts).toEqual(
      expect.arrayContaining([
        [true, 1, 0],
        [false, 0, 1],
      ]),
    );
  });

  it('every report format flags the dead link and the moved one with its new address', async () => {
    const json = JSON.parse(await report('json'));
    const links = json.claims.flatMap((c: { evidence: { link: unknown }[] }) =>
      c.evidence.map((e) => e.link),
    );
    expect(links).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ state: 'dead', httpStatus: 404, finalUrl: null }),
        expect.objectContaining({ state: 'moved', finalUrl: `${siteOrigin}/new` }),
      ]),
    );
    expect(await report('html')).toContain('<strong>Dead link</strong> (answered 404');
    expect(await report('html')).toContain(`now at <a href="${siteOrigin}/new"`);
    const md = await report('md');
    expect(md).toContain('**Dead link** (answered 404');
    expect(md).toContain(`**Moved** — now at [${siteOrigin}/new](<${siteOrigin}/new>)`);
    // One row per claim: each link in evidence_urls, a dead or moved one flagged beside it.
    const csv = await report('csv');
    expect(csv).toContain(`${siteOrigin}/flaky [Dead link]`);
    expect(csv).toContain(`${siteOrigin}/old [Moved to ${siteOrigin}/new]`);
  });

  it('a version’s report keeps the flags it had when saved; the live report follows the link', async () => {
    flakyStatus = 200;
    const fixed = await desk.ok(desk.reviewer, 'POST', `/api/evidence/${evidenceId}/check`);
    expect(fixed.state).toBe('alive');
    expect(await report('md')).not.toContain('**Dead link**');
    expect(await report('md', `&version=${versionId}`)).toContain('**Dead link** (answered 404');
  });
});

describe('automatic archiving (ARCHIVE_AUTOMATICALLY)', () => {
  let desk: Desk;
  beforeAll(async () => {
    desk = await buildDesk({
      ARCHIVE_AUTOMATICALLY: 'true',
      LINK_CHECK_HOURS: '24',
      LINK_CHECK_SCAN_MS: '100',
    });
  });
  afterAll(() => desk.t.close());

  it('archives a link once the checker finds it alive, as the server', async () => {
    archiveMode = 'up';
    const { claimId } = await desk.claimWithLink(`${siteOrigin}/alive`);
    const copy = `${archiveOrigin}/web/20261206/${siteOrigin}/alive`;
    await expect
      .poll(
        async () =>
          (
            await desk.ok<{ archiveUrl: string | null }[]>(
              desk.reviewer,
              'GET',
              `/api/claims/${claimId}/evidence`,
            )
          )[0]?.archiveUrl,
        { timeout: 10_000, interval: 100 },
      )
      .toBe(copy);
    const history = await desk.ok<{ type: string; actor: unknown; after: unknown }[]>(
      desk.reviewer,
      'GET',
      `/api/claims/${claimId}/history`,
    );
    expect(history.at(-1)).toMatchObject({
      type: 'evidence.updated',
      actor: null,
      after: { archiveUrl: copy },
    });
  });

  it('records a failure and does not ask again at every scan', async () => {
    archiveMode = 'down';
    const { evidenceId } = await desk.claimWithLink(`${siteOrigin}/alive`, 'Wages stalled');
    await expect
      .poll(async () => (await linkRow(desk, evidenceId)).archive_problem, { timeout: 10_000 })
      .toBe('The archive service answered 503; try again later.');
    const asks = () => archiveRequests.filter((r) => r.url?.startsWith('/save/')).length;
    const asked = asks();
    // Checked again (Check again waits for the archiving that follows a check): alive, still
    // no copy, but tried too recently to ask again.
    expect(await desk.ok(desk.reviewer, 'POST', `/api/evidence/${evidenceId}/check`)).toMatchObject(
      { state: 'alive' },
    );
    expect(asks()).toBe(asked);
    // A day later, the next check asks again.
    await desk.t.db.sql`
      UPDATE evidence_links SET archive_tried_at = now() - interval '1 day'
      WHERE evidence_id = ${evidenceId}`;
    await desk.ok(desk.reviewer, 'POST', `/api/evidence/${evidenceId}/check`);
    expect(asks()).toBe(asked + 1);
  });
});

describe('an archive service nobody answers for', () => {
  it('gives 502 saying it could not be reached', async () => {
    const desk = await buildDesk({ ARCHIVE_ENDPOINT: 'http://127.0.0.1:9/save/' });
    try {
      const { evidenceId } = await desk.claimWithLink(`${siteOrigin}/alive`);
      const response = await desk.as(desk.reviewer, 'POST', `/api/evidence/${evidenceId}/archive`);
      expect(response.statusCode, response.body).toBe(502);
      expect(response.json().message).toMatch(
        /^The archive service could not be reached: 127\.0\.0\.1:9 did not answer/,
      );
    } finally {
      await desk.t.close();
    }
  });
});

describe('the ARCHIVE_AUTOMATICALLY setting', () => {
  it('is off unless set, takes true or false, and refuses anything else with a sentence', () => {
    const automatically = (value?: string) =>
      loadConfig({ PUBLIC_URL: 'http://localhost:3000', ARCHIVE_AUTOMATICALLY: value })
        .evidenceLinks.archive.automatically;
    expect(automatically()).toBe(false);
    expect(automatically('true')).toBe(true);
    expect(automatically('0')).toBe(false);
    expect(() => automatically('sometimes')).toThrow(
      'ARCHIVE_AUTOMATICALLY must be true or false, got "sometimes".',
    );
  });
});
