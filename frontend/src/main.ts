// The page's DOM layer: it reflects the state Go owns and turns clicks into bound-method calls.
import "./style.css";
import { bridgeBackend, goApp, GoEvents, onGoEvent, type Command, type Delivery, type PageInfo, type Profile, type SaveResult, type WidgetState } from "./backend";
import { WidgetBridge } from "./bridge";
import { errorsByField, FORM_FIELDS, formToProfile, profileToForm, summarize } from "./profileForm";
import { describeDelivery, describeState } from "./status";

const MOUNT_TIMEOUT_MS = 20_000;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

const app = goApp();
let profile: Profile = {};

function renderState(state: WidgetState): void {
  const { text, tone } = describeState(state);
  const status = byId("status");
  status.textContent = text;
  status.dataset.tone = tone;
  byId<HTMLButtonElement>("open-chat").disabled = state.phase === "ready" && state.chatOpen;
  byId<HTMLButtonElement>("close-chat").disabled = state.phase === "ready" && !state.chatOpen;
  byId("retry").hidden = state.phase !== "failed";
}

function renderProfile(p: Profile): void {
  profile = p;
  byId("summary").textContent = summarize(p);
}

function renderPage(info: PageInfo): void {
  byId("source").textContent = info.widget.demo
    ? "This is a demo chat: no support team is connected. Set your widget token (run with --token YOUR_TOKEN) to talk to your support team."
    : `Chat from ${info.widget.widgetURL}`;
  const notices = byId("notices");
  notices.replaceChildren(
    ...(info.notices ?? []).map((text) => {
      const p = document.createElement("p");
      p.textContent = text;
      return p;
    }),
  );
  const files = byId("files");
  files.replaceChildren(
    ...Object.entries(info.files).flatMap(([name, path]) => {
      const dt = document.createElement("dt");
      dt.textContent = name === "profile" ? "Profile" : "Settings";
      const dd = document.createElement("dd");
      dd.textContent = path;
      return [dt, dd];
    }),
  );
  renderProfile(info.profile);
  renderState(info.state);
}

function openEditor(): void {
  const form = byId<HTMLFormElement>("profile-form");
  const values = profileToForm(profile);
  for (const field of FORM_FIELDS) (form.elements.namedItem(field) as HTMLInputElement).value = values[field];
  showErrors({});
  byId("overview").hidden = true;
  byId("editor").hidden = false;
  byId<HTMLInputElement>("f-name").focus();
}

function closeEditor(): void {
  byId("editor").hidden = true;
  byId("overview").hidden = false;
}

function showErrors(errors: ReturnType<typeof errorsByField>): void {
  for (const field of [...FORM_FIELDS, "form"] as const) {
    byId(`e-${field}`).textContent = errors[field] ?? "";
    const input = document.getElementById(`f-${field}`);
    if (input) input.setAttribute("aria-invalid", errors[field] ? "true" : "false");
  }
}

async function saveEditor(): Promise<void> {
  const form = byId<HTMLFormElement>("profile-form");
  const values = Object.fromEntries(
    FORM_FIELDS.map((field) => [field, (form.elements.namedItem(field) as HTMLInputElement).value]),
  ) as Record<(typeof FORM_FIELDS)[number], string>;
  try {
    const result = await app.SaveProfile(formToProfile(values, profile));
    if (!result.saved) {
      showErrors(errorsByField(result.errors));
      return;
    }
    closeEditor();
  } catch (error) {
    showErrors({ form: String(error) });
  }
}

function wireControls(): void {
  byId("open-chat").addEventListener("click", () => void app.OpenWidget());
  byId("close-chat").addEventListener("click", () => void app.CloseWidget());
  byId("send-details").addEventListener("click", () => void app.SendCustomerData());
  byId("edit-profile").addEventListener("click", openEditor);
  byId("cancel-edit").addEventListener("click", closeEditor);
  byId("retry").addEventListener("click", () => window.location.reload());
  byId("profile-form").addEventListener("submit", (e) => {
    e.preventDefault();
    void saveEditor();
  });
  byId("editor").addEventListener("keydown", (e) => {
    if (e.key === "Escape") closeEditor();
  });
}

async function start(): Promise<void> {
  wireControls();
  const bridge = new WidgetBridge(window, bridgeBackend(app), { mountTimeoutMs: MOUNT_TIMEOUT_MS });
  // Subscribe before telling Go the page is here: Go drops events nobody listens to.
  onGoEvent<Command>(GoEvents.widgetCommand, (command) => bridge.deliver(command));
  onGoEvent<WidgetState>(GoEvents.widgetState, renderState);
  onGoEvent(GoEvents.editProfile, openEditor);
  onGoEvent<Delivery>(GoEvents.delivery, (d) => (byId("delivery").textContent = describeDelivery(d)));
  // Go owns the profile: whoever saved it, the page shows what was saved.
  onGoEvent<SaveResult>(GoEvents.profileSaved, (result) => {
    renderProfile(result.profile);
    byId("delivery").textContent = describeDelivery(result.delivery);
  });
  const info = await app.PageReady();
  renderPage(info);
  bridge.install(info.widget);
}

void start();
