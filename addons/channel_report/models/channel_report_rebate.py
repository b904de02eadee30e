# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.channel_rebate.models.channel_rebate_run import RUN_STATES


class ChannelReportRebate(models.Model):
    """The rebates each member has earned under each policy, by the policy's
    latest run: earned to date, already settled (the policy's settled runs),
    outstanding (earned and not yet paid: the issuer's liability) and the
    part of it booked as an accrual in the issuer's books (the policy's
    accrual still standing). One row per policy and member."""

    _name = "channel.report.rebate"
    _description = "Rebate Liabilities"
    _auto = False
    _order = "outstanding desc, id"
    _rec_name = "member_id"
    _depends = {
        "channel.rebate.run": ["policy_id", "date_to", "state", "accrual_move_id", "company_id"],
        "channel.rebate.run.line": ["run_id", "member_id", "base_amount", "attainment", "rate", "earned", "to_settle"],
        "channel.rebate.policy": ["active", "company_id", "date_from", "date_to"],
        "account.move": ["reversed_entry_id", "state"],
        "channel.member": ["level_id", "region_id", "upstream_id"],
    }

    policy_id = fields.Many2one("channel.rebate.policy", string="Policy", readonly=True)
    run_id = fields.Many2one("channel.rebate.run", string="Latest Run", readonly=True)
    run_state = fields.Selection(RUN_STATES, string="Run Status", readonly=True)
    date_to = fields.Date(string="Earned up To", readonly=True)
    company_id = fields.Many2one("res.company", string="Issuer", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    member_id = fields.Many2one("channel.member", string="Member", readonly=True)
    level_id = fields.Many2one("channel.level", string="Level", readonly=True)
    region_id = fields.Many2one("res.region", string="Region", readonly=True)
    base_amount = fields.Monetary(string="Base Amount", readonly=True)
    attainment = fields.Float(string="Target Reached (%)", digits=(16, 2), readonly=True, aggregator="avg")
    rate = fields.Float(string="Rate of the Tier Reached", digits=(16, 4), readonly=True, aggregator="avg")
    earned = fields.Monetary(string="Earned to Date", readonly=True)
    settled = fields.Monetary(string="Settled", readonly=True)
    outstanding = fields.Monetary(string="Outstanding", readonly=True, help="Earned and not yet settled.")
    accrued = fields.Monetary(string="Accrued", readonly=True,
                              help="Booked as an expense against accrued rebates, awaiting the settlement.")

    @property
    def _table_query(self):
        return """
            WITH latest AS (
                SELECT DISTINCT ON (run.policy_id) run.id, run.policy_id, run.date_to, run.state
                  FROM channel_rebate_run run
                  JOIN channel_rebate_policy policy ON policy.id = run.policy_id AND policy.active
                 WHERE EXISTS (SELECT 1 FROM channel_rebate_run_line l WHERE l.run_id = run.id)
                 ORDER BY run.policy_id, run.date_to DESC, run.id DESC
            ),
            settled AS (
                SELECT run.policy_id, l.member_id, SUM(l.to_settle) AS amount
                  FROM channel_rebate_run_line l
                  JOIN channel_rebate_run run ON run.id = l.run_id AND run.state = 'posted'
                 GROUP BY run.policy_id, l.member_id
            ),
            accrued AS (
                SELECT run.policy_id, l.member_id, SUM(l.to_settle) AS amount
                  FROM channel_rebate_run_line l
                  JOIN channel_rebate_run run ON run.id = l.run_id
                  JOIN account_move accrual ON accrual.id = run.accrual_move_id AND accrual.state = 'posted'
                 WHERE NOT EXISTS (SELECT 1 FROM account_move rev WHERE rev.reversed_entry_id = accrual.id)
                 GROUP BY run.policy_id, l.member_id
            )
            SELECT l.id, latest.policy_id, latest.id AS run_id, latest.state AS run_state, latest.date_to,
                   policy.company_id, company.currency_id, l.member_id, m.level_id, m.region_id,
                   l.base_amount, l.attainment, l.rate, l.earned,
                   COALESCE(settled.amount, 0.0) AS settled,
                   l.earned - COALESCE(settled.amount, 0.0) AS outstanding,
                   COALESCE(accrued.amount, 0.0) AS accrued
              FROM latest
              JOIN channel_rebate_run_line l ON l.run_id = latest.id
              JOIN channel_rebate_policy policy ON policy.id = latest.policy_id
              JOIN res_company company ON company.id = policy.company_id
              JOIN channel_member m ON m.id = l.member_id
              LEFT JOIN settled ON settled.policy_id = latest.policy_id AND settled.member_id = l.member_id
              LEFT JOIN accrued ON accrued.policy_id = latest.policy_id AND accrued.member_id = l.member_id
        """
