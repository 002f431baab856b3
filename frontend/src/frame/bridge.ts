// The widget's frame half of the widget bridge (the page half is frameBridge.ts). Go decides
// which commands the widget gets and when; this module, running in the widget's own frame,
// loads the widget the way JediDesk's own install snippet does, recognises the moment the
// widget really mounts (it replaces the placeholder global), hands it Go's commands in order,
// watches the widget's chat socket (socketWatch.ts) so that Go hears whether the user's details
// really left (delivery.ts), and notices a widget that dies after it mounted. The widget posts
// its own events to its parent, the app's page, which reports them to Go.
import { ChatLink } from "./chatLink";
import { Delivery } from "./delivery";
import type { Command, Failure, LinkReport, Outcome, Reason, WidgetConfig } from "../shared/frameProtocol";
import { keepPresentInTray } from "./presence";
import { chatSocketMatcher, watchChatSockets } from "./socketWatch";

/**
 * Why the widget could not be loaded: the script failed, arrived but never mounted, never
 * arrived, or mounted and then unmounted itself (as the real widget does when it throws).
 */



/** Where this module reports (the app's page, and through it Go). */
export interface BridgeBackend {
  widgetMounted(): Promise<void>;
  widgetFailed(reason: Failure): Promise<void>;
  chatSocket(state: LinkReport): Promise<void>;
  deliveryReport(request: number, outcome: Outcome, reason: Reason): Promise<void>;
}

export type JediDeskFunction = (command: string, options?: unknown) => unknown;

export interface JediDeskSettings {
  token: string;
  language?: string;
}

export interface BridgeWindow extends Window {
  JediDesk?: JediDeskFunction;
  jediDeskSettings?: JediDeskSettings;
  WebSocket: typeof WebSocket;
}

export interface BridgeOptions {
  /** How long a loaded script may take to mount before the load counts as failed. */
  mountTimeoutMs: number;
  /** How long the widget gets to send customerData on its socket before the page does. */
  verifyMs?: number;
  /** Cache-buster for the widget script, as the install snippet adds one. */
  cacheBuster?: string;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Where the widget's two files live, relative to the widget URL (as in the install snippet), or
 * to filesURL, the app's revalidated copy of them, which needs no cache-buster.
 */
export function widgetAssetURLs(widgetURL: string, baseURI: string, cacheBuster: string, filesURL = "") {
  const base = new URL((filesURL || widgetURL).replace(/\/+$/, "") + "/", baseURI);
  const script = new URL("static/js/main.js", base);
  if (!filesURL) script.searchParams.set("v", cacheBuster);
  return { css: new URL("static/css/index_bundle.css", base).href, script: script.href };
}

export class WidgetBridge {
  private widget: JediDeskFunction | null = null;
  private readonly pending: Command[] = [];
  private reports: Promise<void> = Promise.resolve();
  private mountTimer: ReturnType<typeof setTimeout> | undefined;
  private settled = false;
  private scriptLoaded = false;
  private readonly log: (message: string, error?: unknown) => void;
  private readonly delivery: Delivery;
  private readonly link: ChatLink;

  // Stands in for window.JediDesk until the widget mounts. Like the real snippet's placeholder
  // it does nothing useful: the widget never reads calls made to it, so Go's queue, not this
  // function, is what keeps early commands.
  private readonly placeholder: JediDeskFunction = () => undefined;

  constructor(
    private readonly win: BridgeWindow,
    private readonly backend: BridgeBackend,
    private readonly options: BridgeOptions,
  ) {
    this.log = options.log ?? ((message, error) => console.warn(message, error));
    this.delivery = new Delivery(
      { report: (request, outcome, reason) => this.report(() => backend.deliveryReport(request, outcome, reason)) },
      { verifyMs: options.verifyMs ?? 300 },
    );
    this.link = new ChatLink(this.delivery, (state) => this.report(() => backend.chatSocket(state)));
  }

  get mounted(): boolean {
    return this.widget !== null;
  }

  /** Embeds the widget exactly as JediDesk's install snippet does. */
  install(config: WidgetConfig): void {
    const { win } = this;
    const doc = win.document;
    // Settings must exist before the script runs; it reads them once, on load.
    const settings: JediDeskSettings = { token: config.token };
    if (config.language) settings.language = config.language;
    win.jediDeskSettings = settings;
    this.definePlaceholder();
    // Before the script: the widget creates its socket with whatever WebSocket it finds.
    watchChatSockets(win, chatSocketMatcher(config.widgetURL, doc.baseURI), this.link, keepPresentInTray(win));

    if (!doc.getElementById("jedidesk")) {
      const mount = doc.createElement("div");
      mount.id = "jedidesk";
      doc.body.appendChild(mount);
    }
    const urls = widgetAssetURLs(config.widgetURL, doc.baseURI, this.options.cacheBuster ?? String(Date.now()), config.filesURL);
    const css = doc.createElement("link");
    css.rel = "stylesheet";
    css.href = urls.css;
    doc.head.appendChild(css);

    const script = doc.createElement("script");
    script.async = true;
    script.src = urls.script;
    script.addEventListener("error", () => this.fail("script-error"));
    script.addEventListener("load", () => (this.scriptLoaded = true));
    doc.body.appendChild(script);
    this.armMountTimer();
  }

  /** Hands a command from Go to the widget, or keeps it until the widget mounts. */
  deliver(command: Command): void {
    if (!this.widget) {
      this.pending.push(command);
      return;
    }
    this.call(this.widget, command);
  }

  private definePlaceholder(): void {
    let current: JediDeskFunction = this.placeholder;
    // The widget announces its mount only by assigning its own function to the global, so the
    // assignment itself is the signal; no polling.
    Object.defineProperty(this.win, "JediDesk", {
      configurable: true,
      enumerable: true,
      get: () => current,
      set: (value: unknown) => {
        if (typeof value !== "function") return;
        current = value as JediDeskFunction;
        if (current !== this.placeholder) this.onMount(current);
      },
    });
  }

  // One deadline covers a script that never arrives (a stalled connection fires neither load nor
  // error for a long time) and one that arrives but never mounts.
  private armMountTimer(): void {
    this.mountTimer = setTimeout(() => {
      // A widget that defined the global with Object.defineProperty bypassed our setter.
      const fn = this.win.JediDesk;
      if (typeof fn === "function" && fn !== this.placeholder) this.onMount(fn);
      else this.fail(this.scriptLoaded ? "not-mounted" : "timeout");
    }, this.options.mountTimeoutMs);
  }

  private onMount(fn: JediDeskFunction): void {
    this.widget = fn;
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.mountTimer);
    this.watchForDeath();
    this.report(() => this.backend.widgetMounted());
    for (const command of this.pending.splice(0)) this.call(fn, command);
  }

  // The real widget is a React tree: an error in one of its effects (a refused socket, a
  // server frame it cannot read) unmounts everything and leaves the mount point empty, with no
  // event. An empty mount point after the mount is that death.
  private watchForDeath(): void {
    const root = this.win.document.getElementById("jedidesk");
    if (!root) return;
    const observer = new MutationObserver(() => {
      if (root.childElementCount > 0) return;
      observer.disconnect(); // once: the page reloads the widget
      this.report(() => this.backend.widgetFailed("crashed"));
    });
    observer.observe(root, { childList: true });
  }

  // Failures are reported as codes (FAILURES) that the page words in the UI language.
  private fail(reason: Failure): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.mountTimer);
    this.report(() => this.backend.widgetFailed(reason));
  }

  private call(fn: JediDeskFunction, command: Command): void {
    if (command.command === "customerData") {
      this.delivery.request(command.request ?? 0, command.options, () => this.invoke(fn, command));
    } else {
      this.invoke(fn, command);
    }
  }

  private invoke(fn: JediDeskFunction, { command, options }: Command): void {
    try {
      if (options === undefined) fn(command);
      else fn(command, options);
    } catch (error) {
      this.log(`JediDesk("${command}") threw`, error);
    }
  }

  // Reports reach Go through the page, one bound-method call each; chaining them keeps Go's
  // view in the widget's order.
  private report(send: () => Promise<void>): void {
    this.reports = this.reports.then(send).catch((error) => this.log("reporting to the app failed", error));
  }

  /** Resolves when every report made so far has reached Go (for tests and orderly shutdown). */
  flushReports(): Promise<void> {
    return this.reports;
  }
}
