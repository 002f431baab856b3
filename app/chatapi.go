package app

import (
	"fmt"
	"net/url"
	"os"
	"regexp"
	"strings"
	"time"

	"jedidesk-desktop/app/contrast"
	"jedidesk-desktop/app/filedrop"
	"jedidesk-desktop/app/widget"
	"jedidesk-desktop/app/widgetstore"
)

// ChatAPI is what the page asks of the app for the chat: it reports the widget's life and
// events, asks for the chat to open, close or get the user's details, and hands over what the
// widget's frame reported. Bound to JavaScript as window.go.app.ChatAPI; every exported method
// must be declared in frontend/src/page/backend.ts (TestThePageDeclaresExactlyTheBoundMethods).
type ChatAPI struct {
	app *App
}

// PageReady is called by the page each time it loads, after it has subscribed to the app's
// events (events emitted before that are lost). A reloaded page loads the widget anew.
func (c *ChatAPI) PageReady() PageInfo {
	c.app.bridge.PageAttached()
	c.app.desk.pageLoaded()
	c.app.signIn.pageLoaded()
	c.app.netFailure.pageLoaded()
	c.app.netWatch.stopWatching()
	notices := c.app.notices.all()
	src := c.app.source()
	p := c.app.profiles.Current()
	files := map[string]string{"profile": c.app.profiles.Path(), "settings": c.app.settings.store.Path()}
	if c.app.adminFile != "" {
		if _, err := os.Stat(c.app.adminFile); err == nil {
			files["admin"] = c.app.adminFile
		}
	}
	return PageInfo{
		Widget:        src,
		State:         c.app.bridge.State(),
		Profile:       p,
		Settings:      c.app.settings.shown(),
		Language:      c.app.currentLanguage(),
		Notices:       notices,
		Files:         files,
		FirstRun:      src.Demo && p.IsEmpty(),
		Shortcut:      c.app.shortcut.current(),
		Locked:        append([]string{}, c.app.settings.layers.Locked...),
		Icon:          c.app.assets.iconPath(),
		TestProbe:     c.app.overrides.TestProbe,
		WidgetStorage: c.app.widgetStorage.Current().Items,
		AppFileDrops:  filedrop.Native,
		HighContrast:  contrast.High(),
		Updated:       c.app.updates.current(),
	}
}

// Restart quits and starts the app again, from the newer version installed in its place
// (PageInfo.Updated): the window, the chat and the queue come back as after a quit and start.
func (c *ChatAPI) Restart() { c.app.updates.restart() }

// earlyWait is how long the page's install of the widget waits for the app's own requests
// still in flight: longer than they take on a mobile line (two 200 ms round trips after
// launch), short enough that a request that hangs holds the widget back little (it then asks
// the service itself).
const earlyWait = time.Second

// EarlyAnswers are the widget's first requests whose answers the app has (app/apiprefetch),
// for its frame to ask the app for instead of the service; the page asks once per load, beside
// PageReady, and installs the widget with them.
func (c *ChatAPI) EarlyAnswers() []string {
	return c.app.early.HandOut(earlyWait)
}

// SaveWidgetStorage keeps the widget's localStorage as its frame reports it (its frame is
// someone else's code: the store refuses more than a widget needs).
func (c *ChatAPI) SaveWidgetStorage(items map[string]string) error {
	next := widgetstore.Storage{Items: items}
	if next.Equal(c.app.widgetStorage.Current()) {
		return nil
	}
	if _, err := c.app.widgetStorage.Save(next); err != nil {
		fmt.Fprintln(c.app.log, "jedidesk-desktop: the widget's storage was not kept:", err)
		return fmt.Errorf("the widget's storage was not kept: %w", err)
	}
	return nil
}

// WidgetMounted is called by the page when the widget has replaced the placeholder global.
func (c *ChatAPI) WidgetMounted() { c.app.bridge.Mounted() }

// WidgetFailed is called by the page when the widget could not be loaded, with a short code
// the page words for the user ("script-error", "not-mounted", "timeout").
func (c *ChatAPI) WidgetFailed(reason string) {
	if !failureCode.MatchString(reason) {
		reason = "unknown"
	}
	// The frame sees only a script that did not arrive; the app saw why.
	reason = c.app.netFailure.reason(reason)
	c.app.bridge.Failed(reason)
	// Only the user can answer the proxy's refusal.
	if reason != widget.FailureProxyRefused {
		c.app.netWatch.start()
	}
}

var failureCode = regexp.MustCompile(`^[a-z][a-z-]{0,39}$`)

// WidgetEvent is called by the page for each event the widget posted; text is the message of
// the message events (shown in a notification, never logged).
func (c *ChatAPI) WidgetEvent(name, text string) error {
	if err := c.app.bridge.HandleEvent(name); err != nil {
		return err
	}
	if name == widget.EventManagerMessage {
		c.app.surf.agentMessage(limit(text, 2000))
	}
	return nil
}

// OpenWidget opens the support chat.
func (c *ChatAPI) OpenWidget() {
	c.app.desk.loadIfUnloaded()
	c.app.bridge.Open()
}

// CloseWidget closes the support chat.
func (c *ChatAPI) CloseWidget() { c.app.bridge.Close() }

// SendCustomerData sends the saved profile to the support team. What becomes of it reaches the
// page with the widget's state, whichever surface asked.
func (c *ChatAPI) SendCustomerData() widget.Delivery {
	c.app.desk.loadIfUnloaded()
	return c.app.bridge.SendCustomerData()
}

// ChatSocket is called by the page with what it saw of the widget's chat sockets (widget's
// Socket… reports): a connection the visitor was introduced on, its close, or the widget
// giving up reconnecting.
func (c *ChatAPI) ChatSocket(state string) error {
	if err := c.app.bridge.ChatSocket(state); err != nil {
		return err
	}
	c.app.desk.chatSocketSeen(state == widget.SocketReady)
	return nil
}

// DeliveryReport is called by the page with what it saw become of customerData request n on
// the widget's socket; reason is a short code for a failure.
func (c *ChatAPI) DeliveryReport(n int, status, reason string) error {
	if reason != "" && !failureCode.MatchString(reason) {
		reason = "unknown"
	}
	return c.app.bridge.Reported(n, widget.DeliveryStatus(status), reason)
}

// OpenExternal opens a link from the page (a messenger link, an attachment) in the system
// browser. The page is untrusted: only web, mail and phone links leave the app; anything else
// (file:, javascript:, custom schemes) is refused and logged.
func (c *ChatAPI) OpenExternal(rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil || !externalSchemes[strings.ToLower(u.Scheme)] || (strings.HasPrefix(u.Scheme, "http") && u.Host == "") {
		scheme := "unparseable"
		if err == nil {
			scheme = u.Scheme + ":"
		}
		fmt.Fprintf(c.app.log, "jedidesk-desktop: refused to open a %s link from the page\n", scheme)
		return fmt.Errorf("only http, https, mailto and tel links can be opened")
	}
	c.app.page.openURL(u.String())
	return nil
}

var externalSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

// ReportViolation is called by the page when its security policy blocked something. Only the
// directive and the blocked resource's origin are logged: a full URL could carry personal data.
func (c *ChatAPI) ReportViolation(directive, blocked string) {
	fmt.Fprintf(c.app.log, "jedidesk-desktop: content security policy blocked %s (%s)\n", limit(directive, 60), originOf(blocked))
}

// ignoredFrameMessages are the page's words for messages it dropped because they were not in
// its contract with the widget's frame (frontend/src/page/frameBridge.ts).
var ignoredFrameMessages = map[string]string{
	"other-window":    "a message from a window other than the widget's frame",
	"wrong-origin":    "a message from the widget's frame with another origin",
	"posing-as-app":   "a message from the widget's frame posing as the app's own",
	"unknown-event":   "an unknown widget event",
	"unknown-message": "a message from the widget's frame that is not in the app's contract",
}

// IgnoredFrameMessage is called by the page, once per kind and page load, when it dropped a
// message from the widget's side.
func (c *ChatAPI) IgnoredFrameMessage(kind string) {
	what, ok := ignoredFrameMessages[kind]
	if !ok {
		what = "a message of an unknown kind"
	}
	fmt.Fprintf(c.app.log, "jedidesk-desktop: ignored %s\n", what)
}

// TokenVerdict is called by the page with what the widget's service answered the widget's own
// settings request: "recognised" or "unrecognised".
func (c *ChatAPI) TokenVerdict(verdict string) error {
	return c.app.bridge.TokenVerdict(verdict)
}

// PageFocus is called by the page when the window gains or loses the keyboard focus.
func (c *ChatAPI) PageFocus(focused bool) { c.app.desk.focus(focused) }
