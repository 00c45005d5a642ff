import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // The API is reached at run time through src/app/graphql/route.ts, never through build-time rewrites.
};

export default config;
