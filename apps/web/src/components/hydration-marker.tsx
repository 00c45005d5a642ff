"use client";

import { useEffect } from "react";

/**
 * Marks `<html data-hydrated>` once React has attached its handlers. Until then a click or a file
 * chosen in a form reaches plain HTML only and is lost; browser tests wait for this mark.
 */
export function HydrationMarker() {
  useEffect(() => {
    document.documentElement.dataset["hydrated"] = "true";
  }, []);
  return null;
}
