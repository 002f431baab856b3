// A stand-in for the browser's WebSocket with its observable rules: send throws while
// connecting and drops frames once closing; onopen/onclose are plain properties the widget may
// assign late; listeners and handlers both hear every event.
export class FakeNativeSocket extends EventTarget {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static instances: FakeNativeSocket[] = [];

  readyState = 0;
  binaryType: BinaryType = "blob";
  onopen: ((e: Event) => void) | null = null;
  onclose: ((e: Event) => void) | null = null;
  onmessage: ((e: MessageEvent) => void) | null = null;
  /** What reached the "server", in order. */
  readonly wire: string[] = [];

  constructor(
    readonly url: string,
    readonly protocols?: string | string[],
  ) {
    super();
    FakeNativeSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState === 0) throw new DOMException("Still in CONNECTING state.", "InvalidStateError");
    if (this.readyState === 1) this.wire.push(data);
  }

  close(): void {
    this.serverClose();
  }

  serverOpen(): void {
    this.readyState = 1;
    this.fire(new Event("open"), this.onopen);
  }

  serverMessage(data: string): void {
    this.fire(new MessageEvent("message", { data }), this.onmessage as ((e: Event) => void) | null);
  }

  serverClose(): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.fire(new Event("close"), this.onclose);
  }

  private fire(e: Event, handler: ((e: Event) => void) | null): void {
    handler?.call(this, e);
    this.dispatchEvent(e);
  }
}
