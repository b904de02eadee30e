# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user

PASSWORD = "channel-test-pw"


class ChannelNetworkMixin:
    """A small network of its own (codes prefixed T-, so it never meets the demo):

        brand
        ├── T-EAST   level 1, authorised on T-ZJ, T-JS
        │   └── T-HZ level 2, authorised on T-ZJ
        │       └── T-S-HZ  store in T-ZJ
        └── T-SOUTH  level 1, authorised on T-GD
            └── T-S-GD      store in T-GD
    """

    @classmethod
    def setup_channel_network(cls):
        env = cls.env
        cls.Member = env["channel.member"]
        cls.brand = cls.Member._brand_member()
        Territory = env["res.territory"]
        cls.t_zj, cls.t_js, cls.t_gd = Territory.create([
            {"name": "T 浙江", "code": "T-ZJ", "type": "state"},
            {"name": "T 江苏", "code": "T-JS", "type": "state"},
            {"name": "T 广东", "code": "T-GD", "type": "state"},
        ])
        cls.tag_school = env["channel.member.tag"].create({"name": "T 校边店"})
        cls.brand_manager = new_test_user(
            env, "t.brand.manager", password=PASSWORD,
            groups="base.group_user,channel_base.group_channel_brand_manager,sales_team.group_sale_manager",
        )
        cls.brand_user = new_test_user(
            env, "t.brand.user", password=PASSWORD, groups="base.group_user,channel_base.group_channel_brand_user"
        )
        Onboard = cls.Member.with_user(cls.brand_manager)
        east_id, south_id = Onboard.onboard_distributors([
            cls.distributor_vals("T-EAST", "t.east", territory_codes=["T-ZJ", "T-JS"], credit_grade="A"),
            cls.distributor_vals("T-SOUTH", "t.south", territory_codes=["T-GD"]),
        ])
        [hz_id] = Onboard.onboard_distributors([
            cls.distributor_vals("T-HZ", "t.hz", upstream_code="T-EAST", territory_codes=["T-ZJ"]),
        ])
        store_hz_id, store_gd_id = Onboard.onboard_stores([
            cls.store_vals("T-S-HZ", "t.store.hz", "T-HZ", "T-ZJ"),
            cls.store_vals("T-S-GD", "t.store.gd", "T-SOUTH", "T-GD"),
        ])
        cls.east, cls.south, cls.hz, cls.store_hz, cls.store_gd = cls.Member.browse(
            [east_id, south_id, hz_id, store_hz_id, store_gd_id]
        )
        Users = env["res.users"]
        cls.east_manager = Users.search([("login", "=", "t.east")])
        cls.south_manager = Users.search([("login", "=", "t.south")])
        cls.hz_manager = Users.search([("login", "=", "t.hz")])
        cls.store_hz_user = Users.search([("login", "=", "t.store.hz")])
        cls.store_gd_user = Users.search([("login", "=", "t.store.gd")])
        cls.east_clerk = new_test_user(
            env, "t.east.clerk", password=PASSWORD, groups="base.group_user,channel_base.group_channel_distributor_user",
            company_id=cls.east.tenant_company_id.id, company_ids=[Command.set(cls.east.tenant_company_id.ids)],
        )

    @staticmethod
    def distributor_vals(code, login, **extra):
        return dict(
            {
                "name": f"{code} 商贸有限公司", "code": code, "login": login, "password": PASSWORD, "state_code": "浙",
                "email": f"{login}@example.com",
            },
            **extra,
        )

    @staticmethod
    def store_vals(code, login, upstream_code, territory_code, **extra):
        return dict(
            {
                "name": f"{code} 文具店",
                "code": code,
                "login": login,
                "password": PASSWORD,
                "upstream_code": upstream_code,
                "territory_code": territory_code,
                "tag_names": ["T 校边店"],
            },
            **extra,
        )
