/*
 * JediDesk demo widget: a small stand-in for https://widget.jedidesk.com/static/js/main.js.
 * It reproduces the real widget's embedding, API, chat socket and quirks (see README.md next to
 * this folder): calls made before mount are lost, `openWidget` toggles, `customerData` is
 * always dropped (a stale closure), the socket's onopen is set in a later render, a reconnected
 * socket usually skips JWAuth, it gives up reconnecting after ten sockets in a row failed to
 * open, what it cannot render unmounts it, events go out via postMessage. Loaded over http(s)
 * (the test stand-in) it talks to ws(s)://<its host>/wss; loaded from the app (the bundled demo)
 * its socket is simulated in memory. No dependencies, no build step.
 */
(function () {
  "use strict";

  var hook = window.__jediDeskStandIn || null;
  // Only set while the script first runs, so read now.
  var socketAddress = hook && typeof hook.socketURL === "string" ? hook.socketURL : socketURL(document.currentScript);
  // The new-message sound, beside the script as the real widget's sounds are.
  var soundAddress = hook && typeof hook.serverOrigin === "string"
    ? hook.serverOrigin + "/static/media/new-message.wav" : mediaURL(document.currentScript, "new-message.wav");
  var DEFAULT_MOUNT_DELAY_MS = 300;
  var FULLY_LOADED_DELAY_MS = 500;
  var AUTO_REPLY_DELAY_MS = 800;
  var MAX_MESSAGE_LENGTH = 2000;
  var LATER_RENDER_MS = 30;        // the render that assigns the socket's handlers
  // The real widget's unit of waiting to reconnect: one step after a close, n steps after the
  // n-th socket in a row that failed to open.
  var RECONNECT_STEP_MS = 1000;
  var MAX_FAILED_SOCKETS = 10;     // then it gives up until the page is loaded again
  var PING_INTERVAL_MS = 30000;
  var SIMULATED_ACCEPT_MS = 150;   // the simulated socket opens as late as a real network's
  var CRASH_DELAY_MS = 150;        // crashOnMount: the error comes from an effect after mount

  var STRINGS = {
    en: {
      title: "JediDesk", subtitle: "Demo chat",
      panel: "JediDesk chat (demo)", launcher: "Open chat", unread: "{n} unread", close: "Close chat",
      greeting: "Hi there!",
      welcome: "This is a DEMO chat: no real support team is connected. To talk to your support team, " +
        "set the widget token from the JediDesk admin panel in the app's settings, or run the app with --token YOUR_TOKEN.",
      welcomeToken: "This is the demo stand-in for the JediDesk widget: a token is set, but this copy never " +
        "connects to JediDesk, so no real support team is connected.",
      start: "Write to us", messages: "Messages", input: "Message", placeholder: "Type a message…", send: "Send",
      attach: "Attach a file", attached: "Attached:",
      reply: "This is a demo reply: no support agent is connected. Set the widget token to chat with your support team."
    },
    uk: {
      title: "JediDesk", subtitle: "Демо-чат",
      panel: "Чат JediDesk (демо)", launcher: "Відкрити чат", unread: "непрочитаних: {n}", close: "Закрити чат",
      greeting: "Вітаємо!",
      welcome: "Це ДЕМО-чат: справжню службу підтримки не під'єднано. Щоб спілкуватися зі своєю службою підтримки, " +
        "вкажіть токен віджета з адмін-панелі JediDesk у налаштуваннях застосунку або запустіть застосунок з параметром --token ВАШ_ТОКЕН.",
      welcomeToken: "Це демонстраційна заміна віджета JediDesk: токен задано, але ця копія ніколи не з'єднується " +
        "з JediDesk, тож справжню службу підтримки не під'єднано.",
      start: "Написати нам", messages: "Повідомлення", input: "Повідомлення", placeholder: "Введіть повідомлення…", send: "Надіслати",
      attach: "Прикріпити файл", attached: "Прикріплено:",
      reply: "Це демо-відповідь: оператора не під'єднано. Вкажіть токен віджета, щоб спілкуватися зі своєю службою підтримки."
    },
    ru: {
      title: "JediDesk", subtitle: "Демо-чат",
      panel: "Чат JediDesk (демо)", launcher: "Открыть чат", unread: "непрочитанных: {n}", close: "Закрыть чат",
      greeting: "Здравствуйте!",
      welcome: "Это ДЕМО-чат: настоящая служба поддержки не подключена. Чтобы общаться со своей службой поддержки, " +
        "укажите токен виджета из админ-панели JediDesk в настройках приложения или запустите приложение с параметром --token ВАШ_ТОКЕН.",
      welcomeToken: "Это демонстрационная замена виджета JediDesk: токен задан, но эта копия никогда не подключается " +
        "к JediDesk, поэтому настоящая служба поддержки не подключена.",
      start: "Написать нам", messages: "Сообщения", input: "Сообщение", placeholder: "Введите сообщение…", send: "Отправить",
      attach: "Прикрепить файл", attached: "Прикреплено:",
      reply: "Это демо-ответ: оператор не подключён. Укажите токен виджета, чтобы общаться со своей службой поддержки."
    }
  };

  // ---- helpers -------------------------------------------------------------------------------

  function callHook(name, arg) {
    if (!hook || typeof hook[name] !== "function") return;
    try { hook[name](arg); } catch (e) { /* a broken hook must never break the widget */ }
  }

  function record(entry) { callHook("record", entry); }

  function toJSONValue(value) {
    if (value === undefined) return null;
    try { return JSON.parse(JSON.stringify(value)); } catch (e) { return String(value); }
  }

  function pickLanguage(setting) {
    var candidates = [setting, navigator.language].concat(navigator.languages || []);
    for (var i = 0; i < candidates.length; i++) {
      if (typeof candidates[i] !== "string") continue;
      var code = candidates[i].toLowerCase().split(/[-_]/)[0];
      if (code === "ua") code = "uk";
      if (STRINGS[code]) return code;
    }
    return "en";
  }

  function randomId() {
    var bytes = new Uint8Array(16);
    if (window.crypto && window.crypto.getRandomValues) {
      window.crypto.getRandomValues(bytes);
    } else {
      for (var i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    return Array.prototype.map.call(bytes, function (b) { return (b < 16 ? "0" : "") + b.toString(16); }).join("");
  }

  function visitorId() {
    var id = null;
    try { id = window.localStorage.getItem("jw_id"); } catch (e) { /* storage unavailable */ }
    if (!id) {
      id = randomId();
      try { window.localStorage.setItem("jw_id", id); } catch (e) { /* keep it in memory only */ }
    }
    return id;
  }

  function el(tag, className, attrs, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }

  // Appends text, setting any "--token …" command in a <code> so it never breaks across lines.
  function appendText(node, text) {
    text.split(/(--token [^\s.,;:!?]+)/).forEach(function (part, i) {
      if (i % 2) node.appendChild(el("code", "jdw-code", null, part));
      else if (part) node.appendChild(document.createTextNode(part));
    });
    return node;
  }

  function icon(className, pathData) {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", className);
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", pathData);
    svg.appendChild(path);
    return svg;
  }

  function readSettings() {
    var s = window.jediDeskSettings && typeof window.jediDeskSettings === "object" ? window.jediDeskSettings : {};
    var token = typeof s.token === "string" && s.token !== "" ? s.token
      : (typeof window.JWidgetToken === "string" ? window.JWidgetToken : "");
    return {
      token: token,
      language: typeof s.language === "string" ? s.language : null,
      alwaysOpen: !!s.alwaysOpen,
      autoOpen: !!s.autoOpen
    };
  }

  // ---- the chat socket -----------------------------------------------------------------------

  // Where the chat socket goes: loaded over http(s) from another origin than the page's (the
  // test stand-in), its own host's /wss, as the real widget goes to wss://app.jedidesk.com/wss.
  // Loaded from the app itself (the bundled demo, also under a dev server) there is no chat
  // server: the socket is simulated in memory.
  function socketURL(scriptEl) {
    if (!scriptEl || !scriptEl.src) return null;
    var u;
    try { u = new URL(scriptEl.src, location.href); } catch (e) { return null; }
    if (u.origin === location.origin) return null;
    if (u.protocol === "http:") return "ws://" + u.host + "/wss";
    if (u.protocol === "https:") return "wss://" + u.host + "/wss";
    return null;
  }

  function mediaURL(scriptEl, name) {
    if (!scriptEl || !scriptEl.src) return null;
    try { return new URL("../media/" + name, scriptEl.src).href; } catch (e) { return null; }
  }

  // The demo's chat server: one visitor, no support team. It answers like the real server
  // (the same frames), so the widget runs the same code with or without a network.
  var demoServer = { lastId: 0, history: [] };
  var DEMO_CID = 1;

  function demoMessage(from, text) {
    var now = new Date();
    function pad(n) { return (n < 10 ? "0" : "") + n; }
    var message = {
      id: ++demoServer.lastId, from: from, text: text,
      time: now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) + " " +
        pad(now.getHours()) + ":" + pad(now.getMinutes()),
      media: null, media_type: "", is_system: false, status: "sent", reply_to_message_id: null, has_ai: false
    };
    demoServer.history.push(message);
    return message;
  }

  // An in-memory stand-in for WebSocket: opens SIMULATED_ACCEPT_MS after construction (like a
  // real network, after the widget's handlers are in place) and answers the widget's frames.
  function SimulatedSocket(replyText, autoReply) {
    var self = this;
    var timers = [];
    function later(fn, ms) { timers.push(setTimeout(fn, ms)); }
    function deliver(frame) {
      later(function () {
        if (self.readyState === 1 && self.onmessage) self.onmessage({ data: JSON.stringify(frame) });
      }, 0);
    }
    this.readyState = 0;
    this.onopen = this.onmessage = this.onclose = this.onerror = null;
    later(function () {
      self.readyState = 1;
      if (self.onopen) self.onopen({ type: "open" });
    }, SIMULATED_ACCEPT_MS);
    this.send = function (data) {
      if (self.readyState === 0) throw new Error("InvalidStateError: the socket is still connecting");
      if (self.readyState !== 1) return;
      var f = JSON.parse(data);
      switch (f.action) {
        // The demo's one visitor. The widget keeps this made-up id for the page only (see
        // onFrame), so that its reconnects are a returning visitor's, as the real widget's are.
        case "setOpenData": return deliver({ type: "authData", c_id: DEMO_CID, data: { name: "", phone: "", email: "" } });
        case "JWGetMessages": return deliver({ type: "messages", data: demoServer.history.slice() });
        case "JWGetManager": return deliver({ type: "chatManager", data: null });
        case "ping": return deliver({ type: "pong" });
        case "JWSendMessage": {
          var text = f.data && typeof f.data.text === "string" ? f.data.text : "";
          if (!text.trim()) return;
          deliver({ type: "newMessage", data: demoMessage("customer", text) });
          if (autoReply) {
            later(function () { deliver({ type: "newMessage", data: demoMessage("manager", replyText) }); }, AUTO_REPLY_DELAY_MS);
          }
          return;
        }
      }
    };
    this.close = function () {
      if (self.readyState >= 2) return;
      self.readyState = 3;
      timers.forEach(clearTimeout);
      setTimeout(function () { if (self.onclose) self.onclose({ type: "close", code: 1000 }); }, 0);
    };
  }

  // What the real widget reads of a message; a message without these makes its React tree
  // throw (time.split, media_type missing = "file"...), and the whole widget unmounts.
  var MESSAGE_FIELDS = ["id", "from", "text", "time", "media", "media_type", "is_system", "status", "reply_to_message_id", "has_ai"];

  function checkMessage(m) {
    if (!m || typeof m !== "object") throw new TypeError("Cannot read properties of " + m + " (reading 'id')");
    MESSAGE_FIELDS.forEach(function (k) {
      if (!(k in m)) throw new TypeError("message " + m.id + " has no " + k);
    });
    if (typeof m.id !== "number" || m.id === 0) throw new TypeError("message id " + m.id + " is not a server message id");
    if (m.from !== "manager" && m.from !== "customer") throw new TypeError("message " + m.id + " is from " + m.from);
    if (typeof m.text !== "string" || m.text === "") throw new TypeError("message " + m.id + " has no text");
    if (typeof m.time !== "string") throw new TypeError("m.time.split is not a function");
    if (m.media != null || (m.media_type !== "" && m.media_type !== null)) {
      throw new TypeError("Cannot read properties of null (reading 'split')"); // a "file" without one
    }
    return m;
  }

  function storedCID() {
    var raw = null;
    try { raw = window.localStorage.getItem("jw_c_id"); } catch (e) { /* storage unavailable */ }
    var id = Number(raw);
    return raw && id > 0 ? id : null;
  }

  // ---- the widget ----------------------------------------------------------------------------

  function mount() {
    var settings = readSettings();
    var lang = pickLanguage(settings.language);
    var t = STRINGS[lang];
    var jwId = visitorId();
    var autoReply = !(hook && hook.autoReply === false);
    var fixedCustomerData = !!(hook && hook.fixedCustomerData === true);
    var crashOnMount = !!(hook && hook.crashOnMount === true);
    // Which of the real widget's two racing onopen handlers wins on a reconnect: "without"
    // (JWAuth skipped, 2 of 3 seen in production), "with", or "alternate" (without, without, with).
    var reconnectAuth = hook && (hook.reconnectAuth === "with" || hook.reconnectAuth === "alternate")
      ? hook.reconnectAuth : "without";
    var reconnectStep = hook && typeof hook.reconnectStepMs === "number" && hook.reconnectStepMs > 0
      ? hook.reconnectStepMs : RECONNECT_STEP_MS;

    var state = {
      open: settings.alwaysOpen || settings.autoOpen,
      launcherHidden: false,
      chatStarted: false,
      socketOpen: false,
      crashed: false,
      unread: 1 // the welcome message
    };
    if (state.open) state.unread = 0;

    // The chat: every message after the welcome, as {id, from: "manager"|"customer", text}.
    var messages = [];
    // The socket being connected or open, and the one whose onopen ran (the widget's "socket").
    var current = null;
    var socket = null;
    var pingTimer = null;
    var reconnectTimer = null;
    var failures = 0;          // sockets in a row that failed before they opened
    var reconnecting = false;  // a socket of this page load was open and closed
    var reconnects = 0;        // reconnected sockets that opened, for "alternate"
    // The demo's visitor id, never stored: the demo must not leave a made-up id where a real
    // widget reads it.
    var demoCID = null;

    function visitorCID() { return demoCID || storedCID(); }

    function emit(name, data) {
      var payload = { eventType: "testType", options: name, data: data };
      try { (window.opener || window.parent).postMessage(payload, "*"); } catch (e) { /* no target */ }
      record({ type: "event", name: name, data: toJSONValue(data) });
    }

    // DOM
    var container = document.getElementById("jedidesk");
    if (!container) {
      container = el("div", "", { id: "jedidesk" });
      document.body.appendChild(container);
    }
    while (container.firstChild) container.removeChild(container.firstChild);

    var root = el("div", "jdw-root");
    var launcher = el("button", "jdw-launcher", { type: "button" });
    launcher.appendChild(icon("jdw-launcher-icon",
      "M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H10l-5 4v-4H4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z"));
    var badge = el("span", "jdw-badge", { "aria-hidden": "true" });
    launcher.appendChild(badge);

    var panel = el("div", "jdw-panel", { role: "dialog", "aria-label": t.panel });
    var header = el("div", "jdw-header");
    header.appendChild(el("div", "jdw-avatar", { "aria-hidden": "true" }, "J"));
    var titles = el("div", "jdw-titles");
    titles.appendChild(el("div", "jdw-title", null, t.title));
    var subtitle = el("div", "jdw-subtitle", null, t.subtitle);
    titles.appendChild(subtitle);
    header.appendChild(titles);
    var closeBtn = el("button", "jdw-close", { type: "button", "aria-label": t.close, title: t.close });
    closeBtn.appendChild(icon("jdw-close-icon", "M6 6l12 12M18 6L6 18"));
    if (!settings.alwaysOpen) header.appendChild(closeBtn);
    panel.appendChild(header);

    var welcomeText = settings.token ? t.welcomeToken : t.welcome;
    var welcome = el("div", "jdw-welcome");
    welcome.appendChild(el("div", "jdw-greeting", null, t.greeting));
    welcome.appendChild(appendText(el("p", "jdw-welcome-text"), welcomeText));
    var startBtn = el("button", "jdw-start", { type: "button", "aria-label": t.start }, t.start);
    welcome.appendChild(startBtn);
    panel.appendChild(welcome);

    var chat = el("div", "jdw-chat");
    var list = el("div", "jdw-messages", { "aria-live": "polite", role: "log", "aria-label": t.messages });
    var form = el("form", "jdw-form");
    var input = el("input", "jdw-input", {
      type: "text", "aria-label": t.input, placeholder: t.placeholder,
      maxlength: String(MAX_MESSAGE_LENGTH), autocomplete: "off"
    });
    var sendBtn = el("button", "jdw-send", { type: "submit", "aria-label": t.send }, t.send);
    // The paperclip, as the real widget's: a button that opens the file dialog of a hidden
    // file input. The stand-in only shows and records what was attached.
    var attachBtn = el("button", "jdw-attach", { type: "button", "aria-label": t.attach, title: t.attach });
    attachBtn.appendChild(icon("jdw-attach-icon",
      "M16.5 6.5l-7.8 7.8a2 2 0 0 0 2.8 2.8l7.8-7.8a4 4 0 0 0-5.7-5.7L5.8 11.4a6 6 0 0 0 8.5 8.5l6.2-6.2"));
    var fileInput = el("input", "jdw-file", { type: "file", multiple: "", hidden: "" });
    var attached = el("div", "jdw-attached", { "aria-live": "polite" });
    form.appendChild(attachBtn);
    form.appendChild(fileInput);
    form.appendChild(input);
    form.appendChild(sendBtn);
    chat.appendChild(list);
    chat.appendChild(attached);
    chat.appendChild(form);
    panel.appendChild(chat);

    root.appendChild(panel);
    root.appendChild(launcher);
    container.appendChild(root);

    function render() {
      if (state.crashed) return;
      panel.hidden = !state.open;
      launcher.hidden = state.open || state.launcherHidden;
      welcome.hidden = state.chatStarted;
      chat.hidden = !state.chatStarted;
      badge.hidden = state.unread === 0;
      badge.textContent = state.unread > 9 ? "9+" : String(state.unread);
      launcher.setAttribute("aria-label", state.unread ? t.launcher + " (" + t.unread.replace("{n}", state.unread) + ")" : t.launcher);
      launcher.title = t.launcher;
    }

    function bubble(from, text, ours) {
      var item = el("div", "jdw-msg jdw-msg--" + (from === "customer" ? "visitor" : "agent"));
      item.appendChild(ours ? appendText(el("div", "jdw-bubble"), text) : el("div", "jdw-bubble", null, text));
      return item;
    }

    // The welcome message (the widget's own, id 0) and then the chat's messages.
    function renderMessages() {
      if (state.crashed) return;
      while (list.firstChild) list.removeChild(list.firstChild);
      list.appendChild(bubble("manager", welcomeText, true));
      messages.forEach(function (m) { list.appendChild(bubble(m.from, m.text, false)); });
      list.scrollTop = list.scrollHeight;
    }

    // Changes the open state; returns the function that emits the matching event (or a no-op),
    // so that a command can record its call before the event, as the real widget's effects do.
    function changeOpen(open) {
      if (state.open === open) return function () {};
      state.open = open;
      if (open) state.unread = 0;
      render();
      sendPresence(presence());
      return function () { emit(open ? "JediDeskOpenedWidget" : "JediDeskClosedWidget", null); };
    }

    function setOpen(open) { changeOpen(open)(); }

    // As React unmounting the tree on an error: the widget disappears, no event, and the error
    // surfaces as an uncaught exception. The global JediDesk stays (a dead closure).
    function crash(err) {
      if (state.crashed) return;
      state.crashed = true;
      state.socketOpen = false;
      clearInterval(pingTimer);
      clearTimeout(reconnectTimer);
      var ws = current;
      current = socket = null;
      if (ws) {
        try { ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null; ws.close(); } catch (e) { /* already gone */ }
      }
      while (container.firstChild) container.removeChild(container.firstChild);
      record({ type: "crash", error: String(err && err.message ? err.message : err) });
      setTimeout(function () { throw err; }, 0);
    }

    function send(ws, frame) {
      ws.send(JSON.stringify(frame));
      record({ type: "widgetFrame", action: toJSONValue(frame.action) });
    }

    function authFrame() {
      return {
        action: "JWAuth", href: location.href, ip: "127.0.0.1",
        language: settings.language || lang, location: ""
      };
    }

    function reconnectWithAuth(n) {
      if (reconnectAuth === "with") return true;
      if (reconnectAuth === "alternate") return n % 3 === 0;
      return false;
    }

    // What the real widget tells the server about the visitor (JWChangeChatCondition): "online"
    // while the chat is open past its welcome screen, "hide" while the chat is closed or on the
    // welcome screen, "offline" when its document becomes hidden or the page is left; on each
    // change of the open state and of the document's visibility.
    function presence() {
      return state.open && state.chatStarted ? "online" : "hide";
    }

    function sendPresence(condition) {
      if (!state.crashed && socket && socket.readyState === 1) {
        send(socket, { action: "JWChangeChatCondition", condition: condition });
      }
    }

    document.addEventListener("visibilitychange", function () {
      sendPresence(document.visibilityState === "hidden" ? "offline" : presence());
    });
    window.addEventListener("beforeunload", function () { sendPresence("offline"); });

    function onOpen(ws) {
      if (state.crashed || current !== ws) return;
      socket = ws;
      state.socketOpen = true;
      failures = 0;
      var cId = visitorCID();
      // A visitor without an id always gets the first connect's handler, as in the real widget.
      var withAuth = true;
      if (reconnecting) {
        reconnects++;
        withAuth = !cId || reconnectWithAuth(reconnects);
      }
      var openData = { action: "setOpenData", t: "c", jw_token: settings.token };
      if (cId) openData.c_id = cId;
      send(ws, openData);
      send(ws, { action: "JWGetMessages" });
      send(ws, { action: "JWGetManager" });
      send(ws, { action: "ping" });
      if (withAuth) send(ws, authFrame());
      // The real widget's effect on the socket's readyState: after the handler, in whatever
      // state the chat is.
      setTimeout(function () {
        if (!state.crashed && current === ws && ws.readyState === 1) {
          send(ws, { action: "JWChangeChatCondition", condition: "hide" });
        }
      }, 0);
      clearInterval(pingTimer);
      pingTimer = setInterval(function () {
        if (ws.readyState === 1) send(ws, { action: "ping" });
      }, PING_INTERVAL_MS);
      setTimeout(function () {
        if (!state.crashed) emit("JediDeskFullyLoaded", null);
      }, FULLY_LOADED_DELAY_MS);
    }

    function onClose(ws) {
      if (socket === ws) socket = null;
      if (current !== ws || state.crashed) return;
      current = null;
      reconnecting = true;
      state.socketOpen = false;
      clearInterval(pingTimer);
      clearTimeout(reconnectTimer);
      reconnectTimer = setTimeout(connect, reconnectStep);
    }

    // A socket that closed without ever opening (refused, unreachable).
    function onFailed(ws) {
      if (current !== ws || state.crashed) return;
      current = null;
      failures++;
      if (failures >= MAX_FAILED_SOCKETS) {
        record({ type: "gaveUp" });
        return;
      }
      clearTimeout(reconnectTimer);
      reconnectTimer = setTimeout(connect, failures * reconnectStep);
    }

    // As the real widget, a sound for each new message from the support team. The hook hears
    // whether it played (a host that mutes its window still lets it play, silently).
    function playSound() {
      if (!soundAddress) return;
      var audio = new Audio(soundAddress);
      audio.addEventListener("ended", function () { record({ type: "sound", result: { ended: true } }); });
      var played = audio.play();
      if (played && played.then) {
        played.then(function () { record({ type: "sound", result: { playing: true } }); },
          function (err) { record({ type: "sound", result: { error: String(err && err.name) } }); });
      }
    }

    function onNewMessage(m) {
      var first = messages.length === 0;
      messages.push({ id: m.id, from: m.from, text: m.text });
      renderMessages();
      if (m.from === "manager") playSound();
      if (m.from === "manager" && !state.open) { state.unread += 1; render(); }
      // The real widget reports the first message after its welcome as the visitor's first
      // message, whoever wrote it; only later agent messages are reported as the agent's.
      if (first || m.from === "customer") {
        emit("JediDeskClientSendMessage", { text: m.text, firstMessage: first });
      } else {
        emit("JediDeskManagerSendMessage", { text: m.text, hasAI: m.has_ai === true });
      }
    }

    function onFrame(ws, e) {
      if (state.crashed || current !== ws) return;
      var frame;
      try { frame = JSON.parse(e.data); } catch (err) { return; }
      if (!frame || typeof frame !== "object") return;
      try {
        switch (frame.type) {
          case "authData":
            if (typeof frame.c_id === "number" && frame.c_id > 0) {
              if (!socketAddress) {
                demoCID = frame.c_id;
              } else {
                try { window.localStorage.setItem("jw_c_id", String(frame.c_id)); } catch (err) { /* memory only */ }
              }
            }
            if (frame.data && typeof frame.data.name === "string" && frame.data.name) {
              try { window.localStorage.setItem("jdCustomerName", frame.data.name); } catch (err) { /* memory only */ }
            }
            break;
          case "messages":
            messages = frame.data.map(checkMessage).map(function (m) { return { id: m.id, from: m.from, text: m.text }; });
            renderMessages();
            break;
          case "newMessage":
            onNewMessage(checkMessage(frame.data));
            break;
          case "chatManager":
            subtitle.textContent = frame.data && frame.data.name ? String(frame.data.name) : t.subtitle;
            break;
        }
      } catch (err) {
        crash(err); // what the widget cannot render takes the whole widget down
      }
    }

    function connect() {
      reconnectTimer = null;
      if (state.crashed) return;
      var ws;
      try {
        // window.WebSocket at call time: a host may have wrapped it to watch the socket.
        ws = socketAddress ? new WebSocket(socketAddress) : new SimulatedSocket(t.reply, autoReply);
      } catch (err) {
        crash(err); // e.g. refused by the page's Content-Security-Policy
        return;
      }
      current = ws;
      var opened = false;
      // As the real widget's, the handlers that count failed sockets are set at once (a
      // refusal can come before the later render)...
      ws.onopen = function () { opened = true; failures = 0; };
      ws.onerror = function () { if (!opened) onFailed(ws); };
      // ...and those that authenticate in a later render: a socket that opened before then
      // never authenticates (a real network is slower than this).
      setTimeout(function () {
        if (state.crashed || current !== ws) return;
        ws.onopen = function () { opened = true; onOpen(ws); };
        ws.onmessage = function (e) { onFrame(ws, e); };
        ws.onclose = function () { if (opened) onClose(ws); else onFailed(ws); };
      }, LATER_RENDER_MS);
    }

    function startChat() {
      if (state.chatStarted || state.crashed) return;
      state.chatStarted = true;
      render();
      sendPresence(presence());
      renderMessages();
      connect();
    }

    // Test hook: an agent's message shown locally (no server), reported as the agent's.
    function agentMessage(text) {
      if (state.crashed) return;
      text = String(text == null ? "" : text);
      messages.push({ id: -1, from: "manager", text: text });
      renderMessages();
      playSound();
      if (!state.open) { state.unread += 1; render(); }
      emit("JediDeskManagerSendMessage", { text: text, hasAI: false });
    }

    // Test hook: the socket closes (from the widget's side); the widget reconnects as after the
    // server's close.
    function reconnect() {
      if (!state.chatStarted) { startChat(); return; }
      if (current) current.close();
    }

    function sendVisitorMessage() {
      var text = input.value.trim().slice(0, MAX_MESSAGE_LENGTH);
      if (!text || !socket || socket.readyState !== 1) return;
      input.value = "";
      send(socket, { action: "JWSendMessage", data: { text: text } });
      // Shown when the server's newMessage comes back.
    }

    // UI events
    launcher.addEventListener("click", function () {
      setOpen(true);
      (state.chatStarted ? input : startBtn).focus();
    });
    closeBtn.addEventListener("click", function () { setOpen(false); if (!launcher.hidden) launcher.focus(); });
    startBtn.addEventListener("click", function () { startChat(); input.focus(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); sendVisitorMessage(); });
    attachBtn.addEventListener("click", function () { fileInput.click(); });
    fileInput.addEventListener("change", function () {
      var files = Array.prototype.map.call(fileInput.files || [], function (f) { return { name: f.name, size: f.size }; });
      attached.textContent = files.length ? t.attached + " " + files.map(function (f) { return f.name; }).join(", ") : "";
      record({ type: "attachment", result: { files: files } });
    });
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !settings.alwaysOpen) { setOpen(false); if (!launcher.hidden) launcher.focus(); }
    });

    render();

    // Only now (after the first render) does the widget replace the host's placeholder.
    window.JediDesk = function (command, options) {
      var delivered = false;
      var emitChange = function () {};
      if (state.crashed) {
        // An unmounted tree: the function still runs, and nothing happens.
      } else if (command === "openWidget") {
        emitChange = changeOpen(!state.open); // a toggle, like the widget's source: never send it twice
        delivered = true;
      } else if (command === "closeWidget") {
        emitChange = changeOpen(false);
        delivered = true;
      } else if (command === "hideByDefault") {
        state.launcherHidden = !!options;
        render();
        delivered = true;
      } else if (command === "customerData") {
        // The real widget's function is its first render's closure, whose socket is always
        // null: every call is dropped. A fixed widget sends the frame while its socket is open.
        if (fixedCustomerData && socket && socket.readyState === 1) {
          if (!visitorCID()) send(socket, authFrame());
          send(socket, Object.assign({ action: "JWCustomerData" }, options));
          delivered = true;
        }
      }
      record({ type: "call", command: toJSONValue(command), options: toJSONValue(options), delivered: delivered, open: state.open });
      emitChange();
      return undefined;
    };

    record({ type: "mount", jw_id: jwId, settings: settings, url: location.href });
    callHook("attach", {
      startChat: startChat,
      agentMessage: agentMessage,
      reconnect: reconnect,
      state: function () {
        return { open: state.open, socketOpen: state.socketOpen, crashed: state.crashed, jw_id: jwId, c_id: visitorCID() };
      }
    });

    if (crashOnMount) {
      setTimeout(function () { crash(new Error("JediDesk widget: an error in an effect unmounted the tree")); }, CRASH_DELAY_MS);
    }
  }

  // Like the real widget, ask the service for this token's settings before mounting, and mount
  // whatever it answers: with an unknown token the real widget shows JediDesk's default texts
  // and nobody at the company sees the chat. Only over a network (the test stand-in): the
  // bundled demo has no service.
  if (socketAddress && !(hook && hook.settingsRequested)) {
    try {
      var settingsRequest = new XMLHttpRequest();
      var apiOrigin = hook && typeof hook.serverOrigin === "string" ? hook.serverOrigin
        : new URL(document.currentScript ? document.currentScript.src : location.href).origin;
      settingsRequest.open("GET", apiOrigin + "/api/widget/settings/" + encodeURIComponent(readSettings().token));
      settingsRequest.send();
    } catch (e) { /* the widget mounts all the same */ }
  }

  var delay = hook && typeof hook.mountDelayMs === "number" && hook.mountDelayMs >= 0
    ? hook.mountDelayMs : DEFAULT_MOUNT_DELAY_MS;
  // The hook may hold the mount until the requests the real widget makes first are answered.
  var beforeMount = hook && typeof hook.beforeMount === "function" ? hook.beforeMount : function (go) { go(); };
  beforeMount(function () {
    setTimeout(function () {
      if (document.body) mount();
      else document.addEventListener("DOMContentLoaded", mount);
    }, delay);
  });
})();
