"""The journal storages of the interop scripts, on Optuna 3.1 or a current Optuna alike.

Optuna 4.0 renamed the journal backends (JournalFileStorage -> journal.JournalFileBackend,
JournalRedisStorage -> journal.JournalRedisBackend); the old names are deprecated and go away in 6.0.
The new names are used when they exist, 3.1's otherwise.
"""
from optuna.storages import JournalStorage

try:
    from optuna.storages.journal import JournalFileBackend as _FileBackend
    from optuna.storages.journal import JournalRedisBackend as _RedisBackend
except ImportError:  # Optuna 3.1
    from optuna.storages import JournalFileStorage as _FileBackend
    from optuna.storages import JournalRedisStorage as _RedisBackend


def journal_file(path):
    """A JournalStorage on the journal file at `path`."""
    return JournalStorage(_FileBackend(path))


def journal_redis(url, prefix):
    """A JournalStorage on the Redis journal at `url` under `prefix`."""
    return JournalStorage(_RedisBackend(url, prefix=prefix))
