/**
 * Jaro–Winkler similarity (Winkler's prefix bonus: p = 0.1, prefix up to 4). No installed package has it.
 * Written to allocate nothing per call, because name comparison calls it tens of millions of times:
 * match flags are bits of two integers for tokens up to 31 characters, reusable buffers beyond.
 */

let flagsA = new Uint8Array(64);
let flagsB = new Uint8Array(64);

function winkler(a: string, b: string, jaro: number): number {
  let prefix = 0;
  const maxPrefix = a.length < b.length ? (a.length < 4 ? a.length : 4) : b.length < 4 ? b.length : 4;
  while (prefix < maxPrefix && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

function jaroShort(a: string, b: string, la: number, lb: number): number {
  const window = ((la > lb ? la : lb) >> 1) - 1;
  let fa = 0;
  let fb = 0;
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const from = i > window ? i - window : 0;
    const to = i + window + 1 < lb ? i + window + 1 : lb;
    for (let j = from; j < to; j++) {
      if ((fb & (1 << j)) === 0 && b.charCodeAt(j) === c) {
        fa |= 1 << i;
        fb |= 1 << j;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  // Half the number of matched characters that appear in a different order.
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if ((fa & (1 << i)) === 0) continue;
    while ((fb & (1 << k)) === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
}

function jaroLong(a: string, b: string, la: number, lb: number): number {
  if (la > flagsA.length) flagsA = new Uint8Array(la * 2);
  if (lb > flagsB.length) flagsB = new Uint8Array(lb * 2);
  for (let i = 0; i < la; i++) flagsA[i] = 0;
  for (let j = 0; j < lb; j++) flagsB[j] = 0;
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1);
  let matches = 0;
  for (let i = 0; i < la; i++) {
    const c = a.charCodeAt(i);
    const to = Math.min(i + window + 1, lb);
    for (let j = i > window ? i - window : 0; j < to; j++) {
      if (flagsB[j] === 0 && b.charCodeAt(j) === c) {
        flagsA[i] = 1;
        flagsB[j] = 1;
        matches++;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < la; i++) {
    if (flagsA[i] === 0) continue;
    while (flagsB[k] === 0) k++;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++;
    k++;
  }
  return (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3;
}

/** Jaro similarity in [0, 1] (without Winkler's prefix bonus). */
export function jaro(a: string, b: string): number {
  if (a === b) return 1;
  const la = a.length;
  const lb = b.length;
  if (la === 0 || lb === 0) return 0;
  return la < 32 && lb < 32 ? jaroShort(a, b, la, lb) : jaroLong(a, b, la, lb);
}

export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  const j = jaro(a, b);
  return j === 0 ? 0 : winkler(a, b, j);
}
