// Sees what the widget's service answers the widget's own settings request
// (GET api/widget/settings/{token}). The widget hides a token its service does not know: it
// still mounts, with JediDesk's default texts, and the user would write to nobody. The frame
// wraps fetch and XMLHttpRequest before the widget's script runs, as socketWatch.ts wraps
// WebSocket: the widget's requests go out and come back unchanged; only the answer to that one
// request is read.

import type { Verdict } from "../shared/frameProtocol";

const SETTINGS_PATH = "/api/widget/settings/";
const JEDIDESK_WIDGET_HOST = "widget.jedidesk.com";
const JEDIDESK_API = "https://app.jedidesk.com";

/** Where the widget loaded from widgetURL asks for its settings (the same rule as Go's tokencheck). */
export function apiBase(widgetURL: string, baseURI: string): string | null {
  try {
    const u = new URL(widgetURL, baseURI);
    if (u.protocol !== "http:" && u.protocol !== "https:") return null;
    return u.host.toLowerCase() === JEDIDESK_WIDGET_HOST ? JEDIDESK_API : u.origin;
  } catch {
    return null;
  }
}

/** Whether url is the settings request to api. */
export function isSettingsRequest(url: string, api: string, baseURI: string): boolean {
  try {
    const u = new URL(url, baseURI);
    return u.origin === api && u.pathname.startsWith(SETTINGS_PATH);
  } catch {
    return false;
  }
}

/** The verdict on an answer: a 2xx JSON body with a non-empty data.company, else unrecognised. */
export function verdictOf(status: number, body: unknown): Verdict {
  if (status < 200 || status > 299) return "unrecognised";
  let data: unknown = body;
  if (typeof body === "string") {
    try {
      data = JSON.parse(body);
    } catch {
      return "unrecognised";
    }
  }
  const company = (data as { data?: { company?: unknown } } | null)?.data?.company;
  const empty = company === undefined || company === null || company === "" || company === false ||
    (typeof company === "object" && Object.keys(company as object).length === 0);
  return empty ? "unrecognised" : "recognised";
}

type Win = Window & { fetch: typeof fetch; XMLHttpRequest: typeof XMLHttpRequest };

/**
 * Reports the verdict on every answer to the widget's settings request to api. Requests that
 * never got an answer (offline) say nothing about the token and are not reported.
 */
export function watchSettingsRequest(win: Win, api: string, report: (verdict: Verdict) => void): void {
  const base = win.document.baseURI;
  const nativeFetch = win.fetch;
  win.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const response = await nativeFetch.call(win, input, init);
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    if (isSettingsRequest(url, api, base)) {
      response
        .clone()
        .text()
        .then((text) => report(verdictOf(response.status, text)), () => undefined);
    }
    return response;
  };

  const NativeXHR = win.XMLHttpRequest;
  class WatchedXMLHttpRequest extends NativeXHR {
    private settingsRequest = false;
    private reported = false;

    open(method: string, url: string | URL, ...rest: unknown[]): void {
      this.settingsRequest = isSettingsRequest(String(url), api, base);
      (super.open as (...args: unknown[]) => void)(method, url, ...rest);
    }

    send(body?: Document | XMLHttpRequestBodyInit | null): void {
      if (!this.settingsRequest) return super.send(body);
      const check = () => {
        // status 0: no answer at all.
        if (this.reported || this.readyState !== 4 || this.status === 0) return;
        this.reported = true;
        const responseBody = this.responseType === "" || this.responseType === "text" ? this.responseText : this.response;
        report(verdictOf(this.status, responseBody));
      };
      this.addEventListener("loadend", check);
      super.send(body);
      // A synchronous request has its answer now and fires no loadend.
      check();
    }
  }
  Object.defineProperty(WatchedXMLHttpRequest, "name", { value: NativeXHR.name });
  win.XMLHttpRequest = WatchedXMLHttpRequest;
}
