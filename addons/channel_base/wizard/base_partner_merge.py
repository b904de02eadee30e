# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import _, api, models
from odoo.exceptions import UserError


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = "base.partner.merge.automatic.wizard"

    @api.model
    def _update_foreign_keys(self, src_partners, dst_partner):
        """Odoo's merge re-points every reference to the merged contacts in SQL
        and deletes rows it cannot re-point: refuse it before, in words, when a
        merged-away contact carries the channel (see ``_channel_check_merge``)."""
        self._channel_check_merge(src_partners, dst_partner)
        return super()._update_foreign_keys(src_partners, dst_partner)

    @api.model
    def _channel_check_merge(self, src_partners, dst_partner):
        """A channel member is its contact: merging that contact into another would
        silently move the member, its orders' buyer and its ledgers to someone
        else. Duplicates may be merged into it; it is never merged away."""
        members = self.env["channel.member"].sudo().with_context(active_test=False).search(
            [("partner_id", "in", src_partners.ids)], limit=1
        )
        if members:
            raise UserError(_(
                "%(contact)s is the channel member %(member)s: merge the other contacts into it, "
                "never it into another contact.",
                contact=members.partner_id.display_name, member=members.display_name,
            ))
        return True
