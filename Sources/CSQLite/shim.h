#ifndef CONVO_CSQLITE_SHIM_H
#define CONVO_CSQLITE_SHIM_H
#include <sqlite3.h>

/// SQLITE_TRANSIENT is a macro cast that Swift cannot import.
static inline void (*convo_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }

/// sqlite3_config is variadic, which Swift cannot call. Turns off allocation statistics, whose
/// global mutex every allocation would otherwise take; effective only before SQLite initialises.
static inline int convo_sqlite_disable_memstatus(void) { return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); }
#endif
