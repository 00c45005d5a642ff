import type { ReactNode } from "react";
import { getViewer } from "@/server/viewer";
import { TopNav } from "./_components/top-nav";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const viewer = await getViewer();
  return (
    <div className="flex min-h-screen flex-col">
      <TopNav viewer={viewer} />
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">{children}</main>
    </div>
  );
}
