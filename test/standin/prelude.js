// Prepended by the stand-in server to the demo widget's main.js. It gives the widget its test
// hook: every call, event and frame the widget sees or sends is posted back to the server in
// order, and the server can drive the widget. The widget runs in the app's widget frame, which
// cannot see the app's page: the page answers the tests' questions itself (testProbe.ts). The server fills in the __…__ flags for each load of the script.
(function () {
  "use strict";
  // The server's own address, filled in by it: the app may serve this script from its cache on
  // an origin of its own.
  var origin = __ORIGIN__;
  var release = __RELEASE__;
  var seq = 0;
  var chain = Promise.resolve();

  function post(entry) {
    entry.seq = ++seq;
    // When it happened, by the clock the bench reads too: the post itself crosses the network.
    entry.at = Date.now();
    if (release) entry.release = release;
    var body = JSON.stringify(entry);
    // Chained so the server sees entries in the order the widget made them.
    chain = chain.then(function () {
      return fetch(origin + "/__record", { method: "POST", mode: "cors", body: body });
    }).catch(function () {});
  }

  function run(api, msg) {
    switch (msg.do) {
      case "startChat": return api.startChat();
      case "agentMessage": return api.agentMessage(msg.text);
      case "reconnect": return api.reconnect();
      case "sendMessage": {
        // As a visitor would: type into the chat's input and press Send.
        var input = document.querySelector("#jedidesk .jdw-input");
        var form = input && input.form;
        if (!input || !form) throw new Error("sendMessage: the widget has no message input");
        input.focus();
        input.value = String(msg.text == null ? "" : msg.text);
        input.dispatchEvent(new Event("input", { bubbles: true }));
        var send = form.querySelector("[type=submit]");
        if (send) send.click();
        else form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
        return;
      }
      case "navigate":
        // As a hijacked or careless widget would: the app must stay on its page.
        window.location.href = msg.url;
        return;
      case "open":
        return window.open(msg.url, "_blank");
      case "inject": {
        var el = document.createElement("script");
        el.textContent = "window.__jediDeskInjected = true;";
        document.body.appendChild(el);
        return setTimeout(function () {
          post({ type: "injectResult", result: { ran: window.__jediDeskInjected === true } });
        }, 300);
      }
      case "where": {
        // Where the widget draws an element, in the frame's viewport (the page knows where the
        // frame is).
        var el = document.querySelector(msg.selector);
        var r = el && el.getClientRects().length ? el.getBoundingClientRect() : null;
        return post({ type: "where", result: {
          rect: r && { x: r.x, y: r.y, width: r.width, height: r.height },
          viewport: { width: window.innerWidth, height: window.innerHeight }
        } });
      }
      case "post":
        // As the real widget would post an event of its own accord.
        return window.postMessage(msg.message, "*");
    }
  }

  // A page that loads the widget again (after a crash) has one live copy: the copy before this
  // one stops taking controls, so that a control runs once (one query answer, one save).
  var previous = window.__jediDeskStandIn;
  if (previous && typeof previous.detach === "function") {
    try { previous.detach(); } catch (err) { /* an older prelude */ }
  }
  var source = null;
  var detached = false;

  window.__jediDeskStandIn = {
    mountDelayMs: __MOUNT_DELAY_MS__,
    // The chat server and the widget's API, wherever the script was served from (the app may
    // serve the widget's files from its own origin).
    socketURL: origin.replace(/^http/, "ws") + "/wss",
    serverOrigin: origin,
    // Heavy mode makes the settings request itself, as the real widget's pattern has it.
    settingsRequested: __HEAVY__,
    // A future widget whose customerData sends JWCustomerData itself (the real one drops it).
    fixedCustomerData: __FIXED_CUSTOMER_DATA__,
    // This load mounts and then crashes (the server sets it for its first CrashMounts loads).
    crashOnMount: __CRASH_ON_MOUNT__,
    // What a reconnected socket sends: "without" JWAuth, "with", or "alternate" (Options.Reconnect).
    reconnectAuth: __RECONNECT_AUTH__,
    // The unit of the widget's waits between sockets (Options.ReconnectStep).
    reconnectStepMs: __RECONNECT_STEP_MS__,
    autoReply: false,
    record: post,
    attach: function (api) {
      if (detached) return;
      if (source) source.close();
      source = new EventSource(origin + "/__control?role=widget");
      source.onmessage = function (e) {
        try { run(api, JSON.parse(e.data)); } catch (err) { post({ type: "controlError", error: String(err) }); }
      };
    },
    detach: function () {
      detached = true;
      if (source) { source.close(); source = null; }
    }
  };

  // Heavy mode, the real widget's request pattern before it renders: its settings from the API,
  // then a SYNCHRONOUS request for the visitor's IP; it mounts once the settings are in.
  if (__HEAVY__) {
    var settingsIn = false;
    var waiting = [];
    var settings = window.jediDeskSettings || {};
    fetch(origin + "/api/widget/settings/" + encodeURIComponent(String(settings.token || "")))
      .then(function (r) { return r.json(); })
      .catch(function () {})
      .then(function () {
        settingsIn = true;
        waiting.splice(0).forEach(function (go) { go(); });
      });
    var ip = new XMLHttpRequest();
    ip.open("GET", origin + "/api/jsonip", false);
    try { ip.send(); } catch (err) { /* the real widget throws on mount; the bench sees no mount */ }
    window.__jediDeskStandIn.beforeMount = function (go) {
      if (settingsIn) go();
      else waiting.push(go);
    };
  }
})();
