// Settings the administrator locked (the app's administrator file) are shown in the panel as
// they are, but cannot be edited: text fields become read-only, buttons and check boxes are
// disabled, and a short note under each label says who set it. Go refuses a change anyway;
// this keeps the user from trying.

/** Each lockable setting (its key in the settings files) and the ids of the controls that edit it. */
export const lockableControls: Readonly<Record<string, readonly string[]>> = {
  token: ["s-token"],
  widget_url: ["s-widget_url"],
  shortcut: ["s-shortcut", "shortcut-default", "shortcut-off"],
  quit_on_close: ["s-keep-in-tray"],
  notifications_off: ["s-notifications"],
  keep_notifications: ["s-keep-notifications"],
  proxy: ["s-proxy"],
  proxy_bypass: ["s-proxy_bypass"],
};

const noteId = (key: string) => `locked-${key}`;

/**
 * Locks the controls of every key in locked and unlocks the others, with note (in the UI
 * language) beside each locked one. It can run again, after a language change, without
 * leaving old notes behind.
 */
export function applyLocks(doc: Document, locked: readonly string[], note: string): void {
  for (const [key, ids] of Object.entries(lockableControls)) {
    const isLocked = locked.includes(key);
    doc.getElementById(noteId(key))?.remove();
    for (const id of ids) {
      const control = doc.getElementById(id);
      if (control instanceof HTMLInputElement && control.type !== "checkbox") {
        control.readOnly = isLocked;
      } else if (control instanceof HTMLInputElement || control instanceof HTMLButtonElement) {
        control.disabled = isLocked;
      }
    }
    const first = doc.getElementById(ids[0]);
    if (!first) continue;
    const described = (first.getAttribute("aria-describedby") ?? "").split(" ").filter((id) => id && id !== noteId(key));
    if (isLocked) {
      const p = doc.createElement("p");
      p.id = noteId(key);
      p.className = "hint small locked-note";
      p.textContent = note;
      (first.closest("label") ?? doc.querySelector(`label[for="${ids[0]}"]`) ?? first).after(p);
      described.unshift(p.id);
    }
    if (described.length) first.setAttribute("aria-describedby", described.join(" "));
    else first.removeAttribute("aria-describedby");
  }
}

/** Whether the panel's field for key is locked, so its own handlers leave it alone. */
export function isLocked(locked: readonly string[] | null | undefined, key: string): boolean {
  return (locked ?? []).includes(key);
}
