// Lets the benchmark sample a server's memory: on SIGUSR2 the process runs a full garbage
// collection (node --expose-gc) and prints {"heapBytes"} (V8 heap used + external) as one JSON
// line, so the harness can read RSS right after, and see what is retained rather than garbage.
const collect = (globalThis as { gc?: () => void }).gc;

export function collectGarbageOnSignal(): void {
  process.on('SIGUSR2', () => {
    collect?.();
    const usage = process.memoryUsage();
    process.stdout.write(`${JSON.stringify({ heapBytes: usage.heapUsed + usage.external })}\n`);
  });
}
