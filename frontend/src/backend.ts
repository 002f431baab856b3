// Typed access to the Go methods Wails binds on window.go and to its event runtime. Written by
// hand rather than generated so the frontend builds and tests without running the Go binder.
import type { FrameBackend, Ignored, WidgetEventName } from "./frameBridge";
import type { Command, LinkReport, Outcome, Reason, WidgetConfig } from "./frameProtocol";
import { DELIVERY_STATUSES, GO_EVENTS, LINKS, PHASES } from "./shared/contract";

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
  token?: "recognised" | "unrecognised";
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
}

/** Files dropped on the window, where (CSS pixels), as Go read them (contents in base64). */
export interface FileDrop {
  x: number;
  y: number;
  files: { name: string; type: string; data: string }[];
}

export interface GoApp {
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
  ToggleWidget(): Promise<void>;
  SendCustomerData(): Promise<Delivery>;
  Profile(): Promise<Profile>;
  SaveProfile(profile: Profile): Promise<SaveResult>;
  WidgetState(): Promise<WidgetState>;
  Settings(): Promise<Settings>;
  /** keepUnrecognised: the user confirmed a token the widget's service does not know. */
  SaveSettings(settings: Settings, keepUnrecognised: boolean): Promise<SettingsResult>;
  OpenExternal(url: string): Promise<void>;
  PageFocus(focused: boolean): Promise<void>;
  StartAtLogin(): Promise<boolean>;
  SetStartAtLogin(on: boolean): Promise<void>;
  SetAlwaysOnTop(on: boolean): Promise<void>;
  SetSounds(on: boolean): Promise<void>;
  ReportViolation(directive: string, blocked: string): Promise<void>;
  IgnoredFrameMessage(kind: Ignored): Promise<void>;
  SaveWidgetStorage(items: Record<string, string>): Promise<void>;
  TokenVerdict(verdict: "recognised" | "unrecognised"): Promise<void>;
}

export const GoEvents = GO_EVENTS;

declare global {
  interface Window {
    go: { app: { App: GoApp } };
    runtime: {
      EventsOn(name: string, callback: (...data: unknown[]) => void): () => void;
      ClipboardSetText(text: string): Promise<boolean>;
    };
  }
}

export const goApp = (): GoApp => window.go.app.App;

/** Puts text on the system clipboard through Wails, whatever the webview grants the app's own scheme. */
export const setClipboard = (text: string): Promise<boolean> => window.runtime.ClipboardSetText(text);

export function onGoEvent<T>(name: string, callback: (data: T) => void): void {
  window.runtime.EventsOn(name, (data) => callback(data as T));
}

export function frameBackend(app: GoApp): FrameBackend {
  return {
    widgetMounted: () => app.WidgetMounted(),
    widgetFailed: (reason) => app.WidgetFailed(reason),
    widgetEvent: (name, text) => app.WidgetEvent(name, text),
    chatSocket: (state) => app.ChatSocket(state),
    deliveryReport: (request, outcome, reason) => app.DeliveryReport(request, outcome, reason),
    openExternal: (url) => app.OpenExternal(url),
    reportViolation: (directive, blocked) => app.ReportViolation(directive, blocked),
    saveWidgetStorage: (items) => app.SaveWidgetStorage(items),
    tokenVerdict: (verdict) => app.TokenVerdict(verdict),
    ignored: (kind) => app.IgnoredFrameMessage(kind),
  };
}

export type { Command };
