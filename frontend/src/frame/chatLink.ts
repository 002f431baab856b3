// Whether the widget's chat is connected, as its sockets show it. The widget reconnects by
// itself after a close (a second later), and after sockets that fail to open it tries again
// with a growing delay, up to ten times; one of its reconnect paths gives up after a single
// failure. The page cannot ask the widget, so it reads the sockets: a socket the widget
// introduced the visitor on is a connection; a close of one is a lost connection; then ten
// sockets in a row that never got that far, or no new socket for longer than the widget ever
// waits, means it stopped trying.
import type { LinkReport } from "../shared/frameProtocol";
import type { ChatSocket, ChatSocketListener } from "./socketWatch";

export interface ChatLinkOptions {
  /** Failed sockets in a row after which the widget has stopped (it tries 10 times). */
  maxFailures: number;
  /** With no socket at all for this long after a close, the widget has stopped trying. */
  quietMs: number;
}

export const DEFAULT_LINK_OPTIONS: ChatLinkOptions = {
  maxFailures: 10,
  // Longer than the widget's longest wait between two tries (10 × 1 s).
  quietMs: 15_000,
};

export class ChatLink implements ChatSocketListener {
  /** Sockets made and not yet closed: while there is one, the widget is still trying. */
  private readonly live = new Set<ChatSocket>();
  private failures = 0;
  private quiet: ReturnType<typeof setTimeout> | undefined;
  private gaveUp = false;

  constructor(
    /** Hears every socket event too: what reached the server is the delivery's business. */
    private readonly next: ChatSocketListener,
    private readonly report: (state: LinkReport) => void,
    private readonly options: ChatLinkOptions = DEFAULT_LINK_OPTIONS,
  ) {}

  created(socket: ChatSocket): void {
    this.live.add(socket);
    clearTimeout(this.quiet);
    // A widget said to have stopped tries again after all: it is reconnecting.
    if (this.gaveUp) {
      this.gaveUp = false;
      this.report("closed");
    }
    this.next.created?.(socket);
  }

  handshake(socket: ChatSocket): void {
    this.failures = 0;
    this.report("ready");
    this.next.handshake(socket);
  }

  widgetFrame(socket: ChatSocket, frame: Record<string, unknown>): void {
    this.next.widgetFrame(socket, frame);
  }

  closed(socket: ChatSocket): void {
    this.live.delete(socket);
    this.next.closed(socket);
    if (socket.handshaken) this.report("closed");
    else this.failures++;
    if (this.live.size > 0) return;
    if (this.failures >= this.options.maxFailures) return this.giveUp();
    this.quiet = setTimeout(() => this.giveUp(), this.options.quietMs);
  }

  private giveUp(): void {
    if (this.gaveUp) return;
    this.gaveUp = true;
    this.report("gave-up");
  }
}
