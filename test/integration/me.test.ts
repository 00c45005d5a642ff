import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedUser } from "@kao/db/seed";
import { createApiTokenForUser, systemViewer } from "@kao/api";
import { startTestApi, type TestApi } from "../support/api.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.close());

describe("me", () => {
  it("answers with the token owner's email and role", async () => {
    const user = await seedUser(api.db, { role: "REVIEWER" });
    const { token } = await createApiTokenForUser({ db: api.db, viewer: systemViewer, ip: "test" }, user.id, { name: "ci" });
    const response = await api.graphql<{ me: { email: string; role: string } }>("{ me { email role } }", { token });
    expect(response.errors).toBeUndefined();
    expect(response.data?.me).toEqual({ email: user.email, role: "REVIEWER" });
  });

  it("refuses anonymous callers with UNAUTHENTICATED", async () => {
    const response = await api.graphql("{ me { email } }");
    expect(response.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
