# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager

import odoo
from odoo.tools import SQL


def shares_cursor(env):
    """Whether ``side_transaction`` gives the caller's own cursor: under Odoo's
    test runner."""
    return bool(odoo.modules.module.current_test or env.registry.in_test_mode())


@contextmanager
def side_transaction(env, lock_timeout=None):
    """A cursor on a transaction of its own, in READ COMMITTED, committed when
    the block ends (rolled back if it raises), whatever becomes of the
    caller's transaction.

    For what must not wait for the caller's commit, nor vanish with its
    rollback: money or budget reserved for an order while its confirmation
    runs (the lock is then held for a few queries, not for the whole
    confirmation), a call log, a job's progress. READ COMMITTED: each statement
    sees what the others committed, where Odoo's REPEATABLE READ would read the
    snapshot taken before the lock. ``lock_timeout`` (e.g. ``"10s"``): never
    wait forever on a row the caller's own transaction locked.

    Under Odoo's test runner, the data lives in the test's one transaction,
    which another cursor cannot see: the block gets the caller's cursor
    (concurrency is proven against a real server, in tests/)."""
    if shares_cursor(env):
        yield env.cr
        return
    with env.registry.cursor() as cr:
        cr.execute(SQL("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"))
        if lock_timeout:
            cr.execute(SQL("SELECT set_config('lock_timeout', %s, true)", lock_timeout))
        yield cr
