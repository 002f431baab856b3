// Typed access to the Go methods Wails binds on window.go and to its event runtime. Written by
// hand rather than generated so the frontend builds and tests without running the Go binder.
import type { FrameBackend, Ignored, WidgetEventName } from "./frameBridge";
import type { Command, LinkReport, Outcome, Reason, Verdict, WidgetConfig } from "../shared/frameProtocol";
import { DELIVERY_STATUSES, GO_EVENTS, LINKS, PHASES } from "../shared/contract";

export type Phase = (typeof PHASES)[number];
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Where the user's details are on their way to the support team, as Go knows it. */
export interface Delivery {
  status: DeliveryStatus;
  reason?: string;
  /** When the details last left on an open chat socket (RFC 3339). */
  last?: string;
  /** They last left on a socket the widget made after losing an earlier one. */
  again?: boolean;
}

/** The chat's connection since the page loaded: none yet, open, lost (reconnecting), given up. */
export type Link = (typeof LINKS)[number];

export interface WidgetState {
  phase: Phase;
  chatOpen: boolean;
  link: Link;
  queued: number;
  error?: string;
  delivery?: Delivery;
  /** What the widget's service said of the token, once it answered the widget. */
  token?: Verdict;
}

export interface CustomField {
  id: number;
  value: string;
}

export interface Profile {
  name?: string;
  phone?: string;
  email?: string;
  note?: string;
  language?: string;
  custom_fields?: CustomField[] | null;
}

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export interface SaveResult {
  saved: boolean;
  errors: FieldError[] | null;
  profile: Profile;
  delivery: Delivery;
}

export interface Settings {
  token?: string;
  widget_url?: string;
  shortcut?: string;
  quit_on_close?: boolean;
  notifications_off?: boolean;
  keep_notifications?: boolean;
  /** "" or absent: the desktop's ("system"); "none"; or a proxy's address. */
  proxy?: string;
  /** Hosts reached without the proxy. */
  proxy_bypass?: string[] | null;
  /** Percent; absent means 100. The View menu changes it. */
  zoom?: number;
  always_on_top?: boolean;
  sounds_off?: boolean;
}

export interface ShortcutStatus {
  shortcut: string;
  state: "active" | "off" | "taken" | "notbound" | "unsupported" | "";
  message?: string;
  /** The desktop holds the shortcut and chose its keys (the Wayland portal). */
  desktop?: boolean;
  /** The desktop's own words for the keys it assigned. */
  trigger?: string;
  /** What to bind in the desktop's keyboard settings when the app cannot hold the shortcut. */
  command?: string;
}

export interface SettingsResult {
  saved: boolean;
  errors: FieldError[] | null;
  settings: Settings;
  company?: string;
}

export interface Notice {
  key: string;
  args: Record<string, string> | null;
}

export interface PageInfo {
  widget: WidgetConfig & { frameURL: string; managed: boolean };
  state: WidgetState;
  profile: Profile;
  settings: Settings;
  language: { code: string; strings: Record<string, string> };
  notices: Notice[] | null;
  files: Record<string, string>;
  firstRun: boolean;
  shortcut: ShortcutStatus;
  testProbe?: string;
  widgetStorage: Record<string, string> | null;
  /** Settings the administrator locked (their keys in the settings file). */
  locked: string[] | null;
  /** A branded app's icon for the header; "" keeps the page's own. */
  icon: string;
  appFileDrops: boolean;
  /** The desktop is set to high contrast (the webview does not say so itself). */
  highContrast: boolean;
  /** A newer version waiting for a restart (installed in the app's place, or downloaded); null for none. */
  updated: Notice | null;
}

/** Files dropped on the window, where (CSS pixels), as Go read them (contents in base64). */
export interface FileDrop {
  x: number;
  y: number;
  files: { name: string; type: string; data: string }[];
}

/**
 * What the page asks of the app for the chat (app.ChatAPI in Go, window.go.app.ChatAPI). Go's
 * test fails when this and the bound struct differ.
 */
export interface ChatAPI {
  PageReady(): Promise<PageInfo>;
  /** The widget's first requests whose answers the app has (app/apiprefetch); waits up to 1 s for those in flight. */
  EarlyAnswers(): Promise<string[] | null>;
  WidgetMounted(): Promise<void>;
  WidgetFailed(reason: string): Promise<void>;
  WidgetEvent(name: WidgetEventName, text: string): Promise<void>;
  ChatSocket(state: LinkReport): Promise<void>;
  DeliveryReport(request: number, status: Outcome, reason: Reason): Promise<void>;
  OpenWidget(): Promise<void>;
  CloseWidget(): Promise<void>;
  SendCustomerData(): Promise<Delivery>;
  OpenExternal(url: string): Promise<void>;
  PageFocus(focused: boolean): Promise<void>;
  ReportViolation(directive: string, blocked: string): Promise<void>;
  IgnoredFrameMessage(kind: Ignored): Promise<void>;
  SaveWidgetStorage(items: Record<string, string>): Promise<void>;
  TokenVerdict(verdict: Verdict): Promise<void>;
  /** Quits and starts the app again, as the version in PageInfo.updated. */
  Restart(): Promise<void>;
}

/**
 * What the page asks of the app for the user's own choices (app.PreferencesAPI in Go,
 * window.go.app.PreferencesAPI). Go's test fails when this and the bound struct differ.
 */
export interface PreferencesAPI {
  SaveProfile(profile: Profile): Promise<SaveResult>;
  /** keepUnrecognised: the user confirmed a token the widget's service does not know. */
  SaveSettings(settings: Settings, keepUnrecognised: boolean): Promise<SettingsResult>;
  StartAtLogin(): Promise<boolean>;
  SetStartAtLogin(on: boolean): Promise<void>;
  SetAlwaysOnTop(on: boolean): Promise<void>;
  SetSounds(on: boolean): Promise<void>;
  /** Tries the user's details for the network's proxy; taken, the chat loads again (remember: in the desktop's keyring). */
  ProxySignIn(user: string, password: string, remember: boolean): Promise<ProxySignInResult>;
  CancelProxySignIn(): Promise<void>;
}

/** The network's proxy asks for a sign-in (GoEvents.proxySignIn). */
export interface ProxySignInRequest {
  host: string;
  /** It refused the details the app had. */
  refused: boolean;
}

export interface ProxySignInResult {
  signedIn: boolean;
  refused: boolean;
}

export const GoEvents = GO_EVENTS;

declare global {
  interface Window {
    go: { app: { ChatAPI: ChatAPI; PreferencesAPI: PreferencesAPI } };
    runtime: {
      EventsOn(name: string, callback: (...data: unknown[]) => void): () => void;
      ClipboardSetText(text: string): Promise<boolean>;
    };
  }
}

export const chatAPI = (): ChatAPI => window.go.app.ChatAPI;
export const preferencesAPI = (): PreferencesAPI => window.go.app.PreferencesAPI;

/** Puts text on the system clipboard through Wails, whatever the webview grants the app's own scheme. */
export const setClipboard = (text: string): Promise<boolean> => window.runtime.ClipboardSetText(text);

export function onGoEvent<T>(name: string, callback: (data: T) => void): void {
  window.runtime.EventsOn(name, (data) => callback(data as T));
}

export function frameBackend(chat: ChatAPI): FrameBackend {
  return {
    widgetMounted: () => chat.WidgetMounted(),
    widgetFailed: (reason) => chat.WidgetFailed(reason),
    widgetEvent: (name, text) => chat.WidgetEvent(name, text),
    chatSocket: (state) => chat.ChatSocket(state),
    deliveryReport: (request, outcome, reason) => chat.DeliveryReport(request, outcome, reason),
    openExternal: (url) => chat.OpenExternal(url),
    reportViolation: (directive, blocked) => chat.ReportViolation(directive, blocked),
    saveWidgetStorage: (items) => chat.SaveWidgetStorage(items),
    tokenVerdict: (verdict) => chat.TokenVerdict(verdict),
    ignored: (kind) => chat.IgnoredFrameMessage(kind),
  };
}

export type { Command };
