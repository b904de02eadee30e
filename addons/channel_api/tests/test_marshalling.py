# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Every public method of the suite answers over XML-RPC.

A method called through ``execute_kw`` that returns ``None`` or a recordset
commits its work and then answers a Fault (Odoo's marshaller refuses both):
an ERP that retries on a Fault acts twice. This walk calls every public
method that a channel addon defines or overrides, on every model of the
registry, the way the server does (``odoo.api.call_kw``), and passes the
answer through the server's own marshaller (``OdooMarshaller(allow_none=
False)``). Each call runs in a savepoint that is rolled back.

Two calls per method on records: on an empty recordset (a client may send
``[]``; a loop that ends without ``return`` answers ``None`` there too) and on
a representative record in the state where the method acts. A refusal
(UserError, ValidationError, AccessError) is a Fault that commits nothing:
fine. A method with required arguments and no entry in ``ARGS`` fails the
test, so that a new public method cannot be forgotten.
"""
import inspect
import xmlrpc.client

from psycopg2 import IntegrityError

from odoo import Command, api
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.base.controllers.rpc import OdooMarshaller
from odoo.addons.channel_base.tests.common import ChannelNetworkMixin

# ORM hooks the registry calls (not business methods): ``init`` of the SQL
# views rebuilds a view and is the ORM's own contract.
SKIP = {"init"}


def _rebate_run(test, state="draft"):
    run = test.env["channel.rebate.run"].create({"policy_id": test.policy.id, "date_to": "2026-12-31"})
    run.action_compute()
    if state in ("to_approve", "approved"):
        run.with_user(test.requester).action_request_approval()
    if state == "approved":
        run.with_user(test.admin).action_approve()
    return run


# (model, method) -> f(test, record) -> (args, kwargs): arguments a client would send
ARGS = {
    ("channel.api", "upsert_products"): lambda t, r: ([[]], {}),
    ("channel.api", "upsert_level_prices"): lambda t, r: ([[]], {}),
    ("channel.api", "upsert_territories"): lambda t, r: ([[]], {}),
    ("channel.api", "upsert_members"): lambda t, r: ([[]], {}),
    ("channel.api", "import_orders"): lambda t, r: ([[]], {}),
    ("channel.api", "import_stock_counts"): lambda t, r: ([[]], {}),
    ("channel.api", "import_sellout"): lambda t, r: ([[]], {}),
    ("channel.code", "generate"): lambda t, r: ([t.env.ref("product.product_product_4").id, 1, 2], {}),
    ("channel.code.scan", "scan_code"): lambda t, r: (["NO-SUCH-CODE"], {"store_code": t.store_hz.code}),
    ("channel.diversion.case", "create"): lambda t, r: ([{}], {}),
    ("channel.diversion.case", "action_penalise"): lambda t, r: ([5.0], {}),
    ("channel.fund.account", "create"): lambda t, r: ([{}], {}),
    ("channel.fund.account", "write"): lambda t, r: ([{"credit_expiry": False}], {}),
    ("channel.fund.account", "action_deposit"): lambda t, r: ([10.0], {}),
    ("channel.fund.account", "action_deposit_payment"): lambda t, r: ([0], {}),
    ("channel.fund.account", "action_credit_rebate"): lambda t, r: ([1.0], {}),
    ("channel.fund.account", "action_debit_rebate"): lambda t, r: ([1.0], {}),
    ("channel.fund.account", "action_set_credit_limit"): lambda t, r: ([1000.0], {}),
    ("channel.fund.account", "action_transfer"): lambda t, r: ([t.rebate.id, 1.0], {}),
    ("channel.fund.adjustment", "request"): lambda t, r: ([t.cash.id, 5.0, "盘点差异"], {}),
    ("channel.fund.entry", "create"): lambda t, r: ([{}], {}),
    ("channel.fund.statement", "create"): lambda t, r: ([{"account_id": t.cash.id}], {}),
    ("channel.fund.statement", "write"): lambda t, r: ([{"account_id": t.cash.id}], {}),
    ("channel.fund.entry", "write"): lambda t, r: ([{"description": "x"}], {}),
    ("channel.import", "create"): lambda t, r: ([{}], {}),
    ("channel.import", "write"): lambda t, r: ([{}], {}),
    ("channel.member", "create"): lambda t, r: ([{}], {}),
    ("channel.member", "write"): lambda t, r: ([{}], {}),
    ("channel.member", "onboard_distributors"): lambda t, r: ([[]], {}),
    ("channel.member", "onboard_stores"): lambda t, r: ([[]], {}),
    ("channel.promotion.claim", "file_claim"): lambda t, r: ([0, []], {}),
    ("channel.rebate.watchlist", "create"): lambda t, r: ([{}], {}),
    ("channel.report.overview", "get_action"): lambda t, r: (["funds"], {}),
    ("channel.sellout.report", "submit"): lambda t, r: ([t.store_hz.code, "2026-11-16", []], {}),
    ("loyalty.program", "default_get"): lambda t, r: ([["name", "program_type"]], {}),
    ("loyalty.program", "create"): lambda t, r: ([{"name": "T 走查", "program_type": "promotion"}], {}),
    ("sale.order", "create"): lambda t, r: ([{"partner_id": t.store_hz.partner_id.id}], {}),
    ("sale.order", "write"): lambda t, r: ([{"note": "走查"}], {}),
    ("sale.order", "channel_route_order"): lambda t, r: ([{}], {}),
    ("sale.order.line", "write"): lambda t, r: ([{}], {}),
}

# the walk must reach these with an answer (not a refusal): the calls the
# issue saw fail after their commit, and the other money-moving ones
MUST_ANSWER = {
    ("channel.fund.account", "action_deposit"), ("channel.fund.account", "action_credit_rebate"),
    ("channel.fund.account", "action_debit_rebate"), ("channel.fund.account", "action_set_credit_limit"),
    ("channel.fund.account", "action_transfer"), ("channel.fund.entry", "action_reverse"),
    ("channel.fund.adjustment", "request"), ("channel.fund.adjustment", "action_approve"),
    ("channel.rebate.run", "action_compute"), ("channel.rebate.run", "action_request_approval"),
    ("channel.rebate.run", "action_approve"), ("channel.rebate.run", "action_post"),
    ("channel.promotion.claim", "action_submit"), ("channel.promotion.claim", "action_approve"),
    ("channel.diversion.case", "action_confirm"), ("channel.diversion.case", "action_penalise"),
    ("channel.fund.statement", "action_print"), ("channel.report.overview", "get_overview"),
}

# model or (model, method) -> f(test): the record to call the method on, in
# the state where it acts; default: the latest record the caller can read
RECORDS = {
    "channel.fund.account": lambda t: t.rebate,
    ("channel.fund.account", "action_deposit"): lambda t: t.cash,
    ("channel.fund.account", "action_deposit_payment"): lambda t: t.cash,
    ("channel.fund.account", "action_transfer"): lambda t: t.cash,
    ("channel.fund.account", "action_set_credit_limit"): lambda t: t.credit,
    "channel.fund.entry": lambda t: t.deposit,
    "channel.fund.adjustment": lambda t: t.env["channel.fund.adjustment"].sudo().create({
        "account_id": t.cash.id, "amount": 5.0, "reason": "盘点差异", "requested_by_id": t.requester.id}),
    "channel.rebate.run": _rebate_run,
    ("channel.rebate.run", "action_approve"): lambda t: _rebate_run(t, "to_approve"),
    ("channel.rebate.run", "action_post"): lambda t: _rebate_run(t, "approved"),
    "channel.rebate.run.line": lambda t: _rebate_run(t).line_ids[:1],
    "channel.rebate.watchlist": lambda t: t.env["channel.rebate.watchlist"].create({"policy_id": t.policy.id}),
    "channel.fund.operation": lambda t: t.env["channel.fund.operation"].create({
        "account_id": t.cash.id, "operation": "deposit", "amount": 10.0}),
    "channel.fund.statement": lambda t: t.env["channel.fund.statement"].create({"account_id": t.cash.id}),
    "channel.api.binding": lambda t: t.env["channel.api.binding"].create({
        "kind": "member", "ref": "T-WALK", "res_model": "channel.member", "res_id": t.store_hz.id}),
    "sale.order": lambda t: t.order,
    "sale.order.line": lambda t: t.order.order_line[:1],
    "channel.diversion.case": lambda t: _case(t),
    ("channel.diversion.case", "action_open_penalty"): lambda t: _case(t, "confirmed"),
    ("channel.diversion.case", "action_penalise"): lambda t: _case(t, "confirmed"),
    "channel.diversion.penalty": lambda t: t.env["channel.diversion.penalty"].create({
        "case_id": _case(t, "confirmed").id, "amount": 5.0}),
    "channel.import": lambda t: t.env["channel.import"].create({"kind": "order"}),
    "channel.onboard.distributor": lambda t: t.env["channel.onboard.distributor"].create({
        "name": "T-WALK 商贸", "code": "T-WALK", "email": "t.walk@example.com", "login": "t.walk",
        "level_id": t.env.ref("channel_base.channel_level_1").id}),
    "channel.onboard.store": lambda t: t.env["channel.onboard.store"].create({
        "name": "T-WALK-S 文具店", "code": "T-WALK-S", "email": "t.walk.s@example.com", "login": "t.walk.s",
        "upstream_id": t.hz.id}),
    "channel.order.reject": lambda t: t.env["channel.order.reject"].create({
        "order_ids": [Command.set(t.order.ids)], "reason": "走查"}),
    # a distributor submits its own claim, as its manager
    "channel.promotion.claim": lambda t: (_claim(t, "draft"), t.east_manager),
    ("channel.promotion.claim", "action_approve"): lambda t: _claim(t, "submitted"),
    ("channel.promotion.claim", "action_settle"): lambda t: _claim(t, "approved"),
    # a distributor's own screens, as its manager
    "channel.replenish.wizard": lambda t: (
        t.env["channel.replenish.wizard"].with_user(t.hz_manager).create({"member_id": t.hz.id}), t.hz_manager),
}


def _case(test, state="open"):
    case = test.env["channel.diversion.case"].sudo().create({"kind": "territory", "distributor_id": test.east.id})
    if state != "open":
        case.write({"state": state})
    return case


def _claim(test, state):
    program = test.env["loyalty.program"].create({"name": "T 走查促销", "program_type": "promotion"})
    return test.env["channel.promotion.claim"].sudo().create({
        "program_id": program.id, "member_id": test.east.id, "company_id": test.east.tenant_company_id.id,
        "issuer_company_id": test.brand.tenant_company_id.id, "state": state,
    })


@tagged("post_install", "-at_install", "channel_marshalling")
class TestEveryPublicMethodMarshals(ChannelNetworkMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_channel_network()
        cls.admin = cls.env.ref("base.user_admin")
        brand_company = cls.brand.tenant_company_id
        # a second brand manager and accountant: what one asks for, the other approves
        cls.requester = new_test_user(
            cls.env, "t.walk.requester", company_id=brand_company.id,
            groups="base.group_user,account.group_account_manager,channel_base.group_channel_brand_manager",
        )
        # the accounts of a level-1 distributor, kept by the brand
        Account = cls.env["channel.fund.account"]
        cls.cash = Account._get_or_create(cls.east, "cash")
        cls.rebate = Account._get_or_create(cls.east, "rebate")
        cls.credit = Account._get_or_create(cls.east, "credit")
        brand_company.channel_fund_transfer_policy = "cash_to_rebate"
        cls.cash.sudo().action_deposit(100.0)
        cls.deposit = cls.cash.entry_ids[:1]
        cls.pen = cls.env["product.product"].create({"name": "T 走查笔", "list_price": 1.0})
        cls.policy = cls.env["channel.rebate.policy"].create({
            "name": "T 走查返利", "company_id": brand_company.id, "period": "quarter",
            "level_ids": [Command.set(cls.env.ref("channel_base.channel_level_1").ids)],
            "date_from": "2026-10-01", "date_to": "2026-12-31",
            "tier_ids": [Command.create({"threshold_from": 0, "rate": 2})],
        })
        invoice = cls.env["account.move"].with_company(brand_company).create({
            "move_type": "out_invoice", "partner_id": cls.east.partner_id.id, "invoice_date": "2026-11-10",
            "invoice_line_ids": [Command.create({
                "product_id": cls.pen.id, "quantity": 1000, "price_unit": 10.0, "tax_ids": [Command.clear()],
            })],
        })
        invoice.action_post()
        cls.order = cls.env["sale.order"].with_company(brand_company).create({
            "partner_id": cls.east.partner_id.id, "company_id": brand_company.id,
            "order_line": [Command.create({"product_id": cls.pen.id, "product_uom_qty": 2})],
        })

    def _public_methods(self):
        """(model, name, function) of every public method a channel addon
        defines or overrides."""
        for model_name in sorted(self.env.registry):
            cls = self.env.registry[model_name]
            seen = set()
            for klass in cls.__mro__:
                if not (getattr(klass, "__module__", "") or "").startswith("odoo.addons.channel_"):
                    continue
                for name, function in vars(klass).items():
                    if name.startswith("_") or name in seen or name in SKIP or not inspect.isfunction(function):
                        continue
                    seen.add(name)
                    yield model_name, name, getattr(cls, name)

    @staticmethod
    def _required(function):
        parameters = list(inspect.signature(function).parameters.values())[1:]
        return [p.name for p in parameters if p.default is p.empty
                and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]

    def _call(self, env, model_name, name, ids, args, kwargs, record_call):
        """Call as ``execute_kw`` does, in a savepoint always rolled back;
        returns a problem in words, or None."""
        model = env[model_name]
        call_args = list(args) if getattr(getattr(model, name), "_api", None) else [ids, *args]
        problem = None
        savepoint = env.cr.savepoint()
        try:
            with mute_logger("odoo.sql_db", "odoo.models.unlink", "odoo.addons.channel_api.models.channel_api"):
                result = api.call_kw(model, name, call_args, {"context": {}, **kwargs})
                env.flush_all()
            if record_call:
                self.answered.add((model_name, name))
        except (UserError, IntegrityError):  # pylint: disable=except-pass
            # a Fault that commits nothing (the server answers an integrity
            # error as a ValidationError)
            pass
        except Exception as error:  # noqa: BLE001 - every other outcome is reported
            if record_call:
                problem = f"raised {error!r} (give it a record or arguments it accepts in RECORDS/ARGS)"
        else:
            if result is None:
                problem = "returned None"
            else:
                try:
                    OdooMarshaller(allow_none=False).dumps((result,))
                except (TypeError, xmlrpc.client.Fault, OverflowError) as error:
                    problem = f"answer does not marshal over XML-RPC: {error} ({result!r:.80})"
        finally:
            savepoint.close(rollback=True)
            env.invalidate_all()
            env.registry.clear_cache()
        return problem

    @mute_logger("odoo.models", "odoo.addons.channel_rebate", "odoo.addons.channel_account")
    def test_every_public_method_answers_over_xmlrpc(self):
        env = self.env(user=self.admin)
        problems = []
        self.answered = set()
        walked = 0
        for model_name, name, function in self._public_methods():
            walked += 1
            api_kind = getattr(function, "_api", None)
            factory = ARGS.get((model_name, name))
            if factory is None and self._required(function):
                problems.append(f"{model_name}.{name}: required arguments {self._required(function)} "
                                "and no entry in ARGS")
                continue
            if api_kind:
                args, kwargs = factory(self, None) if factory else ([], {})
                problem = self._call(env, model_name, name, None, args, kwargs, record_call=True)
                if problem:
                    problems.append(f"{model_name}.{name}: {problem}")
                continue
            # an empty recordset, as a client may send
            args, kwargs = factory(self, env[model_name]) if factory else ([], {})
            problem = self._call(env, model_name, name, [], args, kwargs, record_call=False)
            if problem:
                problems.append(f"{model_name}.{name}([]): {problem}")
            # a representative record, made in a savepoint of its own too
            savepoint = env.cr.savepoint()
            try:
                make = RECORDS.get((model_name, name)) or RECORDS.get(model_name)
                caller = env
                try:
                    with mute_logger("odoo.sql_db"):
                        record = make(self) if make else env[model_name].search([], limit=1, order="id desc")
                        env.flush_all()
                    if isinstance(record, tuple):
                        record, user = record
                        caller = env(user=user)
                    record = record.with_env(caller)
                except Exception as error:  # noqa: BLE001 - reported
                    problems.append(f"{model_name}.{name}: its record could not be made: {error!r}")
                    continue
                if not record:
                    record = env[model_name].sudo().search([], limit=1, order="id desc").with_env(caller)
                if not record:
                    problems.append(f"{model_name}.{name}: no record to call it on (add one to RECORDS)")
                    continue
                args, kwargs = factory(self, record) if factory else ([], {})
                problem = self._call(caller, model_name, name, record.ids, args, kwargs, record_call=True)
                if problem:
                    problems.append(f"{model_name}.{name}({record._name},{record.ids}): {problem}")
            finally:
                savepoint.close(rollback=True)
                env.invalidate_all()
        self.assertGreater(walked, 50, "the walk found the suite's methods")
        problems += [f"{model}.{name}: refused on its representative record (fix RECORDS/ARGS)"
                     for model, name in sorted(MUST_ANSWER - self.answered)]
        if problems:
            self.fail("\n".join(["methods that do not answer over XML-RPC:", *problems]))
