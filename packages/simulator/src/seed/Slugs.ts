// Text helpers for seeded names, e-mail addresses and websites.

export const DAY = 86_400

export const slugOf = (name: string): string =>
  name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[^a-z0-9]+/g, "")

export const ymd = (unix: number): string => new Date(unix * 1000).toISOString().slice(0, 10)

/** Slugs of vocabulary words, computed once: slugging 100k names one by one was a hot spot. */
const slugCache = new Map<string, string>()
export const slugWord = (word: string): string => {
  let slug = slugCache.get(word)
  if (slug === undefined) {
    slug = slugOf(word)
    slugCache.set(word, slug)
  }
  return slug
}
