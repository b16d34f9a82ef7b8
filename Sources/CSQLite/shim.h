#ifndef CONVO_CSQLITE_SHIM_H
#define CONVO_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro cast that Swift cannot import.
static inline void (*convo_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }
#endif
