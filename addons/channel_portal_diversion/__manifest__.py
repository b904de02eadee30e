# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Channel Store Portal: Code Scans",
    "summary": "A store scans a product code on its portal and is told at once whether the "
    "goods were diverted",
    "version": "18.0.1.0.0",
    "category": "Sales/Channel",
    "license": "AGPL-3",
    "author": "Channel Suite",
    "depends": ["channel_portal", "channel_diversion"],
    "data": [
        "views/portal_templates.xml",
    ],
    "assets": {
        "web.assets_tests": ["channel_portal_diversion/static/tests/tours/*.js"],
    },
    "auto_install": True,
    "installable": True,
}
