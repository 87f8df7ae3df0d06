// Import bombs: inputs built to stall or crash a parser are refused at a structural cap while
// they are parsed, on the worker pool, with 413/422 naming the limit and its value — never a
// 500 — and nothing is created. (How fast a bystander stays meanwhile: `pnpm bench:hostile`.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWorkspace, type TestUser } from '../../testing/factories.ts';
import { buildTestApp, type TestApp } from '../../testing/testApp.ts';

let t: TestApp;
let owner: TestUser;
let workspaceId: string;

beforeAll(async () => {
  t = await buildTestApp();
  ({ owner, workspaceId } = await buildWorkspace(t));
});
afterAll(async () => {
  await t?.close();
});

function importAs(
  app: TestApp,
  user: TestUser,
  workspace: string,
  format: string,
  content: string,
) {
  return app.request({
    method: 'POST',
    url: `/api/workspaces/${workspace}/documents`,
    cookie: user.cookie,
    payload: { format, content },
  });
}

async function documentCount(app: TestApp): Promise<number> {
  const [row] = await app.db.sql<{ count: number }[]>`select count(*)::int as count from documents`;
  return row?.count ?? 0;
}

const BOMBS: {
  name: string;
  format: string;
  content: string;
  status: number;
  code: string;
  says: RegExp;
}[] = [
  {
    name: 'a 100,000-item Markdown list',
    format: 'md',
    content: Array.from({ length: 100_000 }, (_, i) => `- item ${i}`).join('\n'),
    status: 413,
    code: 'content_too_many_nodes',
    says: /more than 50000 elements \(IMPORT_MAX_NODES\)/,
  },
  {
    name: '50,000 nested <div>',
    format: 'html',
    content: `${'<div>'.repeat(50_000)}x${'</div>'.repeat(50_000)}`,
    status: 422,
    code: 'content_too_deep',
    says: /more than 128 deep \(IMPORT_MAX_DEPTH\)/,
  },
  {
    name: '50,000 unclosed <b>',
    format: 'html',
    content: '<b>x'.repeat(50_000),
    status: 422,
    code: 'content_too_deep',
    says: /IMPORT_MAX_DEPTH/,
  },
  {
    name: '50,000-deep <blockquote>',
    format: 'html',
    content: `${'<blockquote>'.repeat(50_000)}x`,
    status: 422,
    code: 'content_too_deep',
    says: /IMPORT_MAX_DEPTH/,
  },
  {
    name: '50,000-deep <ul><li>',
    format: 'html',
    content: `${'<ul><li>'.repeat(50_000)}x`,
    status: 422,
    code: 'content_too_deep',
    says: /IMPORT_MAX_DEPTH/,
  },
  {
    name: '50,000-deep Markdown block quotes',
    format: 'md',
    content: `${'>'.repeat(50_000)} x`,
    status: 422,
    code: 'content_too_deep',
    says: /IMPORT_MAX_DEPTH/,
  },
  {
    name: '50,000 nested Markdown emphasis',
    format: 'md',
    content: `${'*'.repeat(50_000)}x${'*'.repeat(50_000)}`,
    status: 422,
    code: 'content_too_deep',
    says: /IMPORT_MAX_DEPTH/,
  },
  {
    name: '100,000 plain-text paragraphs',
    format: 'txt',
    content: Array.from({ length: 100_000 }, () => 'p').join('\n\n'),
    status: 413,
    code: 'content_too_many_nodes',
    says: /IMPORT_MAX_NODES/,
  },
];

describe('import bombs', () => {
  it('refuses every bomb at its cap with 413/422 naming the limit, all at once, creating nothing', async () => {
    const before = await documentCount(t);
    const responses = await Promise.all(
      BOMBS.map((bomb) => importAs(t, owner, workspaceId, bomb.format, bomb.content)),
    );
    responses.forEach((response, index) => {
      const bomb = BOMBS[index];
      if (!bomb) return;
      expect(response.statusCode, `${bomb.name}: ${response.body}`).toBe(bomb.status);
      const body = response.json() as { code: string; message: string; field: string };
      expect(body.code, bomb.name).toBe(bomb.code);
      expect(body.field, bomb.name).toBe('content');
      expect(body.message, bomb.name).toMatch(bomb.says);
    });
    expect(await documentCount(t)).toBe(before);
    // The pool is still there for an ordinary article.
    const fine = await importAs(t, owner, workspaceId, 'md', '# Still here\n\nText.');
    expect(fine.statusCode, fine.body).toBe(201);
  });

  it('stops an import past its time budget with 422 and creates nothing', async () => {
    const strict = await buildTestApp({ env: { IMPORT_TIME_BUDGET_MS: '100' } });
    try {
      const { owner: user, workspaceId: workspace } = await buildWorkspace(strict);
      // Under every structural cap, but far more than 100 ms of markdown-it's link scanning.
      const slow = `${'['.repeat(200_000)}x`;
      const response = await importAs(strict, user, workspace, 'md', slow);
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json()).toMatchObject({
        code: 'time_budget_exceeded',
        field: 'content',
        message: expect.stringMatching(/time budget of 100 ms \(IMPORT_TIME_BUDGET_MS\)/),
      });
      expect(await documentCount(strict)).toBe(0);
    } finally {
      await strict.close();
    }
    // A second app and a cold worker (tsx compiles the editor in it) on a shared machine.
  }, 180_000);
});
