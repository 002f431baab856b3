/*
 * JediDesk demo widget: a small stand-in for https://widget.jedidesk.com/static/js/main.js.
 * It reproduces the real widget's embedding, API and quirks (see README.md next to this folder):
 * calls made before mount are lost, `openWidget` toggles, `customerData` is dropped unless the chat
 * "socket" is open, events go out via postMessage. No network, no dependencies, no build step.
 */
(function () {
  "use strict";

  var hook = window.__jediDeskStandIn || null;
  var DEFAULT_MOUNT_DELAY_MS = 300;
  var FULLY_LOADED_DELAY_MS = 500;
  var AUTO_REPLY_DELAY_MS = 800;
  var MAX_MESSAGE_LENGTH = 2000;

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

  // ---- the widget ----------------------------------------------------------------------------

  function mount() {
    var settings = readSettings();
    var t = STRINGS[pickLanguage(settings.language)];
    var jwId = visitorId();
    var autoReply = !(hook && hook.autoReply === false);

    var state = {
      open: settings.alwaysOpen || settings.autoOpen,
      launcherHidden: false,
      chatStarted: false,
      socketOpen: false,
      unread: 1, // the welcome message
      sentCount: 0
    };
    if (state.open) state.unread = 0;

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
    titles.appendChild(el("div", "jdw-subtitle", null, t.subtitle));
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
    form.appendChild(input);
    form.appendChild(sendBtn);
    chat.appendChild(list);
    chat.appendChild(form);
    panel.appendChild(chat);

    root.appendChild(panel);
    root.appendChild(launcher);
    container.appendChild(root);

    function render() {
      panel.hidden = !state.open;
      launcher.hidden = state.open || state.launcherHidden;
      welcome.hidden = state.chatStarted;
      chat.hidden = !state.chatStarted;
      badge.hidden = state.unread === 0;
      badge.textContent = state.unread > 9 ? "9+" : String(state.unread);
      launcher.setAttribute("aria-label", state.unread ? t.launcher + " (" + t.unread.replace("{n}", state.unread) + ")" : t.launcher);
      launcher.title = t.launcher;
    }

    // Changes the open state; returns the function that emits the matching event (or a no-op),
    // so that a command can record its call before the event, as the real widget's effects do.
    function changeOpen(open) {
      if (state.open === open) return function () {};
      state.open = open;
      if (open) state.unread = 0;
      render();
      return function () { emit(open ? "JediDeskOpenedWidget" : "JediDeskClosedWidget", null); };
    }

    function setOpen(open) { changeOpen(open)(); }

    function addMessage(from, text, ours) {
      var item = el("div", "jdw-msg jdw-msg--" + from);
      item.appendChild(ours ? appendText(el("div", "jdw-bubble"), text) : el("div", "jdw-bubble", null, text));
      list.appendChild(item);
      list.scrollTop = list.scrollHeight;
    }

    function openSocket() {
      state.socketOpen = true;
      setTimeout(function () { emit("JediDeskFullyLoaded", null); }, FULLY_LOADED_DELAY_MS);
    }

    function startChat() {
      if (state.chatStarted) return;
      state.chatStarted = true;
      addMessage("agent", welcomeText, true);
      render();
      openSocket();
    }

    function agentMessage(text) {
      text = String(text == null ? "" : text);
      addMessage("agent", text);
      if (!state.open) { state.unread += 1; render(); }
      emit("JediDeskManagerSendMessage", { text: text, hasAI: false });
    }

    function reconnect() {
      if (!state.chatStarted) { startChat(); return; }
      state.socketOpen = false; // the old socket closes...
      openSocket();             // ...and a new one opens at once
    }

    function sendVisitorMessage() {
      var text = input.value.trim().slice(0, MAX_MESSAGE_LENGTH);
      if (!text || !state.socketOpen) return;
      input.value = "";
      addMessage("visitor", text);
      state.sentCount += 1;
      emit("JediDeskClientSendMessage", { text: text, firstMessage: state.sentCount === 1 });
      if (autoReply) setTimeout(function () { agentMessage(t.reply); }, AUTO_REPLY_DELAY_MS);
    }

    // UI events
    launcher.addEventListener("click", function () {
      setOpen(true);
      (state.chatStarted ? input : startBtn).focus();
    });
    closeBtn.addEventListener("click", function () { setOpen(false); if (!launcher.hidden) launcher.focus(); });
    startBtn.addEventListener("click", function () { startChat(); input.focus(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); sendVisitorMessage(); });
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && !settings.alwaysOpen) { setOpen(false); if (!launcher.hidden) launcher.focus(); }
    });

    render();

    // Only now (after the first render) does the widget replace the host's placeholder.
    window.JediDesk = function (command, options) {
      var delivered = false;
      var emitChange = function () {};
      if (command === "openWidget") {
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
        delivered = state.socketOpen; // "sent" over the socket, or silently dropped
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
      state: function () { return { open: state.open, socketOpen: state.socketOpen, jw_id: jwId }; }
    });
  }

  var delay = hook && typeof hook.mountDelayMs === "number" && hook.mountDelayMs >= 0
    ? hook.mountDelayMs : DEFAULT_MOUNT_DELAY_MS;
  setTimeout(function () {
    if (document.body) mount();
    else document.addEventListener("DOMContentLoaded", mount);
  }, delay);
})();
