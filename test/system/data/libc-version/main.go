// Command libc-version prints the version of the C library it runs with.
// test/system/003-host-runtime.bats builds it twice, plainly and with the
// toolbox binary's /run/host interpreter and RUNPATH, and runs both inside
// a container whose C library is older than the host's.
package main

// #include <gnu/libc-version.h>
import "C"

import "fmt"

func main() {
	fmt.Printf("glibc %s\n", C.GoString(C.gnu_get_libc_version()))
}
