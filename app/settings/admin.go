package settings

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// AdminPathEnv names another administrator file than the system one. It exists for tests and
// for administrators trying a file out; a user who can set the app's environment can also run
// another copy of it, so the lock is a guard against changes in the app, not a wall.
const AdminPathEnv = "JEDIDESK_ADMIN_SETTINGS"

// AdminPath is where the administrator's file for the app with id lives: AdminPathEnv if set,
// else the system-wide place for this OS (systemAdminPath), which users cannot write.
func AdminPath(id string) (string, error) {
	if p := os.Getenv(AdminPathEnv); p != "" {
		return p, nil
	}
	return systemAdminPath(id)
}

// Admin is the administrator's file: defaults for any setting, as in the user's
// settings.json, and the keys (from Keys) the user cannot change.
type Admin struct {
	Settings Settings
	Locked   []string
	// Updates is the administrator's say over the app's own updater (Windows): UpdatesOn,
	// UpdatesOff or UpdatesAuto. Users have no such setting, so it needs no lock. On Linux the
	// package manager updates the app and IT turns that off there (docs/packaging.md).
	Updates string
}

// The values of Admin.Updates.
const (
	// UpdatesOn offers a downloaded update to the user ("Restart to update").
	UpdatesOn = ""
	// UpdatesOff never asks the update server.
	UpdatesOff = "off"
	// UpdatesAuto installs a downloaded update when the app next quits.
	UpdatesAuto = "auto"
)

// adminFile is the file's form: the settings' own keys beside "locked". The window geometry is
// the user's alone, so it is not among them.
type adminFile struct {
	Token            string   `json:"token"`
	WidgetURL        string   `json:"widget_url"`
	Shortcut         string   `json:"shortcut"`
	QuitOnClose      *bool    `json:"quit_on_close"`
	NotificationsOff *bool    `json:"notifications_off"`
	KeepNotes        *bool    `json:"keep_notifications"`
	Updates          string   `json:"updates"`
	Proxy            string   `json:"proxy"`
	ProxyBypass      []string `json:"proxy_bypass"`
	Locked           []string `json:"locked"`
}

// LoadAdmin reads the administrator's file at path. No file means no administrator settings
// and no error. Any problem (unreadable, not JSON, an unknown key, a bad value, an unknown
// locked key) is an error naming the file and the field, and the whole file counts for
// nothing: half of an administrator's intent is not applied.
func LoadAdmin(path string) (Admin, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Admin{}, nil
	}
	if err != nil {
		return Admin{}, fmt.Errorf("administrator settings %s cannot be read: %w", path, err)
	}
	a, err := parseAdmin(data)
	if err != nil {
		return Admin{}, fmt.Errorf("administrator settings %s: %w", path, err)
	}
	return a, nil
}

func parseAdmin(data []byte) (Admin, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var f adminFile
	if err := dec.Decode(&f); err != nil {
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &typ) && typ.Field != "":
			return Admin{}, fmt.Errorf("%s: must be a %s", typ.Field, typ.Type)
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			return Admin{}, fmt.Errorf("%s: unknown key; the keys are %s, updates and locked",
				strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`), strings.Join(Keys, ", "))
		}
		return Admin{}, fmt.Errorf("not a JSON object of settings: %w", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return Admin{}, errors.New("more than one JSON value in the file")
	}
	s := Settings{Token: f.Token, WidgetURL: f.WidgetURL, Shortcut: f.Shortcut, QuitOnClose: f.QuitOnClose, NotificationsOff: f.NotificationsOff,
		KeepNotifications: f.KeepNotes, Proxy: f.Proxy, ProxyBypass: f.ProxyBypass}.normalized()
	if err := s.Validate(); err != nil {
		return Admin{}, err
	}
	for _, key := range f.Locked {
		if !slices.Contains(Keys, key) {
			return Admin{}, fmt.Errorf("locked: %q is no setting; lock any of %s", key, strings.Join(Keys, ", "))
		}
	}
	updates := f.Updates
	switch updates {
	case "on":
		updates = UpdatesOn
	case UpdatesOn, UpdatesOff, UpdatesAuto:
	default:
		return Admin{}, fmt.Errorf(`updates: %q is not one of "on", "off" and "auto"`, f.Updates)
	}
	return Admin{Settings: s, Locked: f.Locked, Updates: updates}, nil
}
