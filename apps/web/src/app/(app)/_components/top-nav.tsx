import Link from "next/link";
import { Logo } from "@/components/logo";
import { RoleBadge } from "@/components/role-badge";
import type { Viewer } from "@/server/viewer";
import { NavLink } from "./nav-link";
import { SignOutButton } from "./sign-out-button";

export function TopNav({ viewer }: { viewer: Viewer }) {
  return (
    <header className="sticky top-0 z-10 border-b border-slate-200 bg-white/90 backdrop-blur">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href="/datasets" aria-label="kao home">
          <Logo />
        </Link>
        <nav aria-label="Main" className="order-last -mx-1 flex w-full gap-1 overflow-x-auto sm:order-none sm:w-auto">
          <NavLink href="/datasets">Datasets</NavLink>
          {viewer.role === "ADMIN" ? <NavLink href="/admin/users">Users</NavLink> : null}
          {viewer.role === "ADMIN" ? <NavLink href="/backbones">Backbones</NavLink> : null}
          {viewer.role === "ADMIN" ? <NavLink href="/audit">Audit log</NavLink> : null}
          <NavLink href="/settings/tokens">API tokens</NavLink>
        </nav>
        <div className="ml-auto flex items-center gap-3" data-testid="viewer">
          <div className="hidden text-right leading-tight sm:block">
            <p className="max-w-56 truncate text-sm font-medium text-slate-900" title={viewer.email}>
              {viewer.email}
            </p>
          </div>
          <RoleBadge role={viewer.role} />
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
