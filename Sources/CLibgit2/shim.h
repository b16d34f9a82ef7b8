#ifndef CONVO_CLIBGIT2_SHIM_H
#define CONVO_CLIBGIT2_SHIM_H
#include <git2.h>

/* Swift cannot call the variadic git_libgit2_opts; these fixed-signature wrappers can be. */

static inline int convo_git_opts_set_search_path(int level, const char *path) {
    return git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, path);
}

static inline int convo_git_opts_set_owner_validation(int enabled) {
    return git_libgit2_opts(GIT_OPT_SET_OWNER_VALIDATION, enabled);
}

static inline int convo_git_opts_get_owner_validation(int *enabled) {
    return git_libgit2_opts(GIT_OPT_GET_OWNER_VALIDATION, enabled);
}

#endif
