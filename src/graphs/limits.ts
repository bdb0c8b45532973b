/** Size limits of the graph generators (internal: not re-exported from the package). */

/** Largest number of entries a Uint32Array-indexed CSR can hold here. */
export const MAX_CSR_ENTRIES = 2 ** 32 - 1;
