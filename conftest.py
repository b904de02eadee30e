# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""``pytest addons/<addon>`` runs that addon's Odoo tests through pytest-odoo
against a kept database (CHANNEL_TEST_DB): see tests/odoo_pytest.py."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "tests"))

pytest_plugins = ["odoo_pytest"]
