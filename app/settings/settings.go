// Package settings holds the app's own settings: the JediDesk widget token and
// where the widget is loaded from.
package settings

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"

	"jedidesk-desktop/app/hotkey"
	"jedidesk-desktop/app/jsonfile"
	"jedidesk-desktop/app/proxy"
	"jedidesk-desktop/app/validation"
	"jedidesk-desktop/app/zoom"
)

// DefaultWidgetURL is used when Settings.WidgetURL is empty.
const DefaultWidgetURL = "https://widget.jedidesk.com"

// Settings is the content of settings.json. Empty fields mean "not set".
type Settings struct {
	Token     string `json:"token,omitempty"`
	WidgetURL string `json:"widget_url,omitempty"`
	// Shortcut is the global keyboard shortcut that toggles the chat: "" for the default
	// (hotkey.Default), "off" for none, else a combination like "Ctrl+Alt+J".
	Shortcut string `json:"shortcut,omitempty"`
	// QuitOnClose makes the window's close button quit even when there is a tray to hide in.
	// Nil is "not set", so a user's false can override an administrator's true.
	QuitOnClose *bool `json:"quit_on_close,omitempty"`
	// NotificationsOff stops desktop notifications of support agents' replies; nil as above.
	NotificationsOff *bool `json:"notifications_off,omitempty"`
	// KeepNotifications keeps a reply's notification on screen until the user reads the
	// chat, where the notification server can; nil as above.
	KeepNotifications *bool `json:"keep_notifications,omitempty"`
	// Window is where the window was and how big, to open it the same way next time.
	Window *Window `json:"window,omitempty"`
	// Zoom is the window's zoom level in percent (zoom.Min to zoom.Max); 0 means 100 %.
	Zoom int `json:"zoom,omitempty"`
	// AlwaysOnTop keeps the window above other windows.
	AlwaysOnTop bool `json:"always_on_top,omitempty"`
	// SoundsOff mutes the chat's sounds (the widget's new-message sound).
	SoundsOff bool `json:"sounds_off,omitempty"`
	// Proxy is how everything the app sends reaches the network (app/proxy): "" for the
	// desktop's settings ("system"), "none", or a proxy's address.
	Proxy string `json:"proxy,omitempty"`
	// ProxyBypass are hosts reached without the proxy set in Proxy.
	ProxyBypass []string `json:"proxy_bypass,omitempty"`
}

// ProxyConfig is the proxy the settings ask for; a value Validate refuses (only a hand-edited
// file has one) gives the desktop's own.
func (s Settings) ProxyConfig() proxy.Config {
	c, err := proxy.Parse(s.Proxy, s.ProxyBypass)
	if err != nil {
		return proxy.Config{Mode: proxy.System}
	}
	return c
}

// ZoomLevel is the zoom level in percent to apply.
func (s Settings) ZoomLevel() int {
	if s.Zoom == 0 {
		return zoom.Default
	}
	return s.Zoom
}

// KeepingAppChoices is s, from the settings form, with the settings the app changes by itself
// (the menu's zoom and keep-on-top, the window's place, the switches that take effect at once)
// taken from current: the form does not hold them, and must not undo them.
func (s Settings) KeepingAppChoices(current Settings) Settings {
	s.Window, s.Zoom, s.AlwaysOnTop, s.SoundsOff = current.Window, current.Zoom, current.AlwaysOnTop, current.SoundsOff
	return s
}

// Window is the window's geometry in screen pixels.
type Window struct {
	X      int `json:"x"`
	Y      int `json:"y"`
	Width  int `json:"width"`
	Height int `json:"height"`
}

// Window sizes outside these bounds come from a broken file or a vanished monitor; the app
// then opens at its default size rather than off screen.
const (
	minWindowSize = 200
	maxWindowSize = 20000
	maxWindowPos  = 40000
)

func (w *Window) valid() bool {
	inside := func(v, lo, hi int) bool { return v >= lo && v <= hi }
	return w == nil || (inside(w.Width, minWindowSize, maxWindowSize) && inside(w.Height, minWindowSize, maxWindowSize) &&
		inside(w.X, -maxWindowPos, maxWindowPos) && inside(w.Y, -maxWindowPos, maxWindowPos))
}

// QuitsOnClose reports whether closing the window quits the app.
func (s Settings) QuitsOnClose() bool { return s.QuitOnClose != nil && *s.QuitOnClose }

// NotifiesReplies reports whether support agents' replies show as desktop notifications.
func (s Settings) NotifiesReplies() bool { return s.NotificationsOff == nil || !*s.NotificationsOff }

// KeepsNotifications reports whether a reply's notification stays until the chat is read.
func (s Settings) KeepsNotifications() bool {
	return s.KeepNotifications != nil && *s.KeepNotifications
}

// EffectiveShortcut is the shortcut to bind: the saved one, or the default when none is saved.
func (s Settings) EffectiveShortcut() hotkey.Shortcut {
	raw := s.Shortcut
	if raw == "" {
		raw = hotkey.Default
	}
	sc, err := hotkey.Parse(raw)
	if err != nil {
		// Validate refuses such a value, so only a hand-edited file gets here.
		return hotkey.Shortcut{}
	}
	return sc
}

const maxTokenLen = 128

// Validate checks s as given. The error is a validation.Errors with fields
// "token" and "widget_url".
func (s Settings) Validate() error {
	var errs validation.Errors
	checkToken(&errs, s.Token)
	checkWidgetURL(&errs, s.WidgetURL)
	if err := proxy.CheckProxy(s.Proxy); err != nil {
		errs.Add(KeyProxy, validation.CodeInvalidFormat, err.Error())
	}
	if err := proxy.CheckBypass(s.ProxyBypass); err != nil {
		errs.Add(KeyProxyBypass, validation.CodeInvalidFormat, err.Error())
	}
	if _, err := hotkey.Parse(s.Shortcut); err != nil {
		errs.Add("shortcut", validation.CodeInvalidFormat, "shortcut: "+err.Error())
	}
	if s.Zoom != 0 && !zoom.Valid(s.Zoom) {
		errs.Add("zoom", validation.CodeInvalidFormat, fmt.Sprintf("zoom: must be %d to %d percent", zoom.Min, zoom.Max))
	}
	if !s.Window.valid() {
		errs.Add("window", validation.CodeInvalidFormat, fmt.Sprintf("window: width and height must be %d to %d pixels", minWindowSize, maxWindowSize))
	}
	return errs.Err()
}

// normalized trims what users paste around values, so a copied token or URL
// with a stray space or trailing slash is accepted.
func (s Settings) normalized() Settings {
	s.Token = strings.TrimSpace(s.Token)
	if u, err := NormalizeWidgetURL(s.WidgetURL); err == nil {
		s.WidgetURL = u
	}
	// "ctrl + alt + j" is saved as "Ctrl+Alt+J"; an empty value stays empty (the default).
	if sc, err := hotkey.Parse(s.Shortcut); err == nil && strings.TrimSpace(s.Shortcut) != "" {
		s.Shortcut = sc.String()
	}
	// "system" is the default, kept as "" so that the user's file follows an administrator's.
	s.Proxy = strings.TrimSpace(s.Proxy)
	if strings.EqualFold(s.Proxy, proxy.SystemWord) {
		s.Proxy = ""
	} else if strings.EqualFold(s.Proxy, proxy.NoneWord) {
		s.Proxy = proxy.NoneWord
	}
	s.ProxyBypass = proxy.Normalize(s.ProxyBypass)
	return s
}

// ValidateToken accepts an empty token (not set) or 1 to 128 characters of
// A-Z, a-z, 0-9, '_', '.' and '-'. The error is a validation.Errors for
// field "token".
func ValidateToken(token string) error {
	var errs validation.Errors
	checkToken(&errs, token)
	return errs.Err()
}

// checkToken refuses rather than escapes unusual characters because the
// token ends up inside the widget's script.
func checkToken(errs *validation.Errors, token string) {
	if strings.ContainsFunc(token, func(r rune) bool { return !isTokenChar(r) }) {
		errs.Add("token", validation.CodeInvalidCharacters, "token may only contain letters A-Z and a-z, digits 0-9, '_', '.' and '-'")
	} else if len(token) > maxTokenLen {
		errs.Add("token", validation.CodeTooLong, fmt.Sprintf("token must be at most %d characters", maxTokenLen))
	}
}

func isTokenChar(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '.' || r == '-'
}

// NormalizeWidgetURL checks a widget address and returns it without
// surrounding white space and trailing "/"; "" (meaning DefaultWidgetURL)
// stays "". The error is a validation.Errors for field "widget_url".
func NormalizeWidgetURL(raw string) (string, error) {
	var errs validation.Errors
	normalized := checkWidgetURL(&errs, raw)
	if err := errs.Err(); err != nil {
		return "", err
	}
	return normalized, nil
}

// checkWidgetURL accepts only absolute http and https URLs with a host: the
// address is loaded into the app's window, so javascript:, file: and the like
// must never get through. It is a base address, so credentials, queries and
// fragments have no use and would end up inside any URL built on it.
func checkWidgetURL(errs *validation.Errors, raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	switch {
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Opaque != "" ||
		u.Hostname() == "" || strings.ContainsFunc(raw, unicode.IsSpace):
		errs.Add("widget_url", validation.CodeInvalidFormat, "widget URL must be an http:// or https:// address, like "+DefaultWidgetURL)
	case u.User != nil:
		errs.Add("widget_url", validation.CodeInvalidFormat, "widget URL must not contain a user name or password")
	case strings.ContainsAny(raw, "?#"):
		errs.Add("widget_url", validation.CodeInvalidFormat, "widget URL must not contain a query (?…) or fragment (#…)")
	}
	return strings.TrimRight(raw, "/")
}

// Store owns the current settings and their file. It is safe for concurrent
// use; saves are serialized. It wraps jsonfile.Store in a non-generic type so
// the app can bind it.
type Store struct {
	file *jsonfile.Store[Settings]
}

// NewStore returns a store for the settings file at path, holding empty
// settings until Load or Save.
func NewStore(path string) *Store {
	return &Store{file: jsonfile.NewStore(path, Settings.normalized, nil)}
}

// Path returns the settings file's path.
func (s *Store) Path() string { return s.file.Path() }

// Current returns a copy of the current settings.
func (s *Store) Current() Settings { return s.file.Current() }

// Load reads the settings file. A missing file gives empty settings and no
// error. A corrupt or invalid file is kept aside, Current becomes empty and
// the *jsonfile.CorruptError is returned. If the file cannot be read, the
// error is returned, Current is empty, nothing is touched, and Save refuses
// until a Load succeeds, so a file that was never read is never overwritten.
func (s *Store) Load() error { return s.file.Load() }

// Save normalizes and validates st. If st is invalid it returns the
// validation.Errors and writes nothing; otherwise it writes the file
// atomically, makes st current and returns the normalized settings.
func (s *Store) Save(st Settings) (Settings, error) { return s.file.Save(st) }
