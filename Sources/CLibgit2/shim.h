#ifndef CONVO_CLIBGIT2_SHIM_H
#define CONVO_CLIBGIT2_SHIM_H
#include <git2.h>
#endif
