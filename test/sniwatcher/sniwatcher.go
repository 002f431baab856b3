// Package sniwatcher stands in for a desktop panel in tests. A StatusNotifierItem (a tray icon)
// only shows itself once an org.kde.StatusNotifierWatcher takes its registration, and a bare
// session bus has none; Watcher is that service, and its helpers do to a registered item what a
// panel does: click the icon, read the menu and tooltip, click an entry. PrivateBus gives a test
// a session bus of its own to run all this on.
package sniwatcher

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"strings"
	"sync"
	"time"

	"github.com/godbus/dbus/v5"
	"github.com/godbus/dbus/v5/prop"
)

// Name is the well-known bus name of the watcher service.
const Name = "org.kde.StatusNotifierWatcher"

const (
	watcherPath  = dbus.ObjectPath("/StatusNotifierWatcher")
	itemIface    = "org.kde.StatusNotifierItem"
	menuIface    = "com.canonical.dbusmenu"
	propsGet     = "org.freedesktop.DBus.Properties.Get"
	callDeadline = 5 * time.Second
)

// ErrNameTaken means a watcher already runs on the bus: on a desktop's own bus, its panel.
var ErrNameTaken = errors.New("another StatusNotifierWatcher already runs on this session bus")

// Watcher owns the watcher's name on the session bus until Close.
type Watcher struct {
	conn *dbus.Conn

	mu    sync.Mutex
	items []string
}

// Start connects to the session bus named by DBUS_SESSION_BUS_ADDRESS and takes the watcher's
// name.
func Start() (*Watcher, error) {
	conn, err := dbus.SessionBusPrivateNoAutoStartup()
	if err != nil {
		return nil, fmt.Errorf("connect to the session bus: %w", err)
	}
	w := &Watcher{conn: conn}
	if err := w.serve(); err != nil {
		conn.Close()
		return nil, err
	}
	return w, nil
}

func (w *Watcher) serve() error {
	if err := w.conn.Auth(nil); err != nil {
		return fmt.Errorf("authenticate on the session bus: %w", err)
	}
	if err := w.conn.Hello(); err != nil {
		return fmt.Errorf("greet the session bus: %w", err)
	}
	err := w.conn.ExportMethodTable(map[string]any{
		"RegisterStatusNotifierItem": w.register,
	}, watcherPath, Name)
	if err != nil {
		return fmt.Errorf("export the watcher: %w", err)
	}
	_, err = prop.Export(w.conn, watcherPath, prop.Map{Name: {
		"IsStatusNotifierHostRegistered": {Value: true, Emit: prop.EmitFalse},
		"ProtocolVersion":                {Value: int32(0), Emit: prop.EmitFalse},
	}})
	if err != nil {
		return fmt.Errorf("export the watcher's properties: %w", err)
	}
	reply, err := w.conn.RequestName(Name, dbus.NameFlagDoNotQueue)
	if err != nil {
		return fmt.Errorf("request %s: %w", Name, err)
	}
	if reply != dbus.RequestNameReplyPrimaryOwner {
		return ErrNameTaken
	}
	return nil
}

// register takes an item's registration. The argument is a bus name or, as fyne.io/systray
// and libappindicator send it, only an object path on the caller's own connection.
func (w *Watcher) register(sender dbus.Sender, service string) *dbus.Error {
	item := service
	if strings.HasPrefix(service, "/") {
		item = string(sender) + service
	} else if !strings.Contains(service, "/") {
		item = service + "/StatusNotifierItem"
	}
	w.mu.Lock()
	w.items = append(w.items, item)
	w.mu.Unlock()
	if err := w.conn.Emit(watcherPath, Name+".StatusNotifierItemRegistered", item); err != nil {
		return dbus.MakeFailedError(err)
	}
	return nil
}

// Items lists the registered items in order, each as "<bus name>/<object path>".
func (w *Watcher) Items() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return append([]string(nil), w.items...)
}

// Close gives up the name and the connection.
func (w *Watcher) Close() error {
	return w.conn.Close()
}

// MenuItem is one entry of an item's menu as a panel would draw it.
type MenuItem struct {
	ID       int32
	Label    string
	Enabled  bool
	Checkbox bool
	Checked  bool
}

// Activate is a left click on the item's icon.
func (w *Watcher) Activate(item string) error {
	dest, path, err := split(item)
	if err != nil {
		return err
	}
	return w.call(dest, path, itemIface+".Activate", nil, int32(0), int32(0))
}

// Menu reads the item's menu over dbusmenu, top level only, separators and hidden entries left
// out.
func (w *Watcher) Menu(item string) ([]MenuItem, error) {
	dest, menuPath, err := w.menuOf(item)
	if err != nil {
		return nil, err
	}
	var revision uint32
	var root struct {
		ID       int32
		Props    map[string]dbus.Variant
		Children []dbus.Variant
	}
	if err := w.call(dest, menuPath, menuIface+".GetLayout", []any{&revision, &root}, int32(0), int32(1), []string{}); err != nil {
		return nil, err
	}
	var out []MenuItem
	for _, child := range root.Children {
		fields, ok := child.Value().([]any)
		if !ok || len(fields) != 3 {
			return nil, fmt.Errorf("menu entry of unexpected shape %s", child.Signature())
		}
		id, _ := fields[0].(int32)
		props, _ := fields[1].(map[string]dbus.Variant)
		// A panel leaves out what the app hid, as it does separators.
		if visible, ok := props["visible"].Value().(bool); str(props, "type") == "separator" || ok && !visible {
			continue
		}
		enabled := true // dbusmenu's default when the property is absent
		if v, ok := props["enabled"].Value().(bool); ok {
			enabled = v
		}
		state, _ := props["toggle-state"].Value().(int32)
		out = append(out, MenuItem{
			ID:       id,
			Label:    str(props, "label"),
			Enabled:  enabled,
			Checkbox: str(props, "toggle-type") == "checkmark",
			Checked:  state == 1,
		})
	}
	return out, nil
}

// Click is a click on the menu entry id.
func (w *Watcher) Click(item string, id int32) error {
	dest, menuPath, err := w.menuOf(item)
	if err != nil {
		return err
	}
	return w.call(dest, menuPath, menuIface+".Event", nil, id, "clicked", dbus.MakeVariant(""), uint32(0))
}

// ID is the item's Id, by which a panel tells apps apart.
func (w *Watcher) ID(item string) (string, error) {
	var id string
	err := w.property(item, "Id", &id)
	return id, err
}

// Title is the item's name as a panel lists it.
func (w *Watcher) Title(item string) (string, error) {
	var title string
	err := w.property(item, "Title", &title)
	return title, err
}

// Tooltip is the title of the item's tooltip.
func (w *Watcher) Tooltip(item string) (string, error) {
	var tip struct {
		IconName    string
		Icons       []pixmap
		Title       string
		Description string
	}
	if err := w.property(item, "ToolTip", &tip); err != nil {
		return "", err
	}
	return tip.Title, nil
}

// Icon is the largest of the item's icon pixmaps.
func (w *Watcher) Icon(item string) (image.Image, error) {
	var pixmaps []pixmap
	if err := w.property(item, "IconPixmap", &pixmaps); err != nil {
		return nil, err
	}
	if len(pixmaps) == 0 {
		return nil, errors.New("the item has no icon pixmap")
	}
	best := pixmaps[0]
	for _, p := range pixmaps[1:] {
		if p.W > best.W {
			best = p
		}
	}
	return best.image()
}

// pixmap is the protocol's icon: width, height and ARGB32 pixels in network byte order.
type pixmap struct {
	W, H int32
	Pix  []byte
}

func (p pixmap) image() (image.Image, error) {
	if int(p.W)*int(p.H)*4 != len(p.Pix) {
		return nil, fmt.Errorf("icon pixmap of %dx%d carries %d bytes", p.W, p.H, len(p.Pix))
	}
	img := image.NewNRGBA(image.Rect(0, 0, int(p.W), int(p.H)))
	for i := 0; i < len(p.Pix); i += 4 {
		img.Set(i/4%int(p.W), i/4/int(p.W), color.NRGBA{A: p.Pix[i], R: p.Pix[i+1], G: p.Pix[i+2], B: p.Pix[i+3]})
	}
	return img, nil
}

func (w *Watcher) menuOf(item string) (string, dbus.ObjectPath, error) {
	dest, _, err := split(item)
	if err != nil {
		return "", "", err
	}
	var menuPath dbus.ObjectPath
	if err := w.property(item, "Menu", &menuPath); err != nil {
		return "", "", err
	}
	return dest, menuPath, nil
}

func (w *Watcher) property(item, name string, into any) error {
	dest, path, err := split(item)
	if err != nil {
		return err
	}
	var v dbus.Variant
	if err := w.call(dest, path, propsGet, []any{&v}, itemIface, name); err != nil {
		return err
	}
	if err := dbus.Store([]any{v.Value()}, into); err != nil {
		return fmt.Errorf("read %s of %s: %w", name, item, err)
	}
	return nil
}

// call fails after a deadline rather than hang a test on an item that stopped answering.
func (w *Watcher) call(dest string, path dbus.ObjectPath, method string, reply []any, args ...any) error {
	ctx, cancel := context.WithTimeout(context.Background(), callDeadline)
	defer cancel()
	call := w.conn.Object(dest, path).CallWithContext(ctx, method, 0, args...)
	if call.Err != nil {
		return fmt.Errorf("%s on %s%s: %w", method, dest, path, call.Err)
	}
	if len(reply) == 0 {
		return nil
	}
	if err := call.Store(reply...); err != nil {
		return fmt.Errorf("reply of %s: %w", method, err)
	}
	return nil
}

func split(item string) (string, dbus.ObjectPath, error) {
	i := strings.Index(item, "/")
	if i <= 0 {
		return "", "", fmt.Errorf("item %q is not <bus name>/<object path>", item)
	}
	return item[:i], dbus.ObjectPath(item[i:]), nil
}

func str(props map[string]dbus.Variant, key string) string {
	s, _ := props[key].Value().(string)
	return s
}
