"""Python rules, one family a module; importing a module registers its rules."""
