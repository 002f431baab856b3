// Package keyring keeps the network proxy's sign-in in the desktop's keyring (the Secret
// Service on Linux, the Credential Manager on Windows, the Keychain on macOS, whose command gets
// it on its standard input), never in a file of the app's, the log or a command line.
package keyring

import (
	"encoding/json"
	"fmt"
)

// SignIn is a proxy's user name and password.
type SignIn struct {
	User     string `json:"user"`
	Password string `json:"password"`
}

// account is the entry's account within its service: one sign-in per app and proxy.
const account = "proxy sign-in"

// service names the entry for the app appID and the proxy at host, so that two brands or two
// proxies keep theirs apart, and a person looking at the keyring sees whose it is.
func service(appID, host string) string { return appID + " proxy " + host }

// Load reads the sign-in kept for host; ok is false when none is kept.
func Load(appID, host string) (SignIn, bool, error) {
	raw, found, err := get(service(appID, host), account)
	if err != nil || !found {
		return SignIn{}, false, err
	}
	var s SignIn
	if err := json.Unmarshal([]byte(raw), &s); err != nil || s.User == "" {
		return SignIn{}, false, fmt.Errorf("the keyring's entry for the proxy %s is not the app's", host)
	}
	return s, true, nil
}

// Save keeps s for host, in place of any sign-in kept before.
func Save(appID, host string, s SignIn) error {
	raw, err := json.Marshal(s)
	if err != nil {
		return err
	}
	return set(service(appID, host), account, string(raw))
}
