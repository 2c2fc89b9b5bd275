package main

// The Go runtime starts five threads or so before main, and cgo's thread
// start frees memory from C; glibc then gives each thread a malloc arena of
// its own, reserving and trimming 64 MiB of address space for each. toolbox
// allocates next to nothing from C (a getpwuid when /etc/passwd lacks the
// user), so one arena does; that saves 0.3-0.6 ms per call on our
// machines (paired runs of create against a no-op podman).

/*
#include <malloc.h>

__attribute__((constructor)) static void toolbox_one_malloc_arena(void)
{
#ifdef M_ARENA_MAX
	mallopt(M_ARENA_MAX, 1);
#endif
}
*/
import "C"
