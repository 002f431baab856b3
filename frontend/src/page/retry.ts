// When the widget cannot be loaded the page reloads itself with growing pauses, so a machine
// that comes back online gets its chat back without the user doing anything. While Go finds the
// widget's server silent (app/netwatch.go) a pause that ends reloads nothing: Go's word that the
// server answers again reloads at once instead. The attempt count lives in sessionStorage
// because each retry is a fresh page.

const KEY = "jedidesk-desktop.retryAttempt";

/** Seconds before retry number attempt (0-based): 2, 4, 8, … up to a minute. */
export function retryDelaySeconds(attempt: number): number {
  return Math.min(60, 2 ** (Math.max(0, attempt) + 1));
}

export class Retry {
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Go found the widget's server silent: pauses that end reload nothing. */
  private offline = false;

  constructor(
    private readonly storage: Storage,
    private readonly reload: () => void,
  ) {}

  /** Go found the widget's server silent: the chat comes back when it answers. */
  get waitingForNetwork(): boolean {
    return this.offline;
  }

  /**
   * What Go's last check found. Back online after being offline, the page reloads at once
   * (only while failed says the chat could not load).
   */
  network(online: boolean, failed: boolean): void {
    const back = online && this.offline;
    this.offline = !online;
    if (back && failed) this.now();
  }

  get attempt(): number {
    const n = Number(this.storage.getItem(KEY));
    return Number.isInteger(n) && n > 0 ? n : 0;
  }

  /** Schedules the next reload and returns its delay in seconds. */
  schedule(): number {
    clearTimeout(this.timer);
    const attempt = this.attempt;
    const delay = retryDelaySeconds(attempt);
    this.timer = setTimeout(() => {
      if (!this.offline) this.now();
    }, delay * 1000);
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
