import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { SESSION_COOKIE_NAMES, decodeSessionToken, readCookie } from "./session-token.ts";

const SECRET = "unit-test-secret-0123456789abcdef0123456789";
const USER_ID = "0b6f1a52-4d3e-4c1b-9a51-6f1d2a3b4c5d";

describe("readCookie", () => {
  it("finds nothing without a header or without the cookie", () => {
    expect(readCookie(undefined, SESSION_COOKIE_NAMES)).toBeUndefined();
    expect(readCookie("", SESSION_COOKIE_NAMES)).toBeUndefined();
    expect(readCookie("theme=dark; lang=en", SESSION_COOKIE_NAMES)).toBeUndefined();
  });

  it("reads a cookie among others, ignoring spaces around names and values", () => {
    expect(readCookie("theme=dark;  next-auth.session-token = abc.def ;lang=en", SESSION_COOKIE_NAMES)).toBe("abc.def");
  });

  it("keeps `=` inside the value", () => {
    expect(readCookie("next-auth.session-token=a=b==", SESSION_COOKIE_NAMES)).toBe("a=b==");
  });

  it("URL-decodes the value", () => {
    expect(readCookie("next-auth.session-token=a%2Eb%20c", SESSION_COOKIE_NAMES)).toBe("a.b c");
  });

  it("does not throw on a value that is not valid URL encoding (another app's cookie must not break requests)", () => {
    expect(() => readCookie("broken=%E0%A4%A; next-auth.session-token=tok", SESSION_COOKIE_NAMES)).not.toThrow();
    expect(readCookie("broken=%E0%A4%A; next-auth.session-token=tok", SESSION_COOKIE_NAMES)).toBe("tok");
    expect(readCookie("next-auth.session-token=100%", SESSION_COOKIE_NAMES)).toBe("100%");
  });

  it("prefers the __Secure- cookie, and falls back when it is empty", () => {
    expect(readCookie("next-auth.session-token=plain; __Secure-next-auth.session-token=secure", SESSION_COOKIE_NAMES)).toBe("secure");
    expect(readCookie("__Secure-next-auth.session-token=; next-auth.session-token=plain", SESSION_COOKIE_NAMES)).toBe("plain");
  });

  it("does not match a cookie whose name merely contains the wanted name, and skips parts without `=`", () => {
    expect(readCookie("xnext-auth.session-token=evil; flag; next-auth.session-token.0=chunk", SESSION_COOKIE_NAMES)).toBeUndefined();
  });
});

describe("decodeSessionToken", () => {
  it("returns the user id of a token next-auth encoded with the same secret", async () => {
    const token = await encode({ token: { sub: USER_ID, email: "a@kao.test" }, secret: SECRET });
    await expect(decodeSessionToken(token, SECRET)).resolves.toEqual({ userId: USER_ID });
  });

  it("returns null for a token encoded with another secret", async () => {
    const token = await encode({ token: { sub: USER_ID }, secret: "another-secret-0123456789abcdef0123456789" });
    await expect(decodeSessionToken(token, SECRET)).resolves.toBeNull();
  });

  it("returns null for an expired token", async () => {
    const token = await encode({ token: { sub: USER_ID }, secret: SECRET, maxAge: -3600 });
    await expect(decodeSessionToken(token, SECRET)).resolves.toBeNull();
  });

  it("returns null for a token without a subject", async () => {
    const token = await encode({ token: { email: "a@kao.test" }, secret: SECRET });
    await expect(decodeSessionToken(token, SECRET)).resolves.toBeNull();
  });

  it("returns null for garbage and for a tampered token", async () => {
    await expect(decodeSessionToken("not-a-jwt", SECRET)).resolves.toBeNull();
    await expect(decodeSessionToken("", SECRET)).resolves.toBeNull();
    const token = await encode({ token: { sub: USER_ID }, secret: SECRET });
    const parts = token.split(".");
    const ciphertext = parts[3] ?? "";
    parts[3] = (ciphertext[0] === "A" ? "B" : "A") + ciphertext.slice(1);
    await expect(decodeSessionToken(parts.join("."), SECRET)).resolves.toBeNull();
  });
});

describe("decodeSessionToken subjects", () => {
  it("returns null when the subject is not a user id", async () => {
    const token = await encode({ token: { sub: "not-a-uuid" }, secret: SECRET });
    await expect(decodeSessionToken(token, SECRET)).resolves.toBeNull();
  });
});
