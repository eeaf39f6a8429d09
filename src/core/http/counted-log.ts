/**
 * Writes what can happen once per request (a client that went away, a malformed request line, an
 * address refused for repeated failures) as counted lines instead of one line each: the first of a
 * kind at once, then at most one line per kind per `everyMs` saying how many more came. A flood of
 * slow or broken clients then costs the console a line a minute, not thousands.
 */
export class CountedLog {
  private readonly counts = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly prefix: string,
    private readonly everyMs = 60_000,
    private readonly write: (line: string) => void = (l) => console.warn(l),
  ) {}

  /**
   * One occurrence of `what` (a short sentence, the same text for every occurrence of a kind).
   * True when this one was written out (the caller may add detail, e.g. a stack, to the first only).
   */
  note(what: string): boolean {
    const n = this.counts.get(what);
    if (n === undefined) this.counts.set(what, 0);
    else this.counts.set(what, n + 1);
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.everyMs);
      this.timer.unref();
    }
    if (n !== undefined) return false;
    this.write(`${this.prefix} ${what} (more of these are counted, one line a minute)`);
    return true;
  }

  /** Writes the counts held; a kind with none since its last line starts over (written at once). */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    let pending = false;
    for (const [what, n] of this.counts) {
      if (n === 0) {
        this.counts.delete(what);
        continue;
      }
      this.write(`${this.prefix} ${n} more: ${what}`);
      this.counts.set(what, 0);
      pending = true;
    }
    if (pending) {
      this.timer = setTimeout(() => this.flush(), this.everyMs);
      this.timer.unref();
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
