// The baseline for portal benchmarks: a bare node:http server answering one fixed HTML body.
// BODY_FILE holds the body (the bench writes the real page there, so the byte count is identical).
import fs from 'node:fs';
import http from 'node:http';

const body = fs.readFileSync(process.env.BODY_FILE ?? '');
const port = Number(process.env.PORT ?? 0);
const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': String(body.length) };

const server = http.createServer((req, res) => {
  if (req.url === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
    return;
  }
  res.writeHead(200, headers);
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(port, '127.0.0.1', () => console.log(`bare server on ${JSON.stringify(server.address())}`));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
