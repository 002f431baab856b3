package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"

	"jedidesk-desktop/app/keyring"
	"jedidesk-desktop/app/proxy"
	"jedidesk-desktop/app/widget"
)

// EventProxySignIn asks the page for the proxy's user name and password (ProxySignInRequest).
const EventProxySignIn = "ui:proxy-sign-in"

// ProxySignInRequest is what the sign-in asks about.
type ProxySignInRequest struct {
	// Host is the proxy's host:port, as the user knows it.
	Host string `json:"host"`
	// Refused: the proxy refused the details the app had (the user's last ones, or the kept).
	Refused bool `json:"refused"`
}

// ProxySignInResult is what became of the details the user gave.
type ProxySignInResult struct {
	// SignedIn: the proxy took them; the page loads the chat again.
	SignedIn bool `json:"signedIn"`
	// Refused: the proxy refused them; the page asks again.
	Refused bool `json:"refused"`
}

// signInCheckTimeout bounds the one request that tries the user's details.
const signInCheckTimeout = 10 * time.Second

// proxySignIn holds the proxy's sign-in for this run: the user's details, which every request
// of the app and the webview carry (proxyConfig).
type proxySignIn struct {
	app *App

	mu             sync.Mutex
	user, password string
	// host is the proxy they are for: another proxy in the settings never gets them.
	host string
	// refused: the proxy refused the app since the page last loaded (it is asked once a page).
	refused bool
}

// with is c carrying the user's details, for a proxy set here that has none of its own.
func (s *proxySignIn) with(c proxy.Config) proxy.Config {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.Mode == proxy.Server && c.URL.User == nil && s.user != "" && s.host == c.Host() {
		c.SignIn = url.UserPassword(s.user, s.password)
	}
	return c
}

// keyringWait is how long the start waits for the keyring, which may be asking the user to
// unlock it; a sign-in that comes later is still taken.
const keyringWait = 2 * time.Second

// loadKept takes the sign-in the user asked the app to remember for the proxy in effect, from
// the desktop's keyring. Only a proxy set in the settings without details of its own needs one:
// nothing asks the keyring otherwise (asking may start a keyring service).
func (s *proxySignIn) loadKept() {
	c := s.app.settings.current().ProxyConfig()
	if c.Mode != proxy.Server || c.URL.User != nil {
		return
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		s.takeKept(c)
	}()
	select {
	case <-done:
	case <-time.After(keyringWait):
		fmt.Fprintln(s.app.log, "jedidesk-desktop: network: the desktop's keyring has not answered yet; starting without its sign-in")
	}
}

func (s *proxySignIn) takeKept(c proxy.Config) {
	kept, ok, err := keyring.Load(s.app.brand.ID, c.Host())
	switch {
	case err != nil:
		fmt.Fprintf(s.app.log, "jedidesk-desktop: network: no sign-in for the proxy %s from the keyring: %v\n", c.Host(), err)
	case ok:
		s.mu.Lock()
		s.user, s.password, s.host = kept.User, kept.Password, c.Host()
		s.mu.Unlock()
		fmt.Fprintf(s.app.log, "jedidesk-desktop: network: the sign-in of user %q for the proxy %s comes from the desktop's keyring\n", kept.User, c.Host())
	}
}

// refusedBy notes that the proxy answered 407 to one of the app's requests, and asks the page
// for a sign-in, once a page. The desktop's own proxy ("system") takes its details in the
// desktop's settings: the app names no proxy it does not know.
func (s *proxySignIn) refusedBy(c proxy.Config) {
	s.mu.Lock()
	first := !s.refused
	s.refused = true
	hadDetails := (s.user != "" && s.host == c.Host()) || (c.URL != nil && c.URL.User != nil)
	s.mu.Unlock()
	s.app.netFailure.saw(widget.FailureProxyRefused)
	if !first {
		return
	}
	if c.Mode != proxy.Server {
		fmt.Fprintln(s.app.log, "jedidesk-desktop: network: the desktop's proxy refused the app (407: it asks for a sign-in; give it in the desktop's proxy settings, or set the proxy in the app's)")
		return
	}
	fmt.Fprintf(s.app.log, "jedidesk-desktop: network: the proxy %s refused the app (407: it asks for a sign-in)\n", c.Host())
	s.app.page.emit(EventProxySignIn, ProxySignInRequest{Host: c.Host(), Refused: hadDetails})
}

// pageLoaded starts a new page's watch for the proxy's refusals.
func (s *proxySignIn) pageLoaded() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refused = false
}

// signIn tries user and password with one request through the proxy in effect; the proxy
// taking them makes them the app's for this run, and remember keeps them in the desktop's
// keyring for the next runs.
func (s *proxySignIn) signIn(user, password string, remember bool) (ProxySignInResult, error) {
	c := s.app.settings.current().ProxyConfig()
	if c.Mode != proxy.Server {
		return ProxySignInResult{}, errors.New("no proxy is set in the app's settings to sign in to")
	}
	c.SignIn = url.UserPassword(user, password)
	ctx, cancel := context.WithTimeout(context.Background(), signInCheckTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.app.source().WidgetURL, nil)
	if err != nil {
		return ProxySignInResult{}, fmt.Errorf("the widget's address cannot be asked for: %w", err)
	}
	resp, err := (&http.Client{Transport: proxy.Transport(func() proxy.Config { return c })}).Do(req)
	if err != nil {
		return ProxySignInResult{}, fmt.Errorf("the proxy %s could not be reached to sign in: %w", c.Host(), err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusProxyAuthRequired {
		fmt.Fprintf(s.app.log, "jedidesk-desktop: network: the proxy %s refused the sign-in of user %q\n", c.Host(), user)
		return ProxySignInResult{Refused: true}, nil
	}
	s.mu.Lock()
	s.user, s.password, s.host = user, password, c.Host()
	s.mu.Unlock()
	fmt.Fprintf(s.app.log, "jedidesk-desktop: network: signed in to the proxy %s as %q\n", c.Host(), user)
	s.app.applyProxy()
	if remember {
		if err := keyring.Save(s.app.brand.ID, c.Host(), keyring.SignIn{User: user, Password: password}); err != nil {
			s.app.notices.add(Notice{Key: "notice.proxyNotRemembered", Args: map[string]string{"proxy": c.Host()}}, err)
		} else {
			fmt.Fprintf(s.app.log, "jedidesk-desktop: network: the sign-in for the proxy %s is kept in the desktop's keyring\n", c.Host())
		}
	}
	return ProxySignInResult{SignedIn: true}, nil
}

// decline: the user cancelled the sign-in; the window says the proxy refused the chat.
func (s *proxySignIn) decline() {
	fmt.Fprintln(s.app.log, "jedidesk-desktop: network: the user cancelled the proxy's sign-in; the chat cannot load through it")
}
