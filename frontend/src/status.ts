// Words for the widget's state and for what became of the user's details. Kept apart from the
// DOM so the rules are tested on their own.
import type { Delivery, WidgetState } from "./backend";
import { type Catalogue, t } from "./i18n";

export type Tone = "busy" | "ok" | "error";

export function describeState(state: WidgetState, c: Catalogue): { text: string; tone: Tone } {
  const tr = (key: string, args?: Record<string, string | number>) => t(c, key, args);
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
      return { text: state.chatOpen ? tr("status.open") : tr("status.ready"), tone: "ok" };
  }
}

export function describeDelivery(delivery: Delivery, c: Catalogue): string {
  return t(c, `delivery.${delivery}`);
}
