// Words for the widget's state and for what became of the user's details. Kept apart from the
// DOM so the rules are tested on their own.
import type { Delivery, Link, WidgetState } from "./backend";
import { type Catalogue, t } from "./i18n";

export type Tone = "busy" | "ok" | "error";

/** managed: the token is the brand's or the administrator's, theirs to fix. */
export function describeState(state: WidgetState, c: Catalogue, managed = false): { text: string; tone: Tone } {
  const tr = (key: string, args?: Record<string, string | number>) => t(c, key, args);
  // Whatever the widget shows, it talks to nobody at the company: never "ready" or "open".
  if (state.token === "unrecognised" && state.phase !== "failed") {
    return { text: tr(managed ? "status.tokenUnrecognisedManaged" : "status.tokenUnrecognised"), tone: "error" };
  }
  switch (state.phase) {
    case "loading":
      return {
        text: state.queued > 0 ? tr("status.loadingQueued", { count: state.queued }) : tr("status.loading"),
        tone: "busy",
      };
    case "failed":
      return {
        text: tr("status.failed", { error: state.error && `failure.${state.error}` in c ? tr(`failure.${state.error}`) : state.error || tr("status.unknownError") }),
        tone: "error",
      };
    case "ready":
      // Whether open or not, a chat without its connection reaches nobody.
      if (state.link === "lost") return { text: tr("status.linkLost"), tone: "busy" };
      if (state.link === "gave-up") return { text: tr("status.linkGaveUp"), tone: "error" };
      return { text: state.chatOpen ? tr("status.open") : tr("status.ready"), tone: "ok" };
  }
}

/** Formats the time of a delivery for the user (tests pass a fixed one). */
export type TimeFormat = (iso: string) => string;

export const localTime =
  (lang: string): TimeFormat =>
  (iso) =>
    new Date(iso).toLocaleTimeString(lang, { hour: "2-digit", minute: "2-digit" });

/** The text for details waiting for a connection, which depends on why there is none. */
function waitingKey(link: Link): string {
  switch (link) {
    case "":
      return "delivery.waiting";
    case "open":
      // Go's request and the page's socket crossed: the details are on their way, and a chat
      // that is connected is never "as soon as you start a chat".
      return "delivery.sending";
    case "lost":
      return "delivery.reconnecting";
    case "gave-up":
      return "delivery.gaveUp";
  }
}

/**
 * Where the user's details are. "Sent" is said only for what the page saw leave on the chat's
 * socket; the demo has no support team behind it, so nothing is ever sent there.
 */
export function describeDelivery(delivery: Delivery | undefined, link: Link, demo: boolean, c: Catalogue, time: TimeFormat): string {
  const tr = (key: string, args?: Record<string, string>) => t(c, key, args);
  if (demo) return tr("delivery.demo");
  const status = delivery?.status ?? "";
  const last = delivery?.last ? time(delivery.last) : "";
  switch (status) {
    case "":
      return "";
    case "widget":
    case "app":
      return tr(`delivery.${status}${delivery?.again ? "Again" : ""}`, { time: last });
    default: {
      const text = tr(status === "waiting" ? waitingKey(link) : `delivery.${status}`);
      return last ? `${text} ${tr("delivery.last", { time: last })}` : text;
    }
  }
}
