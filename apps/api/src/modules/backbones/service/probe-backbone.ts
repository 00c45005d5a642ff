import { readFile, stat } from "node:fs/promises";
import { exposeTensor, extractFeatures, hashFile, openSession, resolveTap, type OpenedSession, type Preprocessing } from "@kao/ml";
import { InputValidationError } from "../../../graphql/result-errors.ts";
import { BEFORE_LAST_POOL } from "./contracts.ts";

/** A 1×1 black RGB PNG: the probe image (preprocessing stretches it to the model's input size). */
const BLANK_PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVQImWNgYGAAAAAEAAGjChXjAAAAAElFTkSuQmCC", "base64");

export interface ProbedBackbone {
  sha256: string;
  tapLayer: string;
  dims: number;
  inputWidth: number;
  inputHeight: number;
}

const invalid = (path: string, message: string) => new InputValidationError(message, [{ path, message }]);

/**
 * Proves that an ONNX file works as a backbone before it is registered: onnxruntime (CPU) opens it,
 * the tap resolves to a tensor and is made an output, and one blank image runs through it, which
 * tells the feature vector's length. Every failure names what to fix.
 */
export async function probeBackbone(options: {
  file: string;
  tap: string;
  pooling: "MAX" | "AVG";
  preprocessing: Omit<Preprocessing, "width" | "height"> & { width: number | null; height: number | null };
}): Promise<ProbedBackbone> {
  const bytes = await readModel(options.file);
  const raw = await open(bytes, options.file);
  try {
    const tapLayer = resolveTapName(bytes, options.tap);
    const session = raw.session.outputNames.includes(tapLayer) ? raw : await open(exposeTap(bytes, tapLayer), options.file);
    try {
      const { width, height } = inputSize(session, options.preprocessing);
      const [probe] = await extractFeatures({ session: session.session, tap: tapLayer, pooling: options.pooling, preprocessing: { ...options.preprocessing, width, height }, images: [BLANK_PNG] });
      if (!probe || !("vector" in probe)) throw invalid("tap", `The model did not run on a ${width}×${height} image: ${probe?.error ?? "no result"}.`);
      return { sha256: await hashFile(options.file), tapLayer, dims: probe.vector.length, inputWidth: width, inputHeight: height };
    } catch (error) {
      if (error instanceof InputValidationError) throw error;
      throw invalid("tap", `The model could not be run up to "${tapLayer}": ${firstLine(error)}`);
    } finally {
      if (session !== raw) await session.session.release();
    }
  } finally {
    await raw.session.release();
  }
}

async function readModel(file: string): Promise<Uint8Array> {
  const info = await stat(file).catch((error: unknown) => {
    const code = (error as { code?: string }).code;
    if (code === "ENOENT" || code === "ENOTDIR") throw invalid("path", `There is no file at ${file} on the server.`);
    throw invalid("path", `${file} cannot be read on the server (${code ?? firstLine(error)}).`);
  });
  if (!info.isFile()) throw invalid("path", `${file} is not a file.`);
  try {
    return new Uint8Array(await readFile(file));
  } catch (error) {
    throw invalid("path", `${file} cannot be read on the server (${(error as { code?: string }).code ?? firstLine(error)}).`);
  }
}

async function open(model: Uint8Array, file: string): Promise<OpenedSession> {
  try {
    // One thread: registration is rare, and the API serves other requests meanwhile.
    return await openSession({ model, provider: "cpu", intraOpThreads: 1 });
  } catch (error) {
    throw invalid("path", `${file} is not an ONNX model that onnxruntime can open: ${firstLine(error)}`);
  }
}

function resolveTapName(bytes: Uint8Array, tap: string): string {
  try {
    return resolveTap(bytes, tap === BEFORE_LAST_POOL ? { kind: "before-last-pool" } : { kind: "tensor", name: tap });
  } catch (error) {
    throw invalid("tap", `${firstLine(error)}.`);
  }
}

function exposeTap(bytes: Uint8Array, tapLayer: string): Uint8Array {
  try {
    return exposeTensor(bytes, tapLayer);
  } catch (error) {
    // exposeTensor lists tensors of the graph that look like the name asked for, or the last ones.
    throw invalid("tap", `Unknown tap: ${firstLine(error)}.`);
  }
}

/** The registration's size, else the model's own fixed input size (N × 3 × H × W). */
function inputSize(opened: OpenedSession, given: { width: number | null; height: number | null }) {
  const metadata = opened.session.inputMetadata[0];
  const shape = metadata && metadata.isTensor ? metadata.shape : [];
  const fixed = (value: unknown) => (typeof value === "number" && value > 0 ? value : null);
  const [fixedWidth, fixedHeight] = [fixed(shape[3]), fixed(shape[2])];
  if (fixedWidth !== null && fixedHeight !== null && given.width !== null && given.height !== null && (given.width !== fixedWidth || given.height !== fixedHeight)) {
    throw invalid("width", `The model takes ${fixedWidth}×${fixedHeight} images, not ${given.width}×${given.height}; leave width and height out.`);
  }
  const width = given.width ?? fixedWidth;
  const height = given.height ?? fixedHeight;
  if (width === null || height === null) throw invalid("width", "The model's input size is not fixed: give width and height.");
  return { width, height };
}

const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "unknown error";
