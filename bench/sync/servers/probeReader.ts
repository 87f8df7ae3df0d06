// The harness's side of the probe preloaded into every benchmarked server (benchProbe.mjs):
// one reader of the server's standard output, sending the probe's signal and handing each
// answer line to whoever asked for it, in order.
import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** The server's event-loop delay since the previous reading, in ms. */
export interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
}

export interface ProbeReader {
  /** V8 heap used + external after a full garbage collection (SIGUSR2). */
  heapBytes(): Promise<number>;
  /** The event-loop delay since the previous call, without a collection (SIGHUP). */
  loopDelay(): Promise<LoopDelay>;
}

export function readProbe(child: ChildProcess): ProbeReader {
  const waiting = {
    heapBytes: [] as Array<(bytes: number) => void>,
    loopDelay: [] as Array<(delay: LoopDelay) => void>,
  };
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (line.startsWith('{"heapBytes"')) {
      waiting.heapBytes.shift()?.((JSON.parse(line) as { heapBytes: number }).heapBytes);
    } else if (line.startsWith('{"loopDelay"')) {
      waiting.loopDelay.shift()?.((JSON.parse(line) as { loopDelay: LoopDelay }).loopDelay);
    }
  });
  return {
    heapBytes: () =>
      new Promise((answer) => {
        waiting.heapBytes.push(answer);
        child.kill('SIGUSR2');
      }),
    loopDelay: () =>
      new Promise((answer) => {
        waiting.loopDelay.push(answer);
        child.kill('SIGHUP');
      }),
  };
}
