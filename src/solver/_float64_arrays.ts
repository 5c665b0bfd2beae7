/**
 * Float64 arrays of the given lengths as views of one `ArrayBuffer`. V8 gives every typed array
 * longer than 64 bytes a backing store of its own, which costs about a microsecond to allocate
 * and to collect; cold solves build dozens of small tables, so they share one store per table.
 *
 * @param lengths The length of each array.
 * @returns One zero-filled array per length, in order.
 */
export function float64Arrays(...lengths: number[]): Float64Array[] {
  let total = 0;
  for (const length of lengths) total += length;
  const buffer = new ArrayBuffer(total * 8);
  const arrays: Float64Array[] = [];
  let offset = 0;
  for (const length of lengths) {
    arrays.push(new Float64Array(buffer, offset * 8, length));
    offset += length;
  }
  return arrays;
}

/**
 * Int32 arrays of the given lengths as views of one `ArrayBuffer` (see
 * {@linkcode float64Arrays}).
 *
 * @param lengths The length of each array.
 * @returns One zero-filled array per length, in order.
 */
export function int32Arrays(...lengths: number[]): Int32Array[] {
  let total = 0;
  for (const length of lengths) total += length;
  const buffer = new ArrayBuffer(total * 4);
  const arrays: Int32Array[] = [];
  let offset = 0;
  for (const length of lengths) {
    arrays.push(new Int32Array(buffer, offset * 4, length));
    offset += length;
  }
  return arrays;
}
