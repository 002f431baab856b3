// Words for what became of the global shortcut, and the command to bind by hand where the app
// cannot hold one. Kept apart from the DOM so the rules are tested on their own.
import type { ShortcutStatus } from "./backend";
import { type Catalogue, t } from "./i18n";

export interface ShortcutView {
  text: string;
  /** The command to bind in the desktop's keyboard settings; null when there is nothing to bind. */
  command: string | null;
}

export function describeShortcut(status: ShortcutStatus, c: Catalogue): ShortcutView {
  const tr = (key: string, args?: Record<string, string>) => t(c, key, args);
  const command = status.command || null;
  switch (status.state) {
    case "active":
      if (!status.desktop) return { text: tr("shortcut.active", { shortcut: status.shortcut }), command: null };
      // The desktop chose the keys; they may differ from the ones asked for.
      return {
        text: status.trigger ? tr("shortcut.desktopKeys", { trigger: status.trigger }) : tr("shortcut.desktopNoKeys"),
        command: null,
      };
    case "off":
      return { text: tr("shortcut.off"), command: null };
    case "taken":
      return { text: tr("shortcut.taken", { shortcut: status.shortcut }), command: null };
    case "notbound":
      return { text: tr("shortcut.notBound", { shortcut: status.shortcut }), command };
    case "unsupported":
      return { text: tr("shortcut.unsupported"), command };
    default:
      return { text: "", command: null };
  }
}

/** Copies command with setClipboard and says how that went, in the UI language. */
export async function copyCommand(command: string, setClipboard: (text: string) => Promise<boolean>, c: Catalogue): Promise<string> {
  try {
    return t(c, (await setClipboard(command)) ? "shortcut.copied" : "shortcut.copyFailed");
  } catch {
    return t(c, "shortcut.copyFailed");
  }
}
