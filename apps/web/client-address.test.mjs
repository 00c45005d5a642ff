import { describe, expect, it } from "vitest";
import { clientAddressResolver } from "./client-address.mjs";

const request = (remoteAddress, forwardedFor) => ({
  socket: { remoteAddress },
  connection: { remoteAddress },
  headers: forwardedFor === undefined ? {} : { "x-forwarded-for": forwardedFor },
});

describe("clientAddressResolver", () => {
  it("trusting nobody, ignores X-Forwarded-For: a client cannot choose its address", () => {
    const resolve = clientAddressResolver("");
    expect(resolve(request("198.51.100.7", "203.0.113.1"))).toBe("198.51.100.7");
    expect(resolve(request("127.0.0.1", "203.0.113.1"))).toBe("127.0.0.1");
    expect(resolve(request("::1"))).toBe("::1");
  });

  it("behind a trusted proxy, takes the hop that proxy reports, not what the client wrote before it", () => {
    const resolve = clientAddressResolver("loopback, 10.0.0.0/8");
    // The client wrote 203.0.113.1; the proxy (127.0.0.1) appended the client's real address.
    expect(resolve(request("127.0.0.1", "203.0.113.1, 198.51.100.7"))).toBe("198.51.100.7");
    expect(resolve(request("127.0.0.1", "203.0.113.1, 198.51.100.7, 10.1.2.3"))).toBe("198.51.100.7");
    expect(resolve(request("127.0.0.1"))).toBe("127.0.0.1");
  });

  it("an untrusted peer's header is ignored even when a proxy is configured", () => {
    const resolve = clientAddressResolver("10.0.0.0/8");
    expect(resolve(request("198.51.100.7", "10.0.0.1"))).toBe("198.51.100.7");
  });

  it("refuses a malformed trust setting with proxy-addr's message", () => {
    expect(() => clientAddressResolver("not-an-address")).toThrow(/invalid IP address/);
  });
});
