// The keyboard's way into the chat. The widget is JediDesk's and gives its input no focus of its
// own when the app opens it; these find the chat's input (in the widget's document or a frame of
// its own on the same origin, as the real widget's chat panel is) and the first control there is.

const INPUTS = "textarea, input[type=text], input:not([type])";
const CONTROLS = `${INPUTS}, button, [href], [tabindex]:not([tabindex="-1"])`;

const shown = (el: HTMLElement): boolean => el.getClientRects().length > 0 && !el.closest("[hidden]");

/** The documents the widget draws in: its mount point's, and its own same-origin frames'. */
function documents(doc: Document): Document[] {
  const out = [doc];
  for (const frame of doc.querySelectorAll<HTMLIFrameElement>("#jedidesk iframe")) {
    try {
      if (frame.contentDocument) out.push(frame.contentDocument);
    } catch {
      // Another origin's frame: not the widget's to enter.
    }
  }
  return out;
}

function first(doc: Document, selector: string): HTMLElement | null {
  for (const d of documents(doc)) {
    const scope = d === doc ? d.getElementById("jedidesk") : d.body;
    for (const el of scope?.querySelectorAll<HTMLElement>(selector) ?? []) {
      if (shown(el) && !(el as HTMLInputElement).disabled) return el;
    }
  }
  return null;
}

/** Puts the focus on the chat's input, else on the widget's first control; false if neither. */
export function focusChat(doc: Document): boolean {
  const target = first(doc, INPUTS) ?? first(doc, CONTROLS);
  target?.focus();
  return target !== null;
}

/**
 * Focuses the chat's input once it is shown (the widget draws its panel a moment after
 * openWidget); a panel with no input by timeoutMs (a welcome screen) gets its first control.
 */
export function focusChatWhenShown(doc: Document, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  const tryNow = () => {
    const input = first(doc, INPUTS);
    if (input) return input.focus();
    if (Date.now() < deadline) setTimeout(tryNow, 50);
    else focusChat(doc);
  };
  tryNow();
}
