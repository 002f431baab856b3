package autostart

import (
	"errors"
	"fmt"
	"os"

	"golang.org/x/sys/windows/registry"
)

const (
	runKey = `Software\Microsoft\Windows\CurrentVersion\Run`
	// Task Manager's Startup tab switches Run entries off here without deleting them.
	approvedKey = `Software\Microsoft\Windows\CurrentVersion\Explorer\StartupApproved\Run`
)

// The value's name (App.RunValue) is shared with build/windows/installer/project.nsi: the
// installer's "Start at login" and the app's switch are one setting.

// Enable writes the Run value for the running executable and clears a Task Manager "disabled"
// mark, which would otherwise keep the new value from starting anything.
func Enable(app App) error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("turn on start at login: cannot tell where the app is installed: %w", err)
	}
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf(`turn on start at login: cannot open HKCU\%s: %w`, runKey, err)
	}
	defer k.Close()
	if err := k.SetStringValue(app.RunValue, `"`+exe+`" `+HiddenFlag); err != nil {
		return fmt.Errorf(`turn on start at login: cannot write HKCU\%s\%s: %w`, runKey, app.RunValue, err)
	}
	if err := deleteValue(approvedKey, app.RunValue); err != nil {
		return fmt.Errorf(`turn on start at login: cannot clear HKCU\%s\%s: %w`, approvedKey, app.RunValue, err)
	}
	return nil
}

// Disable removes the Run value. It is not an error if there is none.
func Disable(app App) error {
	if err := deleteValue(runKey, app.RunValue); err != nil {
		return fmt.Errorf(`turn off start at login: cannot remove HKCU\%s\%s: %w`, runKey, app.RunValue, err)
	}
	return nil
}

// Enabled reports whether the Run value exists and Task Manager has not switched it off.
func Enabled(app App) (bool, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf(`check start at login: cannot open HKCU\%s: %w`, runKey, err)
	}
	defer k.Close()
	if _, _, err := k.GetStringValue(app.RunValue); errors.Is(err, registry.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf(`check start at login: cannot read HKCU\%s\%s: %w`, runKey, app.RunValue, err)
	}
	return !switchedOffInTaskManager(app.RunValue), nil
}

// switchedOffInTaskManager reads the StartupApproved mark: an odd first byte means disabled.
// A missing or unreadable mark means Windows runs the entry.
func switchedOffInTaskManager(valueName string) bool {
	k, err := registry.OpenKey(registry.CURRENT_USER, approvedKey, registry.QUERY_VALUE)
	if err != nil {
		return false
	}
	defer k.Close()
	mark, _, err := k.GetBinaryValue(valueName)
	return err == nil && len(mark) > 0 && mark[0]&1 == 1
}

func deleteValue(key, valueName string) error {
	k, err := registry.OpenKey(registry.CURRENT_USER, key, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer k.Close()
	if err := k.DeleteValue(valueName); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return err
	}
	return nil
}
