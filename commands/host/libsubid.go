package host

/*
#cgo LDFLAGS: -ldl
#include <dlfcn.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

// shadow's <shadow/subid.h>, which not every build host has.
struct subid_range {
	unsigned long start;
	unsigned long count;
};

typedef bool (*toolbox_subid_init_func) (const char *progname, FILE *logfd);
typedef int (*toolbox_subid_ranges_func) (const char *owner, struct subid_range **ranges);

// toolbox_subid_open loads libsubid.so.4 and initialises it, quiet (its
// log goes to /dev/null); NULL when it is not there.
static void *
toolbox_subid_open (void)
{
	void *lib = dlopen ("libsubid.so.4", RTLD_LAZY);
	if (lib == NULL)
		return NULL;
	toolbox_subid_init_func init = (toolbox_subid_init_func) dlsym (lib, "subid_init");
	if (init == NULL || !init (NULL, NULL)) {
		dlclose (lib);
		return NULL;
	}
	return lib;
}

// toolbox_subid_count is the number of ranges that symbol (the uid or gid
// lookup) finds for owner, or -1.
static int
toolbox_subid_count (void *lib, const char *symbol, const char *owner)
{
	toolbox_subid_ranges_func get = (toolbox_subid_ranges_func) dlsym (lib, symbol);
	if (get == NULL)
		return -1;
	struct subid_range *ranges = NULL;
	int n = get (owner, &ranges);
	free (ranges);
	return n;
}
*/
import "C"

import (
	"strconv"
	"unsafe"
)

// libsubidGrants asks shadow's libsubid, loaded at run time as Toolbx
// does, whether user (by name, then by uid) has subordinate uids and gids:
// libsubid follows the subid line of nsswitch.conf(5), so ranges that SSSD
// or another NSS module provides count. ok is false when libsubid.so.4
// cannot be loaded.
func libsubidGrants(user string, uid int) (granted, ok bool) {
	lib := C.toolbox_subid_open()
	if lib == nil {
		return false, false
	}
	defer C.dlclose(lib)
	owners := []string{user, strconv.Itoa(uid)}
	for _, symbol := range []string{"subid_get_uid_ranges", "subid_get_gid_ranges"} {
		cSymbol := C.CString(symbol)
		found := false
		for _, owner := range owners {
			cOwner := C.CString(owner)
			n := C.toolbox_subid_count(lib, cSymbol, cOwner)
			C.free(unsafe.Pointer(cOwner))
			if found = n > 0; found {
				break
			}
		}
		C.free(unsafe.Pointer(cSymbol))
		if !found {
			return false, true
		}
	}
	return true, true
}
