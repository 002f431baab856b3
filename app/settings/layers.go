package settings

import (
	"fmt"
	"slices"
	"strings"

	"jedidesk-desktop/app/validation"
)

// The settings an administrator may give defaults for and lock, by their key in the files.
const (
	KeyToken            = "token"
	KeyWidgetURL        = "widget_url"
	KeyShortcut         = "shortcut"
	KeyQuitOnClose      = "quit_on_close"
	KeyNotificationsOff = "notifications_off"
	KeyKeepNotes        = "keep_notifications"
	KeyProxy            = "proxy"
	KeyProxyBypass      = "proxy_bypass"
)

// Keys lists every key that Layers merges and locks, in the order errors name them.
var Keys = []string{KeyToken, KeyWidgetURL, KeyShortcut, KeyQuitOnClose, KeyNotificationsOff, KeyKeepNotes, KeyProxy, KeyProxyBypass}

// CodeLocked is the field error for a change to a setting the administrator locked.
const CodeLocked = "locked"

// Layers are the settings that come from outside the user's own file. Lowest first: built in
// (the zero Settings: the demo or JediDesk's widget, the default shortcut), the brand the app
// was built for, the administrator's defaults; then the user's file and this run's command
// line. A setting the administrator locked always has the value of the layers below the user.
type Layers struct {
	// Defaults are the built-in, brand and administrator layers merged (see Merge).
	Defaults Settings
	// Locked are keys from Keys.
	Locked []string
	// Updates is the administrator's Admin.Updates.
	Updates string
}

// NewLayers stacks the brand's settings under the administrator's defaults; locked are keys
// from Keys.
func NewLayers(brand, admin Settings, locked []string) Layers {
	return Layers{Defaults: Merge(brand.normalized(), admin.normalized()), Locked: locked}
}

// Merge lays each of layers over the one before: a field a layer sets replaces the field
// below, an unset one ("" or nil) lets it through. The window geometry is the user's alone
// and comes from the last layer that has one.
func Merge(layers ...Settings) Settings {
	var out Settings
	for _, l := range layers {
		if l.Token != "" {
			out.Token = l.Token
		}
		if l.WidgetURL != "" {
			out.WidgetURL = l.WidgetURL
		}
		if l.Shortcut != "" {
			out.Shortcut = l.Shortcut
		}
		if l.QuitOnClose != nil {
			out.QuitOnClose = l.QuitOnClose
		}
		if l.NotificationsOff != nil {
			out.NotificationsOff = l.NotificationsOff
		}
		if l.KeepNotifications != nil {
			out.KeepNotifications = l.KeepNotifications
		}
		if l.Window != nil {
			out.Window = l.Window
		}
		if l.Proxy != "" {
			out.Proxy = l.Proxy
		}
		if l.ProxyBypass != nil {
			out.ProxyBypass = l.ProxyBypass
		}
		// The app's own choices (zoom, keep on top, sounds) live only in the user's file.
		if l.Zoom != 0 {
			out.Zoom = l.Zoom
		}
		out.AlwaysOnTop = out.AlwaysOnTop || l.AlwaysOnTop
		out.SoundsOff = out.SoundsOff || l.SoundsOff
	}
	return out
}

// IsLocked reports whether the administrator locked key.
func (l Layers) IsLocked(key string) bool { return slices.Contains(l.Locked, key) }

// Effective is what the app uses: the defaults, the user's settings, then the command line's,
// with every locked setting back at its default.
func (l Layers) Effective(user, commandLine Settings) Settings {
	s := Merge(l.Defaults, user, commandLine)
	for _, key := range l.Locked {
		copyField(&s, l.Defaults, key)
	}
	return s
}

// ForUser turns what the user asked for in Settings (every field as shown) into what their
// own file keeps: only what differs from the defaults, so a setting they left alone follows a
// new brand or administrator default. A change to a locked setting is refused as a field error
// with CodeLocked; values are normalized first, so " abc" is no change from "abc". For a locked
// setting the file keeps what it had (previous), ready for the day the lock goes.
func (l Layers) ForUser(asked, previous Settings) (Settings, error) {
	asked = asked.normalized()
	var errs validation.Errors
	for _, key := range Keys {
		changed := fieldValue(asked, key) != fieldValue(l.Defaults, key)
		switch {
		case changed && l.IsLocked(key):
			errs.Add(key, CodeLocked, fmt.Sprintf("%s is set by your administrator and cannot be changed here", strings.ReplaceAll(key, "_", " ")))
		case l.IsLocked(key):
			copyField(&asked, previous, key)
		case !changed:
			copyField(&asked, Settings{}, key)
		}
	}
	if err := errs.Err(); err != nil {
		return Settings{}, err
	}
	return asked, nil
}

// fieldValue is the value of key in s as the user sees it: an unset flag reads as off.
func fieldValue(s Settings, key string) any {
	switch key {
	case KeyToken:
		return s.Token
	case KeyWidgetURL:
		return s.WidgetURL
	case KeyShortcut:
		return s.Shortcut
	case KeyQuitOnClose:
		return s.QuitOnClose != nil && *s.QuitOnClose
	case KeyNotificationsOff:
		return s.NotificationsOff != nil && *s.NotificationsOff
	case KeyKeepNotes:
		return s.KeepsNotifications()
	case KeyProxy:
		return s.Proxy
	case KeyProxyBypass:
		return strings.Join(s.ProxyBypass, ",")
	}
	panic("settings: no key " + key)
}

func copyField(dst *Settings, src Settings, key string) {
	switch key {
	case KeyToken:
		dst.Token = src.Token
	case KeyWidgetURL:
		dst.WidgetURL = src.WidgetURL
	case KeyShortcut:
		dst.Shortcut = src.Shortcut
	case KeyQuitOnClose:
		dst.QuitOnClose = src.QuitOnClose
	case KeyNotificationsOff:
		dst.NotificationsOff = src.NotificationsOff
	case KeyKeepNotes:
		dst.KeepNotifications = src.KeepNotifications
	case KeyProxy:
		dst.Proxy = src.Proxy
	case KeyProxyBypass:
		dst.ProxyBypass = src.ProxyBypass
	default:
		panic("settings: no key " + key)
	}
}
