// The web app's production server: Next's request handler behind a plain HTTP server, so that the
// client address the API records cannot be chosen by the client. `next start` keeps a client-sent
// X-Forwarded-For (it fills the header in only when absent), which let anyone slip past the API's
// per-address sign-in limit by inventing addresses. Here the header is replaced by one address: the
// peer's, or the one a trusted reverse proxy reports (KAO_WEB_TRUST_PROXY, default loopback: a proxy
// on the same host; set it empty to trust none).
//
//   node server.mjs [--port 3000] [--hostname 0.0.0.0]
import http from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import next from "next";
import { clientAddressResolver } from "./client-address.mjs";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${values.port}"`);
const hostname = values.hostname;

const clientAddress = clientAddressResolver(process.env.KAO_WEB_TRUST_PROXY ?? "loopback");
const app = next({ dev: false, dir: fileURLToPath(new URL(".", import.meta.url)), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = http.createServer((req, res) => {
  req.headers["x-forwarded-for"] = clientAddress(req);
  handle(req, res).catch((error) => {
    console.error("web request failed", error);
    if (!res.headersSent) res.writeHead(500, { "content-type": "text/plain" });
    res.end("Internal Server Error");
  });
});
server.listen(port, hostname, () => {
  console.log(`kao web listening on http://${hostname ?? "localhost"}:${port}`);
});

// On SIGTERM / SIGINT, finish the requests in flight (an upload being proxied, a decision being sent)
// before exiting, as `next start` does; idle keep-alive connections are closed so they do not hold it up.
const GRACE_MS = 5000;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), GRACE_MS).unref();
  });
}
