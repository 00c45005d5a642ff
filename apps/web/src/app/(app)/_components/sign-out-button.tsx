"use client";

import { signOut } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/button";

export function SignOutButton() {
  const [pending, setPending] = useState(false);
  async function handleSignOut() {
    setPending(true);
    // No redirect from next-auth: its URL depends on NEXTAUTH_URL; a full load also drops all client state.
    await signOut({ redirect: false });
    window.location.assign("/signin");
  }
  return (
    <Button variant="ghost" size="sm" pending={pending} onClick={() => void handleSignOut()}>
      Sign out
    </Button>
  );
}
