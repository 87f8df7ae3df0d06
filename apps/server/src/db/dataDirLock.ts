// PGlite must never be opened by two processes at once: a lock file holding the owner's
// pid guards the data directory. A lock left by a killed process is taken over.
import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { DataDirBusyError } from '../errors.ts';

export interface DataDirLock {
  release(): Promise<void>;
}

const LOCK_FILE = 'factdesk.lock';

export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(String(process.pid));
      await file.close();
      return { release: () => rm(path, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = await lockHolder(dataDir);
      if (holder !== undefined) throw new DataDirBusyError(dataDir, holder);
      await rm(path, { force: true }); // stale: its process is gone
    }
  }
  throw new DataDirBusyError(dataDir, undefined);
}

/** The pid of the live process holding the data directory, if any. */
export async function lockHolder(dataDir: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number((await readFile(join(dataDir, LOCK_FILE), 'utf8')).trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  if (pid === process.pid) return pid;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
