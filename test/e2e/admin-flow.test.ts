import { randomUUID } from "node:crypto";
import { mkdir } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, type TestContext } from "vitest";
import { seedUser } from "@kao/db/seed";
import { TEST_SESSION_SECRET, startTestApi, type TestApi } from "../support/api.ts";
import { TRACE_DIR, launchChromium, screenshot, waitForHydrationAfterGoto } from "./support/browser.ts";
import { startWebServer, type WebServer } from "./support/web-server.ts";

type SeededUser = Awaited<ReturnType<typeof seedUser>>;

let api: TestApi;
let web: WebServer;
let browser: Browser;
let admin: SeededUser;
let labeller: SeededUser;

beforeAll(async () => {
  api = await startTestApi();
  [admin, labeller] = await Promise.all([seedUser(api.db, { role: "ADMIN" }), seedUser(api.db, { role: "LABELER" })]);
  web = await startWebServer({ apiOrigin: new URL(api.url).origin, secret: TEST_SESSION_SECRET });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.stop();
  await api?.close();
});

// One browser context per test: its own cookies, a trace, and a screenshot when the test fails.
let context: BrowserContext;
let page: Page;

beforeEach(async () => {
  context = await browser.newContext({ baseURL: web.url, viewport: { width: 1280, height: 800 } });
  context.setDefaultTimeout(15_000);
  await context.tracing.start({ screenshots: true, snapshots: true });
  page = await context.newPage();
  waitForHydrationAfterGoto(page);
});

afterEach(async (test: TestContext) => {
  if (test.task.result?.state === "fail") {
    const name = `failed-${slug(test.task.name)}`;
    await screenshot(page, name).catch((error: unknown) => console.error("no failure screenshot", error));
    await mkdir(TRACE_DIR, { recursive: true });
    await context.tracing.stop({ path: `${TRACE_DIR}${name}.zip` });
    console.error(`screenshot and trace: ${name}; web server output:\n${web.output().slice(-4000)}`);
  } else {
    await context.tracing.stop();
  }
  await context.close();
});

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

async function signIn(user: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email", { exact: true }).fill(user.email);
  await page.getByLabel("Password", { exact: true }).fill(user.password);
  await page.getByLabel("Password", { exact: true }).press("Enter");
  await page.waitForURL((url) => url.pathname === "/datasets");
  // Signing in ends with a full page load; wait for React before the next interaction.
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

describe("web app", () => {
  it("sends visitors without a session to the sign-in page, and back after signing in", async () => {
    await page.goto("/settings/tokens");
    await page.waitForURL((url) => url.pathname === "/signin");
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toBe("/settings/tokens");
    await page.getByLabel("Email", { exact: true }).fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/settings/tokens");
  });

  it("shows the API's message for a wrong password", async () => {
    await page.goto("/signin");
    await page.getByLabel("Email", { exact: true }).fill(admin.email);
    await page.getByLabel("Password", { exact: true }).fill("not-the-password");
    await page.getByLabel("Password", { exact: true }).press("Enter");
    await page.getByRole("alert").filter({ hasText: "Wrong email or password." }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/signin");
    await expect.poll(() => page.getByRole("button", { name: "Sign in" }).isEnabled()).toBe(true);
    await screenshot(page, "signin-error");
  });

  it("tells a deactivated user why they cannot sign in", async () => {
    const gone = await seedUser(api.db, { role: "LABELER", deactivated: true });
    await page.goto("/signin");
    await page.getByLabel("Email", { exact: true }).fill(gone.email);
    await page.getByLabel("Password", { exact: true }).fill(gone.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "deactivated" }).waitFor();
  });

  it("proxies /graphql to the API for JSON requests only", async () => {
    const body = JSON.stringify({ query: "{ me { email } }" });
    const plain = await fetch(`${web.url}/graphql`, { method: "POST", headers: { "content-type": "text/plain" }, body });
    expect(plain.status).toBe(415);
    const anonymous = await fetch(`${web.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const answer = (await anonymous.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(answer.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("lets an admin create a dataset and add a labeller as a member", async () => {
    await signIn(admin);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).waitFor();
    expect(await page.getByTestId("viewer").textContent()).toContain(admin.email);
    await screenshot(page, "datasets-before");

    const name = `E2E frames ${randomUUID().slice(0, 8)}`;
    await page.getByRole("button", { name: "New dataset" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByLabel("Description").fill("Frames from the end-to-end test.");
    await dialog.getByLabel("Labels per frame (overlap)").fill("2");
    await screenshot(page, "dataset-new");
    await dialog.getByRole("button", { name: "Create dataset" }).click();

    await page.waitForURL(/\/datasets\/[0-9a-f-]{36}$/);
    await page.waitForLoadState("networkidle");
    const datasetId = new URL(page.url()).pathname.split("/").at(-1) ?? "";
    await page.getByRole("heading", { level: 1, name }).waitFor();
    // The default guidelines are the paper's face rules, rendered (not shown as raw Markdown).
    await page.getByTestId("guidelines").getByRole("heading", { name: "Face rules" }).waitFor();
    expect(await page.getByTestId("guidelines").textContent()).not.toContain("**");

    await page.getByLabel("Add a member by email").fill(labeller.email);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByTestId("member-row").filter({ hasText: labeller.email }).waitFor();
    await expect.poll(() => page.getByRole("button", { name: "Add", exact: true }).isEnabled()).toBe(true);
    await screenshot(page, "dataset-detail");

    const membership = await api.db.datasetMember.findFirst({ where: { datasetId, userId: labeller.id } });
    expect(membership).not.toBeNull();

    await page.goto("/datasets");
    await page.getByTestId("dataset-card").filter({ hasText: name }).waitFor();
    await screenshot(page, "datasets-after");
  });

  it("shows an unknown email as an error next to the member form", async () => {
    await signIn(admin);
    await page.getByRole("button", { name: "New dataset" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill(`E2E errors ${randomUUID().slice(0, 8)}`);
    await page.getByRole("dialog").getByRole("button", { name: "Create dataset" }).click();
    await page.waitForURL(/\/datasets\/[0-9a-f-]{36}$/);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Add a member by email").fill(`nobody-${randomUUID().slice(0, 8)}@kao.test`);
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("alert").filter({ hasText: "No user with that email" }).waitFor();
  });

  it("lets an admin edit the face rules, and refuses a save over someone else's change", async () => {
    await signIn(admin);
    await page.getByRole("button", { name: "New dataset" }).click();
    await page.getByRole("dialog").getByLabel("Name").fill(`E2E edit ${randomUUID().slice(0, 8)}`);
    await page.getByRole("dialog").getByRole("button", { name: "Create dataset" }).click();
    await page.waitForURL(/\/datasets\/[0-9a-f-]{36}$/);
    await page.waitForLoadState("networkidle");
    const datasetId = new URL(page.url()).pathname.split("/").at(-1) ?? "";

    await page.getByRole("button", { name: "Edit dataset" }).click();
    await page.getByLabel("Face rules (Markdown)").fill("# House rules\n\n- Count **masks** as faces.\n- Ignore <script>alert(1)</script> text.");
    await screenshot(page, "dataset-edit");
    await page.getByRole("dialog").getByRole("button", { name: "Save changes" }).click();
    await page.getByTestId("guidelines").getByRole("heading", { name: "House rules" }).waitFor();
    expect(await page.getByTestId("guidelines").textContent()).toContain("<script>alert(1)</script>");
    expect(await page.locator("[data-testid=guidelines] script").count()).toBe(0);

    // Another admin saves while this one still has the dialog open.
    await page.getByRole("button", { name: "Edit dataset" }).click();
    await api.db.dataset.update({ where: { id: datasetId }, data: { overlap: 3 } });
    await page.getByLabel("Labels per frame").fill("4");
    await page.getByRole("dialog").getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("alert").filter({ hasText: "Someone else changed this dataset" }).waitFor();
    await screenshot(page, "dataset-conflict");
    expect((await api.db.dataset.findUniqueOrThrow({ where: { id: datasetId } })).overlap).toBe(3);
  });

  it("refuses to leave kao without an active admin", async () => {
    await signIn(admin);
    await page.goto("/admin/users");
    const row = page.locator(`[data-testid="user-row"][data-email="${admin.email}"]`);
    // E2E files share one database and run one after another: admins other files left behind would
    // make this one not the last. They are done with them, so deactivate them for this check.
    await api.db.user.updateMany({ where: { role: "ADMIN", deactivatedAt: null, id: { not: admin.id } }, data: { deactivatedAt: new Date() } });
    const admins = await api.db.user.count({ where: { role: "ADMIN", deactivatedAt: null } });
    expect(admins).toBe(1);
    await row.getByRole("combobox", { name: `Role of ${admin.email}` }).selectOption("VIEWER");
    await page.getByRole("alert").filter({ hasText: "at least one active admin" }).waitFor();
    await screenshot(page, "users-last-admin");
    expect((await api.db.user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
    expect(await row.getByRole("combobox").inputValue()).toBe("ADMIN");
  });

  it("lets an admin invite a user and shows the generated password once", async () => {
    await signIn(admin);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
    await page.waitForURL((url) => url.pathname === "/admin/users");
    const email = `invited-${randomUUID().slice(0, 8)}@kao.test`;
    await page.getByRole("button", { name: "Invite user" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("Email").fill(email);
    await dialog.getByLabel("Role").selectOption("REVIEWER");
    await dialog.getByRole("button", { name: "Invite user" }).click();
    const password = await dialog.getByTestId("generated-password").inputValue();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await screenshot(page, "users-invited");
    await dialog.getByRole("button", { name: "Done" }).click();
    await page.locator(`[data-testid="user-row"][data-email="${email}"]`).waitFor();
    await screenshot(page, "users");
    const created = await api.db.user.findUnique({ where: { email } });
    expect(created?.role).toBe("REVIEWER");
  });

  it("creates an API token that works against the API", async () => {
    await signIn(admin);
    await page.goto("/settings/tokens");
    await page.getByLabel("Name").fill("e2e script");
    await page.getByLabel("Expires after (days)").fill("30");
    await page.getByRole("button", { name: "Create token" }).click();
    const token = await page.getByTestId("new-token").inputValue();
    expect(token).toMatch(/^kao_/);
    expect(await page.getByTestId("curl-example").textContent()).toContain(`Bearer ${token}`);
    await page.getByTestId("token-row").filter({ hasText: "e2e script" }).waitFor();
    await screenshot(page, "tokens");
    const me = await api.graphql<{ me: { email: string } }>("{ me { email } }", { token });
    expect(me.data?.me.email).toBe(admin.email);
  });

  it("hides Users from a labeller and refuses them the users page", async () => {
    await signIn(labeller);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Datasets" }).waitFor();
    expect(await nav.getByRole("link", { name: "Users" }).count()).toBe(0);
    await screenshot(page, "labeller-datasets");

    await page.goto("/admin/users");
    await page.getByTestId("forbidden").waitFor();
    expect(await page.getByTestId("user-table").count()).toBe(0);
    await screenshot(page, "labeller-forbidden");

    await page.goto(`/datasets/${randomUUID()}`);
    await page.getByRole("heading", { name: "Dataset not found" }).waitFor();

    // A phone-sized screen: the same pages, stacked.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/datasets");
    await page.getByTestId("dataset-card").first().click();
    await page.getByTestId("guidelines").waitFor();
    await screenshot(page, "labeller-dataset-mobile");

    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/signin");
    await page.goto("/datasets");
    await page.waitForURL((url) => url.pathname === "/signin");
  });
});
