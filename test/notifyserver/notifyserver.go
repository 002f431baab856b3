// Package notifyserver stands in for the desktop's notification server
// (org.freedesktop.Notifications) where a real one would be measured along with the app, as in
// the benchmark: it takes notifications as a server does, a replacement taking the place of the
// one still on screen, and counts what it was sent and what is on screen.
package notifyserver

import (
	"errors"
	"fmt"
	"sync"

	"github.com/godbus/dbus/v5"
)

const (
	name = "org.freedesktop.Notifications"
	path = dbus.ObjectPath("/org/freedesktop/Notifications")
)

// ErrNameTaken means a notification server already runs on the session bus.
var ErrNameTaken = errors.New("a notification server already runs on this session bus")

// Server is the notification server until Close.
type Server struct {
	conn *dbus.Conn

	mu   sync.Mutex
	last uint32
	open map[uint32]bool
	sent int
}

// Start connects to the session bus named by DBUS_SESSION_BUS_ADDRESS and takes the
// notification server's name.
func Start() (*Server, error) {
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return nil, fmt.Errorf("connect to the session bus: %w", err)
	}
	s := &Server{conn: conn, open: map[uint32]bool{}}
	if err := s.serve(); err != nil {
		conn.Close()
		return nil, err
	}
	return s, nil
}

func (s *Server) serve() error {
	if err := s.conn.Auth(nil); err != nil {
		return fmt.Errorf("authenticate on the session bus: %w", err)
	}
	if err := s.conn.Hello(); err != nil {
		return fmt.Errorf("greet the session bus: %w", err)
	}
	if err := s.conn.ExportMethodTable(map[string]any{
		"GetServerInformation": func() (string, string, string, string, *dbus.Error) {
			return "notifyserver", "jedidesk tests", "1", "1.2", nil
		},
		"GetCapabilities":   func() ([]string, *dbus.Error) { return []string{"body", "actions"}, nil },
		"Notify":            s.notify,
		"CloseNotification": s.close,
	}, path, name); err != nil {
		return fmt.Errorf("export the notification server: %w", err)
	}
	reply, err := s.conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil {
		return fmt.Errorf("request %s: %w", name, err)
	}
	if reply != dbus.RequestNameReplyPrimaryOwner {
		return ErrNameTaken
	}
	return nil
}

func (s *Server) notify(app string, replaces uint32, icon, summary, body string, actions []string,
	hints map[string]dbus.Variant, timeout int32) (uint32, *dbus.Error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := replaces
	if !s.open[id] {
		s.last++
		id = s.last
	}
	s.open[id] = true
	s.sent++
	return id, nil
}

func (s *Server) close(id uint32) *dbus.Error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.open, id)
	return nil
}

// OnScreen is how many notifications are up.
func (s *Server) OnScreen() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.open)
}

// Sent is how many Notify calls the server took.
func (s *Server) Sent() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sent
}

// Close gives up the name and the connection.
func (s *Server) Close() error { return s.conn.Close() }
