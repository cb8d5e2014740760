// A minimal WebSocket client on raw TCP (Bun.connect), for ten thousand connections in one bench
// process: no event object and no UTF-8 decoding per message, so the clients cost little beside
// the server they measure. Text frames reach `onText` as latin1 strings (the frames are ASCII).
import type { Socket } from 'bun';

export interface RawWsHandlers {
  onText(text: string): void;
  onClose(code: number): void;
}

const OP = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

/** A client frame: masked, as RFC 6455 requires of clients; the zero key leaves the payload as is. */
function clientFrame(opcode: number, payload: Uint8Array): Uint8Array {
  if (payload.length >= 126) throw new Error('client frames here are small control or subscribe frames');
  const frame = new Uint8Array(6 + payload.length);
  frame[0] = 0x80 | opcode;
  frame[1] = 0x80 | payload.length;
  frame.set(payload, 6);
  return frame;
}

export function connectRaw(url: string, handlers: RawWsHandlers): Promise<{ send(text: string): void; close(): void; readonly open: boolean }> {
  const { hostname, port, pathname } = new URL(url);
  const upgrade = `GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`;
  let upgraded = false;
  let open = false;
  let pending: Buffer | null = null;

  /** Handles every whole frame in `buf` and returns what is left of a partial one. */
  function frames(socket: Socket, buf: Buffer): Buffer | null {
    let at = 0;
    while (buf.length - at >= 2) {
      const opcode = buf[at]! & 0x0f;
      let length = buf[at + 1]! & 0x7f;
      let head = 2;
      if (length === 126) {
        if (buf.length - at < 4) break;
        length = buf.readUInt16BE(at + 2);
        head = 4;
      } else if (length === 127) {
        if (buf.length - at < 10) break;
        length = Number(buf.readBigUInt64BE(at + 2));
        head = 10;
      }
      if (buf.length - at < head + length) break;
      const start = at + head;
      if (opcode === OP.text) handlers.onText(buf.toString('latin1', start, start + length));
      else if (opcode === OP.ping) socket.write(clientFrame(OP.pong, buf.subarray(start, start + length)));
      else if (opcode === OP.close) {
        open = false;
        handlers.onClose(length >= 2 ? buf.readUInt16BE(start) : 1005);
        socket.end();
      }
      at = start + length;
    }
    return at < buf.length ? buf.subarray(at) : null;
  }

  return new Promise((resolve, reject) => {
    void Bun.connect({
      hostname,
      port: Number(port),
      socket: {
        open: (socket) => void socket.write(upgrade),
        data(socket, chunk) {
          let buf = pending ? Buffer.concat([pending, chunk]) : chunk;
          if (!upgraded) {
            const end = buf.indexOf('\r\n\r\n');
            if (end < 0) return void (pending = buf);
            if (!buf.toString('latin1', 0, 12).includes(' 101')) return reject(new Error(`upgrade refused: ${buf.toString('latin1', 0, end)}`));
            upgraded = open = true;
            buf = buf.subarray(end + 4);
            resolve({
              send: (text) => void socket.write(clientFrame(OP.text, new TextEncoder().encode(text))),
              close: () => socket.end(),
              get open() {
                return open;
              },
            });
          }
          pending = frames(socket, buf);
        },
        close() {
          if (open) handlers.onClose(1006);
          open = false;
        },
        error: (_s, e) => reject(e),
        connectError: (_s, e) => reject(e),
      },
    }).catch(reject);
  });
}
