// Stops a spawned server and waits until it has exited: SIGTERM (it stores what it holds and
// closes its database), then SIGKILL if it lingers. Removing its data directory before it
// exits races its last writes (ENOTEMPTY on the embedded database's files).
import type { ChildProcess } from 'node:child_process';

export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
