import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { API_TOKEN_PREFIX, generateApiToken, hashApiToken } from "./api-token.ts";

describe("generateApiToken", () => {
  it("makes `kao_` + 43 base64url characters (256 random bits)", () => {
    const { token } = generateApiToken();
    expect(API_TOKEN_PREFIX).toBe("kao_");
    expect(token).toMatch(/^kao_[A-Za-z0-9_-]{43}$/);
  });

  it("stores the sha256 hex of the token, never the token", () => {
    const { token, tokenHash } = generateApiToken();
    expect(tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenHash).not.toContain(token.slice(API_TOKEN_PREFIX.length));
  });

  it("shows a prefix of the token's first 10 characters, too short to use", () => {
    const { token, prefix } = generateApiToken();
    expect(prefix).toBe(token.slice(0, 10));
    expect(prefix.startsWith("kao_")).toBe(true);
  });

  it("never repeats a token", () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateApiToken().token));
    expect(tokens.size).toBe(1000);
  });
});

describe("hashApiToken", () => {
  it("is deterministic and distinguishes tokens differing in one character", () => {
    expect(hashApiToken("kao_abc")).toBe(hashApiToken("kao_abc"));
    expect(hashApiToken("kao_abc")).not.toBe(hashApiToken("kao_abd"));
    // A fixed vector: stored hashes must stay valid across releases.
    expect(hashApiToken("kao_abc")).toBe("534a47d4ad11a4b3a4826d35c61951868a17acf774f8ddcdae18f6ce4f1c85dc");
  });
});
