package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// netProfile is a network between the user and the widget's servers: its round-trip time and
// the bandwidth of its link, the same both ways.
type netProfile struct {
	Name string        `json:"name"`
	RTT  time.Duration `json:"rtt"`
	Mbps float64       `json:"mbps"`
}

func (p netProfile) String() string {
	return fmt.Sprintf("%s (%s RTT, %g Mbit/s)", p.Name, p.RTT, p.Mbps)
}

// netProfiles are the networks. There is no netem in these machines' kernel, so a
// proxy adds them (netProxy).
var netProfiles = []netProfile{
	{Name: "office", RTT: 20 * time.Millisecond, Mbps: 50},
	{Name: "home", RTT: 80 * time.Millisecond, Mbps: 10},
	{Name: "mobile", RTT: 200 * time.Millisecond, Mbps: 2},
}

// parseProfiles reads -network: a comma-separated list of profile names, "all" or "none".
func parseProfiles(list string) ([]netProfile, error) {
	switch list {
	case "all":
		return netProfiles, nil
	case "none", "":
		return nil, nil
	}
	var out []netProfile
	for _, name := range strings.Split(list, ",") {
		found := false
		for _, p := range netProfiles {
			if p.Name == strings.TrimSpace(name) {
				out, found = append(out, p), true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown network profile %q (office, home, mobile, all, none)", name)
		}
	}
	return out, nil
}

// netProxy is a TCP proxy on loopback that makes the way to target behave like a profile's
// network: every byte arrives half a round trip after it was sent, a new connection can send
// only one round trip after it was opened (the TCP handshake), and all connections share one
// link of the profile's bandwidth in each direction, as a user's connections share their line.
// It works below HTTP, so keep-alive, parallel connections and WebSockets behave as they would.
// Not modelled: TCP slow start, loss, TLS (the stand-in speaks plain HTTP); each would make
// big downloads and new connections slower still.
type netProxy struct {
	URL     string
	profile netProfile
	target  string
	ln      net.Listener
	up      *link
	down    *link
	// downBytes counts what the servers sent to the program: what the user downloads.
	downBytes atomic.Int64
	conns     sync.WaitGroup
}

// startProxy proxies a free loopback port to target ("127.0.0.1:port") over profile's network.
func startProxy(target string, profile netProfile) (*netProxy, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &netProxy{
		URL: "http://" + ln.Addr().String(), profile: profile, target: target, ln: ln,
		up: newLink(profile.Mbps), down: newLink(profile.Mbps),
	}
	go p.serve()
	return p, nil
}

// Close stops accepting, ends every connection and waits for their goroutines.
func (p *netProxy) Close() {
	p.ln.Close()
	p.conns.Wait()
}

// TakeDownBytes returns the bytes downloaded since the last call.
func (p *netProxy) TakeDownBytes() int64 { return p.downBytes.Swap(0) }

func (p *netProxy) serve() {
	var open sync.Map // the connections to end on Close
	defer open.Range(func(c, _ any) bool { c.(net.Conn).Close(); return true })
	for {
		client, err := p.ln.Accept()
		if err != nil {
			return
		}
		opened := time.Now()
		server, err := net.Dial("tcp", p.target)
		if err != nil {
			client.Close()
			continue
		}
		open.Store(client, nil)
		open.Store(server, nil)
		p.conns.Add(2)
		handshake := opened.Add(p.profile.RTT)
		go func() {
			defer p.conns.Done()
			p.pipe(server, client, p.up, handshake, nil)
			open.Delete(client)
		}()
		go func() {
			defer p.conns.Done()
			p.pipe(client, server, p.down, time.Time{}, &p.downBytes)
			open.Delete(server)
		}()
	}
}

// chunk is data in flight and the moment it reaches the other end.
type chunk struct {
	data    []byte
	arrives time.Time
}

// pipe copies src to dst through l: each chunk leaves when the link is free (sending takes its
// size over the bandwidth) and arrives half a round trip later, never before notBefore plus
// half a round trip. When src ends, dst's write side is closed after the last chunk arrived;
// when either fails, both close.
func (p *netProxy) pipe(dst, src net.Conn, l *link, notBefore time.Time, count *atomic.Int64) {
	oneWay := p.profile.RTT / 2
	inFlight := make(chan chunk, 1024)
	delivered := make(chan struct{})
	go func() {
		defer close(delivered)
		for c := range inFlight {
			time.Sleep(time.Until(c.arrives))
			if _, err := dst.Write(c.data); err != nil {
				src.Close()
				dst.Close()
				for range inFlight {
				}
				return
			}
		}
		closeWrite(dst)
	}()
	buf := make([]byte, 16<<10)
	for {
		n, err := src.Read(buf)
		if n > 0 {
			if count != nil {
				count.Add(int64(n))
			}
			leaves := l.send(n)
			if leaves.Before(notBefore) {
				leaves = notBefore
			}
			inFlight <- chunk{data: append([]byte(nil), buf[:n]...), arrives: leaves.Add(oneWay)}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				dst.Close()
			}
			break
		}
	}
	close(inFlight)
	<-delivered
}

func closeWrite(c net.Conn) {
	if tcp, ok := c.(*net.TCPConn); ok {
		tcp.CloseWrite()
		return
	}
	c.Close()
}

// link is one direction of the user's line: one chunk at a time, at its bandwidth.
type link struct {
	bytesPerSecond float64
	mu             sync.Mutex
	freeAt         time.Time
}

func newLink(mbps float64) *link { return &link{bytesPerSecond: mbps * 1e6 / 8} }

// send books n bytes on the link and returns when their last byte has left.
func (l *link) send(n int) time.Time {
	l.mu.Lock()
	defer l.mu.Unlock()
	start := time.Now()
	if l.freeAt.After(start) {
		start = l.freeAt
	}
	l.freeAt = start.Add(time.Duration(float64(n) / l.bytesPerSecond * float64(time.Second)))
	return l.freeAt
}
