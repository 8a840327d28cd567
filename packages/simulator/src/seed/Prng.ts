// A small seeded PRNG (mulberry32). Seeded data and probabilistic faults must be reproducible from
// `--seed`, so nothing in the simulator may call Math.random.

export interface Prng {
  /** A float in [0, 1). */
  readonly next: () => number
  /** An integer in [min, max] (both inclusive). */
  readonly int: (min: number, max: number) => number
  readonly chance: (p: number) => boolean
  readonly pick: <T>(items: ReadonlyArray<T>) => T
  /** Picks by relative weight: `[[value, weight], ...]`. */
  readonly weighted: <T>(choices: ReadonlyArray<readonly [T, number]>) => T
  /**
   * An independent stream derived from this seed and a label, so that adding a new kind of seeded
   * data (say, notes) does not shift the values of existing kinds (say, company names).
   */
  readonly fork: (label: string) => Prng
}

const hashString = (seed: number, label: string): number => {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (let i = 0; i < label.length; i++) {
    h = Math.imul(h ^ label.charCodeAt(i), 0x85ebca6b) >>> 0
    h = (h ^ (h >>> 13)) >>> 0
  }
  return h
}

export const createPrng = (seed: number): Prng => {
  let state = seed >>> 0
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(items: ReadonlyArray<T>): T => {
    const item = items[Math.floor(next() * items.length)]
    if (item === undefined && items.length === 0) throw new Error("pick from an empty list")
    return item as T
  }
  const weighted = <T>(choices: ReadonlyArray<readonly [T, number]>): T => {
    let total = 0
    for (const [, w] of choices) total += w
    let r = next() * total
    for (const [value, w] of choices) {
      r -= w
      if (r < 0) return value
    }
    const last = choices[choices.length - 1]
    if (last === undefined) throw new Error("weighted pick from an empty list")
    return last[0]
  }
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted,
    fork: (label) => createPrng(hashString(seed, label))
  }
}
