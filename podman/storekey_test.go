package podman

import "testing"

// TestStoreKey: everything that picks another podman store changes the
// key, so two stores never share a cache.
func TestStoreKey(t *testing.T) {
	env := func(k, v string) func(string) string {
		return func(name string) string {
			if name == k {
				return v
			}
			return ""
		}
	}
	base := StoreKey(env("", ""))
	for _, name := range []string{"CONTAINERS_STORAGE_CONF", "CONTAINERS_CONF", "STORAGE_DRIVER", "STORAGE_OPTS", "XDG_DATA_HOME", "HOME"} {
		if StoreKey(env(name, "/x")) == base {
			t.Errorf("%s does not change the store key", name)
		}
	}
	if StoreKey(env("", "")) != base {
		t.Error("the key is not stable")
	}
}
