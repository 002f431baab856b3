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
	// valueName is shared with build/windows/installer/project.nsi: the installer's
	// "Start at login" and the app's switch are one setting.
	valueName = "JediDesk Desktop"
)

// Enable writes the Run value for the running executable and clears a Task Manager "disabled"
// mark, which would otherwise keep the new value from starting anything.
func Enable() error {
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("turn on start at login: cannot tell where the app is installed: %w", err)
	}
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf(`turn on start at login: cannot open HKCU\%s: %w`, runKey, err)
	}
	defer k.Close()
	if err := k.SetStringValue(valueName, `"`+exe+`" `+HiddenFlag); err != nil {
		return fmt.Errorf(`turn on start at login: cannot write HKCU\%s\%s: %w`, runKey, valueName, err)
	}
	if err := deleteValue(approvedKey); err != nil {
		return fmt.Errorf(`turn on start at login: cannot clear HKCU\%s\%s: %w`, approvedKey, valueName, err)
	}
	return nil
}

// Disable removes the Run value. It is not an error if there is none.
func Disable() error {
	if err := deleteValue(runKey); err != nil {
		return fmt.Errorf(`turn off start at login: cannot remove HKCU\%s\%s: %w`, runKey, valueName, err)
	}
	return nil
}

// Enabled reports whether the Run value exists and Task Manager has not switched it off.
func Enabled() (bool, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf(`check start at login: cannot open HKCU\%s: %w`, runKey, err)
	}
	defer k.Close()
	if _, _, err := k.GetStringValue(valueName); errors.Is(err, registry.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf(`check start at login: cannot read HKCU\%s\%s: %w`, runKey, valueName, err)
	}
	return !switchedOffInTaskManager(), nil
}

// switchedOffInTaskManager reads the StartupApproved mark: an odd first byte means disabled.
// A missing or unreadable mark means Windows runs the entry.
func switchedOffInTaskManager() bool {
	k, err := registry.OpenKey(registry.CURRENT_USER, approvedKey, registry.QUERY_VALUE)
	if err != nil {
		return false
	}
	defer k.Close()
	mark, _, err := k.GetBinaryValue(valueName)
	return err == nil && len(mark) > 0 && mark[0]&1 == 1
}

func deleteValue(key string) error {
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
