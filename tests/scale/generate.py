"""Scale data: a national brand's channel network and a year of its history.

Usage (after ``source scripts/common.sh && ensure_venv``, in a database where
every channel addon is installed; the demo data may be there)::

    $VENV/bin/python tests/scale/generate.py --db NAME \\
        [--distributors 3000] [--stores 70000] [--products 500] [--days 365]

The defaults are the full national size of DESIGN.md (hours: see below). The
command is incremental and idempotent: everything it makes carries a code or a
reference starting with ``SCALE-`` (history documents: origin ``SCALE``), and a
second run makes only what is missing, so running it again with a bigger
``--distributors`` grows the network (30 → 300 → 3,000) and gives the new
members their year of history. One generator at a time per database (a
PostgreSQL advisory lock); it commits as it goes, so an interrupted run
resumes where it stopped.

The model of the data
---------------------
Network (``channel.member``, ``_parent_store`` on ``upstream_id``):

- Distributor n (1-based, code ``SCALE-D00001`` …) is a level-1 distributor under
  the brand when n % 10 == 1, else a level-2 distributor under the level-1 one
  that opened its block of ten (n = 10k+1): 10 % level 1, each with 9 level-2
  dealers. Every distributor goes through the suite's own onboarding,
  ``channel.member.onboard_distributors`` (company, chart of accounts,
  warehouse, level pricelist, first user ``scale.d00001``, inter-company
  settings, member), in batches (committed one by one, with progress), level 1
  before level 2. It is the slow part, and it grows with the number of
  companies: measured here (2 cores) 3-5 s each for the first 30, 20 s each at
  300 companies. Most of it is Odoo's chart loading, which gives every shared
  product that has taxes elsewhere the new company's default taxes, testing
  each such product against all its taxes (one per company): O(taxed products
  × companies) per distributor, and done twice (the suite's ``try_loading``,
  then account's own at commit, from ``install_l10n_modules``). 3,000 take days
  at that pace; the scale products carry no taxes so as not to make it worse.
  A block is located in one province territory of the database (the demo's,
  else territories the generator makes), authorised to nobody; credit grade A;
  no credit limit.
- Stores are spread evenly over all distributors (both levels): distributor n
  holds stores ``SCALE-S00001-0001`` … up to its share of ``--stores``. They are
  written by SQL as the onboarding would write them, without a user: a
  company contact of the distributor's company (``res.partner``, store
  pricelist of the distributor's company, OCA financial-risk flags) and the
  member (``parent_path`` = the distributor's path + its id, supplier company,
  territory, region and province of the distributor, grades A–D spread 20 / 50 /
  25 / 5 %). A store logs in once a user is made for it (the benchmark
  makes a few through the ORM).
- Products ``SCALE-P0001`` … (ORM, in batches): storable goods shared by every
  company, invoiced on order, without taxes (so the invoices have no tax lines),
  with the three level prices (level 1 55 %, level 2 65 %, store 80 % of the
  retail price) in the shared level pricelists.

History, written by set-based SQL (``INSERT … SELECT … generate_series``) for the
``--days`` days up to today, each new member's at once, in chunks, each chunk one
transaction. Ids come from the tables' sequences, order names from Odoo's
``sale.order`` / ``purchase.order`` sequences, invoice and bill names from
their journals' sequences (``INV/2026/00001``, yearly; ``BILL/2026/11/0001``,
monthly) after the last number in use, in date order within a chunk:

- A distributor buys from its upstream every ``--purchase-days`` (7) days,
  ``--purchase-lines`` (10) products rotating over the catalogue, in cases (level
  2: 12-120 units a line; level 1: 120-1,200): what the inter-company chain of
  ``channel_sale`` leaves once delivered and invoiced — its purchase order
  (confirmed, received, billed), the upstream's sale order
  (``auto_purchase_order_id``, buyer member and role, the line's level
  price), the upstream's posted customer invoice (the brand's are the sell-in
  that rebate policies aggregate: ``display_type='product'`` lines, untaxed,
  credit on the income account, a receivable ``payment_term`` line) linked to
  the sale lines, and the buyer's posted vendor bill linked to the invoice
  (``auto_invoice_id``) and to the purchase lines.
- A store orders from its distributor every ``--store-order-days`` (14) days,
  ``--store-order-lines`` (4) products of its own assortment, 1-24 units each, at
  the store price: the distributor's sale order (delivered, invoiced) and its
  posted customer invoice.
- A store reports stock and sell-out every week (``channel.sellout.report`` from
  the API, ``--sellout-lines`` (5) products of its assortment, sold at retail).

Not generated (the history is what the suite's reports, the rebate run and the
portal read): stock moves and pickings (order lines say delivered, quants do not
move; sell-out lines are not checked for anomalies), procurement groups,
payments (every invoice stays open: the members' credit exposure is a year of
sales), chatter messages and followers, PDF attachments of the inter-company
bills.

Volumes at the defaults: 156,000 purchases (1.56 M lines on each of purchase
orders, sale orders, invoices and bills), 1.8 M store orders (7.3 M lines on sale
orders and on invoices), 3.6 M sell-out reports (18 M lines): some 50 M rows.
PostgreSQL's row-by-row foreign-key triggers would be four fifths of the time of
these inserts, so a chunk is written without them (``session_replication_role =
replica``, when the database role may) and all the foreign keys of its rows are
then checked set-based, one query per table, before it commits (a dangling
reference fails the chunk): 25,000-45,000 rows a second on two cores, so under
an hour for the full size, after the onboarding. ``--fk-triggers`` keeps the
triggers (some 9,000 rows a second).

Every chunk's transaction commits; the generator then analyses the tables it
filled and clears Odoo's caches, signalling it through the database so that a
running server reloads them (``registry.clear_all_caches`` +
``registry.signal_changes``).
"""
import argparse
import datetime
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))  # tests/: odoo_process

from odoo_process import admin_env, odoo_args  # noqa: E402

PREFIX = "SCALE-"
LOCK_KEY = 0x5CA1E  # pg_advisory_lock: one generator per database
LEVEL1_EVERY = 10  # one level-1 distributor, then nine level-2 ones below it
GRADES = "AAAABBBBBBBBBBCCCCCD"  # 20 % A, 50 % B, 25 % C, 5 % D
PRICE_SHARES = {"L1": 0.55, "L2": 0.65, "STORE": 0.8}  # of the retail price
# the tables the history writes: with an id of their own, and relations (column: the table it is new rows of)
HISTORY_TABLES = ("purchase_order", "purchase_order_line", "sale_order", "sale_order_line", "account_move",
                  "account_move_line", "mail_followers", "channel_sellout_report", "channel_sellout_report_line")
HISTORY_RELATIONS = {"sale_order_line_invoice_rel": ("order_line_id", "sale_order_line"),
                     "mail_followers_mail_message_subtype_rel": ("mail_followers_id", "mail_followers")}


def _rows(cr, query, params=None):
    """Run ``query``; the number of rows it wrote."""
    cr.execute(query, params)
    return cr.rowcount


def log(message):
    print(f"[scale] {message}", flush=True)


def _eta(done, total, started, batch, batch_started):
    """Progress: the last batch's time each (it grows with the companies), the
    average, and the time left at the last batch's pace (at least)."""
    now = time.perf_counter()
    each = (now - batch_started) / max(batch, 1)
    left = datetime.timedelta(seconds=int(each * (total - done)))
    return f"{each:.2f} s each in this batch, {(now - started) / max(done, 1):.2f} s on average, ≥ {left} left"


def distributor_code(number):
    return f"{PREFIX}D{number:05d}"


def product_code(number):
    return f"{PREFIX}P{number:04d}"


def upstream_number(number):
    """The level-1 distributor above distributor ``number`` (None: the brand)."""
    if number % LEVEL1_EVERY == 1:
        return None
    return (number - 1) // LEVEL1_EVERY * LEVEL1_EVERY + 1


def store_quota(number, distributors, stores):
    """How many of ``stores`` distributor ``number`` of ``distributors`` holds."""
    return stores // distributors + (1 if number <= stores % distributors else 0)


_CONFIGURED = []


def configure():
    """Odoo's options as the tests set them (conftest), once per process."""
    import odoo
    from odoo.tools import config

    if "ADDONS_PATH" not in os.environ:
        sys.exit("ADDONS_PATH is not set: run `source scripts/common.sh && ensure_venv` first")
    if not _CONFIGURED:
        config.parse_config(odoo_args() + ["--log-level", os.environ.get("CHANNEL_SCALE_LOG", "warn")])
        odoo.netsvc.init_logger()
        _CONFIGURED.append(True)


def registry_for(db):
    """Odoo's registry of ``db``."""
    import odoo

    configure()
    return odoo.modules.registry.Registry(db)


class Generator:
    """Builds the network and its history up to the sizes given; see the module."""

    def __init__(self, registry, distributors=3000, stores=70000, products=500, days=365, purchase_days=7,
                 purchase_lines=10, store_order_days=14, store_order_lines=4, sellout_lines=5,
                 onboard_batch=50, store_chunk=2000, distributor_chunk=200, fk_triggers=False):
        self.registry = registry
        self.distributors, self.stores, self.products, self.days = distributors, stores, products, days
        self.purchase_days, self.purchase_lines = purchase_days, purchase_lines
        self.store_order_days, self.store_order_lines = store_order_days, store_order_lines
        self.sellout_lines = min(sellout_lines, store_order_lines)
        self.onboard_batch = max(1, min(onboard_batch, 200))
        self.store_chunk, self.distributor_chunk = store_chunk, distributor_chunk
        self.today = datetime.date.today()
        self.start = self.today - datetime.timedelta(days=days - 1)
        self.stats = {}
        self.admin_id = self.catalogue = self.lang = None
        self.fk_triggers = fk_triggers
        self._foreign_keys = {}

    # === THE WHOLE RUN === #
    def run(self):
        started = time.perf_counter()
        with admin_env(self.registry) as env:
            self.admin_id = env.uid
            self.lang = env.user.partner_id.lang or "en_US"  # the stores' (the onboarding's default)
            env.cr.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
            if not env.cr.fetchone()[0]:
                raise RuntimeError("another generator is running on this database")
            try:
                self._products(env)
                self._distributors(env)
                self._stores(env)
                self._history(env)
                self._analyze(env)
            finally:
                env.cr.rollback()
                env.cr.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
                env.cr.commit()
        self.keep_caches_honest()
        self.stats["total_s"] = time.perf_counter() - started
        log(f"done in {datetime.timedelta(seconds=int(self.stats['total_s']))}: {self.counts()}")
        return self.stats

    def keep_caches_honest(self):
        """The SQL bypassed the ORM: forget what this process cached and tell
        the other processes (a running server) through the database."""
        self.registry.clear_all_caches()
        self.registry.signal_changes()

    def counts(self):
        with admin_env(self.registry) as env:
            env.cr.execute("""
                SELECT (SELECT count(*) FROM channel_member WHERE code LIKE 'SCALE-D%%'),
                       (SELECT count(*) FROM channel_member WHERE code LIKE 'SCALE-S%%'),
                       (SELECT count(*) FROM product_product WHERE default_code LIKE 'SCALE-P%%'),
                       (SELECT count(*) FROM sale_order WHERE origin = 'SCALE'),
                       (SELECT count(*) FROM account_move_line),
                       (SELECT count(*) FROM channel_sellout_report_line)
            """)
            keys = ("distributors", "stores", "products", "sale_orders", "journal_items", "sellout_lines")
            return dict(zip(keys, env.cr.fetchone()))

    # === PRODUCTS === #
    def _products(self, env):
        from odoo import Command

        Product = env["product.product"].sudo()
        existing = set(Product.with_context(active_test=False).search(
            [("default_code", "=like", f"{PREFIX}P%")]).mapped("default_code"))
        wanted = [n for n in range(1, self.products + 1) if product_code(n) not in existing]
        if not wanted:
            return
        category = env["product.category"].search([("name", "=", "SCALE")], limit=1) \
            or env["product.category"].create({"name": "SCALE"})
        pricelists = {level.code: level.pricelist_id for level in env["channel.level"].search([])
                      if level.code in PRICE_SHARES and level.pricelist_id}
        log(f"products: creating {len(wanted)}")
        for first in range(0, len(wanted), 100):
            batch = wanted[first:first + 100]
            products = Product.create([{
                "name": f"SCALE 商品 {n:04d}", "default_code": product_code(n), "categ_id": category.id,
                "is_storable": True, "invoice_policy": "order", "list_price": 2.0 + (n * 37 % 480) / 10,
                "standard_price": (2.0 + (n * 37 % 480) / 10) * 0.4,
                "taxes_id": [Command.clear()], "supplier_taxes_id": [Command.clear()],
            } for n in batch])
            env["product.pricelist.item"].create([{
                "pricelist_id": pricelist.id, "applied_on": "0_product_variant", "product_id": product.id,
                "fixed_price": round(product.list_price * PRICE_SHARES[code], 2),
            } for product in products for code, pricelist in pricelists.items()])
            env.cr.commit()

    # === DISTRIBUTORS: THE SUITE'S OWN ONBOARDING === #
    def _territories(self, env):
        """Province territories with a region: the demo's, else ones of its own."""
        Territory = env["res.territory"].sudo()
        territories = Territory.search([("type", "=", "state"), ("state_ids", "!=", False),
                                        ("branch_id", "!=", False)], order="id")
        if territories:
            return territories
        region = env["res.region"].create({"name": "SCALE 全国"})
        district = env["res.district"].create({"name": "SCALE 全国", "region_id": region.id})
        branch = env["res.branch"].create({"name": "SCALE 全国", "district_id": district.id})
        states = env["res.country.state"].search([("country_id.code", "=", "CN")], order="id", limit=12)
        territories = Territory.create([{
            "name": f"SCALE {state.name}", "code": f"{PREFIX}T-{state.code}", "type": "state",
            "branch_id": branch.id, "state_ids": [(6, 0, state.ids)],
        } for state in states])
        env.cr.commit()
        return territories

    def _distributor_vals(self, number, territories):
        block = (number - 1) // LEVEL1_EVERY
        territory = territories[block % len(territories)]
        up = upstream_number(number)
        vals = {
            "name": f"SCALE {'一级' if up is None else '二级'}经销商 {number:05d}",
            "code": distributor_code(number), "login": f"scale.d{number:05d}",
            "email": f"scale.d{number:05d}@example.com", "territory_id": territory.id,
            "state_id": territory.state_ids[:1].id, "credit_grade": "A",
        }
        if up is not None:
            vals["upstream_code"] = distributor_code(up)
        return vals

    def _distributors(self, env):
        Member = env["channel.member"]
        existing = set(Member.sudo().with_context(active_test=False).search(
            [("code", "=like", f"{PREFIX}D%")]).mapped("code"))
        missing = [n for n in range(1, self.distributors + 1) if distributor_code(n) not in existing]
        self.stats["onboarded"] = len(missing)
        self.stats["onboarding_s"] = 0.0
        if not missing:
            return
        territories = self._territories(env)
        # level 1 first: a batch is checked whole before anything is made, so a
        # level-2 distributor cannot name an upstream of its own batch
        batches = []
        for level in ([n for n in missing if upstream_number(n) is None],
                      [n for n in missing if upstream_number(n) is not None]):
            batches += [level[first:first + self.onboard_batch] for first in range(0, len(level), self.onboard_batch)]
        log(f"distributors: onboarding {len(missing)} (the suite's onboard_distributors, "
            f"batches of {self.onboard_batch})")
        started, done = time.perf_counter(), 0
        for batch in batches:
            batch_started = time.perf_counter()
            Member.onboard_distributors([self._distributor_vals(n, territories) for n in batch])
            env.cr.commit()
            done += len(batch)
            log(f"  {done}/{len(missing)} onboarded ({_eta(done, len(missing), started, len(batch), batch_started)})")
        self.stats["onboarding_s"] = time.perf_counter() - started

    # === STORES: SQL, AS THE ONBOARDING WRITES THEM === #
    def _stores(self, env):
        cr = env.cr
        cr.execute("SELECT id, substring(code from 8)::int FROM channel_member WHERE code ~ '^SCALE-D[0-9]+$'")
        numbers = {number: member_id for member_id, number in cr.fetchall()}
        total = max(numbers) if numbers else 0
        quotas = [(numbers[n], n, store_quota(n, total, self.stores)) for n in sorted(numbers)]
        quotas = [row for row in quotas if row[2]]
        if not quotas:
            return
        store_level = env.ref("channel_base.channel_level_store")
        made = 0
        started = time.perf_counter()
        per_chunk = max(1, self.store_chunk // max(1, self.stores // max(total, 1)))
        for first in range(0, len(quotas), per_chunk):
            chunk = quotas[first:first + per_chunk]
            made += self._insert_stores(cr, chunk, store_level)
            cr.commit()
            if made:
                log(f"  stores: {made} written ({first + len(chunk)}/{len(quotas)} distributors, "
                    f"{time.perf_counter() - started:.0f} s)")
        self.stats["stores_written"] = made

    def _insert_stores(self, cr, chunk, store_level):
        made = _rows(cr, """
            CREATE TEMP TABLE scale_new_store ON COMMIT DROP AS
            SELECT nextval('res_partner_id_seq')::int AS partner_id, nextval('channel_member_id_seq')::int AS member_id,
                   x.code, 'SCALE 门店 ' || substring(x.code from 8) AS name, x.grade,
                   d.id AS distributor_id, d.parent_path, d.tenant_company_id AS company_id, d.territory_id,
                   d.region_id, d.state_id, c.country_id
              FROM (SELECT q.member_id,
                           'SCALE-S' || lpad(q.number::text, 5, '0') || '-' || lpad(k::text, 4, '0') AS code,
                           substr(%(grades)s, 1 + (q.number * 7 + k) %% length(%(grades)s), 1) AS grade
                      FROM unnest(%(members)s::int[], %(numbers)s::int[], %(quotas)s::int[]) q(member_id, number, quota)
                     CROSS JOIN LATERAL generate_series(1, q.quota) k) x
              JOIN channel_member d ON d.id = x.member_id
              JOIN res_company co ON co.id = d.tenant_company_id
              JOIN res_partner c ON c.id = co.partner_id
             WHERE NOT EXISTS (SELECT 1 FROM channel_member e WHERE e.code = x.code)
             ORDER BY x.code
        """, {"members": [row[0] for row in chunk], "numbers": [row[1] for row in chunk],
              "quotas": [row[2] for row in chunk], "grades": GRADES})
        params = {"pricelist": store_level.pricelist_id.id, "level": store_level.id, "depth": store_level.depth,
                  "lang": self.lang, "uid": self.admin_id}
        if made:
            cr.execute("""
                INSERT INTO res_partner (
                    id, company_id, name, complete_name, commercial_company_name, ref, lang, type, is_company, active,
                    commercial_partner_id, state_id, country_id, color, partner_share, customer_rank, supplier_rank,
                    message_bounce, invoice_warn, picking_warn, purchase_warn, sale_warn, autopost_bills,
                    specific_property_product_pricelist, credit_currency, show_financial_risk_in_portal,
                    risk_sale_order_include, risk_invoice_open_include, risk_invoice_unpaid_include,
                    risk_account_amount_include, risk_account_amount_unpaid_include,
                    create_uid, write_uid, create_date, write_date)
                SELECT partner_id, company_id, name, name, name, code, %(lang)s, 'contact', TRUE, TRUE,
                       partner_id, state_id, country_id, 0, TRUE, 1, 0,
                       0, 'no-message', 'no-message', 'no-message', 'no-message', 'ask',
                       jsonb_build_object(company_id::text, %(pricelist)s), 'company', TRUE,
                       TRUE, TRUE, TRUE, TRUE, TRUE,
                       %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM scale_new_store
            """, params)
            cr.execute("""
                INSERT INTO channel_member (
                    id, partner_id, name, code, role, level_id, level, upstream_id, parent_path, supplier_company_id,
                    territory_id, region_id, state_id, credit_grade, credit_points, active,
                    create_uid, write_uid, create_date, write_date)
                SELECT member_id, partner_id, name, code, 'store', %(level)s, %(depth)s, distributor_id,
                       parent_path || member_id || '/', company_id, territory_id, region_id, state_id, grade, 100, TRUE,
                       %(uid)s, %(uid)s, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
                  FROM scale_new_store
            """, params)
        cr.execute("DROP TABLE scale_new_store")
        return made

    # === HISTORY === #
    def _history(self, env):
        cr = env.cr
        cr.execute("""
            SELECT m.id, m.role FROM channel_member m
             WHERE m.code ~ '^SCALE-[DS]'
               AND NOT EXISTS (SELECT 1 FROM sale_order o WHERE o.channel_buyer_member_id = m.id AND o.origin = 'SCALE')
             ORDER BY m.id
        """)
        pending = {"distributor": [], "store": []}
        for member_id, role in cr.fetchall():
            pending[role].append(member_id)
        for role, chunk_size in (("distributor", self.distributor_chunk), ("store", self.store_chunk)):
            members = pending[role]
            if not members:
                continue
            log(f"history: {len(members)} {role}s, {self.days} days")
            started, rows = time.perf_counter(), 0
            for first in range(0, len(members), chunk_size):
                chunk = members[first:first + chunk_size]
                rows += self._history_chunk(cr, role, chunk)
                cr.commit()
                done = first + len(chunk)
                spent = time.perf_counter() - started
                log(f"  {done}/{len(members)} {role}s: {rows:,} rows in {spent:.0f} s ({rows / spent:,.0f} rows/s)")
            self.stats[f"history_{role}_s"] = time.perf_counter() - started
            self.stats[f"history_{role}_rows"] = rows

    def _history_chunk(self, cr, role, members):
        """One transaction: the orders, invoices (and for distributors purchase
        orders and bills; for stores sell-out reports) of ``members``.

        PostgreSQL checks foreign keys row by row with a trigger each, which
        is most of the time of these inserts (4 to 5 times the rest): unless
        ``fk_triggers`` (or the role may not), the chunk is written without
        them (``session_replication_role = replica``, this transaction only)
        and every foreign key of the rows it wrote is then checked in one
        set-based query per table, before the commit."""
        deferred = not self.fk_triggers and self._may_skip_triggers(cr)
        if deferred:
            last_ids = self._last_ids(cr)
            cr.execute("SET LOCAL session_replication_role = replica")
        self._companies(cr, members)
        self._product_table(cr)
        self._orders(cr, role, members)
        rows = 0
        if role == "distributor":
            rows += self._purchase_documents(cr)  # the sale documents refer to them
        rows += self._sale_documents(cr)
        rows += self._invoices(cr)
        if role == "distributor":
            rows += self._bills(cr)
        else:
            rows += self._sellout(cr, members)
        rows += self._followers(cr)
        for table in ("scale_o", "scale_l", "scale_company", "scale_product"):
            cr.execute(f"DROP TABLE IF EXISTS {table}")
        if deferred:
            cr.execute("SET LOCAL session_replication_role = origin")
            self._check_foreign_keys(cr, last_ids)
        return rows

    def _may_skip_triggers(self, cr):
        cr.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        return cr.fetchone()[0]

    def _last_ids(self, cr):
        """{table: its highest id}: the rows above it are the chunk's."""
        last_ids = {}
        for table in HISTORY_TABLES:
            cr.execute(f"SELECT COALESCE(max(id), 0) FROM {table}")
            last_ids[table] = cr.fetchone()[0]
        return last_ids

    def _table_foreign_keys(self, cr, table):
        """[(column, referenced table, referenced column)] of ``table``."""
        if table not in self._foreign_keys:
            cr.execute("""
                SELECT a.attname, c.confrelid::regclass::text, r.attname
                  FROM pg_constraint c
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                  JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = c.confkey[1]
                 WHERE c.conrelid = %s::regclass AND c.contype = 'f' AND cardinality(c.conkey) = 1
                 ORDER BY a.attname
            """, [table])
            self._foreign_keys[table] = cr.fetchall()
        return self._foreign_keys[table]

    def _check_foreign_keys(self, cr, last_ids):
        """Every foreign key of the rows written since ``last_ids``, one query
        per table; a row that refers to nothing fails the chunk."""
        tables = [(table, "t.id > %s", last_ids[table]) for table in HISTORY_TABLES]
        tables += [(table, f"t.{column} > %s", last_ids[of]) for table, (column, of) in HISTORY_RELATIONS.items()]
        for table, new_rows, last in tables:
            keys = self._table_foreign_keys(cr, table)
            counts = ", ".join(
                f"count(*) FILTER (WHERE t.{column} IS NOT NULL AND NOT EXISTS "
                f"(SELECT 1 FROM {target} x WHERE x.{target_column} = t.{column}))"
                for column, target, target_column in keys
            )
            cr.execute(f"SELECT {counts} FROM {table} t WHERE {new_rows}", [last])
            broken = [(column, target, count) for (column, target, __), count in zip(keys, cr.fetchone()) if count]
            if broken:
                raise RuntimeError(f"{table}: rows refer to rows that do not exist: {broken}")

    def _companies(self, cr, members):
        """What each seller and buyer company of the chunk writes with: journals,
        accounts (the chart's defaults for the company), warehouse, user, team."""
        cr.execute("""
            CREATE TEMP TABLE scale_company ON COMMIT DROP AS
            WITH companies AS (
                SELECT supplier_company_id AS id FROM channel_member WHERE id = ANY(%(members)s)
                 UNION
                SELECT tenant_company_id FROM channel_member
                 WHERE id = ANY(%(members)s) AND tenant_company_id IS NOT NULL
            ), accounts AS (
                SELECT d.company_id,
                       max(d.json_value::int) FILTER (WHERE f.name = 'property_account_receivable_id') AS receivable,
                       max(d.json_value::int) FILTER (WHERE f.name = 'property_account_payable_id') AS payable,
                       max(d.json_value::int) FILTER (WHERE f.name = 'property_account_income_categ_id') AS income,
                       max(d.json_value::int) FILTER (WHERE f.name = 'property_account_expense_categ_id') AS expense
                  FROM ir_default d JOIN ir_model_fields f ON f.id = d.field_id
                 WHERE d.company_id IN (SELECT id FROM companies) AND d.user_id IS NULL AND d.condition IS NULL
                   AND f.model IN ('res.partner', 'product.category')
                 GROUP BY d.company_id
            )
            SELECT c.id AS company_id, c.partner_id, p.name AS partner_name, c.currency_id,
                   COALESCE(c.intercompany_sale_user_id, %(admin)s) AS user_id,
                   COALESCE(c.portal_confirmation_sign, TRUE) AS require_signature,
                   COALESCE(c.prepayment_percent, 1) AS prepayment_percent,
                   COALESCE(c.quotation_validity_days, 30) AS validity_days,
                   sj.id AS sale_journal_id, sj.code AS sale_journal_code,
                   COALESCE(a.income, sj.default_account_id) AS income_account_id,
                   a.receivable AS receivable_account_id,
                   pj.id AS purchase_journal_id, pj.code AS purchase_journal_code,
                   COALESCE(a.expense, pj.default_account_id) AS expense_account_id, a.payable AS payable_account_id,
                   w.id AS warehouse_id, w.in_type_id,
                   (SELECT t.id FROM crm_team t WHERE t.active AND (t.company_id IS NULL OR t.company_id = c.id)
                     ORDER BY t.sequence, t.id LIMIT 1) AS team_id
              FROM res_company c
              JOIN res_partner p ON p.id = c.partner_id
              LEFT JOIN accounts a ON a.company_id = c.id
              LEFT JOIN LATERAL (SELECT id, code, default_account_id FROM account_journal
                                  WHERE company_id = c.id AND type = 'sale' AND active
                                  ORDER BY sequence, id LIMIT 1) sj ON TRUE
              LEFT JOIN LATERAL (SELECT id, code, default_account_id FROM account_journal
                                  WHERE company_id = c.id AND type = 'purchase' AND active
                                  ORDER BY sequence, id LIMIT 1) pj ON TRUE
              LEFT JOIN LATERAL (SELECT id, in_type_id FROM stock_warehouse
                                  WHERE company_id = c.id AND active ORDER BY sequence, id LIMIT 1) w ON TRUE
             WHERE c.id IN (SELECT id FROM companies)
        """, {"members": members, "admin": self.admin_id})
        cr.execute("""
            SELECT c.name FROM scale_company s JOIN res_company c ON c.id = s.company_id
             WHERE s.sale_journal_id IS NULL OR s.receivable_account_id IS NULL OR s.income_account_id IS NULL
                OR s.warehouse_id IS NULL
        """)
        broken = [row[0] for row in cr.fetchall()]
        if broken:
            raise RuntimeError(f"companies without a chart of accounts or a warehouse: {broken[:5]}")

    def _product_table(self, cr):
        """The catalogue by position (0 … n-1, by code)."""
        self.catalogue = _rows(cr, """
            CREATE TEMP TABLE scale_product ON COMMIT DROP AS
            SELECT (row_number() OVER (ORDER BY pp.default_code) - 1)::int AS idx, pp.id AS product_id,
                   pt.uom_id, pt.list_price,
                   '[' || pp.default_code || '] ' || COALESCE(pt.name->>%(lang)s, pt.name->>'en_US') AS label
              FROM product_product pp JOIN product_template pt ON pt.id = pp.product_tmpl_id
             WHERE pp.default_code LIKE 'SCALE-P%%' AND pp.active
        """, {"lang": self.lang})
        if self.catalogue < max(self.purchase_lines, self.store_order_lines):
            raise RuntimeError("fewer SCALE products than lines per order: raise --products")
        cr.execute("CREATE INDEX ON scale_product (idx)")

    def _sequence(self, cr, code):
        """(PostgreSQL sequence, prefix, padding) of Odoo's ``code`` sequence
        shared by all companies, as ``next_by_code`` uses it."""
        cr.execute("""
            SELECT id, prefix, padding, implementation FROM ir_sequence
             WHERE code = %s AND company_id IS NULL AND active ORDER BY id LIMIT 1
        """, [code])
        seq_id, prefix, padding, implementation = cr.fetchone()
        assert implementation == "standard" and "%" not in (prefix or ""), f"sequence {code} is not a plain one"
        cr.execute("SELECT company_id FROM ir_sequence WHERE code = %s AND company_id IS NOT NULL", [code])
        assert not cr.fetchall(), f"companies have their own {code} sequences: not handled"
        return f"ir_sequence_{seq_id:03d}", prefix or "", padding

    def _orders(self, cr, role, members):
        """scale_o: one row per order of the chunk, with the ids and names of
        every document it makes; scale_l: its lines, with theirs."""
        is_store = role == "store"
        period = self.store_order_days if is_store else self.purchase_days
        lines = self.store_order_lines if is_store else self.purchase_lines
        so_seq, so_prefix, so_pad = self._sequence(cr, "sale.order")
        po_seq, po_prefix, po_pad = self._sequence(cr, "purchase.order")
        params = {
            "members": members, "start": self.start, "days": self.days, "period": period, "lines": lines,
            "so_seq": so_seq, "so_prefix": so_prefix, "so_pad": so_pad,
            "po_seq": po_seq, "po_prefix": po_prefix, "po_pad": po_pad, "catalogue": self.catalogue,
        }
        orders = _rows(cr, """
            CREATE TEMP TABLE scale_o ON COMMIT DROP AS
            SELECT nextval('sale_order_id_seq')::int AS so_id, nextval(%(so_seq)s) AS so_number,
                   nextval('account_move_id_seq')::int AS inv_id,
                   CASE WHEN x.buyer_company_id IS NOT NULL THEN nextval('purchase_order_id_seq')::int END AS po_id,
                   CASE WHEN x.buyer_company_id IS NOT NULL THEN nextval(%(po_seq)s) END AS po_number,
                   CASE WHEN x.buyer_company_id IS NOT NULL THEN nextval('account_move_id_seq')::int END AS bill_id,
                   x.*, 0.0::numeric AS amount, ''::varchar AS so_name, ''::varchar AS po_name,
                   ''::varchar AS inv_prefix, 0 AS inv_number, ''::varchar AS inv_name,
                   ''::varchar AS bill_prefix, 0 AS bill_number, ''::varchar AS bill_name
              FROM (SELECT m.id AS member_id, m.role, m.partner_id AS buyer_partner_id, bp.name AS buyer_name,
                           lv.pricelist_id, lv.depth AS buyer_depth,
                           s.company_id AS seller_company_id, s.partner_id AS seller_partner_id,
                           s.partner_name AS seller_name, s.currency_id, s.user_id AS seller_user_id, s.team_id,
                           s.warehouse_id AS seller_warehouse_id, s.require_signature, s.prepayment_percent,
                           s.validity_days, s.sale_journal_id, s.sale_journal_code, s.income_account_id,
                           s.receivable_account_id,
                           b.company_id AS buyer_company_id, b.user_id AS buyer_user_id, b.purchase_journal_id,
                           b.purchase_journal_code, b.expense_account_id, b.payable_account_id, b.in_type_id,
                           b.team_id AS buyer_team_id,
                           g.d AS day_index, (%(start)s::date + g.d) AS day,
                           (%(start)s::date + g.d) + time '01:00' + (m.id %% 480) * interval '1 minute' AS moment
                      FROM channel_member m
                      JOIN res_partner bp ON bp.id = m.partner_id
                      JOIN channel_level lv ON lv.id = m.level_id
                      JOIN scale_company s ON s.company_id = m.supplier_company_id
                      LEFT JOIN scale_company b ON b.company_id = m.tenant_company_id
                     CROSS JOIN LATERAL generate_series(m.id %% %(period)s, %(days)s - 1, %(period)s) g(d)
                     WHERE m.id = ANY(%(members)s)
                     ORDER BY day, m.id) x
        """, params)
        # names: the order sequences, then each journal's next numbers in date order
        cr.execute("""
            UPDATE scale_o SET
                so_name = %(so_prefix)s || lpad(so_number::text, greatest(%(so_pad)s, length(so_number::text)), '0'),
                po_name = %(po_prefix)s || lpad(po_number::text, greatest(%(po_pad)s, length(po_number::text)), '0'),
                inv_prefix = sale_journal_code || '/' || to_char(day, 'YYYY') || '/',
                bill_prefix = purchase_journal_code || '/' || to_char(day, 'YYYY/MM') || '/'
        """, params)
        for kind, journal, pad in (("inv", "sale_journal_id", 5), ("bill", "purchase_journal_id", 4)):
            cr.execute(f"""
                UPDATE scale_o o SET {kind}_number = n.number,
                       {kind}_name = o.{kind}_prefix
                                     || lpad(n.number::text, greatest({pad}, length(n.number::text)), '0')
                  FROM (SELECT so_id,
                               COALESCE(used.last, 0) + row_number() OVER (
                                   PARTITION BY o.{journal}, o.{kind}_prefix ORDER BY day, so_id) AS number
                          FROM scale_o o
                          LEFT JOIN LATERAL (SELECT max(sequence_number) AS last FROM account_move a
                                              WHERE a.journal_id = o.{journal}
                                                AND a.sequence_prefix = o.{kind}_prefix) used ON TRUE
                         WHERE o.{journal} IS NOT NULL AND ({kind!r} = 'inv' OR o.bill_id IS NOT NULL)) n
                 WHERE n.so_id = o.so_id
            """)
        # lines: a store keeps its assortment; a distributor's rotates over the catalogue
        product = "(o.member_id * 7 + k)" if is_store else \
            "(o.member_id * 13 + o.day_index / %(period)s * %(lines)s + k)"
        quantity = "1 + floor(random() * 24)" if is_store else \
            "CASE WHEN o.buyer_depth <= 1 THEN 120 ELSE 12 END * (1 + floor(random() * 10))"
        made = _rows(cr, f"""
            CREATE TEMP TABLE scale_l ON COMMIT DROP AS
            SELECT t.*, round(t.qty * t.price, 2) AS subtotal
              FROM (SELECT nextval('sale_order_line_id_seq')::int AS sol_id,
                           nextval('account_move_line_id_seq')::int AS inv_line_id,
                           CASE WHEN o.po_id IS NOT NULL THEN nextval('purchase_order_line_id_seq')::int END AS pol_id,
                           o.so_id, k, p.product_id, p.uom_id, p.label, p.list_price, price.fixed_price AS price,
                           ({quantity})::numeric AS qty
                      FROM scale_o o
                     CROSS JOIN generate_series(0, %(lines)s - 1) k
                      JOIN scale_product p ON p.idx = {product} %% %(catalogue)s
                      JOIN LATERAL (SELECT fixed_price FROM product_pricelist_item i
                                     WHERE i.pricelist_id = o.pricelist_id AND i.product_id = p.product_id
                                       AND i.applied_on = '0_product_variant'
                                     ORDER BY i.id LIMIT 1) price ON TRUE
                     ORDER BY o.so_id, k) t
        """, params)
        if made != orders * lines:
            raise RuntimeError("a SCALE product has no price in a level pricelist (run with --products again)")
        cr.execute("""
            UPDATE scale_o o SET amount = t.amount
              FROM (SELECT so_id, sum(subtotal) AS amount FROM scale_l GROUP BY so_id) t WHERE t.so_id = o.so_id
        """)
        cr.execute("CREATE INDEX ON scale_o (so_id)")
        cr.execute("ANALYZE scale_o; ANALYZE scale_l")

    def _sale_documents(self, cr):
        """The seller's confirmed, delivered and invoiced sale orders."""
        orders = _rows(cr, """
            INSERT INTO sale_order (
                id, name, origin, client_order_ref, state, company_id, partner_id, partner_invoice_id,
                partner_shipping_id, pricelist_id, currency_id, currency_rate, user_id, team_id, warehouse_id,
                date_order, validity_date, commitment_date, effective_date, invoice_status, delivery_status,
                picking_policy, amount_untaxed, amount_tax, amount_total, locked, require_signature, require_payment,
                prepayment_percent, auto_purchase_order_id, channel_buyer_member_id, channel_buyer_role,
                channel_approval_state, create_uid, write_uid, create_date, write_date)
            SELECT so_id, so_name, 'SCALE', CASE WHEN po_id IS NOT NULL THEN po_name END, 'sale', seller_company_id,
                   buyer_partner_id, buyer_partner_id, buyer_partner_id, pricelist_id, currency_id, 1.0,
                   CASE WHEN po_id IS NULL THEN seller_user_id END, team_id, seller_warehouse_id,
                   moment, day + validity_days, CASE WHEN po_id IS NOT NULL THEN moment + interval '1 day' END,
                   moment + interval '1 day', 'invoiced', 'full', 'direct', amount, 0, amount, FALSE,
                   require_signature, FALSE, prepayment_percent, po_id, member_id, role, 'none',
                   seller_user_id, seller_user_id, moment, moment
              FROM scale_o
        """)
        return orders + _rows(cr, """
            INSERT INTO sale_order_line (
                id, order_id, sequence, company_id, currency_id, order_partner_id, salesman_id, product_id,
                product_uom, name, state, qty_delivered_method, invoice_status, product_uom_qty, price_unit,
                technical_price_unit, discount, price_subtotal, price_tax, price_total, price_reduce_taxexcl,
                price_reduce_taxinc, qty_delivered, qty_invoiced, qty_to_invoice, untaxed_amount_invoiced,
                untaxed_amount_to_invoice, product_packaging_qty, customer_lead, risk_partner_id, risk_amount,
                warehouse_id, auto_purchase_line_id, channel_level_price, channel_below_level_price,
                create_uid, write_uid, create_date, write_date)
            SELECT l.sol_id, o.so_id, 10 + l.k, o.seller_company_id, o.currency_id, o.buyer_partner_id,
                   CASE WHEN o.po_id IS NULL THEN o.seller_user_id END, l.product_id,
                   l.uom_id, l.label, 'sale', 'stock_move', 'invoiced', l.qty, l.price,
                   l.price, 0, l.subtotal, 0, l.subtotal, l.price,
                   l.price, l.qty, l.qty, 0, l.subtotal,
                   0, 0, 0, o.buyer_partner_id, 0,
                   o.seller_warehouse_id, l.pol_id, l.price, FALSE,
                   o.seller_user_id, o.seller_user_id, o.moment, o.moment
              FROM scale_l l JOIN scale_o o ON o.so_id = l.so_id
        """)

    def _invoices(self, cr):
        """The seller's posted customer invoice of each order: product lines
        (credit, income) and one receivable line, linked to the sale lines."""
        moves = _rows(cr, """
            INSERT INTO account_move (
                id, name, sequence_prefix, sequence_number, journal_id, company_id, currency_id, move_type, state,
                partner_id, commercial_partner_id, partner_shipping_id, invoice_partner_display_name, invoice_user_id,
                team_id, ref, payment_reference, invoice_origin, date, invoice_date, invoice_date_due,
                auto_post, payment_state, invoice_currency_rate, amount_untaxed, amount_tax, amount_total,
                amount_residual, amount_untaxed_signed, amount_untaxed_in_currency_signed, amount_tax_signed,
                amount_total_signed, amount_total_in_currency_signed, amount_residual_signed, is_storno,
                always_tax_exigible, checked, posted_before, made_sequence_gap, is_manually_modified, auto_generated,
                create_uid, write_uid, create_date, write_date)
            SELECT inv_id, inv_name, inv_prefix, inv_number, sale_journal_id, seller_company_id, currency_id,
                   'out_invoice', 'posted', buyer_partner_id, buyer_partner_id, buyer_partner_id, buyer_name,
                   seller_user_id, team_id, '', inv_name, so_name, day, day, day,
                   'no', 'not_paid', 1.0, amount, 0, amount,
                   amount, amount, amount, 0,
                   amount, amount, amount, FALSE,
                   FALSE, TRUE, TRUE, FALSE, FALSE, FALSE,
                   seller_user_id, seller_user_id, moment, moment
              FROM scale_o
        """)
        lines = _rows(cr, """
            INSERT INTO account_move_line (
                id, move_id, move_name, journal_id, company_id, company_currency_id, currency_id, sequence,
                account_id, partner_id, product_id, product_uom_id, name, ref, display_type, parent_state, date,
                invoice_date, quantity, price_unit, discount, price_subtotal, price_total, debit, credit, balance,
                amount_currency, amount_residual, amount_residual_currency, tax_tag_invert, reconciled,
                is_downpayment, create_uid, write_uid, create_date, write_date)
            SELECT l.inv_line_id, o.inv_id, o.inv_name, o.sale_journal_id, o.seller_company_id, o.currency_id,
                   o.currency_id, l.k,
                   o.income_account_id, o.buyer_partner_id, l.product_id, l.uom_id, l.label, '', 'product', 'posted',
                   o.day, o.day, l.qty, l.price, 0, l.subtotal, l.subtotal, 0, l.subtotal, -l.subtotal,
                   -l.subtotal, 0, 0, TRUE, FALSE,
                   FALSE, o.seller_user_id, o.seller_user_id, o.moment, o.moment
              FROM scale_l l JOIN scale_o o ON o.so_id = l.so_id
        """)
        lines += _rows(cr, """
            INSERT INTO account_move_line (
                move_id, move_name, journal_id, company_id, company_currency_id, currency_id, sequence,
                account_id, partner_id, name, ref, display_type, parent_state, date, invoice_date, date_maturity,
                quantity, price_unit, discount, price_subtotal, price_total, discount_amount_currency,
                discount_balance, debit, credit, balance, amount_currency, amount_residual, amount_residual_currency,
                tax_tag_invert, reconciled, create_uid, write_uid, create_date, write_date)
            SELECT inv_id, inv_name, sale_journal_id, seller_company_id, currency_id, currency_id, 12000,
                   receivable_account_id, buyer_partner_id, inv_name, '', 'payment_term', 'posted', day, day, day,
                   0, 0, 0, 0, 0, 0,
                   0, amount, 0, amount, amount, amount, amount,
                   FALSE, FALSE, seller_user_id, seller_user_id, moment, moment
              FROM scale_o
        """)
        return moves + lines + _rows(cr, """
            INSERT INTO sale_order_line_invoice_rel (invoice_line_id, order_line_id)
            SELECT inv_line_id, sol_id FROM scale_l
        """)

    def _purchase_documents(self, cr):
        """The buyer's purchase orders to its upstream, confirmed and received."""
        orders = _rows(cr, """
            INSERT INTO purchase_order (
                id, name, origin, partner_ref, state, company_id, partner_id, currency_id, currency_rate, user_id,
                picking_type_id, priority, date_order, date_approve, date_planned, date_calendar_start,
                effective_date, invoice_status, receipt_status, invoice_count, amount_untaxed, amount_tax,
                amount_total, amount_total_cc, mail_reminder_confirmed, mail_reception_confirmed,
                channel_upstream_order, create_uid, write_uid, create_date, write_date)
            SELECT po_id, po_name, 'SCALE', so_name, 'purchase', buyer_company_id, seller_partner_id, currency_id, 1.0,
                   buyer_user_id, in_type_id, '0', moment, moment, moment + interval '1 day', moment,
                   moment + interval '1 day', 'invoiced', 'full', 1, amount, 0,
                   amount, amount, FALSE, FALSE,
                   TRUE, buyer_user_id, buyer_user_id, moment, moment
              FROM scale_o
        """)
        return orders + _rows(cr, """
            INSERT INTO purchase_order_line (
                id, order_id, sequence, company_id, partner_id, currency_id, product_id, product_uom, name, state,
                qty_received_method, product_qty, product_uom_qty, price_unit, discount, price_subtotal, price_tax,
                price_total, qty_received, qty_invoiced, qty_to_invoice, product_packaging_qty, date_planned,
                propagate_cancel, create_uid, write_uid, create_date, write_date)
            SELECT l.pol_id, o.po_id, 10 + l.k, o.buyer_company_id, o.seller_partner_id, o.currency_id, l.product_id,
                   l.uom_id, l.label, 'purchase',
                   'stock_moves', l.qty, l.qty, l.price, 0, l.subtotal, 0,
                   l.subtotal, l.qty, l.qty, 0, 0, o.moment + interval '1 day',
                   TRUE, o.buyer_user_id, o.buyer_user_id, o.moment, o.moment
              FROM scale_l l JOIN scale_o o ON o.so_id = l.so_id
        """)

    def _bills(self, cr):
        """The buyer's posted vendor bill of each seller invoice (OCA
        ``account_invoice_inter_company``): linked to it and to the purchase lines."""
        moves = _rows(cr, """
            INSERT INTO account_move (
                id, name, sequence_prefix, sequence_number, journal_id, company_id, currency_id, move_type, state,
                partner_id, commercial_partner_id, partner_shipping_id, invoice_partner_display_name, team_id,
                ref, payment_reference, invoice_origin, date, invoice_date, invoice_date_due,
                auto_post, payment_state, invoice_currency_rate, amount_untaxed, amount_tax, amount_total,
                amount_residual, amount_untaxed_signed, amount_untaxed_in_currency_signed, amount_tax_signed,
                amount_total_signed, amount_total_in_currency_signed, amount_residual_signed, is_storno,
                always_tax_exigible, checked, posted_before, made_sequence_gap, is_manually_modified,
                auto_generated, auto_invoice_id, create_uid, write_uid, create_date, write_date)
            SELECT bill_id, bill_name, bill_prefix, bill_number, purchase_journal_id, buyer_company_id, currency_id,
                   'in_invoice', 'posted', seller_partner_id, seller_partner_id, buyer_partner_id, seller_name,
                   buyer_team_id,
                   inv_name, inv_name, seller_name || ' - Invoice: ' || inv_name, day, day, day,
                   'no', 'not_paid', 1.0, amount, 0, amount,
                   amount, -amount, -amount, 0,
                   -amount, -amount, -amount, FALSE,
                   FALSE, TRUE, TRUE, FALSE, FALSE,
                   TRUE, inv_id, buyer_user_id, buyer_user_id, moment, moment
              FROM scale_o
        """)
        lines = _rows(cr, """
            INSERT INTO account_move_line (
                move_id, move_name, journal_id, company_id, company_currency_id, currency_id, sequence,
                account_id, partner_id, product_id, product_uom_id, name, display_type, parent_state, date,
                invoice_date, quantity, price_unit, discount, price_subtotal, price_total, debit, credit, balance,
                amount_currency, amount_residual, amount_residual_currency, tax_tag_invert, reconciled,
                is_downpayment, purchase_line_id, auto_invoice_line_id, create_uid, write_uid, create_date, write_date)
            SELECT o.bill_id, o.bill_name, o.purchase_journal_id, o.buyer_company_id, o.currency_id, o.currency_id,
                   100 + l.k, o.expense_account_id, o.seller_partner_id, l.product_id, l.uom_id, l.label, 'product',
                   'posted', o.day, o.day, l.qty, l.price, 0, l.subtotal, l.subtotal, l.subtotal, 0, l.subtotal,
                   l.subtotal, 0, 0, FALSE, FALSE,
                   FALSE, l.pol_id, l.inv_line_id, o.buyer_user_id, o.buyer_user_id, o.moment, o.moment
              FROM scale_l l JOIN scale_o o ON o.so_id = l.so_id
        """)
        return moves + lines + _rows(cr, """
            INSERT INTO account_move_line (
                move_id, move_name, journal_id, company_id, company_currency_id, currency_id, sequence,
                account_id, partner_id, name, display_type, parent_state, date, invoice_date, date_maturity,
                quantity, price_unit, discount, price_subtotal, price_total, discount_amount_currency,
                discount_balance, debit, credit, balance, amount_currency, amount_residual, amount_residual_currency,
                tax_tag_invert, reconciled, create_uid, write_uid, create_date, write_date)
            SELECT bill_id, bill_name, purchase_journal_id, buyer_company_id, currency_id, currency_id, 12000,
                   payable_account_id, seller_partner_id, '', 'payment_term', 'posted', day, day, day,
                   0, 0, 0, 0, 0, 0,
                   0, 0, amount, -amount, -amount, -amount, -amount,
                   FALSE, FALSE, buyer_user_id, buyer_user_id, moment, moment
              FROM scale_o
        """)

    def _followers(self, cr):
        """The partner each document is with follows it, as confirming and
        posting subscribe it: what the portal's record rules let a store see
        its orders and invoices by."""
        cr.execute("SELECT res_id FROM ir_model_data WHERE module = 'mail' AND name = 'mt_comment'")
        discussions = cr.fetchone()[0]
        return 2 * _rows(cr, """
            WITH followers AS (
                INSERT INTO mail_followers (res_model, res_id, partner_id)
                SELECT 'sale.order', so_id, buyer_partner_id FROM scale_o
                 UNION ALL
                SELECT 'account.move', inv_id, buyer_partner_id FROM scale_o
                 UNION ALL
                SELECT 'purchase.order', po_id, seller_partner_id FROM scale_o WHERE po_id IS NOT NULL
                 UNION ALL
                SELECT 'account.move', bill_id, seller_partner_id FROM scale_o WHERE bill_id IS NOT NULL
                RETURNING id
            )
            INSERT INTO mail_followers_mail_message_subtype_rel (mail_followers_id, mail_message_subtype_id)
            SELECT id, %s FROM followers
        """, [discussions])

    def _sellout(self, cr, members):
        """Each store's weekly stock and sell-out report (from the API), on the
        Mondays of the period, for the first products of its assortment."""
        first_monday = self.start + datetime.timedelta(days=-self.start.weekday() % 7)
        weeks = max(0, ((self.today - first_monday).days - 6) // 7 + 1)  # complete weeks only
        if not weeks:
            return 0
        params = {"members": members, "monday": first_monday, "weeks": weeks, "lines": self.sellout_lines,
                  "catalogue": self.catalogue, "per_week": 7.0 / self.store_order_days}
        cr.execute("""
            CREATE TEMP TABLE scale_r ON COMMIT DROP AS
            SELECT nextval('channel_sellout_report_id_seq')::int AS id, m.id AS member_id,
                   m.supplier_company_id AS company_id, s.user_id, (%(monday)s::date + 7 * w) AS week
              FROM channel_member m JOIN scale_company s ON s.company_id = m.supplier_company_id
             CROSS JOIN generate_series(0, %(weeks)s - 1) w
             WHERE m.id = ANY(%(members)s)
             ORDER BY week, m.id
        """, params)
        reports = _rows(cr, """
            INSERT INTO channel_sellout_report (id, member_id, company_id, week, source, reported_by_id,
                                                create_uid, write_uid, create_date, write_date)
            SELECT id, member_id, company_id, week, 'api', user_id, user_id, user_id,
                   week + interval '7 days 2 hours', week + interval '7 days 2 hours'
              FROM scale_r
        """)
        lines = _rows(cr, """
            INSERT INTO channel_sellout_report_line (report_id, member_id, company_id, week, product_id,
                                                     qty_on_hand, qty_sold, price,
                                                     create_uid, write_uid, create_date, write_date)
            SELECT r.id, r.member_id, r.company_id, r.week, p.product_id,
                   floor(random() * 12), round((1 + random() * 23) * %(per_week)s), p.list_price,
                   r.user_id, r.user_id, r.week + interval '7 days 2 hours', r.week + interval '7 days 2 hours'
              FROM scale_r r
             CROSS JOIN generate_series(0, %(lines)s - 1) k
              JOIN scale_product p ON p.idx = (r.member_id * 7 + k) %% %(catalogue)s
        """, params)
        cr.execute("DROP TABLE scale_r")
        return reports + lines

    def _analyze(self, env):
        for table in ("channel_member", "res_partner", "mail_followers", "sale_order", "sale_order_line",
                      "purchase_order", "purchase_order_line", "account_move", "account_move_line",
                      "sale_order_line_invoice_rel", "channel_sellout_report", "channel_sellout_report_line"):
            env.cr.execute(f"ANALYZE {table}")
        env.cr.commit()


# === CONSISTENCY CHECK (--check) === #
CHECKS = [
    # table, the generated rows, rows the ORM made of the same kind
    ("res_partner", "ref LIKE 'SCALE-S%%'",
     "id IN (SELECT partner_id FROM channel_member WHERE role = 'store' AND code NOT LIKE 'SCALE-%%')"),
    ("channel_member", "code LIKE 'SCALE-S%%'", "role = 'store' AND code NOT LIKE 'SCALE-%%'"),
    ("sale_order", "origin = 'SCALE' AND channel_buyer_role = 'store'",
     "origin IS DISTINCT FROM 'SCALE' AND channel_buyer_role = 'store' AND state = 'sale'"),
    ("sale_order", "origin = 'SCALE' AND channel_buyer_role = 'distributor'",
     "origin IS DISTINCT FROM 'SCALE' AND auto_purchase_order_id IS NOT NULL"),
    ("sale_order_line", "order_id IN (SELECT id FROM sale_order WHERE origin = 'SCALE')",
     "order_id IN (SELECT id FROM sale_order WHERE origin IS DISTINCT FROM 'SCALE' AND state = 'sale')"
     " AND reward_id IS NULL AND display_type IS NULL"),
    ("purchase_order", "origin = 'SCALE'", "origin IS DISTINCT FROM 'SCALE' AND state = 'purchase'"),
    ("purchase_order_line", "order_id IN (SELECT id FROM purchase_order WHERE origin = 'SCALE')",
     "order_id IN (SELECT id FROM purchase_order WHERE origin IS DISTINCT FROM 'SCALE' AND state = 'purchase')"),
    ("account_move",
     "move_type = 'out_invoice' AND invoice_origin IN (SELECT name FROM sale_order WHERE origin = 'SCALE')",
     "move_type = 'out_invoice' AND state = 'posted' AND invoice_origin IN (SELECT name FROM sale_order"
     " WHERE origin IS DISTINCT FROM 'SCALE')"),
    ("account_move", "move_type = 'in_invoice' AND auto_invoice_id IN (SELECT id FROM account_move WHERE invoice_origin"
     " IN (SELECT name FROM sale_order WHERE origin = 'SCALE'))",
     "move_type = 'in_invoice' AND auto_generated AND state = 'posted' AND auto_invoice_id NOT IN (SELECT id FROM"
     " account_move WHERE invoice_origin IN (SELECT name FROM sale_order WHERE origin = 'SCALE'))"),
    ("account_move_line", "display_type = 'product' AND move_id IN (SELECT id FROM account_move WHERE invoice_origin"
     " IN (SELECT name FROM sale_order WHERE origin = 'SCALE'))",
     "display_type = 'product' AND parent_state = 'posted' AND move_id IN (SELECT id FROM account_move"
     " WHERE move_type = 'out_invoice' AND invoice_origin IS NOT NULL)"),
    ("channel_sellout_report_line", "member_id IN (SELECT id FROM channel_member WHERE code LIKE 'SCALE-%%')",
     "member_id IN (SELECT id FROM channel_member WHERE code NOT LIKE 'SCALE-%%')"),
]


def check(registry):
    """Print, per table, the columns that rows the ORM made fill and the
    generated rows of the same kind leave empty (a review aid)."""
    with admin_env(registry) as env:
        cr = env.cr
        for table, generated, reference in CHECKS:
            cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s", [table])
            columns = [row[0] for row in cr.fetchall()]
            filled = {}
            for label, where in (("generated", generated), ("orm", reference)):
                counts = ", ".join(f'count("{column}")' for column in columns)
                cr.execute(f"SELECT count(*), {counts} FROM {table} WHERE {where}")
                total, *values = cr.fetchone()
                filled[label] = (total, {column for column, count in zip(columns, values) if count})
            (generated_rows, generated_cols), (orm_rows, orm_cols) = filled["generated"], filled["orm"]
            if not generated_rows or not orm_rows:
                log(f"check {table}: {generated_rows} generated, {orm_rows} made by the ORM: nothing to compare")
                continue
            missing = sorted(orm_cols - generated_cols)
            log(f"check {table} ({generated[:40]}…): ORM fills, generator leaves empty: {missing or 'nothing'}")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--distributors", type=int, default=3000)
    parser.add_argument("--stores", type=int, default=70000)
    parser.add_argument("--products", type=int, default=500)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--purchase-days", type=int, default=7, help="a distributor buys every N days")
    parser.add_argument("--purchase-lines", type=int, default=10)
    parser.add_argument("--store-order-days", type=int, default=14, help="a store orders every N days")
    parser.add_argument("--store-order-lines", type=int, default=4)
    parser.add_argument("--sellout-lines", type=int, default=5, help="at most --store-order-lines")
    parser.add_argument("--onboard-batch", type=int, default=50, help="distributors per onboarding call (≤ 200)")
    parser.add_argument("--fk-triggers", action="store_true",
                        help="keep PostgreSQL's row-by-row foreign-key triggers (4-5 times slower) rather than "
                             "checking the chunk's foreign keys set-based before its commit")
    parser.add_argument("--check", action="store_true",
                        help="then list the columns ORM-made rows fill and generated ones leave empty")
    args = parser.parse_args(argv)
    if args.distributors < 1 or args.products < 1 or args.days < 1:
        parser.error("sizes must be positive")
    return args


def main(argv=None):
    args = parse_args(argv)
    registry = registry_for(args.db)
    options = {key: getattr(args, key) for key in (
        "distributors", "stores", "products", "days", "purchase_days", "purchase_lines", "store_order_days",
        "store_order_lines", "sellout_lines", "onboard_batch", "fk_triggers")}
    Generator(registry, **options).run()
    if args.check:
        check(registry)


if __name__ == "__main__":
    main()
