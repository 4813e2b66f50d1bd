// Reading and writing the hub's HTTP messages: a JSON body within a size limit, JSON answers that are never cached.
import type http from 'node:http';
import { HubFailure } from './errors';

export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The request's JSON body, refused with 413 past `limit` bytes without holding them: at once when Content-Length
 * says so, else as soon as the count passes it. The rest is read and dropped (bounded by the server's request
 * timeout) so the client gets to read the answer instead of a reset connection.
 */
export function readJsonBody(req: http.IncomingMessage, limit: number): Promise<unknown> {
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json')
    return Promise.reject(new HubFailure('VALIDATION', 'Send the request as application/json.', 415));
  const tooLarge = () =>
    new HubFailure('PAYLOAD_TOO_LARGE', `The request is larger than this hub accepts (${limit} bytes).`);
  if (Number(req.headers['content-length'] ?? 0) > limit) {
    req.resume();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    req.on('data', (chunk: Buffer) => {
      if (refused) return;
      size += chunk.length;
      if (size > limit) {
        refused = true;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('error', (err) => !refused && reject(err));
    req.on('end', () => {
      if (refused) return;
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        reject(new HubFailure('VALIDATION', 'The request body is not valid JSON.'));
      }
    });
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}
