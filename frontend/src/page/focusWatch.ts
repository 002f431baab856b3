/**
 * Whether the app's window has the keyboard focus, for Go (the global shortcut closes the chat
 * of a window in front; replies to a window in front are not notified). The focus may be on the
 * page or inside the widget's frame: the page's window "blurs" when the user clicks into the
 * chat, while the window as a whole keeps the focus, so what counts is document.hasFocus(),
 * read again whenever the page's or the frame's focus changes.
 */
export class FocusWatch {
  private told: boolean | null = null;
  private known: boolean | null = null;

  constructor(
    private readonly doc: Document,
    private readonly report: (focused: boolean) => Promise<void>,
  ) {}

  /** Reads the focus again and tells Go when it changed. */
  check(): void {
    const focused = this.doc.hasFocus();
    if (focused === this.told) return;
    this.told = focused;
    this.report(focused).then(
      () => {
        if (this.told === focused) this.known = focused;
      },
      () => {
        // Told again at the next change of focus.
        if (this.told === focused) this.told = null;
      },
    );
  }

  /** What Go has confirmed it knows (null before its first answer). */
  get confirmed(): boolean | null {
    return this.known;
  }
}
