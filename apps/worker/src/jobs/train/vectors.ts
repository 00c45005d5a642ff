/**
 * Feature vectors are stored as float32 little-endian bytes (FeatureVector.vector); this packs many
 * of them into one row-major matrix, copying bytes so that Prisma's buffers need not be aligned.
 */
export function packVectors(vectors: readonly Uint8Array[], dimensions: number): Float32Array {
  const matrix = new Float32Array(vectors.length * dimensions); // rows × dimensions
  const bytes = new Uint8Array(matrix.buffer);
  vectors.forEach((vector, row) => {
    if (vector.byteLength !== dimensions * 4) throw new Error(`a feature vector has ${vector.byteLength / 4} values, the backbone ${dimensions}; extract again`);
    bytes.set(vector, row * dimensions * 4);
  });
  return matrix;
}
