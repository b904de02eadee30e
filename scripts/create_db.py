"""Create an Odoo database the way the database manager does, so the main
company gets a country (China: the brand books in CNY on the Chinese chart of
accounts) and a language. Usage: create_db.py NAME [--demo] [--lang zh_CN]
(Odoo's options come from the environment set by scripts/common.sh).
"""
import argparse
import os

import odoo
from odoo.service import db
from odoo.tools import config

parser = argparse.ArgumentParser()
parser.add_argument("name")
parser.add_argument("--demo", action="store_true")
parser.add_argument("--lang", default="en_US")
parser.add_argument("--country", default="CN")
args = parser.parse_args()

config.parse_config([
    "--addons-path", os.environ["ADDONS_PATH"],
    "--db_host", os.environ["PGHOST"],
    "--db_port", os.environ["PGPORT"],
    "--db_user", os.environ["PGUSER"],
    "--log-level", "warn",
])
odoo.netsvc.init_logger()
db.exp_create_database(args.name, args.demo, args.lang, "admin", "admin", args.country)
