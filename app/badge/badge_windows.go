//go:build windows

package badge

import (
	"fmt"
	"runtime"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"

	"jedidesk-desktop/app/appwindows"
)

// taskbar puts the count on the app's taskbar button as an overlay icon
// (ITaskbarList3::SetOverlayIcon), with the count in words for screen readers. Built and vetted
// here, not run: Wine cannot start the app (docs/packaging.md).
type taskbar struct{}

func newLauncher(string) (launcher, error) { return taskbar{}, nil }

var (
	ole32                  = windows.NewLazySystemDLL("ole32.dll")
	procCoCreateInstance   = ole32.NewProc("CoCreateInstance")
	gdi32                  = windows.NewLazySystemDLL("gdi32.dll")
	procCreateDIBSection   = gdi32.NewProc("CreateDIBSection")
	procCreateBitmap       = gdi32.NewProc("CreateBitmap")
	procDeleteObject       = gdi32.NewProc("DeleteObject")
	user32                 = windows.NewLazySystemDLL("user32.dll")
	procCreateIconIndirect = user32.NewProc("CreateIconIndirect")
	procDestroyIcon        = user32.NewProc("DestroyIcon")

	clsidTaskbarList  = windows.GUID{Data1: 0x56FDF344, Data2: 0xFD6D, Data3: 0x11D0, Data4: [8]byte{0x95, 0x8A, 0x00, 0x60, 0x97, 0xC9, 0xA0, 0x90}}
	iidITaskbarList3  = windows.GUID{Data1: 0xEA1AFB91, Data2: 0x9E28, Data3: 0x4B86, Data4: [8]byte{0x90, 0xE9, 0x9E, 0x9F, 0x8A, 0x5E, 0xEF, 0xAF}}
	clsctxInprocServe = uintptr(0x1)
)

// Slots of ITaskbarList3's vtable (shobjidl.h): IUnknown's three, then ITaskbarList's HrInit.
const (
	slotRelease        = 2
	slotHrInit         = 3
	slotSetOverlayIcon = 18
)

type comObject struct{ vtbl *[32]uintptr }

func (o *comObject) call(slot int, args ...uintptr) error {
	r, _, _ := syscall.SyscallN(o.vtbl[slot], append([]uintptr{uintptr(unsafe.Pointer(o))}, args...)...)
	if int32(r) < 0 {
		return syscall.Errno(r)
	}
	return nil
}

func (taskbar) show(count int, description string) error {
	// COM is per thread.
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if err := windows.CoInitializeEx(0, windows.COINIT_MULTITHREADED); err != nil && err != syscall.Errno(windows.S_FALSE) {
		return fmt.Errorf("taskbar overlay: start COM: %w", err)
	}
	defer windows.CoUninitialize()
	var list *comObject
	if r, _, _ := procCoCreateInstance.Call(uintptr(unsafe.Pointer(&clsidTaskbarList)), 0, clsctxInprocServe,
		uintptr(unsafe.Pointer(&iidITaskbarList3)), uintptr(unsafe.Pointer(&list))); int32(r) < 0 {
		return fmt.Errorf("taskbar overlay: %w", syscall.Errno(r))
	}
	defer list.call(slotRelease)
	if err := list.call(slotHrInit); err != nil {
		return fmt.Errorf("taskbar overlay: %w", err)
	}
	var icon, text uintptr
	if count > 0 {
		h, err := overlayIcon(count)
		if err != nil {
			return err
		}
		defer procDestroyIcon.Call(h)
		words, err := windows.UTF16PtrFromString(description)
		if err != nil {
			return fmt.Errorf("taskbar overlay: %w", err)
		}
		icon, text = h, uintptr(unsafe.Pointer(words))
	}
	for _, w := range appwindows.Visible() {
		if err := list.call(slotSetOverlayIcon, uintptr(w), icon, text); err != nil {
			return fmt.Errorf("taskbar overlay: %w", err)
		}
	}
	return nil
}

func (taskbar) close() error { return nil }

// bitmapInfoHeader is BITMAPINFOHEADER (wingdi.h).
type bitmapInfoHeader struct {
	size                         uint32
	width, height                int32
	planes, bitCount             uint16
	compression, sizeImage       uint32
	xPelsPerMeter, yPelsPerMeter int32
	clrUsed, clrImportant        uint32
}

// iconInfo is ICONINFO (winuser.h).
type iconInfo struct {
	icon             int32
	xHotspot         uint32
	yHotspot         uint32
	mask, colorImage windows.Handle
}

// overlayIcon makes an icon of overlayImage(count): a 32-bit top-down DIB (BGRA, alpha
// straight, as icons take it) and an empty mask, which the alpha makes redundant.
func overlayIcon(count int) (uintptr, error) {
	img := overlayImage(count)
	header := bitmapInfoHeader{width: overlaySize, height: -overlaySize, planes: 1, bitCount: 32}
	header.size = uint32(unsafe.Sizeof(header))
	var bits unsafe.Pointer
	color, _, _ := procCreateDIBSection.Call(0, uintptr(unsafe.Pointer(&header)), 0, uintptr(unsafe.Pointer(&bits)), 0, 0)
	if color == 0 || bits == nil {
		return 0, fmt.Errorf("taskbar overlay: no bitmap for the icon")
	}
	defer procDeleteObject.Call(color)
	pixels := unsafe.Slice((*byte)(bits), len(img.Pix))
	for i := 0; i < len(img.Pix); i += 4 {
		pixels[i], pixels[i+1], pixels[i+2], pixels[i+3] = img.Pix[i+2], img.Pix[i+1], img.Pix[i], img.Pix[i+3]
	}
	mask, _, _ := procCreateBitmap.Call(overlaySize, overlaySize, 1, 1, 0)
	if mask == 0 {
		return 0, fmt.Errorf("taskbar overlay: no mask for the icon")
	}
	defer procDeleteObject.Call(mask)
	info := iconInfo{icon: 1, mask: windows.Handle(mask), colorImage: windows.Handle(color)}
	icon, _, _ := procCreateIconIndirect.Call(uintptr(unsafe.Pointer(&info)))
	if icon == 0 {
		return 0, fmt.Errorf("taskbar overlay: the icon could not be made")
	}
	return icon, nil
}
