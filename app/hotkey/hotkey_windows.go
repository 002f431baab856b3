package hotkey

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/windows"
)

var (
	user32                 = windows.NewLazySystemDLL("user32.dll")
	procRegisterHotKey     = user32.NewProc("RegisterHotKey")
	procUnregisterHotKey   = user32.NewProc("UnregisterHotKey")
	procGetMessageW        = user32.NewProc("GetMessageW")
	procPeekMessageW       = user32.NewProc("PeekMessageW")
	procPostThreadMessageW = user32.NewProc("PostThreadMessageW")
)

const (
	wmQuit   = 0x0012
	wmHotkey = 0x0312
	// wmBind tells the listener thread that a request waits in winListener.requests.
	wmBind = 0x8000 + 1 // WM_APP + 1

	pmNoRemove = 0x0000

	winModAlt      = 0x0001
	winModControl  = 0x0002
	winModShift    = 0x0004
	winModWin      = 0x0008
	winModNoRepeat = 0x4000

	// maxHotkeyID is the last id RegisterHotKey accepts from an application.
	maxHotkeyID = 0xBFFF
)

var winNamedKeys = map[string]uint16{
	"Space":        0x20, // VK_SPACE
	"Enter":        0x0D, // VK_RETURN
	"Escape":       0x1B, // VK_ESCAPE
	"Tab":          0x09, // VK_TAB
	"Backspace":    0x08, // VK_BACK
	"Home":         0x24, // VK_HOME
	"End":          0x23, // VK_END
	"PageUp":       0x21, // VK_PRIOR
	"PageDown":     0x22, // VK_NEXT
	"Insert":       0x2D, // VK_INSERT
	"Delete":       0x2E, // VK_DELETE
	"Up":           0x26, // VK_UP
	"Down":         0x28, // VK_DOWN
	"Left":         0x25, // VK_LEFT
	"Right":        0x27, // VK_RIGHT
	"Comma":        0xBC, // VK_OEM_COMMA
	"Period":       0xBE, // VK_OEM_PERIOD
	"Slash":        0xBF, // VK_OEM_2
	"Minus":        0xBD, // VK_OEM_MINUS
	"Equal":        0xBB, // VK_OEM_PLUS, the key that types "=" unshifted
	"Semicolon":    0xBA, // VK_OEM_1
	"Quote":        0xDE, // VK_OEM_7
	"Backquote":    0xC0, // VK_OEM_3
	"BracketLeft":  0xDB, // VK_OEM_4
	"BracketRight": 0xDD, // VK_OEM_6
	"Backslash":    0xDC, // VK_OEM_5
}

// winVirtualKey is the virtual-key code of a canonical key name (see Shortcut.key).
func winVirtualKey(key string) (uint16, bool) {
	if vk, ok := winNamedKeys[key]; ok {
		return vk, true
	}
	if n, ok := functionKey(strings.ToLower(key)); ok {
		return 0x70 + uint16(n-1), true // VK_F1 onwards
	}
	if len(key) == 1 {
		// Letters and digits have the virtual-key code of their upper-case ASCII character.
		return uint16(key[0]), true
	}
	return 0, false
}

func winModifiers(m modifiers) uintptr {
	// MOD_NOREPEAT: holding the keys down sends one WM_HOTKEY, not one per auto-repeat.
	mods := uintptr(winModNoRepeat)
	if m&modCtrl != 0 {
		mods |= winModControl
	}
	if m&modAlt != 0 {
		mods |= winModAlt
	}
	if m&modShift != 0 {
		mods |= winModShift
	}
	if m&modSuper != 0 {
		mods |= winModWin
	}
	return mods
}

// msg is the Win32 MSG structure.
type msg struct {
	hwnd    uintptr
	message uint32
	wParam  uintptr
	lParam  uintptr
	time    uint32
	pt      struct{ x, y int32 }
	private uint32
}

type bindRequest struct {
	shortcut Shortcut
	reply    chan error
}

type winListener struct {
	thread   uint32
	requests chan bindRequest
	done     chan struct{}

	mu     sync.Mutex
	closed bool
}

// New starts the thread that registers the shortcut with Windows and receives its presses.
func New(onPress func()) (Listener, error) {
	l := &winListener{requests: make(chan bindRequest, 1), done: make(chan struct{})}
	started := make(chan uint32)
	go l.run(onPress, started)
	l.thread = <-started
	return l, nil
}

func (l *winListener) Bind(s Shortcut) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return errors.New("the global shortcut listener is already closed")
	}
	req := bindRequest{shortcut: s, reply: make(chan error, 1)}
	l.requests <- req
	if err := l.post(wmBind); err != nil {
		<-l.requests
		return fmt.Errorf("cannot set the global shortcut %s: %w", s, err)
	}
	select {
	case err := <-req.reply:
		return err
	case <-l.done:
		return errors.New("the global shortcut listener stopped")
	}
}

func (l *winListener) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	if err := l.post(wmQuit); err != nil {
		return fmt.Errorf("cannot stop the global shortcut listener: %w", err)
	}
	<-l.done
	return nil
}

func (l *winListener) post(message uint32) error {
	if r, _, err := procPostThreadMessageW.Call(uintptr(l.thread), uintptr(message), 0, 0); r == 0 {
		return err
	}
	return nil
}

// run is the listener's thread. Windows sends WM_HOTKEY to the thread that registered the
// hotkey, so registering, unregistering and reading messages all happen here, on one OS thread.
func (l *winListener) run(onPress func(), started chan<- uint32) {
	runtime.LockOSThread()
	defer close(l.done)
	presses := startDispatcher(onPress)
	defer presses.stop()

	var m msg
	// A thread gets its message queue only when it first asks for messages; until then
	// PostThreadMessage to it fails.
	procPeekMessageW.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0, pmNoRemove)
	started <- windows.GetCurrentThreadId()

	var id uintptr // the id of the registered hotkey; 0 when there is none
	defer func() {
		if id != 0 {
			procUnregisterHotKey.Call(0, id)
		}
	}()
	lastID := uintptr(0)
	for {
		// GetMessage returns 0 for WM_QUIT and -1 on failure; both end the listener.
		if r, _, _ := procGetMessageW.Call(uintptr(unsafe.Pointer(&m)), 0, 0, 0); int32(r) <= 0 {
			return
		}
		switch m.message {
		case wmHotkey:
			// A WM_HOTKEY of a shortcut replaced since has an old id and is dropped.
			if id != 0 && m.wParam == id {
				presses.press()
			}
		case wmBind:
			req := <-l.requests
			if id != 0 {
				procUnregisterHotKey.Call(0, id)
				id = 0
			}
			if req.shortcut.IsZero() {
				req.reply <- nil
				continue
			}
			lastID = lastID%maxHotkeyID + 1
			err := register(lastID, req.shortcut)
			if err == nil {
				id = lastID
			}
			req.reply <- err
		}
	}
}

func register(id uintptr, s Shortcut) error {
	vk, ok := winVirtualKey(s.key)
	if !ok {
		return fmt.Errorf("%s: the key %s has no Windows virtual-key code", s, s.key)
	}
	if r, _, err := procRegisterHotKey.Call(0, id, winModifiers(s.mods), uintptr(vk)); r == 0 {
		if errors.Is(err, windows.ERROR_HOTKEY_ALREADY_REGISTERED) {
			return fmt.Errorf("cannot use %s as the global shortcut: %w; choose another shortcut or free it in that program", s, ErrTaken)
		}
		return fmt.Errorf("cannot use %s as the global shortcut: %w", s, err)
	}
	return nil
}
