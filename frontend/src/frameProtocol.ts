// The only words the app's page and the widget's frame exchange. The widget is someone else's
// code and shares its frame with the shim (frame.ts), so everything that comes out of the
// frame is untrusted: each side accepts only these shapes, from the one window and origin it
// expects, and drops the rest.
import type { Command, Failure, WidgetConfig } from "./bridge";
import { FAILURES } from "./bridge";
import { LINK_REPORTS, type LinkReport } from "./chatLink";
import type { Outcome, Reason } from "./delivery";
import type { Items } from "./storageSync";
import type { Verdict } from "./tokenWatch";

/** A file the user dropped on the chat: its contents in base64. */
export interface DroppedFile {
  name: string;
  type: string;
  data: string;
}

/**
 * What the page tells the frame: which widget to load (with its storage from its last run,
 * whether the app hands dropped files over itself, and the widget's first requests the app
 * already has answers to), then the commands Go decides on, and the files dropped on the chat.
 */
export type ToFrame =
  | { jd: "install"; config: WidgetConfig; storage: Items; appDrops: boolean; early: string[] }
  | { jd: "command"; command: Command }
  | { jd: "attach"; files: DroppedFile[] };

/** What the frame tells the page, besides the widget's own events (which it posts itself). */
export type FromFrame =
  | { jd: "ready" }
  | { jd: "mounted" }
  | { jd: "failed"; reason: Failure }
  | { jd: "socket"; state: LinkReport }
  | { jd: "delivery"; request: number; outcome: Outcome; reason: Reason }
  | { jd: "open"; url: string }
  | { jd: "violation"; directive: string; blocked: string }
  | { jd: "storage"; items: Items }
  | { jd: "token"; verdict: Verdict };

// What Go sends (app/widget); anything else posted to the frame is not from the app.
const COMMANDS = ["openWidget", "closeWidget", "customerData"];
const OUTCOMES: readonly string[] = ["waiting", "widget", "app", "failed"];
const REASONS: readonly string[] = ["", "socket-closed", "already"];
const MAX_TEXT = 2048;
const MAX_FILES = 10;
// The widget's settings and the visitor's address (app/apiprefetch).
const MAX_EARLY = 2;

type Raw = Record<string, unknown>;

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
      return { jd: data.jd };
    case "failed":
      return typeof data.reason === "string" && (FAILURES as readonly string[]).includes(data.reason)
        ? { jd: "failed", reason: data.reason as Failure }
        : null;
    case "socket":
      return typeof data.state === "string" && (LINK_REPORTS as readonly string[]).includes(data.state)
        ? { jd: "socket", state: data.state as LinkReport }
        : null;
    case "delivery":
      return isRequest(data.request) && typeof data.outcome === "string" && OUTCOMES.includes(data.outcome) &&
        typeof data.reason === "string" && REASONS.includes(data.reason)
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
  if (data.jd === "command" && isObject(data.command)) {
    const { command, options, request } = data.command;
    if (typeof command !== "string" || !COMMANDS.includes(command)) return null;
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
