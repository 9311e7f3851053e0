/**
 * Preloaded into a benchmarked server (`node --import ./test/bench/loop-probe.ts`, when
 * `LOOP_PROBE_FILE` is set): a 2 ms timer that, at each turn of the event loop, reads how long
 * the turn took on the clock and how much CPU the server's main thread spent in it.
 *
 * The two differ on a busy machine. The wall time past the 2 ms is the event-loop *delay*
 * (Node's figure, and prom-client's): it also counts the time the thread waited for a core while
 * other processes held both. The thread's own CPU in that stretch is how long the loop was
 * *blocked* by the server's own work, which is what moving work off the loop can change.
 *
 * On SIGUSR2 the longest of each since the last report is written to the file (with a sequence
 * number), and both start again.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.LOOP_PROBE_FILE;
const RESOLUTION_MS = 2;

if (file) {
  let seq = 0;
  let blockMs = 0;
  let delayMs = 0;
  let lastWall = performance.now();
  let lastCpu = process.threadCpuUsage();
  setInterval(() => {
    const wall = performance.now();
    const cpu = process.threadCpuUsage();
    const spent = (cpu.user + cpu.system - lastCpu.user - lastCpu.system) / 1000;
    delayMs = Math.max(delayMs, wall - lastWall - RESOLUTION_MS);
    blockMs = Math.max(blockMs, spent);
    lastWall = wall;
    lastCpu = cpu;
  }, RESOLUTION_MS).unref();
  process.on('SIGUSR2', () => {
    seq++;
    writeFileSync(file, JSON.stringify({ seq, blockMs, delayMs }));
    blockMs = 0;
    delayMs = 0;
  });
}
