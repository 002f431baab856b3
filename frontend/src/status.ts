// Words for the widget's state and for what became of the user's details. Kept apart from the
// DOM so the rules are tested on their own.
import type { Delivery, WidgetState } from "./backend";

export type Tone = "busy" | "ok" | "error";

export function describeState(state: WidgetState): { text: string; tone: Tone } {
  switch (state.phase) {
    case "loading":
      return {
        text: state.queued > 0 ? `Connecting to the chat… (${state.queued} waiting)` : "Connecting to the chat…",
        tone: "busy",
      };
    case "failed":
      return { text: `The chat could not be loaded: ${state.error || "unknown error"}`, tone: "error" };
    case "ready":
      return { text: state.chatOpen ? "Chat open" : "Chat ready", tone: "ok" };
  }
}

export function describeDelivery(delivery: Delivery): string {
  switch (delivery) {
    case "delivered":
      return "Sent to support.";
    case "pending":
      return "Will be sent when the chat connects.";
    case "nothing":
      return "Your profile is empty: fill it in first.";
  }
}
