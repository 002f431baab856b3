// The network proxy's sign-in: the proxy answered the app 407, so the page asks for the user
// name and password it wants, naming the proxy. Go tries them with the proxy and, taken, every
// request of the app and the webview carries them; refused, the panel asks again and says so.
import type { PreferencesAPI, ProxySignInRequest } from "./backend";
import { type Catalogue, t } from "./i18n";

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

/** What the panel needs of the page around it. */
export interface SignInHost {
  catalogue(): Catalogue;
  /** Shows the panel in place of the overview. */
  show(): void;
  /** Back to the overview. */
  close(): void;
  /** The proxy took the details: the chat loads again. */
  signedIn(): void;
}

export class ProxySignIn {
  private readonly form = byId<HTMLFormElement>("proxy-signin-form");
  /** The proxy last asked about, to ask again from the window's Try again. */
  host = "";

  constructor(
    private readonly preferences: PreferencesAPI,
    private readonly page: SignInHost,
  ) {
    this.form.addEventListener("submit", (e) => {
      e.preventDefault();
      void this.submit();
    });
    byId("cancel-proxy-signin").addEventListener("click", () => {
      void this.preferences.CancelProxySignIn();
      this.page.close();
    });
  }

  private tr(key: string, args?: Record<string, string>): string {
    return t(this.page.catalogue(), key, args);
  }

  ask(request: ProxySignInRequest): void {
    this.host = request.host;
    byId("proxy-signin-text").textContent = this.tr("proxySignIn.text", { host: request.host });
    byId("proxy-signin-refused").textContent = request.refused ? this.tr("proxySignIn.refused") : "";
    byId("proxy-signin-progress").textContent = "";
    byId<HTMLInputElement>("p-password").value = "";
    this.page.show();
    const user = byId<HTMLInputElement>("p-user");
    (user.value ? byId<HTMLInputElement>("p-password") : user).focus();
  }

  private async submit(): Promise<void> {
    const user = byId<HTMLInputElement>("p-user");
    const password = byId<HTMLInputElement>("p-password");
    const progress = byId("proxy-signin-progress");
    progress.textContent = this.tr("proxySignIn.checking");
    byId("proxy-signin-refused").textContent = "";
    try {
      const remember = byId<HTMLInputElement>("p-remember").checked;
      const result = await this.preferences.ProxySignIn(user.value, password.value, remember);
      progress.textContent = "";
      if (result.signedIn) {
        password.value = "";
        this.page.signedIn();
        return;
      }
      byId("proxy-signin-refused").textContent = this.tr("proxySignIn.refused");
      password.value = "";
      password.focus();
    } catch (error) {
      progress.textContent = "";
      byId("proxy-signin-refused").textContent = String(error);
    }
  }
}
