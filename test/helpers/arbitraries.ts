// The property tests' "any value at all": every kind fast-check makes, BigInt, Date, Map, Set,
// typed arrays, null-prototype objects and sparse arrays included.
import fc from "fast-check";

export const anything: fc.Arbitrary<unknown> = fc.anything({
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withTypedArray: true,
  withNullPrototype: true,
  withSparseArray: true,
});
