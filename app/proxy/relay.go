package proxy

import (
	"bufio"
	"crypto/tls"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// Relay is a proxy on the loopback that passes everything on to the network's proxy with the
// user's sign-in (Basic) added. WebKitGTK answers a proxy's 407 through its authenticate signal
// for page loads but not for the chat's WebSocket, and a custom proxy's address with the
// details in it breaks its bypass list (2.50): the webview goes through the relay instead,
// while the app's own requests answer the 407 themselves.
type Relay struct {
	ln net.Listener

	mu       sync.Mutex
	upstream *url.URL
	auth     string
}

// StartRelay serves a relay on a free loopback port; it passes nothing on until Set.
func StartRelay() (*Relay, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("the proxy relay cannot listen on the loopback: %w", err)
	}
	r := &Relay{ln: ln}
	go r.accept()
	return r, nil
}

// Via is c for the webview: through the relay, which signs in to c's proxy, when the user gave
// a sign-in for an http(s) proxy; else c.
func (r *Relay) Via(c Config) Config {
	user, password, ok := c.SignInFor()
	if r == nil || c.Mode != Server || c.SignIn == nil || !ok || c.URL.Scheme == "socks5" {
		return c
	}
	upstream := *c.URL
	upstream.User = nil
	r.mu.Lock()
	r.upstream = &upstream
	r.auth = "Basic " + base64.StdEncoding.EncodeToString([]byte(user+":"+password))
	r.mu.Unlock()
	return Config{Mode: Server, URL: &url.URL{Scheme: "http", Host: r.ln.Addr().String()}, Bypass: c.Bypass}
}

// Close stops the relay; connections already passed on end with their clients.
func (r *Relay) Close() { _ = r.ln.Close() }

func (r *Relay) accept() {
	for {
		conn, err := r.ln.Accept()
		if err != nil {
			return
		}
		go r.serve(conn)
	}
}

// serve passes one request on, then joins the connections: a tunnel (CONNECT), or one request
// and its answer (with "Connection: close", so that every request carries the sign-in), or a
// WebSocket's upgrade.
func (r *Relay) serve(client net.Conn) {
	_ = client.SetReadDeadline(time.Now().Add(30 * time.Second))
	in := bufio.NewReader(client)
	req, err := http.ReadRequest(in)
	_ = client.SetReadDeadline(time.Time{})
	r.mu.Lock()
	upstream, auth := r.upstream, r.auth
	r.mu.Unlock()
	if err != nil || upstream == nil {
		client.Close()
		return
	}
	proxyConn, err := dialProxy(upstream)
	if err != nil {
		_, _ = io.WriteString(client, "HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
		client.Close()
		return
	}
	req.Header.Del("Proxy-Connection")
	req.Header.Set("Proxy-Authorization", auth)
	if req.Method == http.MethodConnect {
		_, err = fmt.Fprintf(proxyConn, "CONNECT %s HTTP/1.1\r\nHost: %s\r\nProxy-Authorization: %s\r\n\r\n", req.Host, req.Host, auth)
	} else {
		if req.Header.Get("Upgrade") == "" {
			req.Close = true
			req.Header.Set("Connection", "close")
		}
		err = req.WriteProxy(proxyConn)
	}
	if err != nil {
		client.Close()
		proxyConn.Close()
		return
	}
	join(client, in, proxyConn)
}

func dialProxy(u *url.URL) (net.Conn, error) {
	dialer := &net.Dialer{Timeout: 15 * time.Second}
	if u.Scheme == "https" {
		return tls.DialWithDialer(dialer, "tcp", u.Host, &tls.Config{ServerName: u.Hostname()})
	}
	return dialer.Dial("tcp", u.Host)
}

// join copies both ways until either side is done; from holds what the client sent past the
// request.
func join(client net.Conn, from io.Reader, proxyConn net.Conn) {
	done := make(chan struct{}, 2)
	go func() {
		_, _ = io.Copy(proxyConn, from)
		done <- struct{}{}
	}()
	go func() {
		_, _ = io.Copy(client, proxyConn)
		done <- struct{}{}
	}()
	<-done
	client.Close()
	proxyConn.Close()
}
