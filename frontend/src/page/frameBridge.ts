// The page half of the widget bridge. The widget runs in a frame of its own origin (frame.ts
// and bridge.ts run there), so nothing it does can reach this page's DOM, window.go or the
// Wails runtime. This module frames it, hands it Go's commands, and passes on to Go what comes
// back: the frame's reports and the widget's own events, which it posts to its parent (this
// page), as it posts them to a host page when embedded directly. Only messages of the contract
// (frameProtocol.ts) from that frame's window and origin count; anything else is dropped and
// reported once per kind.
import { frameLayout, type Layout } from "./frameLayout";
import {
  type Command,
  type DroppedFile,
  type FromFrame,
  isWidgetEventMessage,
  type Items,
  type LinkReport,
  type Outcome,
  parseFromFrame,
  parseToFrame,
  type Reason,
  type ToFrame,
  type Verdict,
  type WidgetConfig,
} from "../shared/frameProtocol";
import { type IGNORED, WIDGET_EVENTS } from "../shared/contract";

export type WidgetEventName = (typeof WIDGET_EVENTS)[number];

const isWidgetEvent = (name: unknown): name is WidgetEventName =>
  typeof name === "string" && (WIDGET_EVENTS as readonly string[]).includes(name);

/** The message of a message event, the only part of an event's data the app uses. */
function messageText(data: unknown): string {
  if (typeof data === "object" && data !== null && "text" in data) {
    const text = (data as { text: unknown }).text;
    if (typeof text === "string") return text.slice(0, 2000);
  }
  return "";
}

/** Why a message from outside the contract was dropped: short codes Go logs. */
export type Ignored = (typeof IGNORED)[number];

/** The Go methods this module reports to. */
export interface FrameBackend {
  widgetMounted(): Promise<void>;
  widgetFailed(reason: string): Promise<void>;
  /** text is the message of the message events, "" for the others. */
  widgetEvent(name: WidgetEventName, text: string): Promise<void>;
  chatSocket(state: LinkReport): Promise<void>;
  deliveryReport(request: number, outcome: Outcome, reason: Reason): Promise<void>;
  openExternal(url: string): Promise<void>;
  reportViolation(directive: string, blocked: string): Promise<void>;
  saveWidgetStorage(items: Items): Promise<void>;
  tokenVerdict(verdict: Verdict): Promise<void>;
  ignored(reason: Ignored): Promise<void>;
}

/** Names the meta element in which Go tells the page where the widget's frame is (app/security.go). */
export const FRAME_META = "jedidesk-frame";

/** The widget frame's document as the page's HTML names it, or null. */
export function frameURLIn(doc: Document): URL | null {
  const content = doc.querySelector<HTMLMetaElement>(`meta[name="${FRAME_META}"]`)?.content;
  if (!content) return null;
  try {
    return new URL(content);
  } catch {
    return null;
  }
}

export interface FrameOptions {
  /** The frame's document, on the frame's own origin. */
  frameURL: string;
  /** The origin messages from the frame carry, and messages to it are addressed to. */
  frameOrigin: string;
  log?: (message: string, error?: unknown) => void;
  /** The height of the app's bar at the top of the page, which the frame stays below. */
  top?: () => number;
  /** Hears every new layout, so the page keeps its things out from under the frame. */
  onLayout?: (layout: Layout, aside: boolean) => void;
  /** Hears that the keyboard focus moved within the frame. */
  onFocus?: () => void;
  /** Hears F6 pressed in the chat: the focus goes back to the page. */
  onLeave?: () => void;
}

export class FrameBridge {
  readonly frame: HTMLIFrameElement;
  private ready = false;
  private readonly outbox: ToFrame[] = [];
  private reports: Promise<void> = Promise.resolve();
  private open = false;
  private aside = false;
  private readonly ignoredKinds = new Set<Ignored>();
  private readonly log: (message: string, error?: unknown) => void;

  constructor(
    private readonly win: Window,
    private readonly backend: FrameBackend,
    private readonly options: FrameOptions,
  ) {
    this.log = options.log ?? ((message, error) => console.warn(message, error));
    const doc = win.document;
    const frame = doc.createElement("iframe");
    frame.id = "widget-frame";
    frame.title = "JediDesk";
    // Its own origin keeps its storage (the visitor id); no top navigation, no popups (links go
    // through the frame's guard to Go), forms for the chat's input.
    frame.setAttribute("sandbox", "allow-scripts allow-same-origin allow-forms");
    // The widget's new-message sound plays without a click first (a frame of another origin
    // may not play sound on its own otherwise).
    frame.setAttribute("allow", "autoplay");
    frame.src = options.frameURL;
    this.frame = frame;
    win.addEventListener("message", (e) => this.onMessage(e));
    win.addEventListener("resize", () => this.layout());
    this.layout();
    doc.body.appendChild(frame);
  }

  /**
   * Loads the widget in the frame (once the frame is ready to listen), with its storage;
   * appDrops: the app hands files dropped on the chat over itself (attachDropped); early: the
   * widget's first requests the app already has the answers to (earlyAnswers.ts).
   */
  install(config: WidgetConfig, storage: Items, appDrops: boolean, early: string[]): void {
    this.send({
      jd: "install",
      config: { token: config.token, widgetURL: config.widgetURL, filesURL: config.filesURL, language: config.language, demo: config.demo },
      storage,
      appDrops,
      early,
    });
  }

  /** Files the user dropped on the window at x, y: the open chat gets them, if they landed on it. */
  attachDropped(x: number, y: number, files: DroppedFile[]): void {
    const box = this.frame.getBoundingClientRect();
    const onChat = x >= box.left && x < box.right && y >= box.top && y < box.bottom;
    if (this.open && onChat && this.frame.style.visibility !== "hidden") this.send({ jd: "attach", files });
  }

  /** Hands a command from Go to the widget. */
  deliver(command: Command): void {
    // The frame grows before the widget opens, so the panel is never drawn clipped.
    if (command.command === "openWidget") this.setOpen(true);
    this.send({ jd: "command", command });
  }

  /** Follows Go's view of the chat (a failed widget is closed). */
  setOpen(open: boolean): void {
    if (open === this.open) return;
    this.open = open;
    this.layout();
  }

  /**
   * Where the chat takes the whole window, the page can ask for it for a moment (the profile
   * editor, the settings): the frame is hidden, the chat stays open and keeps what was typed.
   */
  stepAside(aside: boolean): void {
    if (aside === this.aside) return;
    this.aside = aside;
    this.layout();
  }

  /** Lays the frame out again (the window or the app's bar changed size). */
  layout(): void {
    const layout = frameLayout(this.open, { width: this.win.innerWidth, height: this.win.innerHeight }, this.options.top?.() ?? 0);
    const aside = this.aside && layout.mode === "full";
    this.frame.style.width = `${layout.frame.width}px`;
    this.frame.style.height = `${layout.frame.height}px`;
    this.frame.style.visibility = aside ? "hidden" : "";
    this.frame.dataset.open = String(this.open);
    this.frame.dataset.mode = layout.mode;
    this.options.onLayout?.(layout, aside);
  }

  /** Moves the keyboard focus into the chat: its input, else the widget's first control. */
  focusChat(): void {
    this.frame.focus();
    this.send({ jd: "focus" });
  }

  private send(message: ToFrame): void {
    if (!this.ready) {
      this.outbox.push(message);
      return;
    }
    this.frame.contentWindow?.postMessage(message, this.options.frameOrigin);
  }

  private onMessage(e: MessageEvent): void {
    if (e.source !== this.frame.contentWindow) {
      // This page posts nothing to itself; anything else is another window (a frame the widget
      // made, say) speaking as if it were the widget.
      if (e.source !== this.win) this.ignore("other-window");
      return;
    }
    if (e.origin !== this.options.frameOrigin) return this.ignore("wrong-origin");
    const report = parseFromFrame(e.data);
    if (report) return this.handle(report);
    if (isWidgetEventMessage(e.data)) {
      const { options: name, data } = e.data;
      if (!isWidgetEvent(name)) return this.ignore("unknown-event");
      if (name === "JediDeskOpenedWidget") this.setOpen(true);
      if (name === "JediDeskClosedWidget") this.setOpen(false);
      const text = messageText(data);
      return this.report(() => this.backend.widgetEvent(name, text));
    }
    this.ignore(parseToFrame(e.data) ? "posing-as-app" : "unknown-message");
  }

  private handle(report: FromFrame): void {
    switch (report.jd) {
      case "ready":
        if (this.ready) return;
        this.ready = true;
        for (const message of this.outbox.splice(0)) this.send(message);
        return;
      case "mounted":
        return this.report(() => this.backend.widgetMounted());
      case "focus":
        return this.options.onFocus?.();
      case "leave":
        return this.options.onLeave?.();
      case "failed":
        return this.report(() => this.backend.widgetFailed(report.reason));
      case "socket":
        return this.report(() => this.backend.chatSocket(report.state));
      case "delivery":
        return this.report(() => this.backend.deliveryReport(report.request, report.outcome, report.reason));
      case "open":
        // Go decides which links may leave the app.
        return void this.backend.openExternal(report.url).catch(() => undefined);
      case "violation":
        return void this.backend.reportViolation(report.directive, report.blocked).catch(() => undefined);
      case "token":
        return this.report(() => this.backend.tokenVerdict(report.verdict));
      case "storage":
        return void this.backend.saveWidgetStorage(report.items).catch((error) => this.log("the widget's storage was not kept", error));
    }
  }

  // Once per kind and page: a hostile frame must not flood the log.
  private ignore(kind: Ignored): void {
    if (this.ignoredKinds.has(kind)) return;
    this.ignoredKinds.add(kind);
    void this.backend.ignored(kind).catch(() => undefined);
  }

  // Bound-method calls each run on their own goroutine in Go, so two calls in flight at once may
  // arrive out of order; chaining them keeps Go's view in the widget's order.
  private report(send: () => Promise<void>): void {
    this.reports = this.reports.then(send).catch((error) => this.log("reporting to the app failed", error));
  }

  /** Resolves when every report made so far has reached Go (for tests). */
  flushReports(): Promise<void> {
    return this.reports;
  }
}
