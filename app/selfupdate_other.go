//go:build !windows

package app

import "errors"

// startChecks does nothing here: on Linux the package manager brings updates (make repo), and
// the app only notices them (selfUpdate.installed).
func (u *selfUpdate) startChecks() {}

// install is never reached here: only the Windows updater downloads installers.
func install(string, string) error { return errors.ErrUnsupported }
