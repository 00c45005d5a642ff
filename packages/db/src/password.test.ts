import { describe, expect, it } from "vitest";
import { MIN_PASSWORD_LENGTH, hashPassword, timingSafeDummyHash, verifyPassword } from "./password.ts";

describe("hashPassword", () => {
  it("makes an argon2id PHC string with OWASP's parameters (m=19 MiB, t=2, p=1)", async () => {
    const hash = await hashPassword("correct-horse-battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
  });

  it("salts: the same password hashes differently each time", async () => {
    const [a, b] = await Promise.all([hashPassword("same-password"), hashPassword("same-password")]);
    expect(a).not.toBe(b);
  });
});

describe("verifyPassword", () => {
  it("accepts the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct-horse-battery");
    await expect(verifyPassword(hash, "correct-horse-battery")).resolves.toBe(true);
    await expect(verifyPassword(hash, "correct-horse-batterY")).resolves.toBe(false);
    await expect(verifyPassword(hash, "")).resolves.toBe(false);
  });

  it("handles non-ASCII passwords byte for byte", async () => {
    const hash = await hashPassword("パスワード-ü");
    await expect(verifyPassword(hash, "パスワード-ü")).resolves.toBe(true);
    await expect(verifyPassword(hash, "パスワード-u")).resolves.toBe(false);
  });

  it.each(["", "not-a-hash", "$argon2id$v=19$m=19456,t=2,p=1$broken", "$2b$10$abcdefghijklmnopqrstuuABCDEFGHIJKLMNOPQRSTUVWXYZ01234"])(
    "returns false (never throws) for the malformed stored hash %j",
    async (stored) => {
      await expect(verifyPassword(stored, "anything")).resolves.toBe(false);
    },
  );
});

describe("timingSafeDummyHash", () => {
  it("is one real argon2id hash, made once, that no ordinary password matches", async () => {
    const first = await timingSafeDummyHash();
    expect(await timingSafeDummyHash()).toBe(first);
    expect(first).toMatch(/^\$argon2id\$/);
    await expect(verifyPassword(first, "password")).resolves.toBe(false);
  });
});

it("requires at least 8 characters", () => {
  expect(MIN_PASSWORD_LENGTH).toBe(8);
});
