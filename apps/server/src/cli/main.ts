// `pnpm factdesk <command>`: administration from the shell. Works whether the server is
// running or not; with the embedded database and a running server, it goes through the
// server's admin socket instead of opening the data directory a second time.
import { readFile, writeFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { lockHolder } from '../db/dataDirLock.ts';
import { migrate } from '../db/migrate.ts';
import { AppError, DataDirBusyError, StartupError } from '../errors.ts';
import { type AdminCommand, runAdminCommand, validateAdminCommand } from './adminCommands.ts';
import { sendAdminCommand } from './adminSocket.ts';

const USAGE = `Usage: factdesk <command> [options]

Commands:
  migrate                                              apply database migrations
  user create --email E --name N --password-stdin      create a user (password on standard input)
  user reset-password --email E                        print a one-time link that sets a new password
                                                       (PUBLIC_URL/reset/…, valid PASSWORD_RESET_HOURS,
                                                       default 24; voids the user's earlier link)
  workspace create --name N --owner E                  create a workspace; prints its id
  member add --workspace W --email E --role R          add a member (or change their role)
  token create --email E --name N                      create an API token; prints it once
  import --workspace W --file F [--format md|html|txt] [--title T] [--source-url U]
                                                       import an article; prints the document id
  document lock|unlock <id>                            lock or unlock a document's source text
  document versions <id>                               its saved text versions, newest first:
                                                       id, saved at, kind, report (yes/no), name
  export <id> --format html|pdf|md|csv|json|claimreview [--out FILE]
         [--version V] [--all | --scope approved|all] [--article-text] [--no-evidence] [--no-bom]
                                                       the verdict report to FILE or standard
                                                       output: approved claims (--all: every
                                                       claim), with evidence, of the current text
                                                       (--version: of a saved version, the same
                                                       report every time); --article-text adds the
                                                       annotated article; --no-bom: CSV without
                                                       the UTF-8 byte-order mark

Database: DATABASE_URL (PostgreSQL server) or the embedded one in DATA_DIR (default ./data).`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new UsageError('--password-stdin reads the password from standard input: pipe it in.');
  }
  let data = '';
  for await (const chunk of process.stdin) data += chunk;
  return data.replace(/\r?\n$/, '');
}

async function parseCommand(
  argv: string[],
): Promise<{ command: AdminCommand; out: string | undefined }> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      owner: { type: 'string' },
      workspace: { type: 'string' },
      role: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      file: { type: 'string' },
      format: { type: 'string' },
      title: { type: 'string' },
      'source-url': { type: 'string' },
      all: { type: 'boolean' },
      scope: { type: 'string' },
      version: { type: 'string' },
      'article-text': { type: 'boolean' },
      'no-evidence': { type: 'boolean' },
      'no-bom': { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const words = positionals.join(' ');
  const need = (option: keyof typeof values) => {
    const value = values[option];
    if (typeof value !== 'string') throw new UsageError(`${words} needs --${option}.`);
    return value;
  };
  let raw: Record<string, unknown>;
  if (positionals[0] === 'export') {
    if (positionals.length !== 2) throw new UsageError('export needs <documentId>.');
    const scope = values.scope ?? (values.all ? 'all' : 'approved');
    if (scope !== 'approved' && scope !== 'all') {
      throw new UsageError('--scope must be approved or all.');
    }
    if (values.all && scope !== 'all') throw new UsageError('--all means --scope all.');
    raw = {
      name: 'report.export',
      documentId: positionals[1],
      format: need('format'),
      all: scope === 'all',
      ...(values.version !== undefined ? { versionId: values.version } : {}),
      evidence: values['no-evidence'] !== true,
      articleText: values['article-text'] === true,
      bom: values['no-bom'] !== true,
    };
    return { command: validateAdminCommand(raw), out: values.out };
  }
  switch (words) {
    case 'migrate':
      raw = { name: 'migrate' };
      break;
    case 'user create':
      if (!values['password-stdin']) throw new UsageError('user create needs --password-stdin.');
      raw = {
        name: 'user.create',
        email: need('email'),
        displayName: need('name'),
        password: await readStdin(),
      };
      break;
    case 'user reset-password':
      raw = { name: 'user.resetPassword', email: need('email') };
      break;
    case 'workspace create':
      raw = { name: 'workspace.create', workspaceName: need('name'), ownerEmail: need('owner') };
      break;
    case 'member add':
      raw = {
        name: 'member.add',
        workspaceId: need('workspace'),
        email: need('email'),
        role: need('role'),
      };
      break;
    case 'token create':
      raw = { name: 'token.create', email: need('email'), tokenName: need('name') };
      break;
    case 'import':
      raw = await importCommand(need('workspace'), need('file'), values);
      break;
    default:
      if (
        positionals[0] === 'document' &&
        (positionals[1] === 'lock' || positionals[1] === 'unlock')
      ) {
        if (positionals.length !== 3)
          throw new UsageError(`document ${positionals[1]} needs <id>.`);
        raw = {
          name: 'document.lock',
          documentId: positionals[2],
          locked: positionals[1] === 'lock',
        };
        break;
      }
      if (positionals[0] === 'document' && positionals[1] === 'versions') {
        if (positionals.length !== 3) throw new UsageError('document versions needs <id>.');
        raw = { name: 'document.versions', documentId: positionals[2] };
        break;
      }
      throw new UsageError(words ? `Unknown command: ${words}` : 'No command given.');
  }
  return { command: validateAdminCommand(raw), out: undefined };
}

const FORMAT_BY_EXTENSION: Record<string, string> = {
  md: 'md',
  markdown: 'md',
  html: 'html',
  htm: 'html',
  txt: 'txt',
  text: 'txt',
};

/** Reads the article file here (the server may run as another user), as strict UTF-8. */
async function importCommand(
  workspaceId: string,
  file: string,
  values: { format?: string; title?: string; 'source-url'?: string },
): Promise<Record<string, unknown>> {
  const format = values.format ?? FORMAT_BY_EXTENSION[extname(file).slice(1).toLowerCase()];
  if (!format) throw new UsageError('import needs --format md, html or txt for this file.');
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new AppError(400, 'bad_file', `Cannot read ${file}: ${(error as Error).message}`);
  }
  let content: string;
  try {
    content = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(400, 'bad_file', `${file} is not valid UTF-8 text: save it as UTF-8.`);
  }
  return {
    name: 'document.import',
    workspaceId,
    format,
    content,
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values['source-url'] !== undefined ? { sourceUrl: values['source-url'] } : {}),
  };
}

async function execute(command: AdminCommand): Promise<string> {
  const config = loadConfig();
  if (config.databaseUrl) {
    const db = await openDatabase({ kind: 'server', url: config.databaseUrl });
    try {
      if (command.name !== 'migrate') await migrate(db.sql);
      return await runAdminCommand(db.sql, command);
    } finally {
      await db.close();
    }
  }
  if ((await lockHolder(config.dataDir)) !== undefined) {
    return throughServer(config.dataDir, command);
  }
  let db: Awaited<ReturnType<typeof openDatabase>>;
  try {
    db = await openDatabase({ kind: 'embedded', dataDir: config.dataDir });
  } catch (error) {
    // The server started between our check and our open: go through it after all.
    if (error instanceof DataDirBusyError) return throughServer(config.dataDir, command);
    throw error;
  }
  try {
    if (command.name !== 'migrate') await migrate(db.sql);
    return await runAdminCommand(db.sql, command);
  } finally {
    await db.close();
  }
}

async function throughServer(dataDir: string, command: AdminCommand): Promise<string> {
  let reply: Awaited<ReturnType<typeof sendAdminCommand>>;
  try {
    reply = await sendAdminCommand(dataDir, command);
  } catch {
    throw new DataDirBusyError(dataDir, await lockHolder(dataDir));
  }
  if (reply.error !== undefined) throw new AppError(400, 'command_failed', reply.error);
  return reply.output ?? '';
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h') || argv[0] === 'help') {
    console.log(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    const { command, out } = await parseCommand(argv);
    const output = await execute(command);
    if (command.name !== 'report.export') {
      process.stdout.write(`${output}\n`);
      return 0;
    }
    // The report's bytes as they are: no newline added, nothing else on standard output.
    const bytes = Buffer.from(output, 'base64');
    if (out === undefined) {
      await new Promise<void>((resolve, reject) =>
        process.stdout.write(bytes, (error) => (error ? reject(error) : resolve())),
      );
    } else {
      await writeFile(out, bytes);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`factdesk: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof AppError || error instanceof StartupError) {
      process.stderr.write(`factdesk: ${error.message}\n`);
      return 1;
    }
    if (
      error instanceof TypeError &&
      'code' in error &&
      String(error.code).startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(`factdesk: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`factdesk: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
