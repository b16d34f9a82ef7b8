#!/usr/bin/env python3
"""The straightforward way to load convo JSONL into SQLite: json.loads per line, prepared
inserts through sqlite3, WAL with synchronous=FULL, one transaction per batch of 4,000
conversations. Same tables as convo's store (conversations, turns), minus the merge logic."""
import json
import sqlite3
import sys
from datetime import datetime

BATCH = 4000


def millis(text):
    if text is None:
        return None
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def main(path, db_path):
    db = sqlite3.connect(db_path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.executescript("""
        CREATE TABLE IF NOT EXISTS conversations (seq INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, started_at INTEGER,
            ended_at INTEGER, agent TEXT, user_id TEXT, account TEXT, plan TEXT, account_age_days INTEGER, metadata TEXT);
        CREATE TABLE IF NOT EXISTS turns (conversation INTEGER NOT NULL, ordinal INTEGER NOT NULL, role TEXT NOT NULL,
            content TEXT NOT NULL, name TEXT, arguments TEXT, tool_call_id TEXT, latency_ms INTEGER, ts INTEGER,
            PRIMARY KEY (conversation, ordinal)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS conversations_by_start ON conversations(started_at, id);
    """)
    count = 0
    db.execute("BEGIN")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            c = json.loads(line)
            user = c.get("user") or {}
            cur = db.execute(
                "INSERT INTO conversations (id, started_at, ended_at, agent, user_id, account, plan, account_age_days, metadata)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                (c["id"], millis(c.get("started_at")), millis(c.get("ended_at")), c.get("agent"), user.get("id"),
                 user.get("account"), user.get("plan"), user.get("account_age_days"),
                 json.dumps(c["metadata"], sort_keys=True) if c.get("metadata") else None))
            if cur.rowcount:
                seq = cur.lastrowid
                db.executemany(
                    "INSERT INTO turns (conversation, ordinal, role, content, name, arguments, tool_call_id, latency_ms, ts)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [(seq, i, t["role"], t.get("content") or "", t.get("name"),
                      json.dumps(t["arguments"], sort_keys=True) if t.get("arguments") is not None else None,
                      t.get("tool_call_id"), t.get("latency_ms"), millis(t.get("ts")))
                     for i, t in enumerate(c["turns"])])
            count += 1
            if count % BATCH == 0:
                db.execute("COMMIT")
                db.execute("BEGIN")
    db.execute("COMMIT")
    db.close()
    print(f"baseline: {count} conversations")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
