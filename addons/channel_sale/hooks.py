# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


def post_init_hook(env):
    """Make every tenant already in the network (the brand, distributors
    onboarded before this addon) an inter-company seller and buyer."""
    env["channel.member"].search([("tenant_company_id", "!=", False)])._configure_intercompany()
