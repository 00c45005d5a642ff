import http from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type ErrorRequestHandler } from "express";
import type { Db } from "@kao/db";
import { authenticateRequest } from "./auth/authenticate-request.ts";
import { databaseUnavailable, databaseUnavailablePlugin, formatDatabaseErrors, isDatabaseUnavailable } from "./database-unavailable.ts";
import { AppError, ErrorCode } from "./errors.ts";
import { formatError } from "./graphql/format-error.ts";
import { PARSE_OPTIONS, operationLimitsPlugin } from "./graphql/operation-limits.ts";
import { refuseUnstorableTextPlugin } from "./graphql/refuse-unstorable-text.ts";
import type { GraphQLContext } from "./graphql/context.ts";
import { createLoaders } from "./graphql/loaders.ts";
import { schema } from "./graphql/schema.ts";
import { exportHandler } from "./http/exports.ts";
import { frameImageHandler } from "./http/frame-images.ts";
import { uploadHandler } from "./http/uploads.ts";
import { logger } from "./logger.ts";
import { kerasUploadHandler } from "./modules/backbones/http/keras-upload-handler.ts";
import { predictImageHandler } from "./modules/predictions/http/predict-image-handler.ts";
import type { Platform } from "./platform.ts";

export interface ApiServerOptions {
  db: Db;
  /** Blob storage for uploads and frame images, and the job queue. */
  platform: Platform;
  /** Largest accepted file upload (default 4 GiB). */
  maxUploadBytes?: number;
  /** The secret next-auth signs session tokens with (NEXTAUTH_SECRET). */
  sessionSecret: string;
  /** Largest accepted GraphQL request body. */
  maxBodyBytes?: number;
  /**
   * Which peers may set X-Forwarded-For (Express `trust proxy`), for per-address sign-in limits.
   * Default: loopback, i.e. kao's own web app. A reverse proxy in front must overwrite the header.
   */
  trustProxy?: string;
}

export interface ApiServer {
  app: express.Express;
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<{ url: string; port: number }>;
  close(): Promise<void>;
}

export async function createApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const app = express();
  const httpServer = http.createServer(app);
  app.disable("x-powered-by");
  // The web app's server proxies browser requests from loopback; trust its X-Forwarded-For there only.
  app.set("trust proxy", options.trustProxy ?? "loopback");

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError: formatDatabaseErrors(formatError),
    includeStacktraceInErrorResponses: false,
    introspection: true,
    // CSRF prevention stays on (the default): cookie-authenticated requests must be non-simple.
    csrfPrevention: true,
    parseOptions: PARSE_OPTIONS,
    // main.ts owns shutdown (HTTP, queue, database in order); Apollo's own signal handlers would race it.
    stopOnTerminationSignals: false,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: 3000 }), ApolloServerPluginLandingPageDisabled(), operationLimitsPlugin(), refuseUnstorableTextPlugin(), databaseUnavailablePlugin()],
  });
  await apollo.start();

  app.get("/healthz", async (_req, res) => {
    await options.db.$queryRaw`SELECT 1`;
    res.json({ ok: true });
  });

  app.use(
    "/graphql",
    express.json({ limit: options.maxBodyBytes ?? 1_000_000 }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const ip = req.ip ?? "unknown";
        try {
          const viewer = await authenticateRequest({
            db: options.db,
            secret: options.sessionSecret,
            authorization: req.headers.authorization,
            cookie: req.headers.cookie,
          });
          return { db: options.db, viewer, ip, platform: options.platform, loaders: createLoaders(options.db) };
        } catch (error) {
          if (isDatabaseUnavailable(error)) throw databaseUnavailable();
          if (error instanceof AppError) {
            error.extensions["http"] = { status: error.httpStatus };
          }
          throw error;
        }
      },
    }),
  );

  const endpoints = { db: options.db, storage: options.platform.storage, sessionSecret: options.sessionSecret };
  app.post("/uploads", uploadHandler({ ...endpoints, maxUploadBytes: options.maxUploadBytes ?? 4 * 1024 ** 3 }));
  app.post("/backbones/keras", kerasUploadHandler({ db: options.db, sessionSecret: options.sessionSecret, platform: options.platform, maxUploadBytes: options.maxUploadBytes ?? 4 * 1024 ** 3 }));
  app.get("/frames/:id/:variant", frameImageHandler(endpoints));
  app.post("/predict", predictImageHandler({ db: options.db, sessionSecret: options.sessionSecret, platform: options.platform }));
  app.get("/exports/:file", exportHandler(endpoints));

  app.use(jsonErrors);

  return {
    app,
    httpServer,
    listen(port, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        httpServer.once("error", reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          const actual = typeof address === "object" && address ? address.port : port;
          resolve({ url: `http://${host}:${actual}/graphql`, port: actual });
        });
      });
    },
    async close() {
      // Idle keep-alive sockets (the web app's fetches) would otherwise hold the drain for its whole grace period.
      httpServer.closeIdleConnections();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

/** Body-parser and other HTTP-level failures answer in GraphQL's error shape, never with a stack trace. */
const jsonErrors: ErrorRequestHandler = (error: { type?: string; status?: number; message?: string }, _req, res, _next) => {
  if (error.type === "entity.too.large") {
    res.status(413).json({ errors: [{ message: "Request body is too large.", extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } }] });
    return;
  }
  if (error.type === "entity.parse.failed") {
    res.status(400).json({ errors: [{ message: "Request body is not valid JSON.", extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
    return;
  }
  if (error.status && error.status >= 400 && error.status < 500) {
    // The client's mistake (unsupported charset or encoding, aborted upload, …): say so, not "internal".
    res.status(error.status).json({ errors: [{ message: "The request body could not be read.", extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
    return;
  }
  logger.error("unexpected HTTP error", { message: error.message, type: error.type });
  res.status(500).json({
    errors: [{ message: "Internal server error.", extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }],
  });
};
