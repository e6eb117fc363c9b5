// The baseline for HTTP benchmarks: a bare node:http server answering one fixed body to every request.
// BODY_FILE holds the body (the bench writes the real page or answer there, so the byte count is identical);
// STATUS (default 200) and CONTENT_TYPE (default text/html) match the real answer's.
import fs from 'node:fs';
import http from 'node:http';

const body = fs.readFileSync(process.env.BODY_FILE ?? '');
const port = Number(process.env.PORT ?? 0);
const status = Number(process.env.STATUS ?? 200);
const headers = { 'content-type': process.env.CONTENT_TYPE ?? 'text/html; charset=utf-8', 'content-length': String(body.length) };

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    return;
  }
  res.writeHead(status, headers);
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`bare server on ${JSON.stringify(server.address())}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
