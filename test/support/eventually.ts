/** Waits until `find` returns something (effects that happen after an ack), or fails after `ms`. */
export async function eventually<T>(find: () => T | undefined, ms = 3_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() - started > ms) throw new Error('timed out waiting for the expected call');
    await new Promise((r) => setTimeout(r, 20));
  }
}
