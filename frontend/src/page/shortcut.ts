// Turning a key press in the settings' shortcut field into the combination Go understands
// ("Ctrl+Alt+J"). Go validates it; this only spells what was pressed.

export interface KeyPress {
  ctrlKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  metaKey: boolean;
  key: string;
  code: string;
}

const MODIFIER_KEYS = new Set(["Control", "Alt", "Shift", "Meta", "Super", "OS", "AltGraph", "Hyper"]);

/** The key's name, from the physical key so that layouts and Shift do not change it. */
function keyName(e: KeyPress): string | null {
  const m = /^(?:Key([A-Z])|Digit([0-9])|(F[0-9]{1,2}))$/.exec(e.code);
  if (m) return m[1] ?? m[2] ?? m[3];
  const named: Record<string, string> = {
    Space: "Space", Enter: "Enter", Escape: "Escape", Tab: "Tab", Backspace: "Backspace",
    Home: "Home", End: "End", PageUp: "PageUp", PageDown: "PageDown", Insert: "Insert", Delete: "Delete",
    ArrowUp: "Up", ArrowDown: "Down", ArrowLeft: "Left", ArrowRight: "Right",
    Comma: "Comma", Period: "Period", Slash: "Slash", Minus: "Minus", Equal: "Equal",
  };
  return named[e.code] ?? null;
}

/** "Ctrl+Alt+J" for a press with modifiers and a key; null while only modifiers are down. */
export function comboFromKeyPress(e: KeyPress): string | null {
  if (MODIFIER_KEYS.has(e.key)) return null;
  const key = keyName(e);
  if (!key) return null;
  const parts: string[] = [];
  if (e.ctrlKey) parts.push("Ctrl");
  if (e.altKey) parts.push("Alt");
  if (e.shiftKey) parts.push("Shift");
  if (e.metaKey) parts.push("Super");
  return [...parts, key].join("+");
}
