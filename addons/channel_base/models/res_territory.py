# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResTerritory(models.Model):
    """OCA ``base_territory`` territories, with what the channel needs: a code the
    ERP can reference, the provinces a state-type territory covers, and who is
    authorised on it."""

    _inherit = "res.territory"

    code = fields.Char(index=True)
    state_ids = fields.Many2many(
        "res.country.state",
        "res_territory_country_state_rel",
        "territory_id",
        "state_id",
        string="Provinces / States",
    )
    authorization_ids = fields.One2many(
        "channel.territory.authorization", "territory_id", string="Authorisations"
    )
    member_ids = fields.One2many("channel.member", "territory_id", string="Members Located Here")

    _sql_constraints = [
        ("code_unique", "UNIQUE(code)", "Another territory already uses this code."),
    ]

    @api.model
    def _find_for_address(self, state=None, zip_code=None, country=None):
        """The territory covering an address: by zip, then province, then country."""
        if zip_code:
            for territory in self.search([("type", "=", "zip"), ("zip_codes", "!=", False)]):
                prefixes = [z.strip() for z in territory.zip_codes.split(",") if z.strip()]
                if any(zip_code.startswith(prefix) for prefix in prefixes):
                    return territory
        if state:
            territory = self.search([("type", "=", "state"), ("state_ids", "in", state.ids)], limit=1)
            if territory:
                return territory
        if country:
            return self.search([("type", "=", "country"), ("country_ids", "in", country.ids)], limit=1)
        return self.browse()
