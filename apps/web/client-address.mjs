import proxyaddr from "proxy-addr";

/**
 * The address a request comes from, as the API should record it for per-address sign-in limits.
 * A client-sent X-Forwarded-For is believed only when the peer is a trusted proxy, and then only up
 * to the first untrusted hop (proxy-addr walks the chain from the right, as Express does).
 *
 * @param {string | undefined} trust comma-separated addresses, CIDRs or proxy-addr names
 *   ("loopback", "linklocal", "uniquelocal"); empty trusts nobody
 * @returns {(req: import("node:http").IncomingMessage) => string}
 */
export function clientAddressResolver(trust) {
  const trusted = proxyaddr.compile(
    (trust ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean),
  );
  return (req) => proxyaddr(req, trusted);
}
