// Package app is what the page and every native surface talk to. The page reaches only the
// structs in Hooks.Bind (ChatAPI, PreferencesAPI), which Wails binds to JavaScript; the menu,
// tray, shortcut and command line reach App, which main.go wires. Each owner of state here
// (the window, the shortcut, the tray, the settings, the notices, the asset server) keeps its
// own lock; the work itself is done by the packages below: the widget bridge, the profile and
// settings stores.
package app

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"jedidesk-desktop/app/apiprefetch"
	"jedidesk-desktop/app/appmenu"
	"jedidesk-desktop/app/autostart"
	"jedidesk-desktop/app/brand"
	"jedidesk-desktop/app/contextmenu"
	"jedidesk-desktop/app/filedrop"
	"jedidesk-desktop/app/i18n"
	"jedidesk-desktop/app/ipcgate"
	"jedidesk-desktop/app/jsonfile"
	"jedidesk-desktop/app/navguard"
	"jedidesk-desktop/app/netmonitor"
	"jedidesk-desktop/app/profile"
	"jedidesk-desktop/app/proxy"
	"jedidesk-desktop/app/proxy/webview"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/tokencheck"
	"jedidesk-desktop/app/urgency"
	"jedidesk-desktop/app/validation"
	"jedidesk-desktop/app/webmemory"
	"jedidesk-desktop/app/widget"
	"jedidesk-desktop/app/widgetcache"
	"jedidesk-desktop/app/widgetstore"
	"jedidesk-desktop/app/zoomkeys"
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

// Setup is one installed app: whose it is and where its user's files are.
type Setup struct {
	// Brand names the app and presets its chat.
	Brand brand.Brand
	// ConfigDir holds the user's profile and settings.
	ConfigDir string
	// AdminFile is the administrator's settings file (settings.AdminPath); "" for none.
	AdminFile string
	// Icons are the brand's own; empty for the plain app, which uses its committed ones.
	Icons brand.Icons
	// CacheDir keeps the widget's files between runs; "" for none.
	CacheDir string
	// Executable is the file this process started from, watched for an upgrade that replaces
	// it; "" watches nothing. Version is the running version.
	Executable, Version string
}

// Overrides are what this run's command line asked for; they are never saved.
type Overrides struct {
	Token     string
	WidgetURL string
	// Hidden: the window starts hidden.
	Hidden bool
	// TestProbe is the address of the end-to-end tests' stand-in server; with it the page
	// answers the tests' questions about what it shows (see frontend/src/page/testProbe.ts).
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
	// Managed is true when the token is the brand's or the administrator's: a token they set
	// that the service does not know is theirs to fix, not the user's.
	Managed bool `json:"managed"`
	// FilesURL is where the frame loads the widget's files from when the app keeps them
	// (app/widgetcache), "" when it loads them from WidgetURL.
	FilesURL string `json:"filesURL"`
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
	// Locked are the settings the administrator locked: Settings shows them read-only.
	Locked []string `json:"locked"`
	// Icon is where the page finds a branded app's icon for its header; "" keeps its own.
	Icon string `json:"icon"`
	// AppFileDrops: the app hands files dropped on the window to the page (EventFileDrop);
	// elsewhere the webview gives them to the page itself.
	AppFileDrops bool `json:"appFileDrops"`
	// HighContrast: the desktop is set to high contrast, which the webview does not tell the
	// page (app/contrast).
	HighContrast bool `json:"highContrast"`
	// Updated says a newer version waits for a restart (EventUpdated); nil for none.
	Updated *Notice `json:"updated"`
}

// SettingsResult tells the page what became of a settings save.
type SettingsResult struct {
	Saved    bool                    `json:"saved"`
	Errors   []validation.FieldError `json:"errors"`
	Settings settings.Settings       `json:"settings"`
	// Company is who the saved token belongs to, as the widget's service said ("" when it
	// was not checked or did not say).
	Company string `json:"company,omitempty"`
}

// SaveResult tells the page what became of a save: either the field errors, or the saved
// profile and what happened to it on its way to the support team.
type SaveResult struct {
	Saved    bool                    `json:"saved"`
	Errors   []validation.FieldError `json:"errors"`
	Profile  profile.Profile         `json:"profile"`
	Delivery widget.Delivery         `json:"delivery"`
}

// App holds the app's parts together for main.go and the native surfaces; Wails does not bind
// it (see Hooks.Bind). Create it with New.
type App struct {
	brand     brand.Brand
	icons     brand.Icons
	profiles  *profile.Store
	settings  layeredSettings
	adminFile string
	// widgetStorage is the widget's own storage (its visitor id), which WebKit does not keep
	// for a frame of another origin than the page's.
	widgetStorage *jsonfile.Store[widgetstore.Storage]
	overrides     Overrides
	bridge        *widget.Bridge
	page          *pageSink
	log           io.Writer
	desk          desktop
	// login is the start-at-login entry, apart from other brands'.
	login    loginItem
	shortcut globalShortcut
	surf     surfaces
	assets   pageAssets
	// widgetFiles keeps the widget's files between runs; nil where the frame cannot have an
	// origin of its own to serve them on, or there is no cache folder.
	widgetFiles *widgetcache.Cache
	// early is the widget's first API requests, started with the app; nil when not started.
	early *apiprefetch.Prefetch

	// nativeStarting is the start of the shortcut and the tray, which Shutdown waits for.
	nativeStarting sync.WaitGroup

	notices noticeBoard
	updates selfUpdate
	// signIn is the proxy's sign-in, which every request of the app carries.
	signIn proxySignIn
	// relay signs the webview in to the proxy (proxy.Relay); nil until the user signed in.
	relay   *proxy.Relay
	relayMu sync.Mutex
	// netFailure is why the widget's script did not arrive, as the app's request for it saw.
	netFailure networkFailure
	// netWatch checks whether the widget's server answers while the chat cannot load.
	netWatch netWatch

	// mu guards language.
	mu       sync.Mutex
	language string

	// menuBar is the menu Wails shows (its check box follows the setting).
	menuBar *menu.Menu

	// chat and preferences are what the page may call (Hooks.Bind).
	chat        *ChatAPI
	preferences *PreferencesAPI
}

// Hooks are what main.go hands to Wails: the lifecycle functions, the menu, the asset
// middleware and the structs to bind.
type Hooks struct {
	Startup  func(ctx context.Context)
	DomReady func(ctx context.Context)
	Shutdown func(ctx context.Context)
	// BeforeClose returns true to keep the app running when the window is closed.
	BeforeClose func(ctx context.Context) bool
	// SecondLaunch receives the command line of a later launch.
	SecondLaunch func(args []string)
	// EndSession quits for the desktop (a signal, a logout, a shutdown), with why for the log.
	EndSession func(reason string)
	// Menu is the application menu in the UI language at start.
	Menu *menu.Menu
	// Assets wraps Wails' asset server: it sets the page's Content-Security-Policy.
	Assets assetserver.Middleware
	// Bind is what Wails binds to JavaScript: only what the page calls.
	Bind []any
}

// New loads the profile and settings from setup.ConfigDir and returns the app, which keeps the
// widget's files in setup.CacheDir ("" for none). Problems with the files do not stop the app:
// they become notices shown in the window and written to log. The widget's files the last run
// used start revalidating at once.
func New(setup Setup, overrides Overrides, log io.Writer) (*App, Hooks) {
	b := setup.Brand
	a := &App{
		brand:         b,
		icons:         setup.Icons,
		adminFile:     setup.AdminFile,
		profiles:      profile.NewStore(filepath.Join(setup.ConfigDir, "profile.json")),
		widgetStorage: widgetstore.NewStore(filepath.Join(setup.ConfigDir, "widget-storage.json")),
		overrides:     overrides,
		page:          &pageSink{log: log},
		log:           log,
	}
	a.chat, a.preferences = &ChatAPI{app: a}, &PreferencesAPI{app: a}
	a.shortcut.app, a.surf.app, a.desk.app = a, a, a
	a.assets = pageAssets{app: a, ipcKey: ipcgate.NewKey()}
	a.notices.app = a
	a.updates = selfUpdate{app: a, executable: setup.Executable, running: setup.Version}
	a.signIn.app = a
	a.netWatch.app = a
	a.settings = layeredSettings{app: a, store: settings.NewStore(filepath.Join(setup.ConfigDir, "settings.json")), http: &http.Client{Transport: proxy.Transport(a.proxyConfig)}}
	a.login.entry = autostart.App{ID: b.ID, Command: b.Command(), Name: b.Name, RunValue: b.RunValue()}
	if probe, ok := loopbackOrigin(overrides.TestProbe); ok {
		a.overrides.TestProbe = probe
	} else if overrides.TestProbe != "" {
		a.overrides.TestProbe = ""
		fmt.Fprintln(log, "jedidesk-desktop: ignored JEDIDESK_TEST_PROBE: only an http://127.0.0.1:PORT address is taken")
	}
	a.page.onState = a.surf.refresh
	a.bridge = widget.New(a.page, a.customerData)
	a.desk.visible = !overrides.Hidden
	a.settings.layers = a.settings.loadLayers(setup.AdminFile)
	a.desk.releaseMemory, a.desk.releaseAfter = webmemory.Release, webmemory.ReleaseAfter
	a.desk.unloadPage, a.desk.reloadPage = webmemory.Unload, webmemory.Reload
	a.desk.setUrgent = urgency.Set
	a.notices.loadFailed("settings", a.settings.store.Load())
	a.notices.loadFailed("profile", a.profiles.Load())
	a.notices.loadFailed("widgetStorage", a.widgetStorage.Load())
	a.language = a.chooseLanguage(a.profiles.Current().Language)
	// Before the first request through the proxy: the prefetch below.
	a.signIn.loadKept()
	// Both only where the frame has an origin of its own to be served on. Long before the
	// webview asks for them: it starts its processes first.
	if fetch, ok := widgetcache.SystemFetcher(a.proxyConfig); ok && frameOrigin() != appOrigin() {
		if setup.CacheDir != "" {
			a.widgetFiles = widgetcache.New(setup.CacheDir, fetch)
		}
		src := a.source()
		if base, ok := widgetcache.Base(src.WidgetURL); ok && !src.Demo && a.widgetFiles != nil {
			a.widgetFiles.Prefetch(base)
		}
		// Without a token the widget has no settings to ask for.
		if api, err := tokencheck.APIBase(src.WidgetURL); err == nil && !src.Demo && src.Token != "" {
			a.early = apiprefetch.Start(fetch, apiprefetch.Requests(api, src.Token), frameOrigin())
		}
	}
	startup := func(ctx context.Context) {
		a.page.attach(ctx)
		a.desk.place()
		navguard.Install(a.navigationBlocked)
		contextmenu.Install(func() i18n.Catalogue { return a.currentLanguage().Strings })
		zoomkeys.Install(a.zoomKey)
		netmonitor.Watch(a.netWatch.networkChanged)
		a.applyProxy()
		a.applyWebview()
		if filedrop.Native {
			runtime.OnFileDrop(ctx, a.filesDropped)
		}
		ipcgate.Install(a.assets.ipcKey, a.assets.refusedCall, func(ok bool) {
			if !ok {
				fmt.Fprintln(a.log, "jedidesk-desktop: calls into the app are not gated on this system: the widget's frame could reach them")
			}
		})
	}
	a.menuBar = a.menu(a.language)
	return a, Hooks{
		Startup: startup,
		DomReady: func(context.Context) {
			a.quitIfAsked()
			// Wails handles the page's bound-method calls only after this hook returns, so
			// the shortcut grab and the tray's D-Bus round trips would hold back the page's
			// PageReady and with it the widget's load.
			// Apart, because on Wayland the shortcut may wait for the user in the desktop's
			// dialog, and the tray should not wait with it.
			if !a.desk.isVisible() {
				// Started in the tray (at login): as if hidden now.
				a.desk.releaseWhileHidden()
			}
			a.updates.start()
			a.nativeStarting.Add(2)
			go func() {
				defer a.nativeStarting.Done()
				a.shortcut.start()
			}()
			go func() {
				defer a.nativeStarting.Done()
				a.surf.start()
			}()
		},
		Shutdown: func(context.Context) {
			// Before waiting: a shortcut still waiting for the desktop's dialog gives up.
			a.shortcut.stop()
			a.updates.stop()
			a.nativeStarting.Wait()
			a.surf.stop()
			if a.widgetFiles != nil {
				a.widgetFiles.Wait()
			}
		},
		BeforeClose:  func(context.Context) bool { return a.beforeClose() },
		SecondLaunch: func(args []string) { go a.secondLaunch(args) },
		EndSession:   a.endSession,
		Menu:         a.menuBar,
		Assets:       func(next http.Handler) http.Handler { return a.assets.handler(a.assets.serveIcon(next)) },
		Bind:         []any{a.chat, a.preferences},
	}
}

func (a *App) menu(lang string) *menu.Menu {
	return appmenu.New(appmenu.Actions{
		OpenChat:     a.chat.OpenWidget,
		CloseChat:    a.chat.CloseWidget,
		SendDetails:  func() { a.chat.SendCustomerData() },
		EditProfile:  a.editProfile,
		EditSettings: a.editSettings,
		Quit:         a.quit,
		ZoomIn:       a.zoomIn,
		ZoomOut:      a.zoomOut,
		ZoomReset:    a.zoomReset,
		KeepOnTop:    func(on bool) { _ = a.preferences.SetAlwaysOnTop(on) },
	}, a.texts(lang), appmenu.State{KeepOnTop: a.settings.store.Current().AlwaysOnTop})
}

// texts is the catalogue of lang naming this app: its brand's name and command.
func (a *App) texts(lang string) i18n.Catalogue {
	return i18n.For(lang).With("app", a.brand.Name, "command", a.brand.Command())
}

// chooseLanguage picks the UI language: the profile's, else the brand's, else the system's.
func (a *App) chooseLanguage(profileLanguage string) string {
	if profileLanguage == "" {
		profileLanguage = a.brand.Language
	}
	return i18n.Choose(profileLanguage, nil)
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
	a.surf.relabel()
	a.applyWebview()
	a.page.emit(EventLanguage, Language{Code: lang, Strings: a.texts(lang)})
}

func (a *App) currentLanguage() Language {
	a.mu.Lock()
	defer a.mu.Unlock()
	return Language{Code: a.language, Strings: a.texts(a.language)}
}

func (a *App) customerData() (any, bool) {
	p := a.profiles.Current()
	return p, !p.IsEmpty()
}

// source is the widget the page should embed, from the settings in effect (the brand presets
// a token and address): a widget URL wins; a token alone means JediDesk's own widget; neither
// means the bundled demo. The widget speaks the profile's language, else the brand's.
func (a *App) source() WidgetSource {
	s := a.settings.current()
	src := WidgetSource{Token: s.Token, WidgetURL: s.WidgetURL, Language: a.profiles.Current().Language}
	if src.Language == "" {
		src.Language = a.brand.Language
	}
	switch {
	case src.WidgetURL != "":
	case src.Token != "":
		src.WidgetURL = settings.DefaultWidgetURL
	default:
		src.WidgetURL, src.Demo = DemoWidgetURL, true
	}
	src.FrameURL = frameOrigin() + framePath
	preset := a.settings.layers.Defaults.Token
	src.Managed = preset != "" && src.Token == preset &&
		(a.settings.layers.IsLocked(settings.KeyToken) || (a.settings.store.Current().Token == "" && a.overrides.Token == ""))
	if _, ok := widgetcache.Base(src.WidgetURL); ok && a.widgetFiles != nil && !src.Demo {
		src.FilesURL = frameOrigin() + "/"
	}
	return src
}

// proxyConfig is the way out to the network for everything the app sends: the webview's
// (applyProxy) and the app's own requests, which ask for it at each request.
func (a *App) proxyConfig() proxy.Config { return a.signIn.with(a.settings.current().ProxyConfig()) }

// applyProxy gives the webview the proxy in effect, through the relay once the user signed in
// to it, and says in the log which it is (never a password).
func (a *App) applyProxy() {
	c := a.proxyConfig()
	a.relayMu.Lock()
	if c.SignIn != nil && a.relay == nil {
		relay, err := proxy.StartRelay()
		if err != nil {
			fmt.Fprintln(a.log, "jedidesk-desktop: network:", err)
		}
		a.relay = relay
	}
	webview.Apply(a.relay.Via(c))
	a.relayMu.Unlock()
	fmt.Fprintln(a.log, "jedidesk-desktop: network: proxy", c.Redacted())
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

// editSettings brings the window forward with the settings open.
func (a *App) editSettings() {
	a.desk.show()
	a.page.emit(EventEditSettings)
}

// editProfile brings the window forward with the profile editor open.
func (a *App) editProfile() {
	a.desk.show()
	a.page.emit(EventEditProfile)
}

// quit ends the app (the window's close button may only hide it).
func (a *App) quit() {
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
