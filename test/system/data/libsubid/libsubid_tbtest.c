/*
 * A subid NSS module for shadow's libsubid (nsswitch.conf(5) "subid:
 * tbtest"), as SSSD's is: it grants the user named by $TBTEST_SUBID_OWNER
 * the uids and gids 300000 to 365535, and nobody else anything. Built and
 * used by test/system/280-subid.bats only.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

struct subid_range {
	unsigned long start;
	unsigned long count;
};

enum subid_type { ID_TYPE_UID = 1, ID_TYPE_GID = 2 };

enum subid_status {
	SUBID_STATUS_SUCCESS = 0,
	SUBID_STATUS_UNKNOWN_USER = 1,
	SUBID_STATUS_ERROR_CONN = 2,
	SUBID_STATUS_ERROR = 3,
};

static bool
granted (const char *owner)
{
	const char *user = getenv ("TBTEST_SUBID_OWNER");
	return user != NULL && strcmp (owner, user) == 0;
}

enum subid_status
shadow_subid_has_any_range (const char *owner, enum subid_type type, bool *result)
{
	*result = granted (owner);
	return SUBID_STATUS_SUCCESS;
}

enum subid_status
shadow_subid_has_range (const char *owner, unsigned long start, unsigned long count,
                        enum subid_type type, bool *result)
{
	*result = granted (owner) && start >= 300000 && start + count <= 365536;
	return SUBID_STATUS_SUCCESS;
}

enum subid_status
shadow_subid_find_subid_owners (unsigned long id, enum subid_type type, uid_t **uids, int *count)
{
	*uids = NULL;
	*count = 0;
	return SUBID_STATUS_SUCCESS;
}

enum subid_status
shadow_subid_list_owner_ranges (const char *owner, enum subid_type type,
                                struct subid_range **ranges, int *count)
{
	*ranges = NULL;
	*count = 0;
	if (!granted (owner))
		return SUBID_STATUS_SUCCESS;
	*ranges = malloc (sizeof **ranges);
	if (*ranges == NULL)
		return SUBID_STATUS_ERROR;
	(*ranges)[0].start = 300000;
	(*ranges)[0].count = 65536;
	*count = 1;
	return SUBID_STATUS_SUCCESS;
}

void
shadow_subid_free (void *ptr)
{
	free (ptr);
}
