from . import test_inter_company_tax_bases
