// The fan-out bench's baseline: bare Bun.serve pub/sub publishing frames of the same shape and
// size at the rate the engine's probe topic has, with nothing else in the process.
import { wallMs } from './wall-clock.ts';

const TOPIC = process.env.PROBE_TOPIC ?? 'tick.BTCUSDT';
const PER_SECOND = Number(process.env.RATE ?? 20);
let seq = 0;

const server = Bun.serve({
  port: Number(process.env.PORT),
  hostname: '127.0.0.1',
  fetch(req, srv) {
    if (new URL(req.url).pathname === '/ws' && srv.upgrade(req, { data: undefined })) return;
    return new Response('ready');
  },
  websocket: {
    perMessageDeflate: false,
    message(ws, raw) {
      // Answers the same subscribe frame the edge takes, so the clients are the same program.
      if (String(raw).includes('"subscribe"')) {
        ws.subscribe(TOPIC);
        ws.send(JSON.stringify({ type: 'subscribed', topic: TOPIC, snapshots: 0 }));
      }
    },
  },
});

setInterval(() => {
  seq++;
  const data = `{"type":"tick","symbol":"BTCUSDT","time":${1_617_235_200_000 + seq * 15_000},"price":58912.5,"qty":12.3456,"edgeAt":${wallMs()}}`;
  server.publish(TOPIC, `{"type":"delta","topic":"${TOPIC}","seq":${seq},"data":${data}}`);
}, 1000 / PER_SECOND);

process.on('SIGTERM', () => {
  server.stop(true);
  process.exit(0);
});
