"""Concurrent settlements of one rebate policy, and of one promotion claim,
against the real PostgreSQL.

Two approved runs of the same policy (or one approved claim) are settled at the
same moment from separate transactions (threads, each with its own cursor, as
Odoo's workers do), through Odoo's own retry of serialisation failures.
Whatever the interleaving, the member is paid what it earned exactly once —
by credit note or into its rebate fund — and the other settlement pays nothing
more (or is refused). The data is committed (the test database is dropped by
the test command); names carry a run suffix.
"""
import threading
import time

import pytest
from psycopg2 import OperationalError

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.service.model import retrying

SALES = 10000.0
EARNED = 200.0  # 2 % of the sales
ROUNDS = 3


def _setup(registry, payout, approve=True):
    """A policy of the dealer HD-HZ on a product of its own for its store
    S-HZ-001, 10,000 invoiced today, and two approved runs of it. (A store, not
    a distributor: a credit note to a tenant is mirrored as its vendor bill
    with the invoice's PDF attached, which needs wkhtmltopdf.)"""
    suffix = str(int(time.time() * 1000))[-8:]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        member = env["channel.member"].search([("code", "=", "S-HZ-001")])
        issuer = member.supplier_company_id
        product = env["product.product"].create({"name": f"并发返利商品 {suffix}", "list_price": 1.0})
        invoice = env["account.move"].with_company(issuer).create({
            "move_type": "out_invoice", "partner_id": member.partner_id.id,
            "invoice_line_ids": [Command.create({
                "product_id": product.id, "quantity": SALES, "price_unit": 1.0, "tax_ids": [Command.clear()],
            })],
        })
        invoice.action_post()
        today = fields.Date.context_today(invoice)
        policy = env["channel.rebate.policy"].create({
            "name": f"并发返利 {payout} {suffix}", "company_id": issuer.id, "period": "custom",
            "date_from": today, "date_to": today, "member_ids": [Command.set(member.ids)],
            "product_ids": [Command.set(product.ids)], "payout": payout,
            "tier_ids": [Command.create({"threshold_from": 0, "rate": 2})],
        })
        runs = env["channel.rebate.run"].create([{"policy_id": policy.id, "date_to": today}] * 2)
        for run in runs:
            run.action_compute()
            if approve:
                run.action_request_approval()
                run.action_approve()
        assert runs.mapped("total_to_settle") == [EARNED, EARNED]
        cr.commit()
        return policy.id, member.id, runs.ids


def _settle_concurrently(registry, model, ids, method):
    """Call ``method`` on each record of ``ids`` at once (a record may come
    twice), one transaction each. Returns ({worker: "done" | "refused"
    (UserError) | "conflict"}, {worker: the refusal's message})."""
    barrier = threading.Barrier(len(ids))
    outcomes, messages = {}, {}

    def worker(index, record_id):
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            barrier.wait()
            try:
                retrying(lambda: getattr(env[model].browse(record_id), method)(), env)
                outcomes[index] = "done"
            except UserError as error:
                cr.rollback()
                outcomes[index] = "refused"
                messages[index] = str(error)
            except OperationalError:
                cr.rollback()
                outcomes[index] = "conflict"

    threads = [threading.Thread(target=worker, args=args) for args in enumerate(ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert len(outcomes) == len(ids), "every worker finished"
    return outcomes, messages


@pytest.mark.parametrize("payout", ["credit_note", "fund"])
def test_two_runs_settled_at_once_pay_the_rebate_once(registry, payout):
    for __ in range(ROUNDS):
        policy_id, member_id, run_ids = _setup(registry, payout)
        outcomes, messages = _settle_concurrently(registry, "channel.rebate.run", run_ids, "action_post")
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            runs = env["channel.rebate.run"].browse(run_ids)
            lines = runs.line_ids
            assert set(outcomes.values()) == {"done"}, messages
            assert runs.mapped("state") == ["posted", "posted"]
            # one run paid the 200 earned, the other found it settled and paid nothing
            assert sorted(lines.mapped("to_settle")) == [0.0, EARNED], lines.read(["to_settle", "settled_before"])
            if payout == "credit_note":
                notes = env["account.move"].search([("invoice_origin", "in", runs.mapped("name"))])
                assert len(notes) == 1, notes.read(["name", "move_type", "amount_total"])
                assert notes.move_type == "out_refund" and notes.amount_total == EARNED
            else:
                member = env["channel.member"].browse(member_id)
                fund = env["channel.fund.account"]._get_or_create(member, "rebate")
                entries = env["channel.fund.entry"].search([
                    ("account_id", "=", fund.id),
                    ("source_ref", "in", [f"channel.rebate.run.line,{line.id}" for line in lines]),
                ])
                assert entries.mapped("amount") == [EARNED], entries.read(["amount"])



def _approved_claim(registry):
    """An approved claim of the level-1 distributor HD on the brand's share of
    a brand promotion (the demo's 华东门店满减), 50.00, settled into its rebate
    fund. Built directly (order, usage, claim) to test the settlement alone."""
    suffix = str(int(time.time() * 1000))[-8:]
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        member = env["channel.member"].search([("code", "=", "HD")])
        brand = member.supplier_company_id
        program = env["loyalty.program"].search([("channel_publisher_id.role", "=", "brand")], limit=1)
        product = env["product.product"].create({"name": f"并发核销商品 {suffix}", "list_price": 1.0})
        order = env["sale.order"].with_company(member.tenant_company_id).create({
            "partner_id": member.tenant_company_id.partner_id.id,
            "order_line": [Command.create({"product_id": product.id, "product_uom_qty": 1, "price_unit": 1.0})],
        })
        claim = env["channel.promotion.claim"].create({
            "name": f"并发核销 {suffix}", "program_id": program.id, "member_id": member.id,
            "company_id": member.tenant_company_id.id, "issuer_company_id": brand.id, "settlement": "fund",
            "state": "approved",
        })
        env["channel.promotion.usage"].create({
            "program_id": program.id, "order_id": order.id, "seller_member_id": member.id,
            "amount": 100.0, "brand_share_amount": 50.0, "claim_id": claim.id, "state": "active",
        })
        assert claim.amount == 50.0
        env["channel.fund.account"]._get_or_create(member, "rebate")  # the fund exists: its creation is not the race
        cr.commit()
        return claim.id, member.id


def test_one_claim_settled_twice_at_once_pays_once(registry):
    for __ in range(ROUNDS):
        claim_id, member_id = _approved_claim(registry)
        outcomes, messages = _settle_concurrently(registry, "channel.promotion.claim", [claim_id, claim_id],
                                                  "action_settle")
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            claim = env["channel.promotion.claim"].browse(claim_id)
            assert claim.state == "settled"
            assert sorted(outcomes.values()) == ["done", "refused"], (outcomes, messages)
            assert "settled" in next(iter(messages.values())).lower()
            entries = env["channel.fund.entry"].search([("source_ref", "=", f"channel.promotion.claim,{claim_id}")])
            assert entries.mapped("amount") == [50.0]
            # both sides booked once: the brand's entry and the distributor's
            moves = env["account.move"].search([("ref", "=", claim.fund_entry_id.description)])
            assert sorted(moves.company_id.ids) == sorted((claim.issuer_company_id | claim.company_id).ids)
            assert len(moves) == 2


def test_two_runs_accrued_at_once_leave_one_accrual_standing(registry):
    """An accrual replaces the policy's accruals standing: two accrued at once
    must not both stand (the expense would be booked twice)."""
    for __ in range(ROUNDS):
        policy_id, __member, run_ids = _setup(registry, "fund", approve=False)
        outcomes, messages = _settle_concurrently(registry, "channel.rebate.run", run_ids, "action_accrue")
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            runs = env["channel.rebate.run"].browse(run_ids)
            assert set(outcomes.values()) == {"done"}, messages
            assert all(runs.mapped("accrual_move_id"))
            standing = runs.filtered(lambda run: not run.accrual_move_id.reversal_move_ids)
            assert len(standing) == 1, "one accrual stands, the other was replaced"
            moves = runs.accrual_move_id | runs.accrual_move_id.reversal_move_ids
            accrued = runs.company_id._channel_fund_gl_account("rebate_accrued")
            lines = moves.line_ids.filtered(lambda line: line.account_id == accrued)
            assert round(sum(lines.mapped("balance")), 2) == -EARNED, "200 accrued, not 400"
