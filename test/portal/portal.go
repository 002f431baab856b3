// Package portal stands in for a Wayland desktop's XDG portal in tests: the
// org.freedesktop.portal.GlobalShortcuts interface of org.freedesktop.portal.Desktop, with the
// real method and signal types and the Request/Session objects on the real paths, but no dialog:
// it grants every binding (or cancels it, in CancelBind mode) at once. Press and ChangeTrigger do
// what the user does on a desktop: press the keys, change them in the desktop's settings.
package portal

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
)

// Name is the portal's well-known bus name.
const Name = "org.freedesktop.portal.Desktop"

const (
	path           = dbus.ObjectPath("/org/freedesktop/portal/desktop")
	shortcutsIface = "org.freedesktop.portal.GlobalShortcuts"
	requestIface   = "org.freedesktop.portal.Request"
	sessionIface   = "org.freedesktop.portal.Session"
)

// Mode is how the stand-in answers.
type Mode int

const (
	// Normal grants every binding.
	Normal Mode = iota
	// CancelBind answers BindShortcuts with response 1, as when the user cancels the desktop's
	// dialog.
	CancelBind
	// Unanswered never answers BindShortcuts, as when the desktop's dialog stays open.
	Unanswered
	// WithoutGlobalShortcuts owns the portal's name but offers no GlobalShortcuts, as a portal
	// whose desktop backend lacks them (Debian 12's GNOME 43) does.
	WithoutGlobalShortcuts
)

// Options configure the stand-in.
type Options struct {
	Mode Mode
	// Assign is the trigger description the "user" confirms in the desktop's dialog for every
	// binding; empty means the preferred trigger as the app proposed it.
	Assign string
}

// Binding is one shortcut of a BindShortcuts call, as the portal received it.
type Binding struct {
	Session          dbus.ObjectPath
	ID               string
	Description      string
	PreferredTrigger string
}

// Shortcut is one entry of the portal's shortcut lists, D-Bus type (sa{sv}).
type Shortcut struct {
	ID      string
	Options map[string]dbus.Variant
}

// Portal owns the portal's name on the session bus until Close.
type Portal struct {
	conn *dbus.Conn
	opts Options

	mu       sync.Mutex
	bindings []Binding
	// sessions are the open sessions and the shortcut ids bound in each.
	sessions map[dbus.ObjectPath]map[string]bool
	closed   []dbus.ObjectPath
	// assigned are the triggers the desktop keeps for the app, across sessions, as a desktop
	// keeps them per app.
	assigned map[string]string
	// descriptions are the shortcuts' descriptions, as last bound.
	descriptions map[string]string
}

// ErrNameTaken means a portal already runs on the bus: on a desktop's own bus, the real one.
var ErrNameTaken = errors.New("another desktop portal already runs on this session bus")

// Start connects to the session bus named by DBUS_SESSION_BUS_ADDRESS and takes the portal's
// name.
func Start(opts Options) (*Portal, error) {
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return nil, fmt.Errorf("connect to the session bus: %w", err)
	}
	p := &Portal{conn: conn, opts: opts, sessions: map[dbus.ObjectPath]map[string]bool{},
		assigned: map[string]string{}, descriptions: map[string]string{}}
	if err := p.serve(); err != nil {
		conn.Close()
		return nil, err
	}
	return p, nil
}

func (p *Portal) serve() error {
	if err := p.conn.Auth(nil); err != nil {
		return fmt.Errorf("authenticate on the session bus: %w", err)
	}
	if err := p.conn.Hello(); err != nil {
		return fmt.Errorf("greet the session bus: %w", err)
	}
	props := prop.Map{"org.freedesktop.portal.Settings": {"version": {Value: uint32(2), Emit: prop.EmitFalse}}}
	if p.opts.Mode != WithoutGlobalShortcuts {
		props[shortcutsIface] = map[string]*prop.Prop{"version": {Value: uint32(1), Emit: prop.EmitFalse}}
		err := p.conn.ExportMethodTable(map[string]any{
			"CreateSession": p.createSession,
			"BindShortcuts": p.bindShortcuts,
			"ListShortcuts": p.listShortcuts,
		}, path, shortcutsIface)
		if err != nil {
			return fmt.Errorf("export GlobalShortcuts: %w", err)
		}
	}
	if _, err := prop.Export(p.conn, path, props); err != nil {
		return fmt.Errorf("export the portal's properties: %w", err)
	}
	reply, err := p.conn.RequestName(Name, dbus.NameFlagDoNotQueue)
	if err != nil {
		return fmt.Errorf("request %s: %w", Name, err)
	}
	if reply != dbus.RequestNameReplyPrimaryOwner {
		return ErrNameTaken
	}
	return nil
}

// objectPath is where the portal puts a request or session object of sender's: the sender's
// unique name without the colon and with _ for each dot, then the caller's token.
func objectPath(kind string, sender dbus.Sender, options map[string]dbus.Variant, key string) (dbus.ObjectPath, *dbus.Error) {
	token, ok := options[key].Value().(string)
	if !ok || token == "" {
		return "", dbus.MakeFailedError(fmt.Errorf("the stand-in portal wants a %s option", key))
	}
	name := strings.ReplaceAll(strings.TrimPrefix(string(sender), ":"), ".", "_")
	return dbus.ObjectPath("/org/freedesktop/portal/desktop/" + kind + "/" + name + "/" + token), nil
}

func (p *Portal) createSession(sender dbus.Sender, options map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	request, derr := objectPath("request", sender, options, "handle_token")
	if derr != nil {
		return "", derr
	}
	session, derr := objectPath("session", sender, options, "session_handle_token")
	if derr != nil {
		return "", derr
	}
	err := p.conn.ExportMethodTable(map[string]any{"Close": func() *dbus.Error {
		p.mu.Lock()
		defer p.mu.Unlock()
		delete(p.sessions, session)
		p.closed = append(p.closed, session)
		return nil
	}}, session, sessionIface)
	if err != nil {
		return "", dbus.MakeFailedError(err)
	}
	p.mu.Lock()
	p.sessions[session] = map[string]bool{}
	p.mu.Unlock()
	// A string, not an object path: the specification's type for it.
	p.respond(request, 0, map[string]dbus.Variant{"session_handle": dbus.MakeVariant(string(session))})
	return request, nil
}

func (p *Portal) bindShortcuts(sender dbus.Sender, session dbus.ObjectPath, shortcuts []Shortcut, parentWindow string, options map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	request, derr := objectPath("request", sender, options, "handle_token")
	if derr != nil {
		return "", derr
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	bound, ok := p.sessions[session]
	if !ok {
		return "", dbus.MakeFailedError(fmt.Errorf("no open session %s", session))
	}
	for _, s := range shortcuts {
		description, _ := s.Options["description"].Value().(string)
		preferred, _ := s.Options["preferred_trigger"].Value().(string)
		p.bindings = append(p.bindings, Binding{Session: session, ID: s.ID, Description: description, PreferredTrigger: preferred})
	}
	switch p.opts.Mode {
	case CancelBind:
		p.respond(request, 1, map[string]dbus.Variant{})
		return request, nil
	case Unanswered:
		return request, nil
	}
	for _, s := range shortcuts {
		trigger := p.opts.Assign
		if trigger == "" {
			trigger, _ = s.Options["preferred_trigger"].Value().(string)
		}
		p.assigned[s.ID] = trigger
		p.descriptions[s.ID], _ = s.Options["description"].Value().(string)
		bound[s.ID] = true
	}
	p.respond(request, 0, map[string]dbus.Variant{"shortcuts": dbus.MakeVariant(p.listLocked(bound))})
	return request, nil
}

func (p *Portal) listShortcuts(sender dbus.Sender, session dbus.ObjectPath, options map[string]dbus.Variant) (dbus.ObjectPath, *dbus.Error) {
	request, derr := objectPath("request", sender, options, "handle_token")
	if derr != nil {
		return "", derr
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	bound, ok := p.sessions[session]
	if !ok {
		return "", dbus.MakeFailedError(fmt.Errorf("no open session %s", session))
	}
	// What the desktop kept for the app is bound in every session of it.
	for id := range p.assigned {
		bound[id] = true
	}
	p.respond(request, 0, map[string]dbus.Variant{"shortcuts": dbus.MakeVariant(p.listLocked(bound))})
	return request, nil
}

// listLocked lists the shortcuts bound in a session as the portal's results do. The caller
// holds mu.
func (p *Portal) listLocked(bound map[string]bool) []Shortcut {
	list := []Shortcut{}
	for id := range bound {
		list = append(list, Shortcut{ID: id, Options: map[string]dbus.Variant{
			"description":         dbus.MakeVariant(p.descriptions[id]),
			"trigger_description": dbus.MakeVariant(p.assigned[id]),
		}})
	}
	return list
}

// respond answers a request on its own object, after the method has returned, as the real
// portal does once the user has answered its dialog.
func (p *Portal) respond(request dbus.ObjectPath, code uint32, results map[string]dbus.Variant) {
	go func() {
		_ = p.conn.Emit(request, requestIface+".Response", code, results)
	}()
}

// Bindings lists every shortcut the app asked to bind, in order.
func (p *Portal) Bindings() []Binding {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Binding(nil), p.bindings...)
}

// ClosedSessions lists the sessions the app closed, in order.
func (p *Portal) ClosedSessions() []dbus.ObjectPath {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]dbus.ObjectPath(nil), p.closed...)
}

// Press is the user pressing the keys of shortcut id: Activated, then Deactivated, in every
// open session that has it bound. It fails when none has.
func (p *Portal) Press(id string) error {
	sessions := p.boundIn(id)
	if len(sessions) == 0 {
		return fmt.Errorf("no open session has %q bound", id)
	}
	stamp := uint64(time.Now().UnixMilli())
	for _, s := range sessions {
		for _, signal := range []string{"Activated", "Deactivated"} {
			if err := p.conn.Emit(path, shortcutsIface+"."+signal, s, id, stamp, map[string]dbus.Variant{}); err != nil {
				return err
			}
		}
	}
	return nil
}

// ChangeTrigger is the user giving shortcut id other keys in the desktop's settings:
// ShortcutsChanged in every open session that has it bound. It fails when none has.
func (p *Portal) ChangeTrigger(id, trigger string) error {
	sessions := p.boundIn(id)
	if len(sessions) == 0 {
		return fmt.Errorf("no open session has %q bound", id)
	}
	p.mu.Lock()
	p.assigned[id] = trigger
	p.mu.Unlock()
	for _, s := range sessions {
		p.mu.Lock()
		list := p.listLocked(p.sessions[s])
		p.mu.Unlock()
		if err := p.conn.Emit(path, shortcutsIface+".ShortcutsChanged", s, list); err != nil {
			return err
		}
	}
	return nil
}

func (p *Portal) boundIn(id string) []dbus.ObjectPath {
	p.mu.Lock()
	defer p.mu.Unlock()
	var sessions []dbus.ObjectPath
	for s, bound := range p.sessions {
		if bound[id] {
			sessions = append(sessions, s)
		}
	}
	return sessions
}

// Close gives up the name and the connection.
func (p *Portal) Close() error {
	return p.conn.Close()
}
