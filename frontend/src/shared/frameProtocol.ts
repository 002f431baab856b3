// The only words the app's page and the widget's frame exchange. The widget is someone else's
// code and shares its frame with the shim (frame.ts), so everything that comes out of the
// frame is untrusted: each side accepts only these shapes, from the one window and origin it
// expects, and drops the rest.
import { FAILURES, LINK_REPORTS, OUTCOMES, REASONS, TOKEN_VERDICTS, WIDGET_COMMANDS } from "./contract";

/** The widget the page asks the frame to load. */
export interface WidgetConfig {
  token: string;
  widgetURL: string;
  /**
   * Where the widget's files are loaded from instead of widgetURL, or "": the app's own copy of
   * them, which the app revalidates with the widget's server on every start, so it takes no
   * cache-buster (which would make every start download everything again).
   */
  filesURL: string;
  language: string;
  demo: boolean;
}

/** One of Go's commands for the widget: JediDesk(command, options). */
export interface Command {
  command: string;
  options?: unknown;
  /** Go's number for a customerData request, echoed in the delivery report. */
  request?: number;
}

/** Why the widget could not be loaded. */
export type Failure = (typeof FAILURES)[number];
/** What the frame saw become of a customerData request: the statuses Go accepts from it. */
export type Outcome = (typeof OUTCOMES)[number];
/** Reason given with an outcome: the socket closed first, or the same details were already on it. */
export type Reason = (typeof REASONS)[number];
/** What the frame reports of the chat's connection. */
export type LinkReport = (typeof LINK_REPORTS)[number];
/** What the widget's service said of the token. */
export type Verdict = (typeof TOKEN_VERDICTS)[number];
/** The widget frame's localStorage items. */
export type Items = Record<string, string>;

/** A file the user dropped on the chat: its contents in base64. */
export interface DroppedFile {
  name: string;
  type: string;
  data: string;
}

/**
 * What the page tells the frame: which widget to load (with its storage from its last run,
 * whether the app hands dropped files over itself, and the widget's first requests the app
 * already has answers to), then the commands Go decides on, the files dropped on the chat, and
 * that the keyboard's focus moves into the chat (F6).
 */
export type ToFrame =
  | { jd: "install"; config: WidgetConfig; storage: Items; appDrops: boolean; early: string[] }
  | { jd: "command"; command: Command }
  | { jd: "focus" }
  | { jd: "attach"; files: DroppedFile[] };

/**
 * What the frame tells the page, besides the widget's own events (which it posts itself); focus:
 * the focus moved within the frame; leave: F6 in the chat, the focus goes back to the app's bar.
 */
export type FromFrame =
  | { jd: "ready" }
  | { jd: "mounted" }
  | { jd: "focus" }
  | { jd: "leave" }
  | { jd: "failed"; reason: Failure }
  | { jd: "socket"; state: LinkReport }
  | { jd: "delivery"; request: number; outcome: Outcome; reason: Reason }
  | { jd: "open"; url: string }
  | { jd: "violation"; directive: string; blocked: string }
  | { jd: "storage"; items: Items }
  | { jd: "token"; verdict: Verdict };

const MAX_TEXT = 2048;
const MAX_FILES = 10;
// The widget's settings and the visitor's address (app/apiprefetch).
const MAX_EARLY = 2;

type Raw = Record<string, unknown>;

/** Whether v is one of the values of a list of Go's contract. */
const isOneOf = <T extends string>(list: readonly T[], v: string): v is T => (list as readonly string[]).includes(v);

const isObject = (v: unknown): v is Raw => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown, max = MAX_TEXT): v is string => typeof v === "string" && v.length <= max;
const isRequest = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** A plain object of strings, at most 100 of them (Go checks the sizes). */
function items(v: unknown): Items | null {
  if (!isObject(v)) return null;
  const entries = Object.entries(v);
  if (entries.length > 100 || !entries.every(([, value]) => typeof value === "string")) return null;
  return Object.fromEntries(entries) as Items;
}

/** The frame's message to the page, or null for anything else (a forgery, the widget's events). */
export function parseFromFrame(data: unknown): FromFrame | null {
  if (!isObject(data)) return null;
  switch (data.jd) {
    case "ready":
    case "mounted":
    case "focus":
    case "leave":
      return { jd: data.jd };
    case "failed":
      return typeof data.reason === "string" && isOneOf(FAILURES, data.reason)
        ? { jd: "failed", reason: data.reason as Failure }
        : null;
    case "socket":
      return typeof data.state === "string" && isOneOf(LINK_REPORTS, data.state)
        ? { jd: "socket", state: data.state as LinkReport }
        : null;
    case "delivery":
      return isRequest(data.request) && typeof data.outcome === "string" && isOneOf(OUTCOMES, data.outcome) &&
        typeof data.reason === "string" && isOneOf(REASONS, data.reason)
        ? { jd: "delivery", request: data.request, outcome: data.outcome as Outcome, reason: data.reason as Reason }
        : null;
    case "open":
      return isText(data.url) ? { jd: "open", url: data.url } : null;
    case "violation":
      return isText(data.directive, 100) && isText(data.blocked) ? { jd: "violation", directive: data.directive, blocked: data.blocked } : null;
    case "token":
      return data.verdict === "recognised" || data.verdict === "unrecognised" ? { jd: "token", verdict: data.verdict } : null;
    case "storage": {
      const kept = items(data.items);
      return kept ? { jd: "storage", items: kept } : null;
    }
  }
  return null;
}

/** The page's message to the frame, or null for anything else. */
export function parseToFrame(data: unknown): ToFrame | null {
  if (!isObject(data)) return null;
  if (data.jd === "install" && isObject(data.config)) {
    const { token, widgetURL, filesURL, language, demo } = data.config;
    const storage = items(data.storage);
    if (!isText(token) || !isText(widgetURL) || !isText(filesURL) || !isText(language, 16) || typeof demo !== "boolean" || !storage) return null;
    if (typeof data.appDrops !== "boolean") return null;
    const early = data.early;
    if (!Array.isArray(early) || early.length > MAX_EARLY || !early.every((u) => isText(u))) return null;
    return { jd: "install", config: { token, widgetURL, filesURL, language, demo }, storage, appDrops: data.appDrops, early: [...early] };
  }
  if (data.jd === "attach" && Array.isArray(data.files) && data.files.length > 0 && data.files.length <= MAX_FILES) {
    const files = data.files.map((f: unknown) =>
      isObject(f) && isText(f.name, 255) && isText(f.type, 100) && typeof f.data === "string" ? { name: f.name, type: f.type, data: f.data } : null,
    );
    return files.every((f) => f !== null) ? { jd: "attach", files: files as DroppedFile[] } : null;
  }
  if (data.jd === "focus") return { jd: "focus" };
  if (data.jd === "command" && isObject(data.command)) {
    const { command, options, request } = data.command;
    if (typeof command !== "string" || !isOneOf(WIDGET_COMMANDS, command)) return null;
    if (request !== undefined && !isRequest(request)) return null;
    const out: Command = { command };
    if (options !== undefined) out.options = options;
    if (request !== undefined) out.request = request;
    return { jd: "command", command: out };
  }
  return null;
}

/** The widget's own event, as it posts it: {eventType: "testType", options: name, data}. */
export function isWidgetEventMessage(data: unknown): data is { eventType: "testType"; options: unknown; data?: unknown } {
  return isObject(data) && data.eventType === "testType";
}
