package toolbx

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"path/filepath"

	"github.com/NVIDIA/go-nvlib/pkg/nvlib/info"
	"github.com/NVIDIA/go-nvml/pkg/nvml"
	"github.com/NVIDIA/nvidia-container-toolkit/pkg/nvcdi"
	nvspec "github.com/NVIDIA/nvidia-container-toolkit/pkg/nvcdi/spec"
	"tags.cncf.io/container-device-interface/specs-go"

	"github.com/toolbx-go/toolbox/commands/host"
)

// NVIDIA's proprietary driver reaches containers through a Container
// Device Interface spec that NVIDIA's own libraries generate for the host's
// driver on each enter and run (its environment goes to the exec), saved
// in the runtime directory as CDIFile when the container is started; the
// container's init-container applies it. A host without the driver (no
// NVML, no Tegra files) costs two failed dlopen(3)s and two stat(2)s.

// CDIFile is the NVIDIA spec's name in the runtime directory.
const CDIFile = "cdi-nvidia.json"

const (
	// ErrNVMLMismatch is the driver's kernel module and its libraries
	// being of different versions, as after an update without a reboot.
	ErrNVMLMismatch = constError("NVML driver/library version mismatch")
	// errNoNVIDIA is a host without NVIDIA's driver: nothing to do.
	errNoNVIDIA = constError("platform is unsupported")
)

// NVIDIAFailed is the NVIDIA libraries failing to make a spec; Op says
// what failed.
type NVIDIAFailed struct {
	Op  string // "initialize NVIDIA Management Library", "create ... library", ...
	Err error
}

func (e *NVIDIAFailed) Error() string { return "failed to " + e.Op + ": " + fmt.Sprint(e.Err) }
func (e *NVIDIAFailed) Unwrap() error { return e.Err }

// nvidiaSpec generates the spec for the host's NVIDIA driver, or returns
// errNoNVIDIA when there is none. verbose shows the NVIDIA libraries' own
// logging, as Toolbx does for -vv.
func nvidiaSpec(ctx context.Context, verbose bool) (*specs.Spec, error) {
	const prefix = "Generating Container Device Interface for NVIDIA"
	slog.DebugContext(ctx, prefix)
	log := nvidiaLogger{ctx, verbose}
	lib := nvml.New()
	nvInfo := info.New(info.WithLogger(log), info.WithNvmlLib(lib))
	if ok, reason := nvInfo.HasDXCore(); ok {
		slog.DebugContext(ctx, prefix+": Windows is unsupported: "+reason)
		return nil, errNoNVIDIA
	}
	hasNVML, reason := nvInfo.HasNvml()
	if hasNVML {
		switch ret := lib.Init(); ret {
		case nvml.SUCCESS:
			defer lib.Shutdown()
		case nvml.ERROR_DRIVER_NOT_LOADED:
			slog.DebugContext(ctx, prefix+": failed to initialize NVML: "+ret.Error()+"; skipping")
			return nil, errNoNVIDIA
		case nvml.ERROR_LIB_RM_VERSION_MISMATCH:
			return nil, ErrNVMLMismatch
		default:
			return nil, &NVIDIAFailed{Op: "initialize NVIDIA Management Library", Err: ret}
		}
	} else {
		slog.DebugContext(ctx, prefix+": Management Library not found: "+reason)
	}
	tegra, reason := nvInfo.HasTegraFiles()
	if !hasNVML && !tegra {
		slog.DebugContext(ctx, prefix+": not a Tegra system: "+reason+"; skipping")
		return nil, errNoNVIDIA
	}
	cdi, err := nvcdi.New(nvcdi.WithDisabledHook(nvcdi.EnableCudaCompatHook),
		nvcdi.WithInfoLib(nvInfo), nvcdi.WithLogger(log), nvcdi.WithNvmlLib(lib))
	if err != nil {
		return nil, &NVIDIAFailed{Op: "create Container Device Interface library for NVIDIA", Err: err}
	}
	common, err := cdi.GetCommonEdits()
	if err != nil {
		return nil, &NVIDIAFailed{Op: "get Container Device Interface containerEdits for NVIDIA", Err: err}
	}
	spec, err := nvspec.New(nvspec.WithEdits(*common.ContainerEdits))
	if err != nil {
		return nil, &NVIDIAFailed{Op: "generate Container Device Interface for NVIDIA", Err: err}
	}
	raw := spec.Raw()
	slog.DebugContext(ctx, "Generated Container Device Interface for NVIDIA with version "+raw.Version)
	return raw, nil
}

// saveCDISpec writes spec where init-container looks for it.
func (e *Engine) saveCDISpec(ctx context.Context, spec *specs.Spec) error {
	path := filepath.Join(e.Host.RuntimeDir(), CDIFile)
	slog.DebugContext(ctx, "Saving Container Device Interface to file "+path)
	data, err := json.MarshalIndent(spec, "", "  ")
	if err == nil {
		err = host.WriteFileAtomic(e.Host.Path(path), data, 0o644)
	}
	if err != nil {
		return &NVIDIAFailed{Op: "write Container Device Interface to file", Err: err}
	}
	return nil
}

// nvidiaLogger passes the NVIDIA libraries' logging on to slog when on
// (-vv), and drops it otherwise.
type nvidiaLogger struct {
	ctx context.Context
	on  bool
}

func (l nvidiaLogger) logf(level slog.Level, format string, args []any) {
	if l.on && slog.Default().Enabled(l.ctx, level) {
		slog.Log(l.ctx, level, fmt.Sprintf(format, args...))
	}
}

func (l nvidiaLogger) Tracef(format string, args ...any)   { l.logf(LevelTrace, format, args) }
func (l nvidiaLogger) Debugf(format string, args ...any)   { l.logf(slog.LevelDebug, format, args) }
func (l nvidiaLogger) Infof(format string, args ...any)    { l.logf(slog.LevelInfo, format, args) }
func (l nvidiaLogger) Warningf(format string, args ...any) { l.logf(slog.LevelWarn, format, args) }
func (l nvidiaLogger) Errorf(format string, args ...any)   { l.logf(slog.LevelError, format, args) }
