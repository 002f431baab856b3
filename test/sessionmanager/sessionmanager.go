// Package sessionmanager stands in for the desktop's session services in tests: GNOME's session
// manager (org.gnome.SessionManager on the session bus), which ends a session at logout, and
// logind (org.freedesktop.login1 on the system bus), which announces a shutdown. A test starts
// them on private buses (sniwatcher.PrivateBus, PrivateSystemBus) and ends the session as the
// desktop would.
package sessionmanager

import (
	"errors"
	"fmt"
	"os"
	"sync"

	"github.com/godbus/dbus/v5"
)

const (
	// Name is the session manager's bus name.
	Name        = "org.gnome.SessionManager"
	path        = dbus.ObjectPath("/org/gnome/SessionManager")
	clientIface = Name + ".ClientPrivate"

	// LogindName is logind's bus name.
	LogindName  = "org.freedesktop.login1"
	logindPath  = dbus.ObjectPath("/org/freedesktop/login1")
	logindIface = LogindName + ".Manager"
)

// ErrNameTaken means the service already runs on that bus: on a desktop's own bus, the real one.
var ErrNameTaken = errors.New("the service already runs on this bus")

// Client is one registration with the session manager.
type Client struct {
	// Bus is the client's unique name on the bus.
	Bus          string
	AppID        string
	StartupID    string
	Path         dbus.ObjectPath
	Unregistered bool
}

// Response is a client's answer to QueryEndSession or EndSession.
type Response struct {
	Path   dbus.ObjectPath
	OK     bool
	Reason string
}

// Manager is the session manager until Close.
type Manager struct {
	conn *dbus.Conn

	mu        sync.Mutex
	clients   []Client
	responses []Response
}

// Start connects to the session bus named by DBUS_SESSION_BUS_ADDRESS and takes the session
// manager's name.
func Start() (*Manager, error) {
	conn, err := own(dbus.SessionBusPrivateNoAutoStartup, Name)
	if err != nil {
		return nil, err
	}
	m := &Manager{conn: conn}
	err = conn.ExportMethodTable(map[string]any{
		"RegisterClient":   m.register,
		"UnregisterClient": m.unregister,
	}, path, Name)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("export the session manager: %w", err)
	}
	return m, nil
}

func (m *Manager) register(sender dbus.Sender, appID, startupID string) (dbus.ObjectPath, *dbus.Error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	client := dbus.ObjectPath(fmt.Sprintf("%s/Client%d", path, len(m.clients)+1))
	err := m.conn.ExportMethodTable(map[string]any{
		"EndSessionResponse": func(ok bool, reason string) *dbus.Error {
			m.mu.Lock()
			m.responses = append(m.responses, Response{Path: client, OK: ok, Reason: reason})
			m.mu.Unlock()
			return nil
		},
	}, client, clientIface)
	if err != nil {
		return "", dbus.MakeFailedError(err)
	}
	m.clients = append(m.clients, Client{Bus: string(sender), AppID: appID, StartupID: startupID, Path: client})
	return client, nil
}

func (m *Manager) unregister(client dbus.ObjectPath) *dbus.Error {
	m.mu.Lock()
	defer m.mu.Unlock()
	for i := range m.clients {
		if m.clients[i].Path == client {
			m.clients[i].Unregistered = true
			return nil
		}
	}
	return dbus.MakeFailedError(fmt.Errorf("no client %s", client))
}

// Clients lists the registrations in order.
func (m *Manager) Clients() []Client {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Client(nil), m.clients...)
}

// Responses lists the clients' answers in order.
func (m *Manager) Responses() []Response {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]Response(nil), m.responses...)
}

// QueryEndSession asks every client whether the session may end (a logout being confirmed).
func (m *Manager) QueryEndSession() error { return m.emit("QueryEndSession", uint32(0)) }

// EndSession tells every client the session ends now.
func (m *Manager) EndSession() error { return m.emit("EndSession", uint32(0)) }

// Stop tells every client to quit.
func (m *Manager) Stop() error { return m.emit("Stop") }

func (m *Manager) emit(signal string, args ...any) error {
	for _, c := range m.Clients() {
		if err := m.conn.Emit(c.Path, clientIface+"."+signal, args...); err != nil {
			return err
		}
	}
	return nil
}

// Close gives up the name and the connection.
func (m *Manager) Close() error { return m.conn.Close() }

// Inhibitor is a lock taken with logind's Inhibit.
type Inhibitor struct {
	What, Who, Why, Mode string
}

// Logind is logind's shutdown announcement and its inhibitor locks, until Close.
type Logind struct {
	conn *dbus.Conn

	mu         sync.Mutex
	inhibitors []Inhibitor
	pipes      []*os.File
}

// StartLogind connects to the system bus named by DBUS_SYSTEM_BUS_ADDRESS and takes logind's
// name.
func StartLogind() (*Logind, error) {
	conn, err := own(dbus.SystemBusPrivate, LogindName)
	if err != nil {
		return nil, err
	}
	l := &Logind{conn: conn}
	if err := conn.ExportMethodTable(map[string]any{"Inhibit": l.inhibit}, logindPath, logindIface); err != nil {
		conn.Close()
		return nil, fmt.Errorf("export logind: %w", err)
	}
	return l, nil
}

// inhibit hands out one end of a pipe as the lock, as logind does.
func (l *Logind) inhibit(what, who, why, mode string) (dbus.UnixFD, *dbus.Error) {
	r, w, err := os.Pipe()
	if err != nil {
		return 0, dbus.MakeFailedError(err)
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.inhibitors = append(l.inhibitors, Inhibitor{What: what, Who: who, Why: why, Mode: mode})
	l.pipes = append(l.pipes, r, w)
	return dbus.UnixFD(w.Fd()), nil
}

// Inhibitors lists the locks taken, in order.
func (l *Logind) Inhibitors() []Inhibitor {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]Inhibitor(nil), l.inhibitors...)
}

// PrepareForShutdown announces a shutdown (true) or calls it off (false).
func (l *Logind) PrepareForShutdown(start bool) error {
	return l.conn.Emit(logindPath, logindIface+".PrepareForShutdown", start)
}

// Close gives up the name and the connection.
func (l *Logind) Close() error {
	l.mu.Lock()
	for _, p := range l.pipes {
		p.Close()
	}
	l.mu.Unlock()
	return l.conn.Close()
}

func own(dial func(...dbus.ConnOption) (*dbus.Conn, error), name string) (*dbus.Conn, error) {
	conn, err := dial()
	if err != nil {
		return nil, fmt.Errorf("connect to the bus: %w", err)
	}
	if err := conn.Auth(nil); err != nil {
		conn.Close()
		return nil, fmt.Errorf("authenticate on the bus: %w", err)
	}
	if err := conn.Hello(); err != nil {
		conn.Close()
		return nil, fmt.Errorf("greet the bus: %w", err)
	}
	reply, err := conn.RequestName(name, dbus.NameFlagDoNotQueue)
	if err != nil {
		conn.Close()
		return nil, fmt.Errorf("request %s: %w", name, err)
	}
	if reply != dbus.RequestNameReplyPrimaryOwner {
		conn.Close()
		return nil, fmt.Errorf("%s: %w", name, ErrNameTaken)
	}
	return conn, nil
}
