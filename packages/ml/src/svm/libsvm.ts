// The bridge to libsvm-js 0.2.1 (LIBSVM compiled to WebAssembly). Its JavaScript API trains and
// predicts labels but gives neither decision values nor an exact bias: the model text it writes
// prints rho with "%g" (6 digits). So the trained svm_model is read straight from the WebAssembly
// heap (coefficients, rho, labels, support vector indices: exact doubles), and each read is checked
// against what the public API and the model text report, so that a different build fails loudly
// instead of answering wrongly.
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export type LibsvmKernelType = "LINEAR" | "POLYNOMIAL" | "RBF" | "PRECOMPUTED";

type LibsvmOptions = {
  type: string;
  kernel: string;
  cost: number;
  degree?: number;
  gamma?: number;
  coef0?: number;
  weight?: Record<string, number>;
  tolerance: number;
  cacheSize: number;
  shrinking: boolean;
  quiet: boolean;
};

type LibsvmInstance = {
  model: number | null;
  train(samples: ArrayLike<ArrayLike<number>>, labels: ArrayLike<number>): void;
  predictOne(sample: ArrayLike<number>): number;
  serializeModel(): string;
  getSVIndices(): number[];
  getLabels(): number[];
  free(): void;
};

type LibsvmClass = {
  new (options: LibsvmOptions): LibsvmInstance;
  KERNEL_TYPES: Record<LibsvmKernelType, string>;
  SVM_TYPES: { C_SVC: string };
};

type EmscriptenHeap = { HEAP32: Int32Array; HEAPF64: Float64Array };

type Libsvm = { SVM: LibsvmClass; heap: EmscriptenHeap };

let loading: Promise<Libsvm> | null = null;

/** Loads the WebAssembly module once per thread. */
export function loadLibsvm(): Promise<Libsvm> {
  loading ??= (async () => {
    // Emscripten's Node glue adds `process.on("unhandledRejection", () => process.exit(1))`: a later
    // unhandled rejection anywhere in the process would then end it silently, without the error Node
    // prints by default. Its listener is taken off again.
    // The glue runs when required, so the listener is there once require returns.
    const before = new Set(process.listeners("unhandledRejection"));
    const pending: unknown = requireWithoutFetch("libsvm-js/wasm.js");
    for (const listener of process.listeners("unhandledRejection")) if (!before.has(listener)) process.off("unhandledRejection", listener);
    const SVM: unknown = await pending;
    // The same module object that wasm.js loaded (require's cache): its heap views.
    const heap: unknown = require("libsvm-js/out/wasm/libsvm.js");
    if (!isLibsvmClass(SVM)) throw new Error("libsvm-js/wasm.js did not resolve to the SVM class; is libsvm-js 0.2.x installed?");
    if (!isHeap(heap)) throw new Error("libsvm-js's WebAssembly module exposes no HEAP32/HEAPF64 views");
    return { SVM, heap };
  })();
  return loading;
}

/**
 * The glue first tries `fetch(<file path>)`, which Node's fetch cannot load, prints "wasm streaming
 * compile failed" and falls back to reading the file; every training job logged that alarming line.
 * It checks for fetch synchronously while being required, so hiding fetch for the require alone makes
 * it read the file straight away. Nothing else runs in between.
 */
function requireWithoutFetch(id: string): unknown {
  const descriptor = Object.getOwnPropertyDescriptor(globalThis, "fetch");
  if (!descriptor?.configurable) return require(id);
  Object.defineProperty(globalThis, "fetch", { value: undefined, configurable: true, writable: true });
  try {
    return require(id);
  } finally {
    Object.defineProperty(globalThis, "fetch", descriptor);
  }
}

function isLibsvmClass(value: unknown): value is LibsvmClass {
  return typeof value === "function" && "KERNEL_TYPES" in value && "SVM_TYPES" in value && "prototype" in value;
}

function isHeap(value: unknown): value is EmscriptenHeap {
  return typeof value === "object" && value !== null && "HEAP32" in value && "HEAPF64" in value;
}

/** A two-class model as LIBSVM holds it: decision = Σ coefficients·K(x, sv) − rho, positive → labels[0]. */
export type RawLibsvmModel = {
  labels: [number, number];
  coefficients: Float64Array; // supportCount
  rho: number;
  supportIndices: Int32Array; // supportCount, 0-based rows of the training samples
};

/**
 * Trains a C-SVC and returns its exact parameters. For the precomputed kernel each sample is
 * [serial from 1, K(i, 1..n)]; otherwise samples are feature rows and LIBSVM computes the kernel.
 */
export async function trainLibsvm(options: {
  samples: ArrayLike<ArrayLike<number>>;
  labels: ArrayLike<number>; // two distinct integers
  kernel: LibsvmKernelType;
  C: number;
  weights: Record<string, number>; // label → multiplier of C
  degree?: number;
  gamma?: number;
  coef0?: number;
  tolerance?: number;
  cacheSizeMb?: number;
  /** Rows for LIBSVM's own predict before the model is freed (a cross-check for tests). */
  predictSamples?: ArrayLike<ArrayLike<number>>;
}): Promise<RawLibsvmModel & { predicted: number[] }> {
  const { SVM, heap } = await loadLibsvm();
  const svm = new SVM({
    type: SVM.SVM_TYPES.C_SVC,
    kernel: SVM.KERNEL_TYPES[options.kernel],
    cost: options.C,
    ...(options.degree === undefined ? {} : { degree: options.degree }),
    ...(options.gamma === undefined ? {} : { gamma: options.gamma }),
    ...(options.coef0 === undefined ? {} : { coef0: options.coef0 }),
    weight: options.weights,
    tolerance: options.tolerance ?? 1e-3, // LIBSVM's and scikit-learn's default
    cacheSize: options.cacheSizeMb ?? 200, // scikit-learn's default
    shrinking: true,
    quiet: true,
  });
  try {
    svm.train(options.samples, options.labels);
    if (svm.model === null || svm.model === 0) throw new Error("libsvm-js returned no model");
    const model = readModel(svm, heap, { C: options.C, kernelType: Number(SVM.KERNEL_TYPES[options.kernel]) });
    const predicted = Array.from(options.predictSamples ?? [], (sample) => svm.predictOne(sample));
    return { ...model, predicted };
  } finally {
    svm.free(); // WebAssembly memory is not garbage-collected
  }
}

// Byte offsets in LIBSVM's structs as compiled to wasm32 (int and pointers 4 bytes, doubles 8 and aligned).
const PARAM_KERNEL_TYPE = 4;
const PARAM_C = 48;
const MODEL_NR_CLASS = 96;
const MODEL_L = 100;
const MODEL_SV_COEF = 108;
const MODEL_RHO = 112;
const MODEL_SV_INDICES = 124;
const MODEL_LABEL = 128;

function readModel(svm: LibsvmInstance, heap: EmscriptenHeap, expected: { C: number; kernelType: number }): RawLibsvmModel {
  const model = svm.model ?? 0;
  const int = (address: number) => heap.HEAP32[address >> 2] ?? Number.NaN;
  const double = (address: number) => heap.HEAPF64[address >> 3] ?? Number.NaN;
  const layoutError = (what: string) => new Error(`libsvm-js's svm_model is not laid out as expected (${what}); this code reads LIBSVM 3.x built by libsvm-js 0.2.1`);

  if (int(model + PARAM_KERNEL_TYPE) !== expected.kernelType || double(model + PARAM_C) !== expected.C) throw layoutError("kernel type or C");
  const classes = int(model + MODEL_NR_CLASS);
  if (classes !== 2) throw new Error(`LIBSVM trained a ${classes}-class model; two classes are needed (FACE and no face)`);
  const supportCount = int(model + MODEL_L);
  const labelsAt = int(model + MODEL_LABEL);
  const labels: [number, number] = [int(labelsAt), int(labelsAt + 4)];
  const coefficientsAt = int(int(model + MODEL_SV_COEF)); // sv_coef[0]
  const coefficients = heap.HEAPF64.slice(coefficientsAt >> 3, (coefficientsAt >> 3) + supportCount);
  const rho = double(int(model + MODEL_RHO));
  const indicesAt = int(model + MODEL_SV_INDICES);
  const supportIndices = Int32Array.from(heap.HEAP32.subarray(indicesAt >> 2, (indicesAt >> 2) + supportCount), (serial) => serial - 1);

  // Cross-checks against the public API and the model text.
  const publicIndices = svm.getSVIndices();
  const publicLabels = svm.getLabels();
  if (publicIndices.length !== supportCount || publicIndices.some((index, k) => index !== supportIndices[k])) throw layoutError("support vector indices");
  if (publicLabels[0] !== labels[0] || publicLabels[1] !== labels[1]) throw layoutError("labels");
  const text = svm.serializeModel();
  const textRho = Number(/^rho (\S+)$/m.exec(text)?.[1]);
  const textCoefficients = text.slice(text.indexOf("\nSV\n") + 4).split("\n").filter(Boolean).map((line) => Number(line.split(" ")[0]));
  if (!(Math.abs(textRho - rho) <= 1e-5 * Math.max(1, Math.abs(rho)))) throw layoutError(`rho ${rho} against the text's ${textRho}`);
  if (textCoefficients.length !== supportCount || textCoefficients.some((value, k) => Math.abs(value - (coefficients[k] ?? Number.NaN)) > 1e-12 * Math.max(1, Math.abs(value)))) {
    throw layoutError("coefficients");
  }
  return { labels, coefficients, rho, supportIndices };
}
