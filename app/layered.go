package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"strings"
	"sync"

	"jedidesk-desktop/app/hotkey"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/tokencheck"
	"jedidesk-desktop/app/validation"
)

// layeredSettings are the settings in effect: the brand's, the administrator's (some locked),
// the user's file and this run's command line, in that order; it saves the user's changes one
// at a time, checking a new token with the widget's service first.
type layeredSettings struct {
	app *App

	store  *settings.Store
	layers settings.Layers
	// http asks the widget's service about tokens.
	http *http.Client
	// mu keeps changes to the settings one at a time (see update).
	mu sync.Mutex
}

// loadLayers stacks the brand's settings and the administrator's file under the user's. A
// broken administrator file is reported and ignored: the app runs on the brand's defaults.
func (l *layeredSettings) loadLayers(adminFile string) settings.Layers {
	var admin settings.Admin
	if adminFile != "" {
		var err error
		if admin, err = settings.LoadAdmin(adminFile); err != nil {
			l.app.notices.add(Notice{Key: "notice.adminBroken", Args: map[string]string{"error": err.Error()}}, nil)
		}
	}
	layers := settings.NewLayers(settings.Settings{Token: l.app.brand.Token, WidgetURL: l.app.brand.WidgetURL}, admin.Settings, admin.Locked)
	layers.Updates = admin.Updates
	for key, given := range map[string]string{settings.KeyToken: l.app.overrides.Token, settings.KeyWidgetURL: l.app.overrides.WidgetURL} {
		if given != "" && layers.IsLocked(key) {
			fmt.Fprintf(l.app.log, "jedidesk-desktop: --%s is ignored: your administrator set %s\n", strings.ReplaceAll(key, "_", "-"), key)
		}
	}
	return layers
}

// current are the settings in effect: every layer, this run's command line included.
func (l *layeredSettings) current() settings.Settings {
	return l.layers.Effective(l.store.Current(), settings.Settings{Token: l.app.overrides.Token, WidgetURL: l.app.overrides.WidgetURL})
}

// shown are the settings as the Settings panel shows them: in effect, but without this run's
// command line, which is never saved.
func (l *layeredSettings) shown() settings.Settings {
	return l.layers.Effective(l.store.Current(), settings.Settings{})
}

// logRefused notes a settings change that was refused: these settings decide what the
// app loads, so a refusal is worth a line (the fields, never their values).
func (l *layeredSettings) logRefused(fields validation.Errors) {
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		names = append(names, f.Field+" ("+f.Code+")")
	}
	fmt.Fprintln(l.app.log, "jedidesk-desktop: refused a settings change:", strings.Join(names, ", "))
}

// update changes the saved settings with change and tells the page. Changes from the
// menu, the window and the page's switches come on different goroutines: one at a time, so
// none undoes another.
func (l *layeredSettings) update(change func(*settings.Settings)) (settings.Settings, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.store.Current()
	change(&s)
	saved, err := l.store.Save(s)
	if err != nil {
		return settings.Settings{}, err
	}
	l.app.page.emit(EventSettings, saved)
	return saved, nil
}

// checkNewToken asks the widget's service about the token s would save, when it is a new one
// (or a new address for it) and well-formed; otherwise the zero Result (nothing to check).
func (l *layeredSettings) checkNewToken(s, old settings.Settings) tokencheck.Result {
	token := strings.TrimSpace(s.Token)
	widgetURL, err := settings.NormalizeWidgetURL(s.WidgetURL)
	if token == "" || err != nil || settings.ValidateToken(token) != nil ||
		(token == old.Token && widgetURL == old.WidgetURL) {
		return tokencheck.Result{}
	}
	// The widget loads from the command line's address when there is one, whatever is saved.
	effective := widgetURL
	if l.app.overrides.WidgetURL != "" {
		effective = l.app.overrides.WidgetURL
	}
	if effective == "" {
		effective = settings.DefaultWidgetURL
	}
	api, err := tokencheck.APIBase(effective)
	if err != nil {
		return tokencheck.Result{}
	}
	return tokencheck.Check(context.Background(), l.http, api, token)
}

// unrecognisedToken is the answer to a save whose token the service does not know and the
// user has not confirmed: nothing is saved.
func (l *layeredSettings) unrecognisedToken() SettingsResult {
	fmt.Fprintln(l.app.log, "jedidesk-desktop: refused a settings change: token (unrecognised by the widget's service)")
	return SettingsResult{Errors: []validation.FieldError{{Field: "token", Code: CodeUnrecognised,
		Message: "token: the widget's service does not know this token; check it in the JediDesk admin panel"}}}
}

// save saves s as SaveSettings says, once the menu has no use for its shortcut.
func (l *layeredSettings) save(s settings.Settings, keepUnrecognised bool) (SettingsResult, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var fields validation.Errors
	old, before := l.store.Current(), l.current()
	// The form does not carry what the app saves by itself (the window, zoom, switches).
	own, err := l.layers.ForUser(s.KeepingAppChoices(old), old)
	if errors.As(err, &fields) {
		l.logRefused(fields)
		return SettingsResult{Errors: fields}, nil
	}
	// Against what the panel showed: an unchanged brand or administrator token is not new.
	check := l.checkNewToken(s, l.shown())
	if check.Verdict == tokencheck.NotRecognised && !keepUnrecognised {
		return l.unrecognisedToken(), nil
	}
	_, err = l.store.Save(own)
	switch {
	case errors.As(err, &fields):
		l.logRefused(fields)
		return SettingsResult{Errors: fields}, nil
	case err != nil:
		return SettingsResult{}, l.app.notSaved(l.store.Path(), err)
	}
	saved := l.shown()
	if !reflect.DeepEqual(l.current().ProxyConfig(), before.ProxyConfig()) {
		l.app.applyProxy()
	}
	if sc := saved.EffectiveShortcut(); sc != l.app.shortcut.boundNow() {
		// The new combination takes effect now; if another program holds it, the old one
		// stays, in the file too, so what is saved is what works.
		if err := l.app.shortcut.bind(sc); errors.Is(err, hotkey.ErrTaken) {
			_, _ = l.store.Save(old)
			_ = l.app.shortcut.bind(l.shown().EffectiveShortcut())
			return SettingsResult{Errors: []validation.FieldError{{Field: "shortcut", Code: "taken", Message: err.Error()}}}, nil
		}
	}
	if check.Verdict == tokencheck.Unreachable {
		l.app.notices.add(Notice{Key: "notice.tokenUnchecked"}, check.Err)
	}
	return SettingsResult{Saved: true, Settings: saved, Company: check.Company}, nil
}

// CodeUnrecognised is the field error of a token the widget's service does not know.
const CodeUnrecognised = "unrecognised"
