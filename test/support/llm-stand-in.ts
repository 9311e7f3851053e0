import { createServer, type IncomingMessage, type Server } from 'node:http';
import { listen } from '../../adapters/http/server.ts';

/** How the stand-in answers the next calls. */
export type LlmMode =
  | { kind: 'suggest'; suggestion: Record<string, unknown> }
  | { kind: 'slow'; ms: number }
  | { kind: 'text'; content: string }
  | { kind: 'refuse'; refusal: string }
  | { kind: 'status'; status: number };

/**
 * An OpenAI-compatible chat completions endpoint on 127.0.0.1, answering in the API's wire
 * format (`POST /v1/chat/completions`), as Azure OpenAI, Ollama and vLLM do. It records every
 * request body so a test can see exactly what left the server.
 */
export async function llmStandIn(): Promise<{
  baseUrl: string;
  requests: { body: Record<string, unknown>; authorization: string | undefined }[];
  mode: LlmMode;
  close: () => Promise<void>;
}> {
  const state = {
    requests: [] as { body: Record<string, unknown>; authorization: string | undefined }[],
    mode: { kind: 'suggest', suggestion: {} } as LlmMode,
  };
  const read = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
  const server: Server = createServer(async (req, res) => {
    const body = JSON.parse((await read(req)) || '{}') as Record<string, unknown>;
    state.requests.push({ body, authorization: req.headers.authorization });
    if (req.url !== '/v1/chat/completions' || req.method !== 'POST') {
      res.writeHead(404).end();
      return;
    }
    const mode = state.mode;
    if (mode.kind === 'status') {
      res
        .writeHead(mode.status, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: { message: 'unavailable', type: 'server_error' } }));
      return;
    }
    if (mode.kind === 'slow') await new Promise((r) => setTimeout(r, mode.ms));
    const message =
      mode.kind === 'refuse'
        ? { role: 'assistant', content: null, refusal: mode.refusal }
        : {
            role: 'assistant',
            content:
              mode.kind === 'text'
                ? mode.content
                : JSON.stringify(mode.kind === 'suggest' ? mode.suggestion : {}),
            refusal: null,
          };
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        id: `chatcmpl-${state.requests.length}`,
        object: 'chat.completion',
        created: Math.floor(Date.now() / 1000),
        model: String(body.model ?? ''),
        choices: [{ index: 0, message, logprobs: null, finish_reason: 'stop' }],
        usage: { prompt_tokens: 120, completion_tokens: 60, total_tokens: 180 },
      }),
    );
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    get requests() {
      return state.requests;
    },
    get mode() {
      return state.mode;
    },
    set mode(mode: LlmMode) {
      state.mode = mode;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
