"use client";

import { Alert } from "./alert";
import { Button } from "./button";

/** The body of an error boundary: what happened, and a way to try again. */
export function ErrorPanel({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="mx-auto max-w-xl px-4 py-12">
      <Alert
        title="Something went wrong"
        action={
          <Button variant="secondary" size="sm" onClick={reset}>
            Try again
          </Button>
        }
      >
        {/* Production builds hide server messages; the digest matches the web server's log. */}
        {error.digest ? `The server could not load this page (reference ${error.digest}). Is the kao API running?` : error.message}
      </Alert>
    </div>
  );
}
