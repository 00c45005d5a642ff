import { mkdir } from "node:fs/promises";
import type { Browser, BrowserContext, Page } from "playwright-core";
import type { TestContext } from "vitest";
import { TRACE_DIR, screenshot, waitForHydrationAfterGoto } from "./browser.ts";
import type { WebServer } from "./web-server.ts";

export interface PersonOptions {
  viewport?: { width: number; height: number };
  timeout?: number;
  acceptDownloads?: boolean;
}

/**
 * Several people in one test, each in a browser context of their own. The one in use when a test
 * fails is photographed and its trace kept; call `finish` from `afterEach`.
 */
export function browserPeople(servers: () => { browser: Browser; web: WebServer }) {
  const contexts: BrowserContext[] = [];
  let current: { context: BrowserContext; page: Page } | null = null;

  return {
    /** The context of the person signed in last (e.g. to take it offline). */
    get current() {
      return current;
    },

    /** A signed-in, traced tab for `user`. */
    async signedInPage(user: { email: string; password: string }, options: PersonOptions = {}): Promise<Page> {
      const { browser, web } = servers();
      if (current) await current.context.tracing.stop();
      const context = await browser.newContext({
        baseURL: web.url,
        viewport: options.viewport ?? { width: 1280, height: 800 },
        acceptDownloads: options.acceptDownloads ?? false,
      });
      contexts.push(context);
      context.setDefaultTimeout(options.timeout ?? 15_000);
      await context.tracing.start({ screenshots: true, snapshots: true });
      const page = await context.newPage();
      waitForHydrationAfterGoto(page);
      current = { context, page };
      await page.goto("/signin");
      await page.getByLabel("Email", { exact: true }).fill(user.email);
      await page.getByLabel("Password", { exact: true }).fill(user.password);
      await page.getByLabel("Password", { exact: true }).press("Enter");
      await page.waitForURL((url) => url.pathname === "/datasets");
      await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
      return page;
    },

    async finish(test: TestContext) {
      if (test.task.result?.state === "fail" && current) {
        const name = `failed-${slug(test.task.name)}`;
        // From the top: scrolled, the sticky top bar would be drawn across the middle of the page.
        await current.page.evaluate("window.scrollTo(0, 0)").catch(() => undefined);
        await screenshot(current.page, name).catch((error: unknown) => console.error("no failure screenshot", error));
        await mkdir(TRACE_DIR, { recursive: true });
        await current.context.tracing.stop({ path: `${TRACE_DIR}${name}.zip` }).catch((error: unknown) => console.error("no trace", error));
        console.error(`screenshot and trace: ${name}; web server output:\n${servers().web.output().slice(-4000)}`);
      }
      await Promise.all(contexts.splice(0).map((context) => context.close()));
      current = null;
    },
  };
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
