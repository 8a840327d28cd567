/**
 * Rows with a write in flight ("saving…", "deleting…"): the row shows a spinner and this text
 * until the server answers. Keyed by `company/<id>` or `tag/<id>`, so every place the company is
 * listed shows it.
 */
export class PendingWrites {
  private readonly pending = new Map<string, string>()

  static companyKey = (id: string): string => `company/${id}`
  static tagKey = (id: string): string => `tag/${id}`

  get(key: string): string | undefined {
    return this.pending.get(key)
  }

  set(key: string, what: string): void {
    this.pending.set(key, what)
  }

  delete(key: string): void {
    this.pending.delete(key)
  }
}
