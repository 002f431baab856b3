// Package app is the object the page and every native surface talk to. Its exported methods are
// bound to JavaScript by Wails; each is a thin call into the packages that own the work: the
// widget bridge, the profile store and the settings store.
package app

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"sync"

	"github.com/wailsapp/wails/v2/pkg/menu"
	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"

	"jedidesk-desktop/app/appmenu"
	"jedidesk-desktop/app/hotkey"
	"jedidesk-desktop/app/i18n"
	"jedidesk-desktop/app/jsonfile"
	"jedidesk-desktop/app/navguard"
	"jedidesk-desktop/app/profile"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/validation"
	"jedidesk-desktop/app/widget"
)

// Events the app emits to the page.
const (
	EventWidgetCommand = "widget:command"
	EventWidgetState   = "widget:state"
	EventEditProfile   = "ui:edit-profile"
	EventDelivery      = "ui:delivery"
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
}

// WidgetSource says which widget the page embeds and with which settings.
type WidgetSource struct {
	Token     string `json:"token"`
	WidgetURL string `json:"widgetURL"`
	Language  string `json:"language"`
	Demo      bool   `json:"demo"`
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
	profiles  *profile.Store
	settings  *settings.Store
	overrides Overrides
	bridge    *widget.Bridge
	page      *pageSink
	log       io.Writer
	desk      desktop
	surf      surfaces

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
	// EndSession quits for the desktop (a signal, a logout, a shutdown), with why for the log.
	EndSession func(reason string)
	// Menu is the application menu in the UI language at start.
	Menu *menu.Menu
	// Assets wraps Wails' asset server: it sets the page's Content-Security-Policy.
	Assets assetserver.Middleware
}

// New loads the profile and settings from configDir and returns the app. Problems with the
// files do not stop the app: they become notices shown in the window and written to log.
func New(configDir string, overrides Overrides, log io.Writer) (*App, Hooks) {
	a := &App{
		profiles:  profile.NewStore(filepath.Join(configDir, "profile.json")),
		settings:  settings.NewStore(filepath.Join(configDir, "settings.json")),
		overrides: overrides,
		page:      &pageSink{log: log},
		log:       log,
	}
	a.page.onState = a.refreshSurfaces
	a.bridge = widget.New(a.page, a.customerData)
	a.desk.visible = !overrides.Hidden
	a.noticeLoad("settings", a.settings.Load())
	a.noticeLoad("profile", a.profiles.Load())
	a.language = i18n.Choose(a.profiles.Current().Language, nil)
	startup := func(ctx context.Context) {
		a.page.attach(ctx)
		a.placeWindow()
		navguard.Install(a.navigationBlocked)
	}
	return a, Hooks{
		Startup: startup,
		DomReady: func(context.Context) {
			a.quitIfAsked()
			// Wails handles the page's bound-method calls only after this hook returns, so
			// the shortcut grab and the tray's D-Bus round trips would hold back the page's
			// PageReady and with it the widget's load.
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
		},
		BeforeClose:  func(context.Context) bool { return a.beforeClose() },
		SecondLaunch: func(args []string) { go a.secondLaunch(args) },
		EndSession:   a.endSession,
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
	return src
}

// PageReady is called by the page each time it loads, after it has subscribed to the app's
// events (events emitted before that are lost). A reloaded page loads the widget anew.
func (a *App) PageReady() PageInfo {
	a.bridge.PageAttached()
	a.mu.Lock()
	notices := append([]Notice(nil), a.notices...)
	a.mu.Unlock()
	src := a.Source()
	p := a.profiles.Current()
	return PageInfo{
		Widget:   src,
		State:    a.bridge.State(),
		Profile:  p,
		Settings: a.settings.Current(),
		Language: a.currentLanguage(),
		Notices:  notices,
		Files:    map[string]string{"profile": a.profiles.Path(), "settings": a.settings.Path()},
		FirstRun: src.Demo && p.IsEmpty(),
		Shortcut: a.ShortcutStatus(),
	}
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
func (a *App) OpenWidget() { a.bridge.Open() }

// CloseWidget closes the support chat.
func (a *App) CloseWidget() { a.bridge.Close() }

// ToggleWidget opens a closed chat and closes an open one.
func (a *App) ToggleWidget() { a.bridge.Toggle() }

// SendCustomerData sends the saved profile to the support team. The page hears what became of
// it whichever surface asked.
func (a *App) SendCustomerData() widget.Delivery {
	d := a.bridge.SendCustomerData()
	a.page.emit(EventDelivery, d)
	return d
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
		return SaveResult{}, a.notSaved(a.profiles.Path(), err)
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
		return SettingsResult{Errors: fields}, nil
	case err != nil:
		return SettingsResult{}, a.notSaved(a.settings.Path(), err)
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
