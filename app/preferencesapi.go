package app

import (
	"errors"
	"fmt"

	"github.com/wailsapp/wails/v2/pkg/menu/keys"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"jedidesk-desktop/app/appmenu"
	"jedidesk-desktop/app/hotkey"
	"jedidesk-desktop/app/i18n"
	"jedidesk-desktop/app/profile"
	"jedidesk-desktop/app/settings"
	"jedidesk-desktop/app/validation"
)

// PreferencesAPI is what the page asks of the app for the user's own choices: the profile,
// the settings and the switches. Bound to JavaScript as window.go.app.PreferencesAPI; every
// exported method must be declared in frontend/src/page/backend.ts
// (TestThePageDeclaresExactlyTheBoundMethods).
type PreferencesAPI struct {
	app *App
}

// SaveProfile validates and saves p, then sends it to the widget. Invalid fields come back as
// field errors and nothing is written; a failed write comes back as an error.
func (api *PreferencesAPI) SaveProfile(p profile.Profile) (SaveResult, error) {
	saved, err := api.app.profiles.Save(p)
	var fields validation.Errors
	switch {
	case errors.As(err, &fields):
		return SaveResult{Errors: fields}, nil
	case err != nil:
		return SaveResult{}, api.app.notSaved(api.app.profiles.Path(), err)
	}
	res := SaveResult{Saved: true, Profile: saved, Delivery: api.app.bridge.SendCustomerData()}
	api.app.page.emit(EventProfileSaved, res)
	api.app.setLanguage(api.app.chooseLanguage(saved.Language))
	return res, nil
}

// SaveSettings validates and saves s, every setting as the panel shows it; the user's file
// keeps what differs from the brand's and administrator's defaults. A change to a setting the
// administrator locked is refused as a field error. A new token is first checked with the
// widget's service: one it does not know is saved only when keepUnrecognised says the user
// confirmed it; one that could not be checked is saved with a notice saying so. The page
// reloads the widget afterwards; the bridge keeps any commands still waiting across that reload.
func (api *PreferencesAPI) SaveSettings(s settings.Settings, keepUnrecognised bool) (SettingsResult, error) {
	if clash := menuClash(s); clash != "" {
		return SettingsResult{Errors: []validation.FieldError{{Field: "shortcut", Code: validation.CodeDuplicate,
			Message: "shortcut: the app menu uses it for " + clash + "; choose another"}}}, nil
	}
	return api.app.settings.save(s, keepUnrecognised)
}

// StartAtLogin says whether the app starts when the user logs in.
func (api *PreferencesAPI) StartAtLogin() (bool, error) {
	on, err := api.app.login.reread()
	if err != nil {
		return false, fmt.Errorf("cannot tell whether the app starts at login: %w", err)
	}
	return on, nil
}

// SetStartAtLogin adds or removes the login entry (started with the window hidden).
func (api *PreferencesAPI) SetStartAtLogin(on bool) error {
	verb := "stop"
	if on {
		verb = "start"
	}
	if err := api.app.login.set(on); err != nil {
		err = fmt.Errorf("could not make the app %s at login: %w", verb, err)
		fmt.Fprintln(api.app.log, "jedidesk-desktop: refused:", err)
		return err
	}
	return nil
}

// SetAlwaysOnTop keeps the window above the others, or not, and remembers it (the View menu's
// check box and the settings' switch).
func (api *PreferencesAPI) SetAlwaysOnTop(on bool) error {
	if _, err := api.app.settings.update(func(s *settings.Settings) { s.AlwaysOnTop = on }); err != nil {
		return fmt.Errorf("keep on top was not remembered: %w", err)
	}
	if ctx := api.app.page.context(); ctx != nil {
		runtime.WindowSetAlwaysOnTop(ctx, on)
		appmenu.SetKeepOnTop(ctx, api.app.menuBar, on)
	}
	return nil
}

// SetSounds turns the chat's sounds on or off, and remembers it.
func (api *PreferencesAPI) SetSounds(on bool) error {
	if _, err := api.app.settings.update(func(s *settings.Settings) { s.SoundsOff = !on }); err != nil {
		return fmt.Errorf("the sound setting was not remembered: %w", err)
	}
	api.app.applyWebview()
	return nil
}

// ProxySignIn tries the user's details for the network's proxy, which asked for them
// (EventProxySignIn): taken, every request of the app carries them from now on and the page
// loads the chat again, and remember keeps them in the desktop's keyring; refused, the page
// asks again.
func (api *PreferencesAPI) ProxySignIn(user, password string, remember bool) (ProxySignInResult, error) {
	return api.app.signIn.signIn(user, password, remember)
}

// CancelProxySignIn: the user gave no details (for the log: the window says the rest).
func (api *PreferencesAPI) CancelProxySignIn() { api.app.signIn.decline() }

// menuClash names the menu item whose accelerator s's shortcut would shadow: a global grab
// takes the keys before the window sees them, so the item would stop working.
func menuClash(s settings.Settings) string {
	sc, err := hotkey.Parse(s.Shortcut)
	if err != nil || sc.IsZero() {
		return ""
	}
	en := i18n.For("en")
	for _, item := range append(appmenu.Items(appmenu.Actions{}, en), appmenu.ViewItems(appmenu.Actions{}, en)...) {
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
