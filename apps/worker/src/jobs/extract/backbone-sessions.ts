import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Backbone } from "@kao/db";
import { exposeTensor, hashFile, openSession, type ExecutionProvider, type OpenedSession } from "@kao/ml";

/**
 * Opened backbones, reused across jobs: loading InceptionV3 takes seconds, and a worker extracts with the
 * same few backbones all day. Keyed by checksum, so a backbone whose file was replaced is reopened.
 */
export class BackboneSessions {
  private readonly sessions = new Map<string, Promise<OpenedSession>>();

  constructor(
    private readonly options: {
      /** Relative model paths are under this folder (KAO_DATA_DIR). */
      dataDir: string;
      provider: ExecutionProvider;
      intraOpThreads?: number;
      log: (level: "info" | "warn", message: string, data?: Record<string, unknown>) => void;
    },
  ) {}

  open(backbone: Backbone): Promise<OpenedSession> {
    const key = `${backbone.id}:${backbone.sha256}:${backbone.tapLayer}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = this.load(backbone);
      // A failed open is not cached: the admin may fix the file and retry.
      session.catch(() => this.sessions.delete(key));
      this.sessions.set(key, session);
    }
    return session;
  }

  private async load(backbone: Backbone): Promise<OpenedSession> {
    const file = path.resolve(this.options.dataDir, backbone.modelPath);
    const sha256 = await hashFile(file).catch((error: unknown) => {
      throw new Error(`the model file of backbone "${backbone.name}" cannot be read at ${file}: ${error instanceof Error ? error.message : String(error)}`);
    });
    if (sha256 !== backbone.sha256) {
      throw new Error(`the model file of backbone "${backbone.name}" changed since it was registered (sha256 ${sha256}, expected ${backbone.sha256}); register it again`);
    }
    const model = exposeTensor(new Uint8Array(await readFile(file)), backbone.tapLayer);
    const opened = await openSession({
      model,
      provider: this.options.provider,
      intraOpThreads: this.options.intraOpThreads,
      warn: (message) => this.options.log("warn", message, { backbone: backbone.name }),
    });
    this.options.log("info", `backbone ${backbone.name} runs on the ${opened.provider} execution provider`, { backbone: backbone.name, provider: opened.provider });
    return opened;
  }
}
