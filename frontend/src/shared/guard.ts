// The page's half of keeping the window on the app: links and window.open from the widget go
// to Go, which opens the safe ones in the system browser; policy violations are reported.
// (On Linux a native guard also stops navigations this cannot see, like location.href = ….)

export interface GuardBackend {
  openExternal(url: string): Promise<void>;
  reportViolation(directive: string, blocked: string): Promise<void>;
}

export function installGuard(win: Window, backend: GuardBackend): void {
  const doc = win.document;
  const open = (url: string) => void backend.openExternal(url).catch(() => undefined);

  // Capture phase: the app decides before the widget's own handlers can navigate.
  doc.addEventListener(
    "click",
    (e) => {
      const link = (e.target as Element | null)?.closest?.("a[href]") as HTMLAnchorElement | null;
      if (!link) return;
      const url = new URL(link.href, doc.baseURI);
      if (url.origin === win.location.origin && link.target !== "_blank" && !url.protocol.startsWith("javascript")) return;
      e.preventDefault();
      open(url.href);
    },
    true,
  );

  win.open = ((url?: string | URL) => {
    if (url !== undefined && String(url) !== "") open(new URL(String(url), doc.baseURI).href);
    return null;
  }) as typeof win.open;

  doc.addEventListener("securitypolicyviolation", (e) => {
    void backend.reportViolation(e.effectiveDirective || e.violatedDirective, e.blockedURI).catch(() => undefined);
  });
}
