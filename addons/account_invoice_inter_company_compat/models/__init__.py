from . import account_tax
