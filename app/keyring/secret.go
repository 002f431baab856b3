package keyring

import (
	"errors"
	"fmt"

	gokeyring "github.com/zalando/go-keyring"
)

func get(service, user string) (string, bool, error) {
	secret, err := gokeyring.Get(service, user)
	switch {
	case errors.Is(err, gokeyring.ErrNotFound):
		return "", false, nil
	case err != nil:
		return "", false, fmt.Errorf("the desktop's keyring could not be read: %w", err)
	}
	return secret, true, nil
}

func set(service, user, secret string) error {
	if err := gokeyring.Set(service, user, secret); err != nil {
		return fmt.Errorf("the desktop's keyring did not keep it: %w", err)
	}
	return nil
}
