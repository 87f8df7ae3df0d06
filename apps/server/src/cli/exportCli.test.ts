// `factdesk export`, spawned as an administrator runs it: on its own database (embedded data
// directory, or a fresh one on the PostgreSQL server), and — with the embedded database —
// through a running server's admin socket, where the PDF's bytes must survive the trip.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEmptyServerDatabase,
  type EmptyServerDatabase,
} from '../testing/emptyTestDatabase.ts';
import {
  runCommandLine,
  type ServerProcess,
  startServerProcess,
  stopChild,
} from '../testing/serverProcess.ts';
import { testDatabaseKind } from '../testing/testDatabase.ts';

const kind = testDatabaseKind();
const MISSING = '3f1c2a8e-0b7d-4c55-9e61-2d4f8a9b0c1e';

let dataDir: string;
let serverDatabase: EmptyServerDatabase | undefined;
let workspaceId: string;
let documentId: string;
const email = 'export@example.com';

function environment(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...extra };
  delete env.DATABASE_URL;
  if (serverDatabase) env.DATABASE_URL = serverDatabase.url;
  return env;
}

/** Runs the built command line; standard output is kept as bytes (a PDF is not text). */
function factdesk(args: string[], stdin = '') {
  return runCommandLine(args, { env: environment(), stdin });
}

async function importArticle(title: string): Promise<string> {
  const path = join(dataDir, 'story.md');
  await writeFile(path, '# Ça coûte\n\nThe minister said unemployment fell by 40%.\n');
  const result = await factdesk([
    'import',
    '--workspace',
    workspaceId,
    '--file',
    path,
    '--title',
    title,
  ]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout.toString('utf8').trim();
}

function expectPdf(bytes: Buffer) {
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(bytes.subarray(-8).toString('latin1')).toContain('%%EOF');
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fdexport-'));
  if (kind === 'server') serverDatabase = await createEmptyServerDatabase();
  const user = await factdesk(
    ['user', 'create', '--email', email, '--name', 'Desk', '--password-stdin'],
    'a long enough password\n',
  );
  expect(user.code, user.stderr).toBe(0);
  const workspace = await factdesk(['workspace', 'create', '--name', 'Desk', '--owner', email]);
  expect(workspace.code, workspace.stderr).toBe(0);
  workspaceId = workspace.stdout.toString('utf8').trim();
  documentId = await importArticle('Ça coûte: the <budget> story');
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
  await serverDatabase?.drop();
});

describe('factdesk export', () => {
  it('writes the JSON report to standard output, nothing else', async () => {
    const result = await factdesk(['export', documentId, '--format', 'json', '--all']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const data = JSON.parse(result.stdout.toString('utf8'));
    expect(data).toMatchObject({
      version: 1,
      options: { scope: 'all' },
      workspace: { name: 'Desk' },
      document: { id: documentId, title: 'Ça coûte: the <budget> story' },
      claims: [],
    });
  });

  it('approved claims only without --all; Markdown as text', async () => {
    const json = await factdesk(['export', documentId, '--format', 'json']);
    expect(JSON.parse(json.stdout.toString('utf8')).options.scope).toBe('approved');
    const md = await factdesk(['export', documentId, '--format', 'md']);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout.toString('utf8')).toContain('Ça coûte');
  });

  it('writes a PDF to --out, byte for byte, and prints nothing', async () => {
    const out = join(dataDir, 'report.pdf');
    const result = await factdesk(['export', documentId, '--format', 'pdf', '--out', out]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.length).toBe(0);
    expectPdf(await readFile(out));
  });

  it('refuses a bad format, a missing format, a bad id and an unknown document', async () => {
    const badFormat = await factdesk(['export', documentId, '--format', 'docx']);
    expect(badFormat.code).toBe(1);
    expect(badFormat.stderr).toContain('The format must be html, pdf, md, csv, json, claimreview');
    const noFormat = await factdesk(['export', documentId]);
    expect(noFormat.code).toBe(2);
    expect(noFormat.stderr).toContain('needs --format');
    const noId = await factdesk(['export', '--format', 'json']);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toContain('export needs <documentId>');
    const badId = await factdesk(['export', 'nope', '--format', 'json']);
    expect(badId.code).toBe(1);
    expect(badId.stderr).toContain('The document id must be a UUID');
    const missing = await factdesk(['export', MISSING, '--format', 'json']);
    expect(missing.code).toBe(1);
    expect(missing.stdout.length).toBe(0);
    expect(missing.stderr).toContain('Document was not found');
  });
});

/** The report's text with its generation time blanked out (the one thing allowed to differ). */
function withoutGenerationTime(body: Buffer): string {
  return body
    .toString('utf8')
    .replace(/"generatedAt": "[^"]+"/g, '"generatedAt": "…"')
    .replace(/,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\r\n/g, ',…\r\n')
    .replace(/(Report date(?:<\/dt><dd>|:\*\* ))[^<\n]+/g, '$1…')
    .replace(/Generated by Factdesk on [^.<]+\./g, 'Generated by Factdesk on ….');
}

/** `document versions`: one tab-separated line per version, newest first. */
async function versionsOf(id: string): Promise<string[][]> {
  const result = await factdesk(['document', 'versions', id]);
  expect(result.code, result.stderr).toBe(0);
  return result.stdout
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split('\t'));
}

describe('factdesk export: the API’s options and text versions', () => {
  it('document versions lists the import, whose report can be made', async () => {
    const versions = await versionsOf(documentId);
    expect(versions).toHaveLength(1);
    const [id, savedAt, versionKind, reportable, name] = versions[0] ?? [];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(savedAt ?? '').getTime()).toBeGreaterThan(0);
    expect([versionKind, reportable, name]).toEqual(['import', 'yes', '']);
  });

  it('--version: the same report every time but for its generation time, naming the version', async () => {
    const [[versionId]] = (await versionsOf(documentId)) as [[string]];
    // Each run opens the embedded database anew (seconds each on a loaded machine): three formats.
    for (const format of ['json', 'md', 'csv']) {
      const args = ['export', documentId, '--format', format, '--version', versionId, '--all'];
      const first = await factdesk(args);
      expect(first.code, first.stderr).toBe(0);
      const second = await factdesk(args);
      expect(withoutGenerationTime(second.stdout), format).toBe(
        withoutGenerationTime(first.stdout),
      );
      if (format === 'json') {
        const data = JSON.parse(first.stdout.toString('utf8'));
        expect(data.textVersion).toMatchObject({ id: versionId, kind: 'import', name: null });
        expect(data.textVersion.sha256).toMatch(/^[0-9a-f]{64}$/);
      }
    }
    const pdf = await factdesk(['export', documentId, '--format', 'pdf', '--version', versionId]);
    expect(pdf.code, pdf.stderr).toBe(0);
    expectPdf(pdf.stdout);
  }, 240_000);

  it('without --version: the current text, with its hash', async () => {
    const result = await factdesk(['export', documentId, '--format', 'md']);
    expect(result.stdout.toString('utf8')).toMatch(
      /\*\*Text version:\*\* current text, read .+ UTC · SHA-256 [0-9a-f]{64}/,
    );
  });

  it('--article-text, --no-evidence, --scope and --no-bom do what the API’s options do', async () => {
    const json = await factdesk([
      'export',
      documentId,
      '--format',
      'json',
      '--article-text',
      '--no-evidence',
      '--scope',
      'all',
    ]);
    expect(json.code, json.stderr).toBe(0);
    const data = JSON.parse(json.stdout.toString('utf8'));
    expect(data.options).toEqual({ scope: 'all', evidence: false, articleText: true });
    expect(data.article.text).toContain('The minister said unemployment fell by 40%.');
    const csv = await factdesk(['export', documentId, '--format', 'csv', '--no-bom']);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout.toString('utf8')).toMatch(/^number,status,statement,/);
  });

  it('refuses a version of another document, a bad version id, a bad scope and --all with --scope approved', async () => {
    const other = await importArticle('Another story');
    const [[otherVersion]] = (await versionsOf(other)) as [[string]];
    const foreign = await factdesk([
      'export',
      documentId,
      '--format',
      'json',
      '--version',
      otherVersion,
    ]);
    expect(foreign.code).toBe(1);
    expect(foreign.stdout.length).toBe(0);
    expect(foreign.stderr).toContain('Version was not found');
    const badVersion = await factdesk([
      'export',
      documentId,
      '--format',
      'json',
      '--version',
      'latest',
    ]);
    expect(badVersion.code).toBe(1);
    expect(badVersion.stderr).toContain('The version id must be a UUID');
    const badScope = await factdesk(['export', documentId, '--format', 'json', '--scope', 'some']);
    expect(badScope.code).toBe(2);
    expect(badScope.stderr).toContain('--scope must be approved or all');
    const both = await factdesk([
      'export',
      documentId,
      '--format',
      'json',
      '--all',
      '--scope',
      'approved',
    ]);
    expect(both.code).toBe(2);
  }, 180_000);
});

describe.skipIf(kind === 'server')('factdesk export beside a running server', () => {
  let server: ServerProcess;

  beforeAll(async () => {
    server = await startServerProcess(environment());
  });
  // Awaited: the outer afterAll removes the data directory the server is still closing.
  afterAll(() => stopChild(server.child));

  it('exports through the admin socket: a PDF intact on standard output, errors named', async () => {
    const pdf = await factdesk(['export', documentId, '--format', 'pdf', '--all']);
    expect(pdf.stderr).toBe('');
    expect(pdf.code).toBe(0);
    expectPdf(pdf.stdout);
    const csv = await factdesk(['export', documentId, '--format', 'csv']);
    expect(csv.code, csv.stderr).toBe(0);
    // A byte-order mark first, so spreadsheet programs read the UTF-8 text right.
    expect(csv.stdout.toString('utf8')).toMatch(/^\uFEFFnumber,status,statement,/);
    const missing = await factdesk(['export', MISSING, '--format', 'json']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Document was not found');
  });

  it('lists versions and exports one through the admin socket, the same as without the server', async () => {
    const [[versionId]] = (await versionsOf(documentId)) as [[string]];
    const args = ['export', documentId, '--format', 'md', '--version', versionId, '--article-text'];
    const through = await factdesk(args);
    expect(through.code, through.stderr).toBe(0);
    expect(through.stdout.toString('utf8')).toContain(`version ${versionId}`);
    expect(through.stdout.toString('utf8')).toContain('## Article');
  });
});
