// Every message this page sends to Go carries a key that only this page can read: Go hands it
// over in the page's HTML (a meta element), and the IPC gate in Go (app/ipcgate) passes on only
// messages that start with it. The widget's frame, of another origin, can reach the same
// message channel but not the key.

export const KEY_META = "jedidesk-ipc-key";

interface WailsWindow {
  WailsInvoke?: (message: string) => void;
}

/** Makes Wails' runtime prefix the key to every message; returns false when there is no key. */
export function gateCalls(win: Window): boolean {
  const meta = win.document.querySelector<HTMLMetaElement>(`meta[name="${KEY_META}"]`);
  const key = meta?.content ?? "";
  // Out of the DOM: nothing later in this page needs it there.
  meta?.remove();
  const w = win as unknown as WailsWindow;
  const invoke = w.WailsInvoke;
  if (!key || typeof invoke !== "function") return false;
  w.WailsInvoke = (message: string) => invoke(`${key}:${message}`);
  return true;
}
