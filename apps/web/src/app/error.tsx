"use client";

import { ErrorPanel } from "@/components/error-panel";

// Catches what (app)/error.tsx cannot: failures in the signed-in layout itself (e.g. the API is down).
export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorPanel {...props} />;
}
