package commands

import (
	"errors"
	"fmt"

	"github.com/toolbx-go/toolbox/commands/host"
	"github.com/toolbx-go/toolbox/commands/toolbx"
	"github.com/toolbx-go/toolbox/hostlink"
	"github.com/toolbx-go/toolbox/podman"
)

// Word turns the typed errors of the model and the host into Toolbx's
// words, with the exit code each carries; errors already worded, and nil,
// pass as they are.
func Word(err error) error {
	if err == nil {
		return nil
	}
	for _, word := range []func(error) (error, bool){
		wordSelection, wordContainer, wordExec, wordHost, wordExport, wordCustom, wordIntegration,
	} {
		if worded, ok := word(err); ok {
			return worded
		}
	}
	return err
}

// wordSelection words what is wrong with the names, distro, release and
// image the user asked for.
func wordSelection(err error) (error, bool) {
	var (
		cfgErr     *toolbx.ConfigError
		distroErr  *toolbx.DistroError
		releaseErr *toolbx.ReleaseError
		nameErr    *toolbx.NameError
		imageErr   *toolbx.ImageError
	)
	const names = "Container names must match '[a-zA-Z0-9][a-zA-Z0-9_.-]*'."
	switch {
	case errors.As(err, &cfgErr):
		return fmt.Errorf("failed to parse file %s", cfgErr.Path), true
	case errors.As(err, &distroErr) && distroErr.NeedsRelease:
		return UsageErrorf("option '--release' is needed\nDistribution %s doesn't match the host.", distroErr.Distro), true
	case errors.As(err, &distroErr):
		return UsageErrorf("invalid argument for '--distro'\nDistribution %s is unsupported.", distroErr.Distro), true
	case errors.As(err, &releaseErr):
		return UsageErrorf("invalid argument for '--release'\n%s", releaseProblem(releaseErr.Problem)), true
	case errors.As(err, &nameErr) && nameErr.FromImage:
		return UsageErrorf("invalid argument for '--image'\nContainer name %s generated from image is invalid.\n%s", nameErr.Name, names), true
	case errors.As(err, &nameErr):
		return UsageErrorf("invalid argument for '%s'\n%s", nameErr.Arg, names), true
	case errors.As(err, &imageErr) && imageErr.NoBasename:
		return UsageErrorf("invalid argument for '--image'\nImages must have basenames."), true
	case errors.As(err, &imageErr):
		where := "argument for '--image'"
		if imageErr.InConfig {
			where = "value for 'image' in toolbox.conf"
		}
		reason := imageErr.Err
		if re := (*podman.ReferenceError)(nil); errors.As(reason, &re) {
			reason = re.Err
		}
		return UsageErrorf("invalid %s\nImage %s is not a valid reference: %v.\n"+
			"Images are named [DOMAIN/]NAME[:TAG][@DIGEST], in lower case.", where, imageErr.Image, reason), true
	}
	return nil, false
}

// releaseProblem is Toolbx's sentence for what is wrong with a release.
func releaseProblem(p toolbx.ReleaseProblem) string {
	return map[toolbx.ReleaseProblem]string{
		toolbx.NotLatest:          "The release must be 'latest'.",
		toolbx.NotPositiveInteger: "The release must be a positive integer.",
		toolbx.NotDebianRelease:   "The release must be a positive integer, 'testing' or 'unstable'.",
		toolbx.NotMajorMinor:      "The release must be in the '<major>.<minor>' format.",
		toolbx.NotPositiveNumber:  "The release must be a positive number.",
		toolbx.NotYYMM:            "The release must be in the 'YY.MM' format.",
		toolbx.YearTooSmall:       "The release year must be 4 or more.",
		toolbx.YearTooLong:        "The release year cannot have more than two digits.",
		toolbx.YearLeadingZero:    "The release year cannot have a leading zero.",
		toolbx.MonthOutOfRange:    "The release month must be between 01 and 12.",
		toolbx.MonthNotTwoDigits:  "The release month must have two digits.",
	}[p]
}

// wordHost words what is wrong with the host, the user or /run/host.
func wordHost(err error) (error, bool) {
	var (
		account *host.AccountError
		workdir *host.WorkdirError
		exe     *host.ExecutableError
	)
	switch {
	case errors.As(err, &account):
		return fmt.Errorf("failed to get the current user: %w", account.Err), true
	case errors.As(err, &workdir):
		return fmt.Errorf("failed to get the working directory: %w", workdir.Err), true
	case errors.As(err, &exe) && exe.Resolving:
		return fmt.Errorf("failed to resolve absolute path to the executable: %w", exe.Err), true
	case errors.As(err, &exe):
		return fmt.Errorf("failed to get the path to the executable: %w", exe.Err), true
	case errors.Is(err, host.ErrNotToolbx):
		return errors.New("this is not a Toolbx container"), true
	case errors.Is(err, host.ErrNoToolboxPath):
		return errors.New("TOOLBOX_PATH not set"), true
	case errors.Is(err, host.ErrNoFlatpakSpawn):
		return errors.New("flatpak-spawn(1) not found\n" +
			"Install flatpak-spawn in this container to run toolbox commands on the host."), true
	}
	return wordHostLink(err)
}

// wordHostLink says how to make /run/host, which the binary's dynamic
// linker path needs inside and outside containers.
func wordHostLink(err error) (error, bool) {
	var linkErr *toolbx.HostLinkError
	if !errors.As(err, &linkErr) {
		return nil, false
	}
	err = linkErr.Err
	switch {
	case errors.Is(err, hostlink.ErrMissing), errors.Is(err, hostlink.ErrWrongTarget):
		return fmt.Errorf("%s\n"+
			"Toolbx needs /run/host to be a symbolic link to / on the host. Create it with:\n"+
			"  sudo systemd-tmpfiles --create %s\n"+
			"or, without systemd-tmpfiles: sudo ln -sfn ../ /run/host", err, hostlink.RuleFile), true
	case errors.Is(err, hostlink.ErrNotLink):
		return fmt.Errorf("%s\n"+
			"Toolbx needs /run/host to be a symbolic link to / on the host, and will not replace\n"+
			"what is there. Move it away, then run: sudo ln -s ../ /run/host", err), true
	}
	return fmt.Errorf("failed to check /run/host: %w", err), true
}

// enterCommand is how to enter name: without the name for the default one.
func enterCommand(name string, isDefault bool) string {
	if isDefault {
		return "toolbox enter"
	}
	return "toolbox enter " + name
}
