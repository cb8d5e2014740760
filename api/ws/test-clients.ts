/**
 * WebSocket clients for the edge's tests: a real one (Bun's global WebSocket) that queues what
 * it receives, and a raw one on a TCP socket that does the handshake by hand and can stop
 * reading, to play the slow consumer. Test support only: nothing in the edge imports it.
 */
import type { Socket } from 'bun';
import type { ServerFrame } from './protocol.ts';

// Loose on purpose: tests read fields of whichever frame arrived.
export type Frame = ServerFrame & { [field: string]: any };

export class TestClient {
  readonly frames: Frame[] = [];
  readonly closed: Promise<{ code: number; reason: string }>;
  private cursor = 0;
  private wake: (() => void) | null = null;

  private constructor(readonly ws: WebSocket) {
    ws.onmessage = (e) => {
      this.frames.push(JSON.parse(String(e.data)) as Frame);
      this.wake?.();
    };
    this.closed = new Promise((resolve) => {
      ws.onclose = (e) => {
        resolve({ code: e.code, reason: e.reason });
        this.wake?.();
      };
    });
  }

  static async connect(url: string): Promise<TestClient> {
    const ws = new WebSocket(url);
    const client = new TestClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve();
      ws.onerror = () => reject(new Error(`cannot connect to ${url}`));
    });
    return client;
  }

  send(frame: unknown): void {
    this.ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** The next frame received (heartbeats skipped unless asked for), waiting up to `timeoutMs`. */
  async next(timeoutMs = 5_000, heartbeats = false): Promise<Frame> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      while (this.cursor < this.frames.length) {
        const f = this.frames[this.cursor++]!;
        if (heartbeats || f.type !== 'heartbeat') return f;
      }
      const left = deadline - performance.now();
      if (left <= 0 || this.ws.readyState === WebSocket.CLOSED) throw new Error(`no frame within ${timeoutMs} ms (received ${this.frames.length})`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = null;
          resolve();
        };
      });
    }
  }

  /** The next `n` frames. */
  async take(n: number, timeoutMs = 5_000): Promise<Frame[]> {
    const out: Frame[] = [];
    while (out.length < n) out.push(await this.next(timeoutMs));
    return out;
  }

  /** Sends a request and resolves with the frames up to and including the first of type `until`. */
  async request(frame: unknown, until: Frame['type'] = 'subscribed'): Promise<Frame[]> {
    this.send(frame);
    const out: Frame[] = [];
    for (;;) {
      const f = await this.next();
      out.push(f);
      if (f.type === until || f.type === 'error') return out;
    }
  }

  close(): void {
    this.ws.close();
  }
}

export interface RawFrame {
  opcode: number;
  text: string;
}

/**
 * A WebSocket client on a bare TCP socket (Bun.connect): the handshake and frames by hand, and
 * `pause()` to stop reading so the server sees real TCP backpressure.
 */
export class RawClient {
  readonly frames: RawFrame[] = [];
  bytes = 0;
  private buffered: Buffer = Buffer.alloc(0);
  private upgraded = false;
  private opened!: () => void;
  private closeSeen: ((c: { code: number; reason: string }) => void) | null = null;
  readonly closeFrame: Promise<{ code: number; reason: string }>;
  private socket!: Socket<undefined>;

  private constructor() {
    this.closeFrame = new Promise((resolve) => (this.closeSeen = resolve));
  }

  static async connect(port: number, path = '/ws'): Promise<RawClient> {
    const client = new RawClient();
    const upgraded = new Promise<void>((resolve) => (client.opened = resolve));
    client.socket = await Bun.connect({
      hostname: '127.0.0.1',
      port,
      socket: {
        open: (s) => {
          s.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
        },
        data: (_s, chunk) => client.receive(chunk),
      },
    });
    await upgraded;
    return client;
  }

  /** A masked text frame, as every client frame must be. */
  send(frame: unknown): void {
    const payload = Buffer.from(JSON.stringify(frame));
    if (payload.length >= 126) throw new Error('RawClient sends short frames only');
    const mask = Buffer.from([1, 2, 3, 4]);
    const masked = payload.map((b, i) => b ^ mask[i % 4]!);
    this.socket.write(Buffer.concat([Buffer.from([0x81, 0x80 | payload.length]), mask, masked]));
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  end(): void {
    this.socket.end();
  }

  /** Parsed text frames so far. */
  texts(): Frame[] {
    return this.frames.filter((f) => f.opcode === 1).map((f) => JSON.parse(f.text) as Frame);
  }

  private receive(chunk: Buffer): void {
    this.bytes += chunk.length;
    this.buffered = this.buffered.length ? Buffer.concat([this.buffered, chunk]) : chunk;
    if (!this.upgraded) {
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      if (!this.buffered.subarray(0, end).toString().startsWith('HTTP/1.1 101')) throw new Error(`no upgrade: ${this.buffered.subarray(0, end)}`);
      this.upgraded = true;
      this.buffered = this.buffered.subarray(end + 4);
      this.opened();
    }
    let at = 0;
    const b = this.buffered;
    for (;;) {
      if (b.length - at < 2) break;
      const opcode = b[at]! & 0x0f;
      let length = b[at + 1]! & 0x7f;
      let header = 2;
      if (length === 126) {
        if (b.length - at < 4) break;
        length = b.readUInt16BE(at + 2);
        header = 4;
      } else if (length === 127) {
        if (b.length - at < 10) break;
        length = Number(b.readBigUInt64BE(at + 2));
        header = 10;
      }
      if (b.length - at < header + length) break;
      const payload = b.subarray(at + header, at + header + length);
      at += header + length;
      if (opcode === 8) this.closeSeen?.({ code: payload.readUInt16BE(0), reason: payload.subarray(2).toString() });
      else this.frames.push({ opcode, text: opcode === 1 ? payload.toString() : '' });
    }
    this.buffered = b.subarray(at);
  }
}
