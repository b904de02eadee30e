"""Shared by the integration API's end-to-end test and benchmark: the ERP's
own user, made in a committed transaction, with an API key."""
import xmlrpc.client

from test_e2e_onboarding_xmlrpc import Rpc


def erp_user(registry, login):
    """Create the integration user ``login`` (the channel API group only) and
    return its API key, which XML-RPC takes in place of the password."""
    import odoo
    from odoo import Command

    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        user = env["res.users"].with_context(no_reset_password=True).create({
            "name": f"ERP {login}", "login": login,
            "groups_id": [Command.set([env.ref("base.group_user").id, env.ref("channel_api.group_channel_api").id])],
        })
        # sudo: a key without expiry, as an integration needs
        return env["res.users.apikeys"].with_user(user).sudo()._generate(None, "Brand ERP", None)


def erp_rpc(server, db, registry, login):
    return Rpc(server, db, login, erp_user(registry, login))


def fault(call, *args):
    """The message of the XML-RPC fault a call raises (None if it succeeds)."""
    try:
        call(*args)
    except xmlrpc.client.Fault as error:
        return error.faultString
    return None
