// When the widget cannot be loaded the page reloads itself with growing pauses, so a machine
// that comes back online gets its chat back without the user doing anything. The attempt count
// lives in sessionStorage because each retry is a fresh page.

const KEY = "jedidesk-desktop.retryAttempt";

/** Seconds before retry number attempt (0-based): 2, 4, 8, … up to a minute. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(60, 2 ** (Math.max(0, attempt) + 1));
}

export class Retry {
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly storage: Storage,
    private readonly reload: () => void,
  ) {}

  get attempt(): number {
    const n = Number(this.storage.getItem(KEY));
    return Number.isInteger(n) && n > 0 ? n : 0;
  }

  /** Schedules the next reload and returns its delay in seconds. */
  schedule(): number {
    clearTimeout(this.timer);
    const attempt = this.attempt;
    const delay = retryDelaySeconds(attempt);
    this.timer = setTimeout(() => this.now(), delay * 1000);
    return delay;
  }

  /** Reloads at once (the Retry button). */
  now(): void {
    clearTimeout(this.timer);
    this.storage.setItem(KEY, String(this.attempt + 1));
    this.reload();
  }

  /** The widget loaded: the next failure starts from the shortest pause again. */
  succeeded(): void {
    clearTimeout(this.timer);
    this.storage.removeItem(KEY);
  }
}
