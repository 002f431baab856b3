// Command updatemanifest makes the Windows update channel's key and signs its manifest
// (app/update; scripts/repo.sh, i.e. make repo, runs it):
//
//	updatemanifest keygen KEY_FILE       writes a new Ed25519 private key (PKCS #8 PEM, mode 0600)
//	                                     and prints its public half for the brand file
//	updatemanifest public KEY_FILE       prints the key's public half (update_public_key)
//	updatemanifest sign KEY_FILE APP_ID VERSION URL INSTALLER
//	                                     prints windows/latest.json for INSTALLER, published at URL
//
// A problem ends it with status 1 and one line.
package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"os"

	"jedidesk-desktop/app/update"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "updatemanifest:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	switch {
	case len(args) == 2 && args[0] == "keygen":
		return keygen(args[1], out)
	case len(args) == 2 && args[0] == "public":
		key, err := readKey(args[1])
		if err != nil {
			return err
		}
		_, err = fmt.Fprintln(out, update.EncodePublicKey(key.Public().(ed25519.PublicKey)))
		return err
	case len(args) == 6 && args[0] == "sign":
		return sign(args[1], args[2], args[3], args[4], args[5], out)
	}
	return errors.New("usage: updatemanifest keygen KEY_FILE | public KEY_FILE | sign KEY_FILE APP_ID VERSION URL INSTALLER")
}

func keygen(path string, out io.Writer) error {
	pub, key, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return err
	}
	der, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		return err
	}
	// O_EXCL: an existing key is never overwritten; installed copies trust only it.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("cannot write the key: %w", err)
	}
	if err := pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, update.EncodePublicKey(pub))
	return err
}

func readKey(path string) (ed25519.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read the Windows signing key: %w", err)
	}
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("%s is not a PEM private key (make one with `updatemanifest keygen`)", path)
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	key, ok := parsed.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s is not an Ed25519 key", path)
	}
	return key, nil
}

func sign(keyPath, appID, version, url, installer string, out io.Writer) error {
	key, err := readKey(keyPath)
	if err != nil {
		return err
	}
	data, err := os.ReadFile(installer)
	if err != nil {
		return fmt.Errorf("cannot read the installer: %w", err)
	}
	sum := sha256.Sum256(data)
	m := update.Sign(update.Manifest{Version: version, URL: url, SHA256: hex.EncodeToString(sum[:])}, appID, key)
	// The app reads it back with the same checks before it is published.
	encoded, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if _, err := update.ParseManifest(encoded, appID, key.Public().(ed25519.PublicKey)); err != nil {
		return err
	}
	_, err = fmt.Fprintln(out, string(encoded))
	return err
}
