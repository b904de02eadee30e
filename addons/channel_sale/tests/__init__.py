from . import test_intercompany_chain
