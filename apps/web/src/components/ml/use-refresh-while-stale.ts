import { useRouter } from "next/navigation";
import { useEffect } from "react";

const RETRY_MS = 4000;
const RETRIES = 3;

/**
 * After a change that the server components must show (a Publish button becomes a badge, a new
 * backbone joins the table): while the page is still `stale`, refresh again every few seconds, and
 * reload it as a last resort. A control that the change replaces needs nothing more: unmounting
 * stops this. Now and then a refresh is never applied (the response arrives but the page keeps its
 * old state; seen in headless Chromium under `next start`, like the dropped navigations in the e2e
 * support); without this the page would keep showing the old state.
 */
export function useRefreshWhileStale(stale: boolean) {
  const router = useRouter();
  useEffect(() => {
    if (!stale) return;
    let tries = 0;
    const timer = setInterval(() => {
      tries += 1;
      if (tries > RETRIES) {
        clearInterval(timer);
        window.location.reload();
        return;
      }
      router.refresh();
    }, RETRY_MS);
    return () => clearInterval(timer);
  }, [stale, router]);
}
