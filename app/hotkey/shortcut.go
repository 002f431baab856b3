package hotkey

import (
	"fmt"
	"strconv"
	"strings"
)

// Default is the shortcut the app offers until the user picks another.
const Default = "Ctrl+Alt+J"

// off is what a disabled shortcut is written as; Parse also accepts "".
const off = "off"

type modifiers uint8

const (
	modCtrl modifiers = 1 << iota
	modAlt
	modShift
	modSuper
)

// modifierOrder is the fixed order String writes modifiers in, so equal shortcuts print alike.
var modifierOrder = []struct {
	mod  modifiers
	name string
}{
	{modCtrl, "Ctrl"},
	{modAlt, "Alt"},
	{modShift, "Shift"},
	{modSuper, "Super"},
}

// modifierNames are the spellings users bring from their own system's conventions.
var modifierNames = map[string]modifiers{
	"ctrl":    modCtrl,
	"control": modCtrl,
	"alt":     modAlt,
	"shift":   modShift,
	"super":   modSuper,
	"meta":    modSuper,
	"win":     modSuper,
	"cmd":     modSuper,
}

// namedKeys maps every accepted spelling of a key that is not a letter, digit or F-key to its
// canonical name. Each OS file maps the canonical names to its own key codes.
var namedKeys = map[string]string{
	"space":        "Space",
	"enter":        "Enter",
	"return":       "Enter",
	"escape":       "Escape",
	"esc":          "Escape",
	"tab":          "Tab",
	"backspace":    "Backspace",
	"home":         "Home",
	"end":          "End",
	"pageup":       "PageUp",
	"pgup":         "PageUp",
	"pagedown":     "PageDown",
	"pgdn":         "PageDown",
	"insert":       "Insert",
	"ins":          "Insert",
	"delete":       "Delete",
	"del":          "Delete",
	"up":           "Up",
	"down":         "Down",
	"left":         "Left",
	"right":        "Right",
	"comma":        "Comma",
	",":            "Comma",
	"period":       "Period",
	".":            "Period",
	"slash":        "Slash",
	"/":            "Slash",
	"minus":        "Minus",
	"-":            "Minus",
	"equal":        "Equal",
	"=":            "Equal",
	"semicolon":    "Semicolon",
	";":            "Semicolon",
	"quote":        "Quote",
	"'":            "Quote",
	"backquote":    "Backquote",
	"`":            "Backquote",
	"bracketleft":  "BracketLeft",
	"[":            "BracketLeft",
	"bracketright": "BracketRight",
	"]":            "BracketRight",
	"backslash":    "Backslash",
	`\`:            "Backslash",
}

// maxFunctionKey is the highest F-key both X11 keysyms and Windows virtual keys have.
const maxFunctionKey = 24

// Shortcut is a key with its modifiers, as Parse accepts it. The zero Shortcut means none.
type Shortcut struct {
	mods modifiers
	// key is the canonical name: "A"–"Z", "0"–"9", "F1"–"F24" or a value of namedKeys.
	key string
}

// IsZero reports whether s is no shortcut at all (disabled).
func (s Shortcut) IsZero() bool { return s == Shortcut{} }

// String is the canonical spelling, e.g. "Ctrl+Alt+J", or "off" for none; Parse reads it back.
func (s Shortcut) String() string {
	if s.IsZero() {
		return off
	}
	var b strings.Builder
	for _, m := range modifierOrder {
		if s.mods&m.mod != 0 {
			b.WriteString(m.name)
			b.WriteByte('+')
		}
	}
	b.WriteString(s.key)
	return b.String()
}

// Parse reads a shortcut such as "Ctrl+Alt+J", "alt+ctrl+j" or "Shift+Super+F5": modifiers in
// any order and case, then exactly one key. "" and "off" mean no shortcut.
func Parse(s string) (Shortcut, error) {
	text := strings.TrimSpace(s)
	if text == "" || strings.EqualFold(text, off) {
		return Shortcut{}, nil
	}
	var sc Shortcut
	for _, part := range strings.Split(text, "+") {
		part = strings.TrimSpace(part)
		if part == "" {
			return Shortcut{}, fmt.Errorf("shortcut %q: an empty part between the + signs", s)
		}
		if mod, ok := modifierNames[strings.ToLower(part)]; ok {
			if sc.mods&mod != 0 {
				return Shortcut{}, fmt.Errorf("shortcut %q: %s is given twice", s, modifierName(mod))
			}
			sc.mods |= mod
			continue
		}
		key, ok := canonicalKey(part)
		if !ok {
			return Shortcut{}, fmt.Errorf("shortcut %q: unknown key %q (use a letter, a digit, F1–F%d or a key such as Space, Enter or PageUp)", s, part, maxFunctionKey)
		}
		if sc.key != "" {
			return Shortcut{}, fmt.Errorf("shortcut %q: two keys: %s and %s (a shortcut has one key after its modifiers)", s, sc.key, key)
		}
		sc.key = key
	}
	if sc.key == "" {
		return Shortcut{}, fmt.Errorf("shortcut %q: no key after the modifiers (as in %s)", s, Default)
	}
	// A shortcut with only Shift, or none, would swallow that key in every other program.
	if sc.mods&(modCtrl|modAlt|modSuper) == 0 {
		return Shortcut{}, fmt.Errorf("shortcut %q: a shortcut needs Ctrl, Alt or Super, or it would take the key away from typing", s)
	}
	return sc, nil
}

func modifierName(mod modifiers) string {
	for _, m := range modifierOrder {
		if m.mod == mod {
			return m.name
		}
	}
	return ""
}

// canonicalKey returns the canonical name of a single key, whatever its case.
func canonicalKey(part string) (string, bool) {
	if len(part) == 1 {
		c := part[0]
		switch {
		case c >= 'a' && c <= 'z':
			return strings.ToUpper(part), true
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
			return part, true
		}
	}
	lower := strings.ToLower(part)
	if name, ok := namedKeys[lower]; ok {
		return name, true
	}
	if n, ok := functionKey(lower); ok {
		return "F" + strconv.Itoa(n), true
	}
	return "", false
}

// functionKey reads "f1"–"f24"; "f01" is refused so every key has one spelling.
func functionKey(lower string) (int, bool) {
	digits, ok := strings.CutPrefix(lower, "f")
	if !ok || digits == "" || digits[0] == '0' {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || n > maxFunctionKey {
		return 0, false
	}
	return n, true
}
