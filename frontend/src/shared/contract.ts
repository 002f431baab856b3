// Generated from Go by `make contract` (app/contract_test.go): do not edit. Go owns these
// values (app/widget/contract.go, the app's page events, the profile's fields); `make test`
// fails when this file and Go differ.

/** The events Go emits to the page, by the names the page uses. */
export const GO_EVENTS = {
  widgetCommand: "widget:command",
  widgetState: "widget:state",
  editProfile: "ui:edit-profile",
  profileSaved: "profile:saved",
  editSettings: "ui:edit-settings",
  language: "ui:language",
  shortcut: "ui:shortcut",
  notices: "ui:notices",
  settings: "settings:changed",
  fileDrop: "ui:file-drop",
  updated: "ui:updated",
  proxySignIn: "ui:proxy-sign-in",
  network: "ui:network",
} as const;

/** The widget's commands Go hands the page. */
export const WIDGET_COMMANDS = ["openWidget", "closeWidget", "customerData"] as const;

/** The events the widget posts, which the page passes on to Go. */
export const WIDGET_EVENTS = ["JediDeskFullyLoaded", "JediDeskOpenedWidget", "JediDeskClosedWidget", "JediDeskClientSendMessage", "JediDeskManagerSendMessage"] as const;

/** Where the widget is in its life in the page. */
export const PHASES = ["loading", "ready", "failed"] as const;

/** The chat's connection since the page loaded. */
export const LINKS = ["", "open", "lost", "gave-up"] as const;

/** What the page reports of the widget's chat sockets. */
export const LINK_REPORTS = ["ready", "closed", "gave-up"] as const;

/** Where the user's details are on their way to support. */
export const DELIVERY_STATUSES = ["", "nothing", "waiting", "sending", "widget", "app", "failed"] as const;

/** The statuses the page may report: what it saw on the socket. */
export const OUTCOMES = ["waiting", "widget", "app", "failed"] as const;

/** Reasons given with a delivery report. */
export const REASONS = ["", "socket-closed", "already"] as const;

/** Why the widget could not be loaded. */
export const FAILURES = ["script-error", "not-mounted", "timeout", "crashed", "proxy-refused", "proxy-unreachable", "name-not-found", "server-down", "not-trusted"] as const;

/** What the widget's service said of the token. */
export const TOKEN_VERDICTS = ["recognised", "unrecognised"] as const;

/** Why the page dropped a message from the widget's side. */
export const IGNORED = ["other-window", "posing-as-app", "unknown-event", "unknown-message", "wrong-origin"] as const;

/** The customerData fields the support team's server takes, in the widget's order. */
export const CUSTOMER_FIELDS = ["name", "phone", "email", "note", "language", "custom_fields"] as const;
