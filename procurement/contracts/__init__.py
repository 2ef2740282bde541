"""The contract of a case and the supplier's obligations under its clauses (issue 18, item 5)."""
