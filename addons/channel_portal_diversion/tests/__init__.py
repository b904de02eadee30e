from . import test_portal_scan
