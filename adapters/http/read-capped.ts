/** A response's body up to `maxBytes`, streamed: past the cap the download is abandoned. */
export async function readCapped(response: Response, maxBytes: number): Promise<Buffer | 'too_large'> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes || !response.body) {
    await response.body?.cancel().catch(() => {});
    return declared > maxBytes ? 'too_large' : Buffer.alloc(0);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return 'too_large';
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
