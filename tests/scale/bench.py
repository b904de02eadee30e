"""Scale benchmark: how the suite's figures grow with the network, against
plain Odoo doing the nearest equivalent in the same run.

Usage (after ``source scripts/common.sh && ensure_venv``)::

    $VENV/bin/python tests/scale/bench.py --db NAME --steps 30,300,3000 \\
        [--stores-per-distributor 23] [--products 500] [--days 365] [--create] [--drop]

``--create`` makes the database (``scripts/create_db.py NAME --demo``, then every
channel addon installed); ``--drop`` drops it at the end, also on failure
(``--drop-only`` just drops it). At each step the generator (``generate.py``)
grows the network to that many distributors (and ``--stores-per-distributor``
times as many stores, each with ``--days`` of history), then it measures:

- onboarding: a distributor (``onboard_distributors``) against plain Odoo's
  company + chart of accounts + warehouse + user by hand, and a store
  (``onboard_stores``) against a contact + portal user by hand (the helpers of
  ``tests/test_bench_onboarding.py``), in a transaction rolled back; and the
  generator's own onboarding time per distributor in this step;
- the store portal on a real server (a store of the network with its history,
  its user made by the suite's onboarding code): ``/my/store``, its catalogue,
  accounts (with a rebate policy's watchlist) and promotions pages, and a
  checkout (add to cart, place, confirm: the order ripples up the chain); the
  pages against plain Odoo's ``/my/orders`` of the same store, the checkout
  against a plain 1-line order taken and confirmed over XML-RPC;
- order confirmation: a 10-line store order confirmed at its level-2
  distributor from stock, and one rippling up the chain (no stock below the
  brand: 2 purchases, 2 upstream sales), against a plain 10-line sale order to an
  ordinary customer confirmed by the same distributor (``test_bench_ordering``'s
  helpers), interleaved, rolled back;
- the rebate run: ``action_compute`` of the brand's sell-in policy over its
  level-1 distributors, and of every issuer's (the brand and each level-1
  distributor over its level-2 ones) over the whole period, against plain Odoo's
  ``_read_group`` of the same invoice lines by company and partner, rolled back;
- the dashboards, when ``channel_report`` is installed:
  ``channel.report.overview.get_overview()`` as the brand's administrator and as a
  distributor's first user, and ``channel.report.sale._read_group`` by region and
  month against ``sale.report._read_group`` by province and month.

Every figure is printed with its ratio to plain Odoo; at the end a growth table
gives each figure per step. The tables (Markdown) are also written to
``$CHANNEL_ARTIFACTS/scale-bench-NAME.md`` (default /tmp/channel-artifacts) with
the machine they ran on. Each step's measurements are medians of
``--repeat`` runs (default 5; portal pages ``--requests``, default 10).
"""
import argparse
import datetime
import os
import platform
import statistics
import subprocess
import sys
import time
import xmlrpc.client

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)
ROOT = os.path.dirname(TESTS)
sys.path.insert(0, HERE)
sys.path.insert(0, TESTS)

from generate import Generator, configure, distributor_code, log, registry_for  # noqa: E402
from odoo_process import ODOO_PATH, admin_env, odoo_args, serve  # noqa: E402

PASSWORD = "channel-demo"  # test_bench_portal logs its stores in with it
BENCH_STORE_LOGIN = "scale.bench.store"
HUGE_CREDIT = 10.0**12


# === MACHINE AND DATABASE === #
def machine(registry):
    with open("/proc/meminfo") as meminfo:
        ram_kb = int(next(line for line in meminfo if line.startswith("MemTotal")).split()[1])
    with open("/proc/cpuinfo") as cpuinfo:
        cpu = next((line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name")), "?")
    with admin_env(registry) as env:
        env.cr.execute("SHOW server_version")
        postgres = env.cr.fetchone()[0]
    return (f"{os.cpu_count()} cores ({cpu}), {ram_kb / 1024**2:.0f} GB RAM, PostgreSQL {postgres}, "
            f"Python {platform.python_version()}, Odoo 18.0")


def channel_addons():
    return sorted(name for name in os.listdir(os.path.join(ROOT, "addons"))
                  if os.path.exists(os.path.join(ROOT, "addons", name, "__manifest__.py")))


def create_database(db):
    """As the test command does: create_db.py --demo, then every channel addon."""
    log(f"creating database {db} with the demo and every channel addon")
    subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "create_db.py"), db, "--demo"], check=True)
    subprocess.run([sys.executable, os.path.join(ODOO_PATH, "odoo-bin"), *odoo_args(), "-d", db,
                    "-i", ",".join(channel_addons()), "--stop-after-init", "--no-http", "--max-cron-threads", "0",
                    "--log-level", "warn"], check=True)


def drop_database(db):
    """Drop ``db`` and its filestore (what the database manager does)."""
    from odoo.service import db as db_service

    configure()
    if db_service.exp_drop(db):
        log(f"dropped database {db}")


def median_seconds(work, repeat):
    spent = []
    for __ in range(repeat):
        start = time.perf_counter()
        work()
        spent.append(time.perf_counter() - start)
    return statistics.median(spent)


class ScaleBench:
    def __init__(self, registry, db, steps, stores_per_distributor, products, days, repeat, requests):
        self.registry, self.db, self.steps = registry, db, steps
        self.stores_per_distributor, self.products, self.days = stores_per_distributor, products, days
        self.repeat, self.requests = repeat, requests
        self.results = {}  # step → [(figure, suite seconds, plain seconds or None, note)]
        self.notes = {}

    # === THE RUN === #
    def run(self):
        for step in self.steps:
            started = time.perf_counter()
            generator = Generator(self.registry, distributors=step, stores=step * self.stores_per_distributor,
                                  products=self.products, days=self.days)
            stats = generator.run()
            counts = generator.counts()
            rows = self.results[step] = []
            if stats.get("onboarded"):
                rows.append(("generator: onboarding a distributor, committed",
                             stats["onboarding_s"] / stats["onboarded"], None, f"{stats['onboarded']} in this step"))
            self._setup_bench_chain()
            rows += self._onboarding()
            rows += self._orders()
            rows += self._rebates()
            rows += self._dashboards()
            rows += self._portal()
            spent = time.perf_counter() - started
            self.notes[step] = (f"{counts['distributors']:,} distributors, {counts['stores']:,} stores, "
                                f"{counts['products']:,} products, {self.days} days: {counts['sale_orders']:,} "
                                f"generated sale orders, {counts['journal_items']:,} journal items, "
                                f"{counts['sellout_lines']:,} sell-out lines; step (generation + measures) "
                                f"{datetime.timedelta(seconds=int(spent))}, generation "
                                f"{datetime.timedelta(seconds=int(stats['total_s']))}")
            log(f"step {step}: {self.notes[step]}")
            for line in self.step_table(step):
                print(line, flush=True)
        return self.report()

    # === SETUP: A STORE AND ITS CHAIN TO MEASURE WITH (COMMITTED) === #
    def _chain(self, env):
        """(level-1, level-2 dealer, store with history, its portal user or empty)."""
        Member = env["channel.member"].sudo()
        dealer = Member.search([("code", "=", distributor_code(2))])
        store = Member.search([("upstream_id", "=", dealer.id), ("role", "=", "store")], order="code", limit=1)
        user = env["res.users"].sudo().search([("login", "=", BENCH_STORE_LOGIN)])
        return dealer.upstream_id, dealer, store, user

    def _setup_bench_chain(self):
        """Credit for the chain to confirm by itself (a year of open invoices is
        its exposure), a portal user for the store (the suite's onboarding
        code), and a store rebate policy at the dealer (the accounts page's
        watchlist)."""
        from odoo import Command, fields

        with admin_env(self.registry) as env:
            level1, dealer, store, user = self._chain(env)
            if user:
                return
            for member in (level1, dealer, store):
                member.write({"credit_grade": "A"})
                member.credit_limit = HUGE_CREDIT
            env["channel.member"]._onboard_user({
                "name": store.name, "login": BENCH_STORE_LOGIN, "password": PASSWORD,
                "email": f"{BENCH_STORE_LOGIN}@example.com",
            }, dealer.tenant_company_id, ["base.group_portal"], store.partner_id)
            today = fields.Date.context_today(store)
            env["channel.rebate.policy"].sudo().create({
                "name": "SCALE 门店返利", "company_id": dealer.tenant_company_id.id,
                "level_ids": [Command.set(store.level_id.ids)],
                "date_from": today.replace(month=1, day=1), "date_to": today.replace(month=12, day=31),
                "tier_ids": [Command.create({"threshold_from": 0, "threshold_to": 5000, "rate": 1}),
                             Command.create({"threshold_from": 5000, "rate": 2})],
            })
            env.cr.commit()

    # === ONBOARDING === #
    def _onboarding(self, distributors=2, stores=20):
        from test_bench_onboarding import _plain_distributors, _plain_stores, _timed

        with admin_env(self.registry) as env:
            __, dealer, store, __ = self._chain(env)
            Member = env["channel.member"]
            __, plain_d = _timed(env, lambda: _plain_distributors(env, distributors))
            __, suite_d = _timed(env, lambda: Member.onboard_distributors([{
                "name": f"SCALE 计时经销商 {i}", "code": f"SCALE-BENCH-D{i}", "login": f"scale.bench.d{i}",
                "email": f"scale.bench.d{i}@example.com", "upstream_id": dealer.upstream_id.id,
                "territory_id": dealer.territory_id.id,
            } for i in range(distributors)]))
            company = dealer.tenant_company_id
            __, plain_s = _timed(env, lambda: _plain_stores(env, company, stores))
            __, suite_s = _timed(env, lambda: Member.onboard_stores([{
                "name": f"SCALE 计时门店 {i}", "code": f"SCALE-BENCH-S{i}", "login": f"scale.bench.s{i}",
                "upstream_id": dealer.id, "territory_id": store.territory_id.id,
            } for i in range(stores)]))
            env.cr.rollback()
        self.registry.clear_all_caches()
        return [
            ("onboarding a distributor (company, chart, warehouse, user)", suite_d / distributors,
             plain_d / distributors, f"{distributors} each, rolled back"),
            ("onboarding a store (contact, portal user)", suite_s / stores, plain_s / stores,
             f"{stores} each, rolled back"),
        ]

    # === ORDERS === #
    def _orders(self):
        from test_bench_ordering import _order_vals, _products, _stock

        with admin_env(self.registry) as env:
            __, dealer, store, __ = self._chain(env)
            brand = env["channel.member"]._brand_member()
            company = dealer.tenant_company_id
            products = _products(env, 10)
            for product in products:
                env["stock.quant"]._update_available_quantity(product, _stock(env, company), 10**6)
            [chain_product] = _products(env, 1)
            env["stock.quant"]._update_available_quantity(chain_product, _stock(env, brand.tenant_company_id), 10**6)
            walk_in = env["res.partner"].create({"name": "SCALE 散客"})
            user = env["res.users"].search([("login", "=", f"scale.d{2:05d}")])
            Sale = env(user=user, context=dict(env.context, allowed_company_ids=company.ids))["sale.order"]
            env.flush_all()

            def confirm(partner, lines):
                order = Sale.create(_order_vals(partner, lines))
                env.flush_all()
                start = time.perf_counter()
                order.action_confirm()
                env.flush_all()
                spent = time.perf_counter() - start
                assert order.state == "sale", f"{order.name} was not confirmed: {order.channel_approval_reason}"
                return spent

            confirm(walk_in, products)  # warm-up: caches, sequences
            confirm(store.partner_id, products)
            spent = {"plain": [], "store": [], "ripple": []}
            for __ in range(self.repeat):
                spent["plain"].append(confirm(walk_in, products))
                spent["store"].append(confirm(store.partner_id, products))
                spent["ripple"].append(confirm(store.partner_id, chain_product))
            ripples = Sale.sudo().search([("partner_id", "=", store.partner_id.id),
                                          ("order_line.product_id", "=", chain_product.id)])
            upstream = ripples._get_purchase_orders().intercompany_sale_order_id
            assert len(upstream) == self.repeat and set(upstream.mapped("state")) == {"sale"}, "the chain confirmed"
            env.cr.rollback()
        self.registry.clear_all_caches()
        plain = statistics.median(spent["plain"])
        return [
            ("order confirmed: store order at its level-2 distributor, 10 lines from stock",
             statistics.median(spent["store"]), plain, "vs a plain 10-line order, same user"),
            ("order confirmed: store order rippling up the chain (2 purchases, 2 sales)",
             statistics.median(spent["ripple"]), plain, "vs a plain 10-line order"),
        ]

    # === REBATES === #
    def _rebates(self):
        from odoo import Command

        with admin_env(self.registry) as env:
            env = env(su=True)
            Member, Policy = env["channel.member"], env["channel.rebate.policy"]
            brand = Member._brand_member()
            level1 = Member.search([("role", "=", "distributor"), ("level", "=", 1)])
            levels = {depth: env["channel.level"].search([("depth", "=", depth)]) for depth in (1, 2)}
            date_from, date_to = datetime.date.today() - datetime.timedelta(days=self.days - 1), datetime.date.today()

            def policy(issuer, level):
                return Policy.create({
                    "name": f"SCALE 返利 {issuer.code}", "company_id": issuer.tenant_company_id.id,
                    "level_ids": [Command.set(level.ids)], "date_from": date_from, "date_to": date_to,
                    "period": "custom",
                    "tier_ids": [Command.create({"threshold_from": 0, "threshold_to": 100000, "rate": 1}),
                                 Command.create({"threshold_from": 100000, "rate": 2})],
                })

            runs = env["channel.rebate.run"].create(
                [{"policy_id": policy(brand, levels[1]).id, "date_to": date_to}]
                + [{"policy_id": policy(issuer, levels[2]).id, "date_to": date_to} for issuer in level1])
            env.flush_all()
            brand_run = runs[0]
            distributors = Member.search([("role", "=", "distributor")])

            def plain(issuers):
                env.invalidate_all()
                return env["account.move.line"]._read_group([
                    ("parent_state", "=", "posted"), ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                    ("display_type", "=", "product"), ("date", ">=", date_from), ("date", "<=", date_to),
                    ("company_id", "in", issuers.tenant_company_id.ids),
                    ("partner_id", "in", distributors.partner_id.ids),
                ], ["company_id", "partner_id"], ["balance:sum", "quantity:sum"])

            def compute(some_runs):
                env.invalidate_all()
                some_runs.action_compute()
                env.flush_all()

            plain_brand = median_seconds(lambda: plain(brand), self.repeat)
            suite_brand = median_seconds(lambda: compute(brand_run), self.repeat)
            plain_all = median_seconds(lambda: plain(brand | level1), self.repeat)
            suite_all = median_seconds(lambda: compute(runs), self.repeat)
            # the figures mean something only if both read the same
            groups = plain(brand | level1)
            statements = runs.line_ids
            assert abs(sum(-balance for __, __, balance, __ in groups) - sum(statements.mapped("base_amount"))) < 1, \
                "the runs' bases are the plain aggregation"
            lines = sum(1 for __ in groups)
            env.cr.execute("""
                SELECT count(*) FROM account_move_line l JOIN account_move m ON m.id = l.move_id
                 WHERE l.display_type = 'product' AND l.parent_state = 'posted' AND m.move_type = 'out_invoice'
                   AND l.company_id = ANY(%s) AND l.partner_id = ANY(%s) AND l.date BETWEEN %s AND %s
            """, [(brand | level1).tenant_company_id.ids, distributors.partner_id.ids, date_from, date_to])
            invoice_lines = env.cr.fetchone()[0]
            brand_statements, statements = len(brand_run.line_ids), len(statements)
            env.cr.rollback()
        self.registry.clear_all_caches()
        note = f"{invoice_lines:,} invoice lines, {statements:,} statements, {len(runs)} policies"
        return [
            ("rebate run: the brand's sell-in policy over its level-1 distributors",
             suite_brand, plain_brand, f"{brand_statements:,} statements"),
            ("rebate runs: every issuer's sell-in policy, all distributors", suite_all, plain_all,
             f"{note}; {lines:,} groups"),
        ]

    # === DASHBOARDS (channel_report) === #
    def _dashboards(self):
        with admin_env(self.registry) as env:
            if "channel.report.overview" not in env:
                log("channel_report is not installed: no dashboard figures")
                return []
            admin = env(context=dict(env.context, allowed_company_ids=env.user.company_ids.ids))
            __, dealer, __, __ = self._chain(env)
            user = env["res.users"].search([("login", "=", f"scale.d{2:05d}")])
            distributor = env(user=user, context=dict(env.context, allowed_company_ids=dealer.tenant_company_id.ids))

            def read(environment, model, groupby, aggregates):
                environment.invalidate_all()
                return environment[model]._read_group([], groupby, aggregates)

            def overview(environment):
                environment.invalidate_all()
                return environment["channel.report.overview"].get_overview()

            plain = median_seconds(lambda: read(admin, "sale.report", ["state_id", "date:month"],
                                                ["price_subtotal:sum", "product_uom_qty:sum"]), self.repeat)
            suite = median_seconds(lambda: read(admin, "channel.report.sale", ["region_id", "date:month"],
                                                ["amount:sum", "qty:sum"]), self.repeat)
            as_brand = median_seconds(lambda: overview(admin), self.repeat)
            as_distributor = median_seconds(lambda: overview(distributor), self.repeat)
            assert isinstance(overview(admin), dict) and isinstance(overview(distributor), dict)
            env.cr.rollback()
        return [
            ("dashboard: channel.report.sale by region and month (brand)", suite, plain,
             "vs sale.report by province and month"),
            ("dashboard: get_overview() as the brand's administrator", as_brand, plain, "vs the same sale.report read"),
            ("dashboard: get_overview() as a level-2 distributor's user", as_distributor, plain,
             "vs the same sale.report read"),
        ]

    # === STORE PORTAL (REAL SERVER) === #
    def _portal(self):
        import re

        from test_bench_portal import _error, _session

        with admin_env(self.registry) as env:
            product = env["product.product"].search([("default_code", "=like", "SCALE-P%")], order="default_code",
                                                    limit=1)
            product_id = product.id
            # plain Odoo's nearest to a checkout: the brand's administrator takes
            # a 1-line order for a plain customer and confirms it, over XML-RPC
            customer = env["res.partner"].search([("name", "=", "SCALE 门户对照客户")], limit=1) \
                or env["res.partner"].create({"name": "SCALE 门户对照客户"})
            customer_id = customer.id
            env.cr.commit()
        with serve(self.db, ["--max-cron-threads", "0", "--log-level", "warn"], log_name="channel-scale") as (server, _p, _l):
            session, token = _session(server, BENCH_STORE_LOGIN)

            def page(path, marker=None):
                def get():
                    response = session.get(f"{server}{path}")
                    assert response.status_code == 200, f"{path}: {response.status_code}"
                    assert marker is None or marker in response.text, f"{path}: no {marker}"
                return get

            def checkout():
                added = session.post(f"{server}/my/store/cart/add", allow_redirects=False, data={
                    "product_id": product_id, "quantity": 1, "csrf_token": token,
                })
                assert added.status_code == 303, _error(added.text)
                done = session.post(f"{server}/my/store/checkout", data={"csrf_token": token})
                assert done.status_code == 200 and "o_channel_order_" in done.text, _error(done.text)
                assert "o_channel_order_confirmed" in done.text, "the chain confirmed the store's order"

            common = xmlrpc.client.ServerProxy(f"{server}/xmlrpc/2/common")
            models = xmlrpc.client.ServerProxy(f"{server}/xmlrpc/2/object", allow_none=True)
            admin_uid = common.authenticate(self.db, "admin", "admin", {})

            def plain_order():
                order_id = models.execute_kw(self.db, admin_uid, "admin", "sale.order", "create", [{
                    "partner_id": customer_id, "order_line": [(0, 0, {"product_id": product_id, "product_uom_qty": 1})],
                }])
                models.execute_kw(self.db, admin_uid, "admin", "sale.order", "action_confirm", [[order_id]])

            pages = [
                ("portal: /my/store (home, counters)", page("/my/store")),
                ("portal: /my/store/catalogue (search)", page("/my/store/catalogue?search=SCALE", "o_channel_product")),
                ("portal: /my/store/accounts (balances, rebate watchlist)", page("/my/store/accounts")),
                ("portal: /my/store/promotions", page("/my/store/promotions")),
                ("portal: checkout (add to cart, place, confirm up the chain)", checkout),
            ]
            plain = page("/my/orders", "/my/orders/")
            for __, work in [("plain", plain), ("plain order", plain_order)] + pages:  # warm the server's caches
                work()
            plain_s = median_seconds(plain, self.requests)
            plain_order_s = median_seconds(plain_order, self.requests)
            orders = len(re.findall(r'href="/my/orders/\d+', session.get(f"{server}/my/orders").text))
            rows = [(name, median_seconds(work, self.requests), plain_s,
                     f"vs /my/orders ({orders} orders listed), median of {self.requests}") for name, work in pages[:-1]]
            name, work = pages[-1]
            rows.append((name, median_seconds(work, self.requests), plain_order_s,
                         "vs plain Odoo: a 1-line order taken and confirmed over XML-RPC (no portal checkout in "
                         f"Odoo Community), median of {self.requests}"))
        return rows

    # === REPORT === #
    @staticmethod
    def _format(seconds):
        if seconds is None:
            return "—"
        return f"{seconds:.2f} s" if seconds >= 1 else f"{seconds * 1000:.0f} ms"

    def step_table(self, step):
        lines = [f"### {step:,} distributors", "", self.notes.get(step, ""), "",
                 "| figure | suite | plain Odoo | ratio | note |", "|---|---|---|---|---|"]
        for name, suite, plain, note in self.results[step]:
            ratio = f"{suite / plain:.2f}" if plain else "—"
            lines.append(f"| {name} | {self._format(suite)} | {self._format(plain)} | {ratio} | {note} |")
        return lines + [""]

    def growth_table(self):
        steps = list(self.results)
        names = list(dict.fromkeys(name for step in steps for name, *__ in self.results[step]))
        header = "| figure | " + " | ".join(f"{step:,} distributors" for step in steps) + " | growth (last / first) |"
        lines = ["### Growth: each figure per step (ratio to plain Odoo in brackets)", "", header,
                 "|---|" + "---|" * (len(steps) + 1)]
        for name in names:
            cells, values = [], []
            for step in steps:
                row = next((row for row in self.results[step] if row[0] == name), None)
                if row is None:
                    cells.append("—")
                    continue
                __, suite, plain, __ = row
                values.append(suite)
                cells.append(self._format(suite) + (f" ({suite / plain:.2f})" if plain else ""))
            growth = f"{values[-1] / values[0]:.2f}×" if len(values) > 1 and values[0] else "—"
            lines.append(f"| {name} | " + " | ".join(cells) + f" | {growth} |")
        return lines + [""]

    def report(self):
        lines = [f"## Scale benchmark, {datetime.date.today()} (`tests/scale/bench.py`)", "",
                 f"Machine: {machine(self.registry)}.", "",
                 f"Sizes per step: {self.stores_per_distributor} stores per distributor, {self.products} products, "
                 f"{self.days} days of history; medians of {self.repeat} (portal: {self.requests} requests).", ""]
        for step in self.results:
            lines += self.step_table(step)
        lines += self.growth_table()
        return "\n".join(lines)


def artifacts_path(db):
    folder = os.environ.get("CHANNEL_ARTIFACTS") or os.path.join(os.environ.get("TMPDIR", "/tmp"), "channel-artifacts")
    os.makedirs(folder, exist_ok=True)
    return os.path.join(folder, f"scale-bench-{db}.md")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True)
    parser.add_argument("--steps", default="30,300,3000", help="numbers of distributors, growing")
    parser.add_argument("--stores-per-distributor", type=int, default=23)
    parser.add_argument("--products", type=int, default=500)
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=5, help="measures per figure (median)")
    parser.add_argument("--requests", type=int, default=10, help="requests per portal page (median)")
    parser.add_argument("--output", help="the Markdown tables (default $CHANNEL_ARTIFACTS/scale-bench-DB.md)")
    parser.add_argument("--create", action="store_true", help="create the database first (demo + channel addons)")
    parser.add_argument("--drop", action="store_true", help="drop the database at the end, also on failure")
    parser.add_argument("--drop-only", action="store_true", help="only drop the database")
    args = parser.parse_args(argv)
    args.steps = [int(step) for step in args.steps.split(",") if step.strip()]
    if not args.drop_only and (not args.steps or args.steps != sorted(args.steps) or args.steps[0] < 2):
        parser.error("--steps: growing numbers of distributors, at least 2 (level 1 and a level 2 below it)")
    return args


def main(argv=None):
    args = parse_args(argv)
    if "ADDONS_PATH" not in os.environ:
        sys.exit("ADDONS_PATH is not set: run `source scripts/common.sh && ensure_venv` first")
    output = args.output or artifacts_path(args.db)
    started = time.perf_counter()
    try:
        if args.drop_only:
            return
        if args.create:
            create_database(args.db)
        registry = registry_for(args.db)
        bench = ScaleBench(registry, args.db, args.steps, args.stores_per_distributor, args.products, args.days,
                           args.repeat, args.requests)
        text = bench.run()
        spent = datetime.timedelta(seconds=int(time.perf_counter() - started))
        text += f"\nWhole run (database creation included): {spent}.\n"
        with open(output, "w") as report:
            report.write(text)
        print(text, flush=True)
        log(f"tables written to {output}")
    finally:
        if args.drop or args.drop_only:
            drop_database(args.db)


if __name__ == "__main__":
    main()
