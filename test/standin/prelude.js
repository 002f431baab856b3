// Prepended by the stand-in server to the demo widget's main.js. It gives the widget its test
// hook: every call and event the widget sees is posted back to the server in order, and the
// server can drive the widget (and call the app's bound methods, as the page's own UI would).
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = script ? new URL(script.src).origin : "";
  var seq = 0;
  var chain = Promise.resolve();

  function post(entry) {
    entry.seq = ++seq;
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
      case "saveProfile":
        return window.go.app.App.SaveProfile(msg.profile).then(function (result) {
          post({ type: "saveResult", result: result });
        }, function (err) {
          post({ type: "saveResult", error: String(err) });
        });
      case "query": {
        // Reads what the user sees in the host page, for assertions about the app's own UI.
        var el = document.querySelector(msg.selector);
        return post({ type: "query", result: el ? {
          text: el.textContent, value: "value" in el ? el.value : null,
          hidden: !!el.closest("[hidden]"), lang: document.documentElement.lang,
          focused: document.activeElement === el, pageFocused: document.hasFocus()
        } : null });
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
      case "post":
        // As the real widget would post an event of its own accord.
        return window.postMessage(msg.message, "*");
    }
  }

  window.__jediDeskStandIn = {
    mountDelayMs: __MOUNT_DELAY_MS__,
    autoReply: false,
    record: post,
    attach: function (api) {
      var source = new EventSource(origin + "/__control");
      source.onmessage = function (e) {
        try { run(api, JSON.parse(e.data)); } catch (err) { post({ type: "controlError", error: String(err) }); }
      };
    }
  };
})();
