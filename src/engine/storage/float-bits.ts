/**
 * Float64 ⇄ two uint32 halves, through one shared scratch buffer. Writing a number into a
 * Float64Array keeps -0, ±Inf and subnormals bit-exact; a NaN may come back with a
 * different payload (JS engines may canonicalize it), which is fine because staleness is
 * never carried in NaN bits (see xor-chunk.ts).
 */
const scratchF64 = new Float64Array(1);
const scratchU32 = new Uint32Array(scratchF64.buffer);
/** Index of the high word in {@link scratchU32}: 1 on little-endian hosts. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

/** High 32 bits of the IEEE-754 pattern of `v`. Call {@link floatBitsLo} right after, for the same `v`. */
export function floatBitsHi(v: number): number {
  scratchF64[0] = v;
  return scratchU32[HI];
}

/** Low 32 bits of the pattern most recently loaded by {@link floatBitsHi}. */
export function floatBitsLo(): number {
  return scratchU32[LO];
}

/** The float whose IEEE-754 pattern is hi:lo. */
export function floatFromBits(hi: number, lo: number): number {
  scratchU32[HI] = hi;
  scratchU32[LO] = lo;
  return scratchF64[0];
}
