# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).


def post_init_hook(env):
    """Make every tenant already in the network (the brand, distributors
    onboarded before this addon) an inter-company seller and buyer, and count
    every buyer's open orders and receivables against its credit."""
    Member = env["channel.member"]
    Member.search([("tenant_company_id", "!=", False)])._configure_intercompany()
    Member.search([("supplier_company_id", "!=", False)])._configure_credit()
