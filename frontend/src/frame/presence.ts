// What support agents see while the app waits in the tray. The real widget tells its server the
// visitor went "offline" as soon as its document is hidden, and a window hidden in the tray is
// a hidden document. But the app in the tray still brings the user every reply (notification,
// launcher count, urgent window): the visitor is there, with the chat out of sight, which is
// what the widget's own "hide" says. So while the window is hidden, and only then, the widget's
// "offline" goes out as "hide"; when the page is really left (the app quits, or gives the chat's
// page up in the tray), "offline" stands, and a closed socket says it anyway.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Returns what to send in place of the widget's frame data; listens for the page being left. */
export function keepPresentInTray(win: Window): (data: string) => string {
  // Registered before the widget's script runs, so these hear the page being left first.
  let leaving = false;
  for (const leave of ["beforeunload", "pagehide"]) win.addEventListener(leave, () => (leaving = true));
  return (data) => {
    if (leaving || win.document.visibilityState !== "hidden") return data;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return data;
    }
    if (!isObject(frame) || frame.action !== "JWChangeChatCondition" || frame.condition !== "offline") return data;
    return JSON.stringify({ ...frame, condition: "hide" });
  };
}
