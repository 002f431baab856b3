// Package brand says whose app this binary is: the plain JediDesk app, or one company's
// branded build with its own name, icon, id and preset widget token. Everything that tells two
// installed copies apart (binary, package, folders, locks, tray item, autostart entry, desktop
// file) is derived here from the app id, so two brands and the plain app never touch each other.
package brand

import (
	"strings"
)

// DefaultID is the plain JediDesk app's id. A company's brand needs one of its own.
const DefaultID = "com.jedidesk.desktop"

// Brand is one company's app as its brand file describes it (docs/packaging.md).
type Brand struct {
	// ID is reverse-DNS, like com.acme.support; every name that identifies the app comes from it.
	ID string `json:"id"`
	// Name is what users see: window title, menu, tray, notifications, launcher, installer.
	Name string `json:"name"`
	// Icon is an SVG or a PNG of at least 256 px, relative to the brand file or absolute. Only
	// the build reads it.
	Icon string `json:"icon"`
	// Token and WidgetURL preset the chat: the app opens the company's chat at first start.
	Token     string `json:"token"`
	WidgetURL string `json:"widget_url,omitempty"`
	// Language is the UI and widget language when the user's profile sets none.
	Language string `json:"language,omitempty"`
	// Version and Maintainer go into the installers only.
	Version    string `json:"version"`
	Maintainer string `json:"maintainer"`
	// UpdateURL is where the company publishes its signed package repository (make repo): the
	// .deb and .rpm add it to the system's package sources. Empty: installed copies are never
	// updated but by hand.
	UpdateURL string `json:"update_url,omitempty"`
	// UpdatePublicKey is the Ed25519 public key (base64) the Windows app checks the signature of
	// update_url's windows/latest.json with (app/update); without it the Windows app is updated
	// by reinstalling only.
	UpdatePublicKey string `json:"update_public_key,omitempty"`
}

// Icons are a branded build's own pictures, rendered from its icon at build time. A plain
// build has none and uses the app's committed ones.
type Icons struct {
	// Tray and TrayUnread are PNGs for the Linux tray; the unread one carries a badge.
	Tray, TrayUnread []byte
	// TrayICO and TrayUnreadICO are the same for the Windows notification area.
	TrayICO, TrayUnreadICO []byte
	// Window is a 256 px PNG for the window's own icon.
	Window []byte
}

// Default is the plain JediDesk app. Its derived names are the ones the app always had, so
// existing users keep their files.
func Default() Brand {
	return Brand{ID: DefaultID, Name: "JediDesk Desktop"}
}

// built and builtIcons are what this binary was built as. A branded build (scripts/package.sh
// with BRAND=…) compiles a generated file beside this one that sets both in an init function;
// the repository never holds that file.
var (
	built      = Default()
	builtIcons Icons
)

// Built is the brand this binary was built for.
func Built() Brand { return built }

// BuiltIcons are the built brand's icons; empty for the plain app.
func BuiltIcons() Icons { return builtIcons }

// Command is the name of the binary and the package, and of the app's config, data and log
// folders, its WebKit storage, desktop file, icons, tray item and XDG autostart entry: the id
// without its first part, dots turned to dashes (com.acme.support → acme-support,
// com.jedidesk.desktop → jedidesk-desktop). Valid ids always give a valid Debian and RPM
// package name.
func (b Brand) Command() string {
	_, rest, ok := strings.Cut(b.ID, ".")
	if !ok {
		return b.ID
	}
	return strings.ReplaceAll(rest, ".", "-")
}

// DesktopFile is the name of the app's installed .desktop file, which is also its desktop file
// id: launchers match the app's badge and notifications to their icon by it.
func (b Brand) DesktopFile() string { return b.Command() + ".desktop" }

// RunValue is the name of the app's value under Windows' HKCU\…\Run key, shared by the
// installer's "Start at login" and the app's own switch.
func (b Brand) RunValue() string {
	if b.ID == DefaultID {
		// What the plain app's installers wrote before there were brands: kept so an update
		// still finds and removes it.
		return "JediDesk Desktop"
	}
	return b.ID
}
