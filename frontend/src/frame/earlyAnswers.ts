// The widget's first two requests (its settings and, synchronously, the visitor's address) go
// out only once its 0.7 MB script has run; the app starts them itself as it launches
// (app/apiprefetch) and by the time the frame is installed their answers are usually in. The
// frame wraps fetch and XMLHttpRequest before the widget's script runs, as tokenWatch.ts does,
// and sends the widget's first request for each of those URLs to the app's answer on the
// frame's own origin instead: no round trip. Everything else, and any later request for the
// same URL, goes out unchanged.

/** Where, on the frame's own origin, the app serves its answers (Go's apiprefetch.Route). */
export const EARLY_ROUTE = "/early-answer";

type Win = Window & { fetch: typeof fetch; XMLHttpRequest: typeof XMLHttpRequest };

/**
 * Routes the widget's first GET of each of urls (the app's answers that are in) to the app's
 * answer, once each.
 */
export function answerEarly(win: Win, urls: readonly string[]): void {
  const base = win.document.baseURI;
  const waiting = new Set(urls.map((u) => resolve(u, base)).filter((u): u is string => u !== null));
  if (waiting.size === 0) return;
  // The app's answer for url, if the widget has not had it yet.
  const take = (method: string | undefined, url: string): string | null => {
    const resolved = resolve(url, base);
    if ((method ?? "GET").toUpperCase() !== "GET" || resolved === null || !waiting.delete(resolved)) return null;
    const route = new URL(EARLY_ROUTE, win.location.origin);
    route.searchParams.set("url", resolved);
    return route.href;
  };

  const nativeFetch = win.fetch;
  win.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
    // A Request object carries more than a URL (a body, a signal): it goes out as it is.
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : null;
    const early = url === null ? null : take(init?.method, url);
    return nativeFetch.call(win, early ?? input, init);
  };

  const NativeXHR = win.XMLHttpRequest;
  class EarlyXMLHttpRequest extends NativeXHR {
    open(method: string, url: string | URL, ...rest: unknown[]): void {
      const early = take(method, String(url));
      (super.open as (...args: unknown[]) => void)(method, early ?? url, ...rest);
    }
  }
  Object.defineProperty(EarlyXMLHttpRequest, "name", { value: NativeXHR.name });
  win.XMLHttpRequest = EarlyXMLHttpRequest;
}

function resolve(url: string, base: string): string | null {
  try {
    const u = new URL(url, base);
    return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
  } catch {
    return null;
  }
}
