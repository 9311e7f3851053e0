/**
 * nock 15 calls a reply function with the intercepted request (a Fetch `Request`), where nock 14
 * passed `(uri, body)` and the request as `this.req`; a two-argument function is now taken for
 * the callback style. This gives tests the path with its query, the body (parsed when it is
 * JSON, else the text) and the headers.
 */
export async function intercepted(
  request: Request,
): Promise<{ uri: string; body: unknown; headers: Headers }> {
  const url = new URL(request.url);
  const text = await request.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // form-encoded or plain text: kept as sent
  }
  return { uri: `${url.pathname}${url.search}`, body, headers: request.headers };
}
