// The end-to-end tests' view of the page. The widget's frame cannot read this page (that is the
// point of the frame), so when the app runs under the tests (JEDIDESK_TEST_PROBE names their
// stand-in server on 127.0.0.1, and the page's policy allows only that address besides its own)
// the page itself answers what it shows and saves a profile as the editor would. Outside the
// tests Go hands the page no probe and none of this runs.
import type { PreferencesAPI } from "./backend";

/** What the tests may ask: everything else on the control stream is the widget's. */
type Control =
  | { do: "query" | "reveal"; selector: string }
  | { do: "layout" }
  | { do: "saveProfile"; profile: unknown }
  | { do: "axe" };

/** What axe-core found against WCAG 2.2 A and AA on the app's own page. */
export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

// The checks the page must pass: WCAG 2.0-2.2, levels A and AA.
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Runs axe-core on doc, without the widget's frame (JediDesk's, reported apart). */
export async function checkAccessibility(doc: Document): Promise<AxeFinding[]> {
  // Loaded only here: a chunk of its own that only a page under the tests asks for.
  const { default: axe } = await import("axe-core");
  const results = await axe.run(
    { include: doc, exclude: "#widget-frame" },
    { runOnly: { type: "tag", values: WCAG_TAGS }, iframes: false, resultTypes: ["violations"] },
  );
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact ?? null,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}

type Rect = { x: number; y: number; width: number; height: number };
const rectOf = (el: Element): Rect => (({ x, y, width, height }) => ({ x, y, width, height }))(el.getBoundingClientRect());

export interface ElementView {
  text: string;
  value: string | null;
  /** A check box's state, null for anything else. */
  checked: boolean | null;
  hidden: boolean;
  lang: string;
  focused: boolean;
  /** document.hasFocus(), and (from the probe) that Go knows it. */
  pageFocused: boolean;
  status: string;
  /** The element's box in the viewport, and the viewport's size (to click it for real). */
  rect: { x: number; y: number; width: number; height: number };
  viewport: { width: number; height: number };
}

/** What the user sees of selector's element, or null when nothing matches. */
export function describeElement(doc: Document, selector: string): ElementView | null {
  const el = doc.querySelector<HTMLElement>(selector);
  if (!el) return null;
  return {
    text: el.textContent ?? "",
    value: "value" in el ? String((el as HTMLInputElement).value) : null,
    checked: el instanceof HTMLInputElement && el.type === "checkbox" ? el.checked : null,
    hidden: el.closest("[hidden]") !== null,
    lang: doc.documentElement.lang,
    focused: doc.activeElement === el,
    pageFocused: doc.hasFocus(),
    status: el.dataset.status ?? "",
    rect: rectOf(el),
    viewport: { width: doc.defaultView?.innerWidth ?? 0, height: doc.defaultView?.innerHeight ?? 0 },
  };
}

export interface LayoutView {
  viewport: { width: number; height: number };
  /** The widget's frame, and the layout the page gave it (frameLayout.ts). */
  frame: Rect | null;
  mode: string;
  /** Every element of the app's own that the user can see, by a short name and its box. */
  elements: { what: string; rect: Rect }[];
}

/** Where the widget's frame is and where everything of the app's that is drawn is. */
export function describeLayout(doc: Document): LayoutView {
  const frame = doc.getElementById("widget-frame");
  const name = (el: Element) => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") + [...el.classList].map((c) => `.${c}`).join("");
  const elements = [...doc.body.querySelectorAll("*")]
    .filter((el) => el !== frame && el.checkVisibility({ opacityProperty: true, visibilityProperty: true }))
    // Text that runs out of its box is drawn all the same: count it.
    .map((el) => ({ what: name(el), rect: { ...rectOf(el), width: Math.max(rectOf(el).width, el.scrollWidth) } }))
    .filter(({ rect }) => rect.width > 0 && rect.height > 0);
  return {
    viewport: { width: doc.defaultView?.innerWidth ?? 0, height: doc.defaultView?.innerHeight ?? 0 },
    frame: frame ? rectOf(frame) : null,
    mode: doc.body.dataset.chat ?? "",
    elements,
  };
}

/** focusKnown: whether Go knows the window has the focus (the page tells it, after a moment). */
export function startTestProbe(win: Window, probe: string, app: Pick<PreferencesAPI, "SaveProfile">, focusKnown: () => boolean | null): void {
  let seq = 0;
  let chain: Promise<unknown> = Promise.resolve();
  // In order, as the widget's records are.
  const record = (entry: Record<string, unknown>) => {
    const body = JSON.stringify({ ...entry, seq: ++seq });
    chain = chain.then(() => fetch(`${probe}/__record`, { method: "POST", mode: "cors", body })).catch(() => undefined);
  };
  const source = new EventSource(`${probe}/__control?role=page`);
  source.onmessage = (e) => {
    let control: Control;
    try {
      control = JSON.parse(e.data) as Control;
    } catch {
      return;
    }
    if (control.do === "query" || control.do === "reveal") {
      // reveal: scrolled into view first, as a person would before clicking it.
      if (control.do === "reveal") win.document.querySelector(control.selector)?.scrollIntoView({ block: "center" });
      const result = describeElement(win.document, control.selector);
      record({ type: "query", result: result && { ...result, pageFocused: result.pageFocused && focusKnown() === true } });
    } else if (control.do === "axe") {
      checkAccessibility(win.document).then(
        (result) => record({ type: "axe", result }),
        (error) => record({ type: "axe", error: String(error) }),
      );
    } else if (control.do === "layout") {
      record({ type: "layout", result: describeLayout(win.document) });
    } else if (control.do === "saveProfile") {
      app.SaveProfile(control.profile as never).then(
        (result) => record({ type: "saveResult", result }),
        (error) => record({ type: "saveResult", error: String(error) }),
      );
    }
  };
}
