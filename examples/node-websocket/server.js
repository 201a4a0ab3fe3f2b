// What the router must pass through, with nothing but Node.js itself:
//   ws://HOST/        a WebSocket echo (RFC 6455: the handshake, text and binary frames, ping, close)
//   GET /events       server-sent events: one at once, then one every 2 seconds (ends after 5 minutes)
//   GET /headers      the request headers as JSON
//   GET /             which release answers (RELEASE_NOTE, set by config:set, shows whether a rollout happened)
// On SIGTERM it stops taking connections and lets the open ones finish, as a graceful app should. The Procfile
// says "exec": the platform runs a process as /bin/sh -c COMMAND, and Debian's sh (dash) would otherwise stay
// between docker-init and node, die of the SIGTERM itself and end the container at once.
const crypto = require("crypto");
const http = require("http");

const MAX_FRAME = 1 << 20;
// Upgraded sockets leave the HTTP server's books, so it would exit on SIGTERM without waiting for them.
const sockets = new Set();
let stopping = false;
const note = process.env.RELEASE_NOTE || "first";

const server = http.createServer((req, res) => {
  if (req.url === "/headers") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end(JSON.stringify(req.headers) + "\n");
  } else if (req.url === "/events") {
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" });
    let n = 0;
    const send = () => res.write(`data: event ${++n} from ${note}\n\n`);
    send();
    const timer = setInterval(send, 2000);
    const end = setTimeout(() => res.end(), 300000);
    res.on("close", () => { clearInterval(timer); clearTimeout(end); });
  } else {
    res.writeHead(200, { "Content-Type": "text/plain" });
    res.end(`WebSocket echo, release ${note}\n`);
  }
});

server.on("upgrade", (req, socket) => {
  const key = req.headers["sec-websocket-key"];
  if ((req.headers.upgrade || "").toLowerCase() !== "websocket" || !key) {
    socket.end("HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n");
    return;
  }
  const accept = crypto.createHash("sha1").update(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest("base64");
  socket.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
    + `Sec-WebSocket-Accept: ${accept}\r\n\r\n`);
  sockets.add(socket);
  socket.on("close", () => {
    sockets.delete(socket);
    if (stopping && sockets.size === 0) process.exit(0);
  });
  let buffered = Buffer.alloc(0);
  socket.on("data", (data) => {
    buffered = Buffer.concat([buffered, data]);
    for (;;) {
      const frame = parse(buffered);
      if (frame === null) return;
      if (frame.error) { socket.destroy(); return; }
      buffered = buffered.subarray(frame.size);
      if (frame.opcode === 0x8) { socket.end(encode(0x8, frame.payload.subarray(0, 2))); return; }
      if (frame.opcode === 0x9) socket.write(encode(0xA, frame.payload));
      if (frame.opcode === 0x1 || frame.opcode === 0x2) socket.write(encode(frame.opcode, frame.payload));
    }
  });
  socket.on("error", () => socket.destroy());
});

// One whole frame from the start of buf (clients must mask theirs), or null until more bytes arrive.
function parse(buf) {
  if (buf.length < 2) return null;
  const opcode = buf[0] & 0x0f;
  const masked = (buf[1] & 0x80) !== 0;
  let length = buf[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buf.length < 4) return null;
    length = buf.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buf.length < 10) return null;
    const big = buf.readBigUInt64BE(2);
    if (big > BigInt(MAX_FRAME)) return { error: true };
    length = Number(big);
    offset = 10;
  }
  if (!masked || length > MAX_FRAME) return { error: true };
  if (buf.length < offset + 4 + length) return null;
  const mask = buf.subarray(offset, offset + 4);
  const payload = Buffer.alloc(length);
  for (let i = 0; i < length; i++) payload[i] = buf[offset + 4 + i] ^ mask[i % 4];
  return { opcode, payload, size: offset + 4 + length };
}

// A final, unmasked server frame.
function encode(opcode, payload) {
  let head;
  if (payload.length < 126) {
    head = Buffer.from([0x80 | opcode, payload.length]);
  } else if (payload.length < 65536) {
    head = Buffer.alloc(4);
    head[0] = 0x80 | opcode; head[1] = 126; head.writeUInt16BE(payload.length, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = 0x80 | opcode; head[1] = 127; head.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  return Buffer.concat([head, payload]);
}

process.on("SIGTERM", () => {
  console.log(`SIGTERM: no new connections; ${sockets.size} open WebSocket(s) may finish`);
  stopping = true;
  server.close(() => { if (sockets.size === 0) process.exit(0); });
});

server.listen(process.env.PORT || 5000, () => console.log(`listening on ${process.env.PORT || 5000}, release ${note}`));
