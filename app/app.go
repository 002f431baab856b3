// Package app is the object the page and every native surface talk to. Its exported methods are
// bound to JavaScript by Wails; each is a thin call into the packages that own the work: the
// widget bridge, the profile store and the settings store.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"jedidesk-desktop/app/appmenu"
	"jedidesk-desktop/app/hotkey"
	"jedidesk-desktop/app/i18n"
	"jedidesk-desktop/app/ipcgate"
	"jedidesk-desktop/app/jsonfile"
	"jedidesk-desktop/app/navguard"
	"jedidesk-desktop/app/profile"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/validation"
	"jedidesk-desktop/app/webmemory"
	"jedidesk-desktop/app/widget"
	"jedidesk-desktop/app/widgetcache"
	"jedidesk-desktop/app/widgetstore"
)

// Events the app emits to the page.
const (
	EventWidgetCommand = "widget:command"
	EventWidgetState   = "widget:state"
	EventEditProfile   = "ui:edit-profile"
	EventProfileSaved  = "profile:saved"
	EventEditSettings  = "ui:edit-settings"
	EventLanguage      = "ui:language"
	EventShortcut      = "ui:shortcut"
	EventNotices       = "ui:notices"
)

// DemoWidgetURL is where the bundled demo widget lives inside the app's own assets.
const DemoWidgetURL = "/demo-widget"

// Overrides are what this run's command line asked for; they are never saved.
type Overrides struct {
	Token     string
	WidgetURL string
	// Hidden: the window starts hidden.
	Hidden bool
	// TestProbe is the address of the end-to-end tests' stand-in server; with it the page
	// answers the tests' questions about what it shows (see frontend/src/testProbe.ts).
	TestProbe string
}

// WidgetSource says which widget the page embeds and with which settings.
type WidgetSource struct {
	Token     string `json:"token"`
	WidgetURL string `json:"widgetURL"`
	Language  string `json:"language"`
	Demo      bool   `json:"demo"`
	// FrameURL is the document the page frames the widget in.
	FrameURL string `json:"frameURL"`
	// FilesURL is where the frame loads the widget's files from when the app keeps them
	// (app/widgetcache), "" when it loads them from WidgetURL.
	FilesURL string `json:"filesURL"`
}

// Notice is a problem the user should know about, as a catalogue key and its placeholders so
// the page shows it in the UI language.
type Notice struct {
	Key  string            `json:"key"`
	Args map[string]string `json:"args"`
}

// Language is the UI language and its catalogue.
type Language struct {
	Code    string         `json:"code"`
	Strings i18n.Catalogue `json:"strings"`
}

// PageInfo is everything the page needs when it (re)loads.
type PageInfo struct {
	Widget   WidgetSource      `json:"widget"`
	State    widget.State      `json:"state"`
	Profile  profile.Profile   `json:"profile"`
	Settings settings.Settings `json:"settings"`
	Language Language          `json:"language"`
	Notices  []Notice          `json:"notices"`
	Files    map[string]string `json:"files"`
	// FirstRun is true when there is neither a token nor a profile: the page welcomes the user.
	FirstRun bool           `json:"firstRun"`
	Shortcut ShortcutStatus `json:"shortcut"`
	// TestProbe is the tests' stand-in server, "" outside the end-to-end tests.
	TestProbe string `json:"testProbe,omitempty"`
	// WidgetStorage is the widget's localStorage from its last run, for its frame to restore.
	WidgetStorage map[string]string `json:"widgetStorage"`
}

// SettingsResult tells the page what became of a settings save.
type SettingsResult struct {
	Saved    bool                    `json:"saved"`
	Errors   []validation.FieldError `json:"errors"`
	Settings settings.Settings       `json:"settings"`
}

// SaveResult tells the page what became of a save: either the field errors, or the saved
// profile and what happened to it on its way to the support team.
type SaveResult struct {
	Saved    bool                    `json:"saved"`
	Errors   []validation.FieldError `json:"errors"`
	Profile  profile.Profile         `json:"profile"`
	Delivery widget.Delivery         `json:"delivery"`
}

// App is bound to the page. Create it with New.
type App struct {
	profiles *profile.Store
	settings *settings.Store
	// widgetStorage is the widget's own storage (its visitor id), which WebKit does not keep
	// for a frame of another origin than the page's.
	widgetStorage *jsonfile.Store[widgetstore.Storage]
	overrides     Overrides
	bridge        *widget.Bridge
	page          *pageSink
	log           io.Writer
	desk          desktop
	surf          surfaces
	// ipcKey is what the page's messages to Go must carry (app/ipcgate).
	ipcKey string
	// widgetFiles keeps the widget's files between runs; nil where the frame cannot have an
	// origin of its own to serve them on, or there is no cache folder.
	widgetFiles *widgetcache.Cache

	// nativeStarting is the start of the shortcut and the tray, which Shutdown waits for.
	nativeStarting sync.WaitGroup

	mu       sync.Mutex
	notices  []Notice
	language string
}

// Hooks are the lifecycle functions main.go hands to Wails. They are not methods of App so that
// Wails does not bind them to JavaScript.
type Hooks struct {
	Startup  func(ctx context.Context)
	DomReady func(ctx context.Context)
	Shutdown func(ctx context.Context)
	// BeforeClose returns true to keep the app running when the window is closed.
	BeforeClose func(ctx context.Context) bool
	// SecondLaunch receives the command line of a later launch.
	SecondLaunch func(args []string)
	// Menu is the application menu in the UI language at start.
	Menu *menu.Menu
	// Assets wraps Wails' asset server: it sets the page's Content-Security-Policy.
	Assets assetserver.Middleware
}

// New loads the profile and settings from configDir and returns the app, which keeps the
// widget's files in cacheDir ("" for none). Problems with the files do not stop the app: they
// become notices shown in the window and written to log. The widget's files the last run used
// start revalidating at once.
func New(configDir, cacheDir string, overrides Overrides, log io.Writer) (*App, Hooks) {
	a := &App{
		profiles:      profile.NewStore(filepath.Join(configDir, "profile.json")),
		settings:      settings.NewStore(filepath.Join(configDir, "settings.json")),
		widgetStorage: widgetstore.NewStore(filepath.Join(configDir, "widget-storage.json")),
		overrides:     overrides,
		page:          &pageSink{log: log},
		log:           log,
		ipcKey:        ipcgate.NewKey(),
	}
	if probe, ok := loopbackOrigin(overrides.TestProbe); ok {
		a.overrides.TestProbe = probe
	} else if overrides.TestProbe != "" {
		a.overrides.TestProbe = ""
		fmt.Fprintln(log, "jedidesk-desktop: ignored JEDIDESK_TEST_PROBE: only an http://127.0.0.1:PORT address is taken")
	}
	a.page.onState = a.refreshSurfaces
	a.bridge = widget.New(a.page, a.customerData)
	a.desk.visible = !overrides.Hidden
	a.desk.releaseMemory, a.desk.releaseAfter = webmemory.Release, webmemory.ReleaseAfter
	a.desk.unloadPage, a.desk.reloadPage = webmemory.Unload, webmemory.Reload
	a.noticeLoad("settings", a.settings.Load())
	a.noticeLoad("profile", a.profiles.Load())
	a.noticeLoad("widgetStorage", a.widgetStorage.Load())
	a.language = i18n.Choose(a.profiles.Current().Language, nil)
	if fetch, ok := widgetcache.SystemFetcher(); ok && cacheDir != "" && frameOrigin() != appOrigin() {
		a.widgetFiles = widgetcache.New(cacheDir, fetch)
		if base, ok := widgetcache.Base(a.Source().WidgetURL); ok && !a.Source().Demo {
			// Long before the webview asks for them (it starts its processes first).
			a.widgetFiles.Prefetch(base)
		}
	}
	startup := func(ctx context.Context) {
		a.page.attach(ctx)
		a.placeWindow()
		navguard.Install(a.navigationBlocked)
		ipcgate.Install(a.ipcKey, a.refusedCall, func(ok bool) {
			if !ok {
				fmt.Fprintln(a.log, "jedidesk-desktop: calls into the app are not gated on this system: the widget's frame could reach them")
			}
		})
	}
	return a, Hooks{
		Startup: startup,
		DomReady: func(context.Context) {
			// Wails handles the page's bound-method calls only after this hook returns, so
			// the shortcut grab and the tray's D-Bus round trips would hold back the page's
			// PageReady and with it the widget's load.
			if !a.windowVisible() {
				// Started in the tray (at login): as if hidden now.
				a.releaseMemoryWhileHidden()
			}
			a.nativeStarting.Add(1)
			go func() {
				defer a.nativeStarting.Done()
				a.startShortcut()
				a.startSurfaces()
			}()
		},
		Shutdown: func(context.Context) {
			a.nativeStarting.Wait()
			a.stopShortcut()
			a.stopSurfaces()
			if a.widgetFiles != nil {
				a.widgetFiles.Wait()
			}
		},
		BeforeClose:  func(context.Context) bool { return a.beforeClose() },
		SecondLaunch: func(args []string) { go a.secondLaunch(args) },
		Menu:         a.menu(a.language),
		Assets:       a.securityHeaders,
	}
}

func (a *App) menu(lang string) *menu.Menu {
	return appmenu.New(appmenu.Actions{
		OpenChat:     a.OpenWidget,
		CloseChat:    a.CloseWidget,
		SendDetails:  func() { a.SendCustomerData() },
		EditProfile:  a.EditProfile,
		EditSettings: a.EditSettings,
		Quit:         a.Quit,
	}, i18n.For(lang))
}

// setLanguage switches the UI language: the native menu is rebuilt and the page re-labelled
// at once, no restart.
func (a *App) setLanguage(lang string) {
	a.mu.Lock()
	changed := lang != a.language
	a.language = lang
	a.mu.Unlock()
	if !changed {
		return
	}
	a.page.setMenu(a.menu(lang))
	a.relabelTray()
	a.page.emit(EventLanguage, Language{Code: lang, Strings: i18n.For(lang)})
}

func (a *App) currentLanguage() Language {
	a.mu.Lock()
	defer a.mu.Unlock()
	return Language{Code: a.language, Strings: i18n.For(a.language)}
}

// noticeLoad turns a failed load of one of the user's files into words for the window and log.
func (a *App) noticeLoad(what string, err error) {
	if err == nil {
		return
	}
	var corrupt *jsonfile.CorruptError
	if errors.As(err, &corrupt) {
		a.notice(Notice{Key: "notice." + what + "Corrupt", Args: map[string]string{"error": corrupt.Err.Error(), "path": corrupt.AsidePath}}, nil)
	} else {
		a.notice(Notice{Key: "notice." + what + "Unreadable", Args: map[string]string{"error": err.Error()}}, nil)
	}
}

// notice shows n in the window and writes it to the log (in English, with cause when given).
func (a *App) notice(n Notice, cause error) {
	a.mu.Lock()
	a.notices = append(a.notices, n)
	notices := append([]Notice(nil), a.notices...)
	a.mu.Unlock()
	args := make([]string, 0, 2*len(n.Args))
	for k, v := range n.Args {
		args = append(args, k, v)
	}
	text := i18n.For("en").T(n.Key, args...)
	if cause != nil {
		text += " (" + cause.Error() + ")"
	}
	fmt.Fprintln(a.log, "jedidesk-desktop:", text)
	a.page.emit(EventNotices, notices)
}

func (a *App) customerData() (any, bool) {
	p := a.profiles.Current()
	return p, !p.IsEmpty()
}

// Source is the widget the page should embed: a URL given on the command line or in settings
// wins; a token alone means JediDesk's own widget; neither means the bundled demo.
func (a *App) Source() WidgetSource {
	s := a.settings.Current()
	src := WidgetSource{Token: s.Token, WidgetURL: s.WidgetURL, Language: a.profiles.Current().Language}
	if a.overrides.Token != "" {
		src.Token = a.overrides.Token
	}
	if a.overrides.WidgetURL != "" {
		src.WidgetURL = a.overrides.WidgetURL
	}
	switch {
	case src.WidgetURL != "":
	case src.Token != "":
		src.WidgetURL = settings.DefaultWidgetURL
	default:
		src.WidgetURL, src.Demo = DemoWidgetURL, true
	}
	src.FrameURL = frameOrigin() + framePath
	if _, ok := widgetcache.Base(src.WidgetURL); ok && a.widgetFiles != nil && !src.Demo {
		src.FilesURL = frameOrigin() + "/"
	}
	return src
}

// PageReady is called by the page each time it loads, after it has subscribed to the app's
// events (events emitted before that are lost). A reloaded page loads the widget anew.
func (a *App) PageReady() PageInfo {
	a.bridge.PageAttached()
	a.desk.pageMu.Lock()
	a.desk.chatStarted = false
	a.desk.pageMu.Unlock()
	a.mu.Lock()
	notices := append([]Notice(nil), a.notices...)
	a.mu.Unlock()
	src := a.Source()
	p := a.profiles.Current()
	return PageInfo{
		Widget:        src,
		State:         a.bridge.State(),
		Profile:       p,
		Settings:      a.settings.Current(),
		Language:      a.currentLanguage(),
		Notices:       notices,
		Files:         map[string]string{"profile": a.profiles.Path(), "settings": a.settings.Path()},
		FirstRun:      src.Demo && p.IsEmpty(),
		Shortcut:      a.ShortcutStatus(),
		TestProbe:     a.overrides.TestProbe,
		WidgetStorage: a.widgetStorage.Current().Items,
	}
}

// SaveWidgetStorage keeps the widget's localStorage as its frame reports it (its frame is
// someone else's code: the store refuses more than a widget needs).
func (a *App) SaveWidgetStorage(items map[string]string) error {
	next := widgetstore.Storage{Items: items}
	if next.Equal(a.widgetStorage.Current()) {
		return nil
	}
	if _, err := a.widgetStorage.Save(next); err != nil {
		fmt.Fprintln(a.log, "jedidesk-desktop: the widget's storage was not kept:", err)
		return fmt.Errorf("the widget's storage was not kept: %w", err)
	}
	return nil
}

// loopbackOrigin is raw as an http origin on 127.0.0.1, the only place the tests' probe may be.
func loopbackOrigin(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "http" || u.Hostname() != "127.0.0.1" || u.Port() == "" || u.User != nil ||
		strings.Trim(u.Path, "/") != "" || u.RawQuery != "" || u.Fragment != "" {
		return "", false
	}
	return "http://" + u.Host, true
}

// probeOrigins are the origins the page may fetch from besides its own: the tests' stand-in.
func (a *App) probeOrigins() []string {
	if a.overrides.TestProbe == "" {
		return nil
	}
	return []string{a.overrides.TestProbe}
}

// WidgetMounted is called by the page when the widget has replaced the placeholder global.
func (a *App) WidgetMounted() { a.bridge.Mounted() }

// WidgetFailed is called by the page when the widget could not be loaded, with a short code
// the page words for the user ("script-error", "not-mounted", "timeout").
func (a *App) WidgetFailed(reason string) {
	if !failureCode.MatchString(reason) {
		reason = "unknown"
	}
	a.bridge.Failed(reason)
}

var failureCode = regexp.MustCompile(`^[a-z][a-z-]{0,39}$`)

// WidgetEvent is called by the page for each event the widget posted; text is the message of
// the message events (shown in a notification, never logged).
func (a *App) WidgetEvent(name, text string) error {
	if err := a.bridge.HandleEvent(name); err != nil {
		return err
	}
	if name == widget.EventManagerMessage {
		a.agentMessage(limit(text, 2000))
	}
	return nil
}

// OpenWidget opens the support chat.
func (a *App) OpenWidget() {
	a.loadPageIfUnloaded()
	a.bridge.Open()
}

// CloseWidget closes the support chat.
func (a *App) CloseWidget() { a.bridge.Close() }

// ToggleWidget opens a closed chat and closes an open one.
func (a *App) ToggleWidget() {
	a.loadPageIfUnloaded()
	a.bridge.Toggle()
}

// SendCustomerData sends the saved profile to the support team. What becomes of it reaches the
// page with the widget's state, whichever surface asked.
func (a *App) SendCustomerData() widget.Delivery {
	a.loadPageIfUnloaded()
	return a.bridge.SendCustomerData()
}

// ChatSocket is called by the page when the widget's chat socket is ready (the widget's own
// handshake went out on it) or closed: "ready" or "closed".
func (a *App) ChatSocket(state string) error {
	switch state {
	case "ready", "closed":
		a.chatSocketSeen(state == "ready")
		a.bridge.ChatSocket(state == "ready")
		return nil
	}
	return fmt.Errorf("unknown chat socket state %q", state)
}

// DeliveryReport is called by the page with what it saw become of customerData request n on
// the widget's socket; reason is a short code for a failure.
func (a *App) DeliveryReport(n int, status, reason string) error {
	if reason != "" && !failureCode.MatchString(reason) {
		reason = "unknown"
	}
	return a.bridge.Reported(n, widget.DeliveryStatus(status), reason)
}

// WidgetState is the widget's current state.
func (a *App) WidgetState() widget.State { return a.bridge.State() }

// Profile is the saved profile.
func (a *App) Profile() profile.Profile { return a.profiles.Current() }

// SaveProfile validates and saves p, then sends it to the widget. Invalid fields come back as
// field errors and nothing is written; a failed write comes back as an error.
func (a *App) SaveProfile(p profile.Profile) (SaveResult, error) {
	saved, err := a.profiles.Save(p)
	var fields validation.Errors
	switch {
	case errors.As(err, &fields):
		return SaveResult{Errors: fields}, nil
	case err != nil:
		return SaveResult{}, fmt.Errorf("your profile was not saved: %w", err)
	}
	res := SaveResult{Saved: true, Profile: saved, Delivery: a.bridge.SendCustomerData()}
	a.page.emit(EventProfileSaved, res)
	a.setLanguage(i18n.Choose(saved.Language, nil))
	return res, nil
}

// Settings are the saved settings (without this run's command-line overrides).
func (a *App) Settings() settings.Settings { return a.settings.Current() }

// SaveSettings validates and saves s. The page reloads the widget afterwards; the bridge keeps
// any commands still waiting across that reload.
func (a *App) SaveSettings(s settings.Settings) (SettingsResult, error) {
	if clash := menuClash(s); clash != "" {
		return SettingsResult{Errors: []validation.FieldError{{Field: "shortcut", Code: validation.CodeDuplicate,
			Message: "shortcut: the app menu uses it for " + clash + "; choose another"}}}, nil
	}
	old := a.settings.Current()
	saved, err := a.settings.Save(s)
	var fields validation.Errors
	switch {
	case errors.As(err, &fields):
		a.logRefusedSettings(fields)
		return SettingsResult{Errors: fields}, nil
	case err != nil:
		return SettingsResult{}, fmt.Errorf("your settings were not saved: %w", err)
	}
	if sc := saved.EffectiveShortcut(); sc != a.boundShortcut() {
		// The new combination takes effect now; if another program holds it, the old one
		// stays, in the file too, so what is saved is what works.
		if err := a.bindShortcut(sc); errors.Is(err, hotkey.ErrTaken) {
			_, _ = a.settings.Save(old)
			_ = a.bindShortcut(old.EffectiveShortcut())
			return SettingsResult{Errors: []validation.FieldError{{Field: "shortcut", Code: "taken", Message: err.Error()}}}, nil
		}
	}
	return SettingsResult{Saved: true, Settings: saved}, nil
}

// logRefusedSettings notes a settings change that was refused: these settings decide what the
// app loads, so a refusal is worth a line (the fields, never their values).
func (a *App) logRefusedSettings(fields validation.Errors) {
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		names = append(names, f.Field+" ("+f.Code+")")
	}
	fmt.Fprintln(a.log, "jedidesk-desktop: refused a settings change:", strings.Join(names, ", "))
}

// menuClash names the menu item whose accelerator s's shortcut would shadow: a global grab
// takes the keys before the window sees them, so the item would stop working.
func menuClash(s settings.Settings) string {
	sc, err := hotkey.Parse(s.Shortcut)
	if err != nil || sc.IsZero() {
		return ""
	}
	for _, item := range appmenu.Items(appmenu.Actions{}, i18n.For("en")) {
		if item == nil {
			continue
		}
		combo := "Ctrl+" + item.Accelerator.Key
		for _, m := range item.Accelerator.Modifiers {
			if m == keys.ShiftKey {
				combo = "Shift+" + combo
			}
		}
		if menu, err := hotkey.Parse(combo); err == nil && menu == sc {
			return item.Label
		}
	}
	return ""
}

func (a *App) boundShortcut() hotkey.Shortcut {
	a.desk.mu.Lock()
	defer a.desk.mu.Unlock()
	return a.desk.bound
}

// EditSettings brings the window forward with the settings open.
func (a *App) EditSettings() {
	a.ShowWindow()
	a.page.emit(EventEditSettings)
}

// EditProfile brings the window forward with the profile editor open.
func (a *App) EditProfile() {
	a.ShowWindow()
	a.page.emit(EventEditProfile)
}

// Quit ends the app (the window's close button may only hide it).
func (a *App) Quit() {
	a.surf.quitting.Store(true)
	a.page.quit()
}

func limit(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
