// Verified delivery of the user's details. Go decides when the details should go (it numbers
// each customerData request); this module makes the documented JediDesk("customerData") call
// and then looks at the widget's chat socket to see whether the frame really left. A widget
// that sends it itself (a fixed version) is left alone; one that drops it (the deployed
// widget's stale closure) gets the frame sent on its own socket, once, after its handshake.
// Go hears what was seen, never what was merely called.
import type { Outcome, Reason } from "../shared/frameProtocol";
import { CUSTOMER_FIELDS } from "../shared/contract";
import type { ChatSocket, ChatSocketListener } from "./socketWatch";

export interface DeliveryBackend {
  report(request: number, outcome: Outcome, reason: Reason): void;
}

export interface DeliveryOptions {
  /** How long the widget gets to send the frame itself before the page sends it. */
  verifyMs: number;
}

type Fields = Partial<Record<(typeof CUSTOMER_FIELDS)[number], unknown>>;

/** The allowed fields of data (a profile from Go, or a frame the widget sent), nothing else. */
export function customerFields(data: unknown): Fields {
  const fields: Fields = {};
  if (typeof data !== "object" || data === null) return fields;
  for (const key of CUSTOMER_FIELDS) {
    const value = (data as Record<string, unknown>)[key];
    if (value === undefined || value === null) continue;
    fields[key] =
      key === "custom_fields" && Array.isArray(value)
        ? value.map((f: { id?: unknown; value?: unknown }) => ({ id: f?.id, value: f?.value }))
        : value;
  }
  return fields;
}

/** The same details give the same key, whatever the order of their keys. */
const keyOf = (fields: Fields): string => JSON.stringify(fields);

interface InFlight {
  request: number;
  fields: Fields;
  key: string;
  socket: ChatSocket;
  timer?: ReturnType<typeof setTimeout>;
}

export class Delivery implements ChatSocketListener {
  /** The socket the widget has authenticated on and not closed: where frames reach the server. */
  private socket: ChatSocket | null = null;
  /** What last reached the server on each socket, and who sent it. */
  private readonly onSocket = new WeakMap<ChatSocket, { key: string; by: "widget" | "app" }>();
  private inFlight: InFlight | null = null;

  constructor(
    private readonly backend: DeliveryBackend,
    private readonly options: DeliveryOptions,
  ) {}

  /** Go's customerData request number `request`; callWidget makes the documented call. */
  request(request: number, data: unknown, callWidget: () => void): void {
    this.cancel();
    const fields = customerFields(data);
    const key = keyOf(fields);
    const socket = this.socket;
    if (!socket) {
      // Nothing to watch: the visitor has not started a chat. The call is still made (a
      // future widget may queue it); Go asks again when a socket is ready.
      callWidget();
      this.backend.report(request, "waiting", "");
      return;
    }
    const there = this.onSocket.get(socket);
    if (there?.key === key) {
      this.backend.report(request, there.by, "already");
      return;
    }
    const flight: InFlight = { request, fields, key, socket };
    this.inFlight = flight;
    callWidget();
    // A widget that sends the frame does so within the call; the timer covers one that sends
    // it a moment later.
    if (this.inFlight === flight) flight.timer = setTimeout(() => this.sendOurselves(flight), this.options.verifyMs);
  }

  handshake(socket: ChatSocket): void {
    this.socket = socket;
  }

  widgetFrame(socket: ChatSocket, frame: Record<string, unknown>): void {
    if (frame.action !== "JWCustomerData") return;
    const key = keyOf(customerFields(frame));
    this.onSocket.set(socket, { key, by: "widget" });
    const flight = this.inFlight;
    if (flight && flight.socket === socket && flight.key === key) {
      this.settle(flight);
      this.backend.report(flight.request, "widget", "");
    }
  }

  closed(socket: ChatSocket): void {
    const flight = this.inFlight;
    if (flight?.socket === socket) {
      this.settle(flight);
      this.backend.report(flight.request, "failed", "socket-closed");
    }
    if (this.socket === socket) this.socket = null;
  }

  private sendOurselves(flight: InFlight): void {
    if (this.inFlight !== flight) return;
    this.settle(flight);
    // The widget's own frame shape: the action, then the fields.
    const frame = JSON.stringify({ action: "JWCustomerData", ...flight.fields });
    if (flight.socket.sendFromApp(frame)) {
      this.onSocket.set(flight.socket, { key: flight.key, by: "app" });
      this.backend.report(flight.request, "app", "");
    } else {
      this.backend.report(flight.request, "failed", "socket-closed");
    }
  }

  private settle(flight: InFlight): void {
    clearTimeout(flight.timer);
    if (this.inFlight === flight) this.inFlight = null;
  }

  /** A newer request replaces one still being verified: Go only wants the latest details. */
  private cancel(): void {
    if (this.inFlight) this.settle(this.inFlight);
  }
}
