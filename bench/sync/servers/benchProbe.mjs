// Preloaded into every benchmarked server (`node --expose-gc --import …/benchProbe.mjs`), ours
// as built by `pnpm build` and the peers alike, so the harness can read a server from outside.
// Each answer is one JSON line on standard output.
// - SIGUSR2, memory: a full garbage collection, then the heap it keeps (V8 heap used + external:
//   what is retained rather than garbage); the harness reads RSS from /proc right after.
// - SIGHUP, event-loop delay since the previous SIGHUP, in ms: a loop held by the server's own
//   work, as opposed to a machine too busy to schedule it. No collection here: a forced one
//   stalls the server for a few hundred ms, which the figures timed next would take for its own.
import { monitorEventLoopDelay } from 'node:perf_hooks';

const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();
const ms = (ns) => Math.round(ns / 1e4) / 100;
const answer = (object) => process.stdout.write(`${JSON.stringify(object)}\n`);

process.on('SIGUSR2', () => {
  globalThis.gc?.();
  const usage = process.memoryUsage();
  answer({ heapBytes: usage.heapUsed + usage.external });
});

process.on('SIGHUP', () => {
  const delay = {
    p50: ms(loopDelay.percentile(50)),
    p99: ms(loopDelay.percentile(99)),
    max: ms(loopDelay.max),
  };
  loopDelay.reset();
  answer({ loopDelay: delay });
});
