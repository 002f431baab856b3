// Package httpproxy is a company's HTTP proxy for the tests: CONNECT tunnels (TLS, WebSockets),
// plain requests in absolute form (GET and the rest, WebSocket upgrades included), Basic
// authentication when it has a user, and a log of everything that passed or was refused.
//
// It resolves only the names it was given, each to a loopback address: a stand-in served under
// such a name (under .invalid, which no real resolver answers) is reachable through the proxy
// and nowhere else, so a request that skips the proxy fails. Every other host is refused: a test
// never reaches off this machine through it.
package httpproxy

import (
	"bufio"
	"context"
	"crypto/tls"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Entry is one request the proxy saw.
type Entry struct {
	Method string
	// Host is the target's host:port as the client asked for it.
	Host string
	// Path is the request's path and query ("" for CONNECT).
	Path string
	// UserAgent is the client's User-Agent.
	UserAgent string
	// User is the Basic user name the client gave ("" for none).
	User string
	// Status is what the proxy answered: 200 for a tunnel or a request passed on, 407 for
	// missing or wrong credentials, 403 for a host it does not serve, 502 when the host was
	// down.
	Status int
}

// Proxy is a running proxy. Create it with Start.
type Proxy struct {
	// URL is the proxy's address, http://127.0.0.1:PORT.
	URL string
	// Addr is its host:port.
	Addr string

	hosts     map[string]string
	transport *http.Transport
	srv       *http.Server

	mu             sync.Mutex
	user, password string
	log            []Entry
	// inspect, when set, ends every tunnel's TLS here, as a company's TLS-inspecting proxy does,
	// and passes the plain stream on.
	inspect *tls.Config
}

// Inspect makes the proxy end the TLS of every tunnel itself with cert (signed by a company's
// certificate authority) and pass the plain stream on to the target, which speaks plain HTTP.
func (p *Proxy) Inspect(cert tls.Certificate) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inspect = &tls.Config{Certificates: []tls.Certificate{cert}}
}

// Start serves a proxy on a free loopback port that resolves each of hosts (name → loopback
// IP) and refuses every other host.
func Start(hosts map[string]string) (*Proxy, error) {
	for name, ip := range hosts {
		if parsed := net.ParseIP(ip); parsed == nil || !parsed.IsLoopback() {
			return nil, errors.New("httpproxy: " + name + " must resolve to a loopback address, not " + ip)
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &Proxy{URL: "http://" + ln.Addr().String(), Addr: ln.Addr().String(), hosts: hosts}
	p.transport = &http.Transport{DialContext: func(_ context.Context, _, addr string) (net.Conn, error) { return p.dial(addr) }}
	p.srv = &http.Server{Handler: p, ReadHeaderTimeout: 10 * time.Second}
	go p.srv.Serve(ln)
	return p, nil
}

// RequireAuth makes the proxy ask for Basic credentials (407) until a request carries user and
// password; "" for both lets everyone through again.
func (p *Proxy) RequireAuth(user, password string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.user, p.password = user, password
}

// Log is what the proxy saw so far.
func (p *Proxy) Log() []Entry {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Entry(nil), p.log...)
}

// Close stops the proxy; tunnels already open end with their clients.
func (p *Proxy) Close() {
	_ = p.srv.Close()
	p.transport.CloseIdleConnections()
}

// dial connects to addr (host:port) if the proxy serves its host.
func (p *Proxy) dial(addr string) (net.Conn, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	ip, ok := p.hosts[strings.ToLower(host)]
	if !ok {
		return nil, errRefused
	}
	return net.DialTimeout("tcp", net.JoinHostPort(ip, port), 5*time.Second)
}

var errRefused = errors.New("httpproxy: the proxy does not serve this host")

func (p *Proxy) record(e Entry) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.log = append(p.log, e)
}

// authorized checks the request's Proxy-Authorization and returns the user it names.
func (p *Proxy) authorized(r *http.Request) (string, bool) {
	p.mu.Lock()
	wantUser, wantPassword := p.user, p.password
	p.mu.Unlock()
	user, password := "", ""
	if raw, ok := strings.CutPrefix(r.Header.Get("Proxy-Authorization"), "Basic "); ok {
		if decoded, err := base64.StdEncoding.DecodeString(raw); err == nil {
			user, password, _ = strings.Cut(string(decoded), ":")
		}
	}
	return user, wantUser == "" || (user == wantUser && password == wantPassword)
}

func (p *Proxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e := Entry{Method: r.Method, Host: r.Host, UserAgent: r.UserAgent()}
	if r.Method != http.MethodConnect {
		if r.URL.Host == "" {
			http.Error(w, "this is a proxy: ask for an absolute URL", http.StatusBadRequest)
			return
		}
		e.Host, e.Path = r.URL.Host, r.URL.RequestURI()
		if r.URL.Port() == "" {
			e.Host = net.JoinHostPort(r.URL.Hostname(), "80")
		}
	}
	user, ok := p.authorized(r)
	e.User = user
	switch {
	case !ok:
		e.Status = http.StatusProxyAuthRequired
		w.Header().Set("Proxy-Authenticate", `Basic realm="Company proxy"`)
		http.Error(w, "proxy sign-in required", e.Status)
	case r.Method == http.MethodConnect:
		e.Status = p.tunnel(w, e.Host)
	case strings.EqualFold(r.Header.Get("Upgrade"), "websocket"):
		e.Status = p.upgrade(w, r, e.Host)
	default:
		e.Status = p.forward(w, r)
	}
	p.record(e)
}

// refusal is the status for a failed dial: 403 for a host the proxy does not serve, else 502.
func refusal(err error) int {
	if errors.Is(err, errRefused) {
		return http.StatusForbidden
	}
	return http.StatusBadGateway
}

func (p *Proxy) tunnel(w http.ResponseWriter, addr string) int {
	target, err := p.dial(addr)
	if err != nil {
		http.Error(w, err.Error(), refusal(err))
		return refusal(err)
	}
	client, buffered, err := http.NewResponseController(w).Hijack()
	if err != nil {
		target.Close()
		return http.StatusInternalServerError
	}
	_, _ = client.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n"))
	p.mu.Lock()
	inspect := p.inspect
	p.mu.Unlock()
	if inspect != nil {
		// What the client sent past the request is the TLS handshake's start.
		plain := tls.Server(&bufferedConn{Conn: client, r: buffered.Reader}, inspect)
		go func() {
			if err := plain.Handshake(); err != nil {
				plain.Close()
				target.Close()
				return
			}
			pipe(plain, bufio.NewReader(plain), target)
		}()
		return http.StatusOK
	}
	go pipe(client, buffered.Reader, target)
	return http.StatusOK
}

// upgrade passes a plain WebSocket's request on and then joins the two connections.
func (p *Proxy) upgrade(w http.ResponseWriter, r *http.Request, addr string) int {
	target, err := p.dial(addr)
	if err != nil {
		http.Error(w, err.Error(), refusal(err))
		return refusal(err)
	}
	out := r.Clone(r.Context())
	out.Header.Del("Proxy-Authorization")
	out.Header.Del("Proxy-Connection")
	out.RequestURI = ""
	if err := out.Write(target); err != nil {
		target.Close()
		http.Error(w, err.Error(), http.StatusBadGateway)
		return http.StatusBadGateway
	}
	client, buffered, err := http.NewResponseController(w).Hijack()
	if err != nil {
		target.Close()
		return http.StatusInternalServerError
	}
	go pipe(client, buffered.Reader, target)
	return http.StatusOK
}

func (p *Proxy) forward(w http.ResponseWriter, r *http.Request) int {
	out := r.Clone(r.Context())
	out.RequestURI = ""
	out.Header.Del("Proxy-Authorization")
	out.Header.Del("Proxy-Connection")
	resp, err := p.transport.RoundTrip(out)
	if err != nil {
		http.Error(w, err.Error(), refusal(err))
		return refusal(err)
	}
	defer resp.Body.Close()
	for name, values := range resp.Header {
		w.Header()[name] = values
	}
	w.WriteHeader(resp.StatusCode)
	// Each piece as it comes: the stand-in's control stream is one long answer.
	flusher := http.NewResponseController(w)
	buf := make([]byte, 32<<10)
	for {
		n, err := resp.Body.Read(buf)
		if n > 0 {
			if _, werr := w.Write(buf[:n]); werr != nil {
				break
			}
			_ = flusher.Flush()
		}
		if err != nil {
			break
		}
	}
	return http.StatusOK
}

// bufferedConn is a connection whose first bytes were already read into r.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(b []byte) (int, error) { return c.r.Read(b) }

// pipe copies both ways until either side closes; from holds what the client sent past the
// request.
func pipe(client net.Conn, from *bufio.Reader, target net.Conn) {
	done := make(chan struct{}, 2)
	go func() {
		_, _ = io.Copy(target, from)
		done <- struct{}{}
	}()
	go func() {
		_, _ = io.Copy(client, target)
		done <- struct{}{}
	}()
	<-done
	client.Close()
	target.Close()
}
